"""A Swagger-era schema that lists variants under `items` without `type: array`: `items`
only constrains arrays (JSON Schema), so the object the API sends parses as one of the
variants, and a list of them still parses as a list (issue 20)."""

from __future__ import annotations

from typing import Any

import pytest

from .support import Generated, Server, mypy_params, ok, openapi, ref

CAT = {"type": "object", "required": ["meows"], "properties": {"meows": {"type": "boolean"}}}
DOG = {"type": "object", "required": ["barks"], "properties": {"barks": {"type": "boolean"}}}
SPEC = openapi(
    paths={
        "/pet": {
            "get": {
                "operationId": "getPet",
                "tags": ["pets"],
                "responses": ok({"items": {"oneOf": [ref("Cat"), ref("Dog")]}}),
            }
        }
    },
    schemas={"Cat": CAT, "Dog": DOG},
)


@pytest.fixture(scope="module")
def loose(generate: Any) -> Generated:
    return generate(SPEC, "items_without_array")


def test_the_object_the_api_sends_is_accepted(loose: Generated, server: Server) -> None:
    server.reply(json={"barks": True})
    pet = loose.client(server).pets.get_pet()
    assert isinstance(pet, loose.models.Dog) and pet.barks is True


def test_a_list_of_the_variants_is_accepted_too(loose: Generated, server: Server) -> None:
    server.reply(json=[{"meows": True}, {"barks": False}])
    pets = loose.client(server).pets.get_pet()
    assert [type(p).__name__ for p in pets] == ["Cat", "Dog"]


MYPY_CHECKED = ("loose",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
