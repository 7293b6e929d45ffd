"""A `$ref` inside example data (an `example`, an Example Object's `value`, a `default`, an
`enum`, a `const`, 3.1's `examples`) is a key of that data, not a reference: large public specs
document JSON Schemas with examples that hold them. Generation failed on them with unresolved
`$ref` errors, even with --lenient."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, openapi

SCHEMA_EXAMPLE = {"$ref": "#/definitions/Pet", "type": "object"}  # what the API stores: a JSON Schema

SPEC = openapi(
    paths={
        "/schemas": {
            "post": {
                "operationId": "saveSchema",
                "tags": ["schemas"],
                "parameters": [
                    {"name": "filter", "in": "query", "schema": {"type": "string"}, "example": {"$ref": "#/nowhere"}}
                ],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Stored"},
                            "examples": {
                                "inline": {"value": {"name": "pet", "definition": {"$ref": "./pet.json#/Pet"}}},
                                "shared": {"$ref": "#/components/examples/Stored"},
                            },
                        }
                    }
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        **json_content({"$ref": "#/components/schemas/Stored"}),
                    }
                },
            }
        }
    },
    schemas={
        "Stored": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "definition": {
                    "type": "object",
                    "additionalProperties": True,
                    "default": {"$ref": "#/definitions/Default"},
                    "example": SCHEMA_EXAMPLE,
                },
                "kind": {"type": "string", "enum": ["a", "b"], "example": {"$ref": "../outside.yaml"}},
            },
            "example": {"name": "x", "definition": {"$ref": "#/definitions/Pet"}},
        }
    },
)
SPEC["components"]["examples"] = {"Stored": {"value": {"name": "pet", "definition": {"$ref": "#/definitions/Missing"}}}}
SPEC["paths"]["/schemas"]["post"]["responses"]["200"]["content"]["application/json"]["example"] = {
    "name": "pet",
    "definition": SCHEMA_EXAMPLE,
}


def _as_31(spec: dict[str, Any]) -> dict[str, Any]:
    """The same API in OpenAPI 3.1, with `const` and `examples` (a list) holding `$ref` keys."""
    spec = copy.deepcopy(spec)
    spec["openapi"] = "3.1.0"
    properties = spec["components"]["schemas"]["Stored"]["properties"]
    properties["definition"]["examples"] = [SCHEMA_EXAMPLE, {"$ref": "other.json"}]
    properties["version"] = {"type": "object", "const": {"$ref": "#/definitions/V1"}}
    return spec


@pytest.fixture(scope="module")
def stored(generate: Any) -> Generated:
    return generate(SPEC, "data_refs")


@pytest.fixture(scope="module")
def stored31(generate: Any) -> Generated:
    return generate(_as_31(SPEC), "data_refs_31")


@pytest.mark.parametrize("fixture", ["stored", "stored31"])
def test_a_ref_in_example_data_is_no_reference(fixture: str, request: pytest.FixtureRequest) -> None:
    generated: Generated = request.getfixturevalue(fixture)
    assert "$ref" not in generated.warnings and "unresolved" not in generated.warnings, generated.warnings


def test_data_with_ref_keys_goes_out_and_comes_back(stored: Generated, server: Server) -> None:
    body = {"$ref": "#/definitions/Pet", "type": "object"}
    server.reply(json={"name": "pet", "definition": body})
    got = stored.client(server).schemas.save_schema(name="pet", definition=body)
    assert got.definition == body
    assert server.last.read() == b'{"name":"pet","definition":{"$ref":"#/definitions/Pet","type":"object"}}'


def test_a_ref_in_a_schema_is_still_checked(run_cli: Any) -> None:
    broken = copy.deepcopy(SPEC)
    broken["components"]["schemas"]["Stored"]["properties"]["name"] = {"$ref": "#/components/schemas/Nope"}
    outcome = run_cli(broken, args=("--lenient",))
    assert outcome.exit_code != 0
    assert "unresolved $ref '#/components/schemas/Nope'" in outcome.stderr


MYPY_CHECKED = ("stored", "stored31")


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
