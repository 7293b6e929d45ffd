"""The validator walks the document through `fast_paths` and visits schemas by `schema_walk`:
its errors must be the library's own walk's, the same ones in the same order."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from generator.load import Spec
from generator.validate import check, fast_paths, schema_walk


def _document(**schemas: Any) -> dict[str, Any]:
    parameter = {"name": "id", "in": "path", "required": True, "schema": {"$ref": "#/components/schemas/Id"}}
    operation = {
        "operationId": "get",
        "parameters": [parameter, {"$ref": "#/components/parameters/Q"}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "tags": [{"name": "a"}, {"name": "a"}],
        "paths": {"/pets/{id}": {"get": operation, "put": {**operation, "parameters": [parameter, parameter]}}, "/x/{y}": {"post": operation}},
        "components": {
            "parameters": {"Q": {"name": "q", "in": "query", "schema": {"type": "integer", "default": "no"}}},
            "schemas": {"Id": {"$ref": "#/components/schemas/Alias"}, "Alias": {"type": "string", "default": 3}, **schemas},
        },
    }


CASES = {
    "allOf requiring what it defines nowhere": {
        "Pet": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"b": {}}}], "required": ["a", "b", "c", "d"]},
        "Base": {"properties": {"a": {"type": "string", "default": 1}}, "items": {"not": {"properties": {"x": {}}}}},
    },
    "schemas that are not schemas": {"Pet": {"properties": {"a": 5, "b": "x", "c": [1], "d": True, "e": None}}, "Bad": [1, 2]},
    "keywords of the wrong shape": {"Pet": {"allOf": "x", "anyOf": {"k": {"type": "string"}}}},
    "a schema that refers to itself": {
        "Pet": {"allOf": [{"$ref": "#/components/schemas/Pet"}], "required": ["zz"], "default": {}, "properties": {"me": {"$ref": "#/components/schemas/Pet"}}}
    },
    "defaults, nullable or holding a $ref": {
        "Pet": {"type": "object", "nullable": True, "default": None, "properties": {"a": {"type": "string", "default": {"$ref": "#/components/schemas/Id"}}}}
    },
    "errors under every keyword, in the library's order": {
        "Pet": {
            "type": "string",
            "default": 5,
            **{k: [{"type": "integer", "default": k}] for k in ("allOf", "anyOf", "oneOf")},
            **{k: {"type": "integer", "default": k} for k in ("not", "items")},
            "properties": {"p": {"type": "integer", "default": "p"}, "q": {"type": "boolean", "default": "q"}},
        }
    },
    "a $ref to nowhere": {"Pet": {"items": {"$ref": "#/components/schemas/Nope"}}},
}


def _errors(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    spec = Spec(path=Path("spec.json"), document=copy.deepcopy(document), text="")
    return [
        (type(e).__name__, str(getattr(e, "message", e)), list(getattr(e, "path", ()) or ()), repr(getattr(e, "instance", None)))
        for e in check._validator_errors(spec, None)
    ]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_errors_are_the_library_walks(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document(**CASES[name])
    fast = _errors(document)
    with monkeypatch.context() as patch:
        patch.setattr(schema_walk, "MIRRORED", frozenset())  # the library's visit of schemas
        assert _errors(document) == fast
        patch.setattr(fast_paths, "fast_schema_path", lambda document, handlers: None)  # its paths too
        assert _errors(document) == fast
    assert fast  # each case has errors


def test_the_walk_is_the_library_version_it_mirrors() -> None:
    """A release the walk does not mirror is validated by the library's own walk (correct, slower):
    skipped, not failed, so that a new release on the index does not fail every build."""
    import openapi_spec_validator

    if openapi_spec_validator.__version__ not in schema_walk.MIRRORED:
        pytest.skip(f"openapi-spec-validator {openapi_spec_validator.__version__}: check schema_walk against it, then add it to MIRRORED")
    from generator.validate.fast_verdicts import FastVerdicts

    fast = schema_walk.with_fast_schema_walk(openapi_spec_validator.OpenAPIV30SpecValidator, FastVerdicts())
    assert fast.keyword_validators["schema"].mirrored  # the fast walk is the one that runs
