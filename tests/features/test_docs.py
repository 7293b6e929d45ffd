"""Docs where the user looks: each argument's description, allowed values and default in the
method's docstring; deprecated operations marked for type checkers and warning once."""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi

SPEC = openapi(
    paths={
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "summary": "List pets",
                "parameters": [
                    {
                        "name": "sort",
                        "in": "query",
                        "description": "How to sort\nthe pets.",
                        "schema": {"type": "string", "enum": ["name", "age"], "default": "name"},
                    },
                    {
                        "name": "legacy",
                        "in": "query",
                        "deprecated": True,
                        "schema": {"type": "boolean"},
                    },
                ],
                "responses": ok({"type": "object"}),
            },
            "post": {
                "operationId": "addPet",
                "tags": ["pets"],
                "deprecated": True,
                "requestBody": json_content(
                    {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string", "description": "The pet's name."},
                            "size": {"type": "integer", "default": 3},
                        },
                    }
                ),
                "responses": ok({"type": "object"}),
            },
        }
    }
)


@pytest.fixture(scope="module")
def documented(generate: Any) -> Generated:
    return generate(SPEC, "docs")


def test_arguments_are_documented_in_signature_order(documented: Generated, server: Server) -> None:
    doc = inspect.getdoc(documented.client(server).pets.list_pets) or ""
    assert doc.startswith("List pets")
    assert (
        'Args:\n    sort: How to sort the pets. One of: "name", "age". Default: "name".\n'
        "    legacy: Deprecated.\n    **options: Per-call options: "
    ) in doc
    assert "Returns:\n    `Dict[str, Any]`." in doc and "Raises:\n" in doc
    add = inspect.getdoc(documented.client(server).pets.add_pet) or ""
    assert "name: The pet's name." in add and "size: Default: 3." in add


def test_a_deprecated_operation_is_marked_and_warns_once(
    documented: Generated, server: Server
) -> None:
    pets = documented.client(server).pets
    assert pets.add_pet.__deprecated__ == "POST /pets is deprecated"
    assert documented.async_client(server).pets.add_pet.__deprecated__ == "POST /pets is deprecated"
    with pytest.warns(DeprecationWarning, match="POST /pets is deprecated"):
        pets.add_pet(name="Rex")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pets.add_pet(name="Rex")
        pets.list_pets()
    assert len(server.requests) == 3


def test_a_deprecated_parameter_warns_only_when_given(
    documented: Generated, server: Server
) -> None:
    pets = documented.client(server).pets
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pets.list_pets(sort="age")
    with pytest.warns(DeprecationWarning, match="argument 'legacy'"):
        pets.list_pets(legacy=True)


MYPY_CHECKED = ("documented",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
