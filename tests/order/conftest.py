"""Generation in-process, without black: the order tier compares what `render_package` gives.

`upgrade` is about to change from "rewrites the spec in place, returns warnings" to
"returns (new spec, warnings)"; `_upgraded` accepts both, so these tests outlive the change.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.config import load_config
from generator.ir import build
from generator.load import Spec, load
from generator.load.upgrade import upgrade
from generator.render import render_package

Generate = Callable[..., dict[str, str]]


def _upgraded(spec: Spec) -> Spec:
    result: Any = upgrade(spec)
    if not isinstance(result, tuple):  # the old API rewrote `spec` in place
        return spec
    new = result[0]
    return dataclasses.replace(spec, document=new) if isinstance(new, dict) else new


def generate_files(spec_path: Path, config_path: Path | None = None) -> dict[str, str]:
    """The generated files (unformatted) of the spec at `spec_path`, through the real load path."""
    spec = _upgraded(load(spec_path))
    api, _warnings = build(spec, load_config(config_path, spec_path))
    return render_package(api)


@pytest.fixture(scope="session")
def generate(tmp_path_factory: pytest.TempPathFactory) -> Generate:
    """`generate(document, config=None)`: write `document` as JSON (its key order kept) and
    generate it. Session-scoped so hypothesis tests can use it; every call gets its own file."""
    root = tmp_path_factory.mktemp("order-specs")
    counter = itertools.count()

    def _generate(document: dict[str, Any], config: Path | None = None) -> dict[str, str]:
        path = root / f"spec{next(counter)}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return generate_files(path, config)

    return _generate
