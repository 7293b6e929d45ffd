"""The load's quick census (`load.census`) changes nothing but time: each spec here loads to the
same document, sources, warnings and errors as with the full walks of normalize, bundle and refs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import GenerationError
from generator.load import census, load, normalize

INFO = {"title": "T", "version": "1"}


def _spec(**extra: Any) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": INFO, "paths": {}, **extra}


def _schemas(**schemas: Any) -> dict[str, Any]:
    return _spec(components={"schemas": schemas})


SPECS = {
    "plain": _schemas(Pet={"type": "object", "properties": {"id": {"type": "integer"}}}),
    "text ref in the root": _spec(
        info={**INFO, "description": {"$ref": "#/x-texts/intro"}}, **{"x-texts": {"intro": "Hello"}}
    ),
    "text ref to an object": _spec(info={**INFO, "description": {"$ref": "#/info"}}),
    "property named description": _schemas(
        A={"type": "object", "properties": {"description": {"$ref": "#/components/schemas/B"}}},
        B={"type": "string"},
    ),
    "schema named properties": _schemas(
        properties={"type": "string", "description": {"$ref": "#/x-texts/t"}}
    )
    | {"x-texts": {"t": "text"}},
    "mapping to a file": _schemas(
        A={"oneOf": [{"$ref": "#/components/schemas/B"}], "discriminator": {"propertyName": "k", "mapping": {"b": "B.yaml"}}},
        B={"type": "object"},
    ),
    "mapping to names": _schemas(
        A={"oneOf": [{"$ref": "#/components/schemas/B"}], "discriminator": {"propertyName": "k", "mapping": {"b": "B"}}},
        B={"type": "object"},
    ),
    "ref to a file": _schemas(A={"$ref": "missing.yaml"}),
    "broken local ref": _schemas(A={"$ref": "#/components/schemas/Nope"}),
    "broken ref in an example": _schemas(A={"type": "object", "example": {"$ref": "#/nowhere"}}),
    "ref loop": _schemas(A={"$ref": "#/components/schemas/B"}, B={"$ref": "#/components/schemas/A"}),
    "long integer": _schemas(A={"type": "integer", "default": 10**4000}),
    "deep": _schemas(A=json.loads('{"a":' * 130 + "1" + "}" * 130)),
}

YAML_SPECS = {
    "int keys": "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n",
    "int keys and a text ref": (
        "openapi: 3.0.3\ninfo: {title: T, version: '1', description: {$ref: '#/x-t'}}\nx-t: hi\n"
        "paths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n"
    ),
    "shared int keys": (
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nx-a: &r {200: {description: ok}}\n"
        "paths:\n  /a:\n    get:\n      responses: *r\n    put:\n      responses: *r\n"
    ),
    "alias in itself": "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: &p\n  /a: *p\n",
    "timestamp": "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx-when: !!timestamp 2001-12-14\n",
}


def _outcome(path: Path, lenient: bool) -> tuple[Any, ...]:
    try:
        spec = load(path, lenient=lenient)
    except GenerationError as exc:
        return ("error", [str(d) for d in exc.diagnostics])
    return (json.dumps(spec.document, sort_keys=False), sorted(map(str, spec.sources)), [str(w) for w in spec.warnings])


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for lenient in (False, True):
        quick = _outcome(path, lenient)
        with monkeypatch.context() as patched:
            patched.setattr(normalize, "take_census", lambda document, budget: None)
            full = _outcome(path, lenient)
        assert quick == full


@pytest.mark.parametrize("name", sorted(SPECS))
def test_json_specs_load_the_same_with_and_without_the_census(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SPECS[name], indent=1), encoding="utf-8")
    _both(path, monkeypatch)


@pytest.mark.parametrize("name", sorted(YAML_SPECS))
def test_yaml_specs_load_the_same_with_and_without_the_census(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(YAML_SPECS[name], encoding="utf-8")
    _both(path, monkeypatch)


def test_the_census_gives_up_where_the_full_pass_must_look() -> None:
    from generator.load.limits import Budget

    assert census.take_census({"a": [1, 2.0, None, True, "x"]}, Budget()) is not None
    assert census.take_census({"a": {1, 2}}, Budget()) is None  # not JSON
    assert census.take_census({"a": "x" * 10}, Budget(text=5)) is None  # too large
    assert census.take_census({"a": [[0]] * 10}, Budget(nodes=5)) is None
    assert census.take_census("text", Budget()) is None


def test_a_text_ref_in_the_root_is_still_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SPECS["text ref in the root"]), encoding="utf-8")
    assert load(path).document["info"]["description"] == "Hello"
