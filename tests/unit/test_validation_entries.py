"""Validation re-checks with jsonschema only the entries jsonschema-rs finds errors in
(`fast_verdicts.only_failing`): the errors must be those of the whole document, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.load import load
from generator.validate import check, fast_verdicts


def _spec() -> dict[str, object]:
    ok = {"get": {"responses": {"200": {"description": "ok"}}}}
    paths: dict[str, object] = {f"/good{i}": ok for i in range(30)}
    paths["/bad"] = {"get": {"responses": {"4xx": {"description": "range"}}}}
    paths["/worse"] = {"post": {"parameters": [{"name": "x", "in": "nowhere"}], "responses": {}}}
    schemas: dict[str, object] = {f"S{i}": {"type": "string"} for i in range(30)}
    schemas["Broken"] = {"type": "object", "properties": {"a": {"type": 5}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas, "responses": {"R": {"content": {}}}},
        "x-extra": {"kept": True},
    }


def test_the_errors_are_those_of_the_whole_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(_spec(), indent=1), encoding="utf-8")
    spec = load(path, lenient=True)
    pruned = check.validate(spec, lenient=True)
    monkeypatch.setattr(fast_verdicts, "only_failing", lambda document, paths: document)
    whole = check.validate(spec, lenient=True)
    assert pruned == whole
    assert len(whole) >= 3


def test_only_the_entries_with_errors_are_kept() -> None:
    document = _spec()
    pruned = fast_verdicts.only_failing(
        document, [["paths", "/bad", "get", "responses"], ["components", "responses"], ["info"]]
    )
    assert list(pruned) == list(document)
    assert list(pruned["paths"]) == ["/bad"]
    assert pruned["components"] == {"schemas": {}, "responses": document["components"]["responses"]}  # type: ignore[index]
    assert pruned["x-extra"] is document["x-extra"] and len(document["paths"]) == 32  # type: ignore[arg-type]
