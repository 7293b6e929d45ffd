"""Validation says the same with jsonschema-rs as without it (no wheel for the platform).

jsonschema-rs only gives the verdict; every error a user sees, its message and its place,
must be what jsonschema says. Each bad spec of `test_bad_input` and a set of specs that
validate with warnings or with errors the generator tolerates is run both ways.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.load import load
from generator.validate import validate

from .conftest import document, operation, run, write
from .test_bad_input import CASES, Case

jsonschema_rs = pytest.importorskip("jsonschema_rs")

SHARED = Path(__file__).resolve().parents[3] / "shared"

# Invalid in ways the OpenAPI schema catches (so jsonschema-rs says "invalid" and jsonschema
# finds the errors), with --lenient so that every error is printed as a warning and generation goes on.
SCHEMA_ERRORS = {
    "required not a list": document(schemas={"A": {"type": "object", "required": "not-a-list"}}),
    "unknown parameter location": document(
        {"/a": {"get": operation("getA", parameters=[{"name": "q", "in": "body", "schema": {"type": "string"}}])}}
    ),
    "response without description": document({"/a": {"get": {"operationId": "getA", "responses": {"200": {}}}}}),
    "info without title": {**document(), "info": {"version": "1"}},
    "two errors in one schema": document(schemas={"A": {"type": "object", "properties": {"x": {"type": 5, "nullable": "yes"}}}}),
    "swagger 2.0 bad parameter": {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"parameters": [{"name": "x", "in": "nowhere"}], "responses": {"200": {"description": "ok"}}}}},
    },
    # Caught by the check of each schema against its dialect's meta-schema, not by the document's.
    "3.0 pattern that is no regex": document(schemas={"A": {"type": "string", "pattern": "(unclosed"}}),
    "3.1 schema keyword of the wrong type": {
        **document(schemas={"A": {"type": "string", "maxLength": "ten"}}),
        "openapi": "3.1.0",
    },
    "3.1 pattern in another regex dialect": {
        **document(schemas={"A": {"type": "object", "patternProperties": {"^\\p{L}+$": {"type": "string"}}}}),
        "openapi": "3.1.0",
    },
}


def _without_jsonschema_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a platform with no jsonschema-rs wheel: importing it fails."""
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_spec_gets_the_same_errors_with_and_without_jsonschema_rs(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    monkeypatch.chdir(spec_dir)
    spec = case.build(spec_dir)
    fast = run(spec, "-o", tmp_path / "out", *case.args)
    with monkeypatch.context() as patch:
        _without_jsonschema_rs(patch)
        slow = run(spec, "-o", tmp_path / "out", *case.args)
    assert (fast.code, fast.stderr) == (slow.code, slow.stderr)


@pytest.mark.parametrize("name", sorted(SCHEMA_ERRORS))
def test_schema_errors_are_the_same_with_and_without_jsonschema_rs(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write(tmp_path / "spec.yaml", SCHEMA_ERRORS[name])
    fast = run(spec, "-o", tmp_path / "fast", "--lenient")
    with monkeypatch.context() as patch:
        _without_jsonschema_rs(patch)
        slow = run(spec, "-o", tmp_path / "slow", "--lenient")
    assert fast.warnings, fast.stderr  # the schema check did find something
    assert fast.stderr.replace("fast", "OUT") == slow.stderr.replace("slow", "OUT")


@pytest.mark.parametrize(
    "name",
    ["swagger2-oai-petstore-expanded.yaml", "oai-v3.1-webhook-example.yaml", "spotify-fixed-open-api.yml"],
)
def test_corpus_validation_is_the_same_with_and_without_jsonschema_rs(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip(f"{name} not in the shared corpus")
    spec = load(path)
    fast = validate(spec, lenient=True)
    with monkeypatch.context() as patch:
        _without_jsonschema_rs(patch)
        slow = validate(spec, lenient=True)
    assert fast == slow
