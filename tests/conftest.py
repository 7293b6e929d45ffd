"""Shared fixtures: build the IR of a small spec written inline by a test."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.config import Config
from generator.diagnostics import Diagnostic
from generator.ir import build
from generator.ir.types import Api
from generator.load import load

ROOT = Path(__file__).resolve().parent.parent


def spec_document(schemas: dict[str, Any] | None = None, paths: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "Test API", "version": "1.0.0"},
        "paths": paths or {},
        "components": {"schemas": schemas or {}},
    }
    document.update(extra)
    return document


@pytest.fixture(autouse=True, scope="session")
def private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Generator runs in tests (and their subprocesses) never touch the user's cache."""
    home = tmp_path_factory.mktemp("xdg-cache")
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def build_api(tmp_path: Path) -> Callable[..., tuple[Api, list[Diagnostic]]]:
    def _build(document: dict[str, Any], config: Config | None = None) -> tuple[Api, list[Diagnostic]]:
        path = tmp_path / "spec.json"
        path.write_text(json.dumps(document))
        return build(load(path), config or Config())

    return _build
