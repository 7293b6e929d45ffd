"""OpenAPI 3.1: type arrays with "null", const, $ref with siblings, webhooks, binary by
contentMediaType, patternProperties, and 3.0 habits (`nullable: true`) inside 3.1 documents."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref

SPEC = openapi(
    version="3.1.0",
    jsonSchemaDialect="https://spec.openapis.org/oas/3.1/dialect/base",
    paths={
        "/pets": {
            "get": {"operationId": "getPet", "tags": ["pets"], "responses": ok(ref("Pet"))},
            "post": {
                "operationId": "createPet",
                "tags": ["pets"],
                "requestBody": {"required": True, **json_content(ref("Pet"))},
                "responses": {"204": {"description": "made"}},
            },
        },
        "/animals": {
            "get": {"operationId": "getAnimal", "tags": ["pets"], "responses": ok(ref("Animal"))}
        },
        "/tagged-animals": {
            "get": {
                "operationId": "getTaggedAnimal",
                "tags": ["pets"],
                "responses": ok(ref("TaggedAnimal")),
            }
        },
        "/photo": {
            "get": {
                "operationId": "getPhoto",
                "tags": ["pets"],
                "responses": {
                    "200": {
                        "description": "a photo",
                        "content": {
                            "image/png": {
                                "schema": {"type": "string", "contentMediaType": "image/png"}
                            }
                        },
                    }
                },
            }
        },
        "/archive": {
            "get": {
                "operationId": "getArchive",
                "tags": ["pets"],
                "responses": {
                    "200": {"description": "an archive", "content": {"application/zip": {}}}
                },
            }
        },
    },
    schemas={
        "Pet": {
            "type": "object",
            "required": ["name", "nickname"],
            "examples": [{"name": "Rex", "nickname": None}],
            "properties": {
                "name": {"type": "string"},
                "nickname": {"type": ["string", "null"]},
                "legacy": {"type": "string", "nullable": True},
                "age_or_label": {"type": ["integer", "string"]},
                "kind": {"const": "pet"},
                "owner": {"$ref": "#/components/schemas/Owner", "description": "who feeds it"},
                "labels": {"type": "object", "patternProperties": {"^x-": {"type": "string"}}},
                "vets": {  # an inline model under patternProperties: named and located from there
                    "type": "object",
                    "patternProperties": {"^v-": {"type": "object", "properties": {"phone": {"type": "string"}}}},
                },
                "weight": {"type": "number", "exclusiveMinimum": 0},
            },
        },
        "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Cat": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"const": "cat"}, "purrs": {"type": "boolean"}},
        },
        "Dog": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"const": "dog"}, "barks": {"type": "boolean"}},
        },
        "Animal": {"oneOf": [ref("Cat"), ref("Dog")]},
        "TaggedAnimal": {
            "oneOf": [ref("Cat"), ref("Dog")],
            "discriminator": {"propertyName": "kind"},
        },
    },
)

WEBHOOKS_ONLY = {
    "openapi": "3.1.0",
    "info": {"title": "Hooks", "version": "1.0.0"},
    "webhooks": {
        "newPet": {
            "post": {
                "requestBody": {"content": {"application/json": {"schema": ref("Pet")}}},
                "responses": {"200": {"description": "received"}},
            }
        },
        "petGone": {
            "post": {
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"id": {"type": "string"}}}
                        }
                    }
                },
                "responses": {"200": {"description": "received"}},
            }
        },
    },
    "components": {
        "schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}
    },
}

LEGACY_EXCLUSIVE_MINIMUM = openapi(
    version="3.1.0",
    paths={
        "/weights": {
            "get": {"operationId": "getWeight", "tags": ["w"], "responses": ok(ref("Weight"))}
        }
    },
    schemas={
        "Weight": {
            "type": "object",
            "properties": {"kg": {"type": "number", "minimum": 0, "exclusiveMinimum": True}},
        }
    },
)


@pytest.fixture(scope="module")
def pets31(generate: Any) -> Generated:
    return generate(SPEC, "three_one")


@pytest.fixture(scope="module")
def hooks(generate: Any) -> Generated:
    return generate(WEBHOOKS_ONLY, "webhooks_only")


@pytest.fixture
def client(pets31: Generated, server: Server) -> Any:
    return pets31.client(server).pets


PET = {
    "name": "Rex",
    "nickname": None,
    "legacy": None,
    "age_or_label": 3,
    "kind": "pet",
    "owner": {"name": "Ada"},
}


def test_type_arrays_with_null_and_3_0_nullable(
    pets31: Generated, client: Any, server: Server
) -> None:
    server.reply(json=PET)
    pet = client.get_pet()
    assert pet.nickname is None and pet.legacy is None
    server.reply(json={**PET, "nickname": "rexy", "legacy": "old"})
    pet = client.get_pet()
    assert (pet.nickname, pet.legacy) == ("rexy", "old")


def test_null_is_sent_for_type_arrays_with_null(client: Any, server: Server) -> None:
    server.reply(204)
    client.create_pet(name="Rex", nickname=None, legacy=None)
    assert json.loads(server.last.content) == {"name": "Rex", "nickname": None, "legacy": None}


def test_type_array_of_two_types_keeps_the_json_type(client: Any, server: Server) -> None:
    server.reply(json={**PET, "age_or_label": 3})
    assert client.get_pet().age_or_label == 3
    server.reply(json={**PET, "age_or_label": "3"})
    assert client.get_pet().age_or_label == "3"


def test_pattern_properties_of_inline_models_are_a_map_of_models(client: Any, server: Server) -> None:
    server.reply(json={**PET, "vets": {"v-1": {"phone": "555"}}})
    vet = client.get_pet().vets["v-1"]
    assert type(vet).__name__ == "PetVetsValue" and vet.phone == "555"


def test_const(pets31: Generated, client: Any, server: Server) -> None:
    server.reply(json=PET)
    assert client.get_pet().kind == "pet"
    assert (
        pets31.models.Pet.model_validate({"name": "x", "nickname": None, "kind": "pet"}).kind
        == "pet"
    )


def test_ref_with_sibling_keywords_is_still_the_model(
    pets31: Generated, client: Any, server: Server
) -> None:
    server.reply(json=PET)
    assert type(client.get_pet().owner) is pets31.models.Owner


def test_pattern_properties_are_a_map(client: Any, server: Server) -> None:
    server.reply(json={**PET, "labels": {"x-color": "brown"}})
    assert client.get_pet().labels == {"x-color": "brown"}


def test_const_members_pick_the_union_member_without_a_discriminator(
    pets31: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"kind": "dog", "barks": True})
    assert type(client.get_animal()) is pets31.models.Dog
    server.reply(json={"kind": "cat"})
    assert type(client.get_animal()) is pets31.models.Cat


def test_const_values_are_the_discriminator_tags(
    pets31: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"kind": "dog"})
    assert type(client.get_tagged_animal()) is pets31.models.Dog


def test_binary_by_content_media_type_is_bytes(client: Any, server: Server) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\xff"
    server.reply(content=png, headers={"content-type": "image/png"})
    assert client.get_photo() == png


def test_binary_response_without_a_schema_is_bytes(client: Any, server: Server) -> None:
    archive = b"PK\x03\x04\x00\xff"
    server.reply(content=archive, headers={"content-type": "application/zip"})
    assert client.get_archive() == archive


def test_a_webhooks_only_spec_generates_models_and_no_operations(hooks: Generated) -> None:
    assert hooks.models.Pet.model_validate({"name": "Rex"}).name == "Rex"
    payloads = [name for name in hooks.models.__all__ if "PetGone" in name]
    assert payloads, "the inline webhook payload gets a model"
    assert getattr(hooks.models, payloads[0]).model_validate({"id": "p1"}).id == "p1"
    client = hooks.client_class(base_url="https://api.test")
    runtime_client = hooks.module._runtime.SyncAPIClient
    added = {name for name in dir(client) if not name.startswith("_")} - set(dir(runtime_client))
    assert added == {"unwrap_webhook", "verify_webhook"}, "no resources and no operation methods"
    modules = [p.name for p in (hooks.out / hooks.package).rglob("*.py") if "resources" in p.parts]
    assert modules in ([], ["__init__.py"])
    client.close()


def test_boolean_exclusive_minimum_inside_3_1_generates(run_cli: Any) -> None:
    outcome = run_cli(LEGACY_EXCLUSIVE_MINIMUM)
    assert outcome.exit_code == 0, outcome.stderr


MYPY_CHECKED = ("pets31", "hooks")


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
