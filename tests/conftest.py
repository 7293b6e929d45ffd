"""Shared fixtures: build the IR of a small spec written inline by a test."""

from __future__ import annotations

import json
from collections.abc import Callable
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


@pytest.fixture
def build_api(tmp_path: Path) -> Callable[..., tuple[Api, list[Diagnostic]]]:
    def _build(document: dict[str, Any], config: Config | None = None) -> tuple[Api, list[Diagnostic]]:
        path = tmp_path / "spec.json"
        path.write_text(json.dumps(document))
        return build(load(path), config or Config())

    return _build
