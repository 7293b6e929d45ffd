"""Swagger 2.0: body and formData parameters, definitions, produces/consumes, collection formats,
host + basePath + schemes as the server, and a warning naming what was approximated."""

from __future__ import annotations

import datetime
import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from .support import Generated, Server, mypy_params

PET_REF = {"$ref": "#/definitions/Pet"}

SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Legacy Pets", "version": "1.0.0"},
    "host": "legacy.example.com",
    "basePath": "/v2",
    "schemes": ["https", "http"],
    "consumes": ["application/json"],
    "produces": ["application/xml", "application/json"],
    "securityDefinitions": {
        "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
        "basic": {"type": "basic"},
    },
    "security": [{"key": []}],
    "parameters": {"limitParam": {"name": "limit", "in": "query", "type": "integer"}},
    "definitions": {
        "Pet": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "born": {"type": "string", "format": "date-time"},
                "owner": {"$ref": "#/definitions/Owner"},
            },
        },
        "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
    },
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "parameters": [
                    {"$ref": "#/parameters/limitParam"},
                    {
                        "name": "tags",
                        "in": "query",
                        "type": "array",
                        "items": {"type": "string"},
                        "collectionFormat": "csv",
                    },
                    {
                        "name": "ids",
                        "in": "query",
                        "type": "array",
                        "items": {"type": "integer"},
                        "collectionFormat": "multi",
                    },
                    {
                        "name": "piped",
                        "in": "query",
                        "type": "array",
                        "items": {"type": "string"},
                        "collectionFormat": "pipes",
                    },
                    {
                        "name": "tabbed",
                        "in": "query",
                        "type": "array",
                        "items": {"type": "string"},
                        "collectionFormat": "tsv",
                    },
                    {"name": "X-Trace", "in": "header", "type": "string"},
                ],
                "responses": {
                    "200": {"description": "pets", "schema": {"type": "array", "items": PET_REF}},
                    "default": {"description": "error", "schema": {"$ref": "#/definitions/Error"}},
                },
            },
            "post": {
                "operationId": "createPet",
                "tags": ["pets"],
                "parameters": [{"name": "pet", "in": "body", "required": True, "schema": PET_REF}],
                "responses": {"201": {"description": "made", "schema": PET_REF}},
            },
        },
        "/pets/{petId}/photo": {
            "parameters": [{"name": "petId", "in": "path", "required": True, "type": "string"}],
            "post": {
                "operationId": "uploadPhoto",
                "tags": ["pets"],
                "consumes": ["multipart/form-data"],
                "parameters": [
                    {"name": "file", "in": "formData", "type": "file", "required": True},
                    {"name": "caption", "in": "formData", "type": "string"},
                ],
                "responses": {"204": {"description": "stored"}},
            },
        },
        "/login": {
            "post": {
                "operationId": "login",
                "tags": ["session"],
                "consumes": ["application/x-www-form-urlencoded"],
                "security": [{"basic": []}],
                "parameters": [
                    {"name": "user", "in": "formData", "type": "string", "required": True},
                    {"name": "remember", "in": "formData", "type": "boolean"},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "schema": {"type": "object", "properties": {"token": {"type": "string"}}},
                    }
                },
            }
        },
        "/health": {
            "get": {
                "operationId": "health",
                "tags": ["session"],
                "security": [],
                "responses": {"200": {"description": "ok", "schema": {"type": "string"}}},
            }
        },
    },
}


# A response schema of `type: file` is valid Swagger 2.0, which the validator refuses.
FILE_RESPONSE: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Legacy Photos", "version": "1.0.0"},
    "host": "legacy.example.com",
    "paths": {
        "/photo": {
            "get": {
                "operationId": "getPhoto",
                "tags": ["photos"],
                "produces": ["image/png"],
                "responses": {"200": {"description": "the photo", "schema": {"type": "file"}}},
            }
        }
    },
}


@pytest.fixture(scope="module")
def legacy(generate: Any) -> Generated:
    return generate(SPEC, "swagger", fmt="yaml")


@pytest.fixture(scope="module")
def photos(generate: Any) -> Generated:
    return generate(FILE_RESPONSE, "swagger_file", args=("--lenient",))


@pytest.fixture
def client(legacy: Generated, server: Server) -> Any:
    return legacy.client(server, api_key="k", basic_auth="ada:pw")


def test_a_warning_says_the_document_was_converted_and_what_was_approximated(
    legacy: Generated,
) -> None:
    warning = next(line for line in legacy.warnings.splitlines() if "Swagger 2.0" in line)
    assert "warning" in warning
    assert "tab-separated" in warning


def test_host_base_path_and_first_scheme_are_the_server(legacy: Generated, server: Server) -> None:
    client = legacy.client_class(
        http_client=httpx.Client(transport=httpx.MockTransport(server)), api_key="k"
    )
    server.reply(json=[])
    client.pets.list_pets()
    assert str(server.last.url) == "https://legacy.example.com/v2/pets"
    assert server.last.headers["X-Key"] == "k"
    client.close()


def test_body_parameter_becomes_a_json_body(legacy: Generated, client: Any, server: Server) -> None:
    server.reply(201, json={"name": "Rex", "born": "2020-01-01T00:00:00Z"})
    pet = client.pets.create_pet(name="Rex", owner=legacy.models.Owner(name="Ada"))
    assert server.last.headers["content-type"] == "application/json"
    assert json.loads(server.last.content) == {"name": "Rex", "owner": {"name": "Ada"}}
    assert type(pet) is legacy.models.Pet
    assert pet.born == datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


def test_collection_formats_and_shared_parameters(client: Any, server: Server) -> None:
    server.reply(json=[{"name": "a"}])
    pets = client.pets.list_pets(
        limit=5, tags=["a", "b"], ids=[1, 2], piped=["x", "y"], x_trace="t"
    )
    assert server.last.url.query.decode().split("&") == [
        "limit=5",
        "tags=a,b",
        "ids=1",
        "ids=2",
        "piped=x|y",
    ]
    assert server.last.headers["X-Trace"] == "t"
    assert [p.name for p in pets] == ["a"]


def test_default_response_is_the_error_model(
    legacy: Generated, client: Any, server: Server
) -> None:
    server.reply(500, json={"message": "down"})
    with pytest.raises(legacy.module.InternalServerError) as caught:
        client.pets.list_pets()
    assert type(caught.value.body) is legacy.models.Error


def test_form_data_with_a_file_is_multipart(client: Any, server: Server) -> None:
    server.reply(204)
    client.pets.upload_photo("p1", file=("rex.png", b"\x89PNG", "image/png"), caption="Rex")
    request = server.last
    assert request.url.path == "/pets/p1/photo"
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="rex.png"' in request.content and b"\x89PNG" in request.content
    assert b'name="caption"' in request.content


def test_form_data_without_files_is_url_encoded(client: Any, server: Server) -> None:
    server.reply(json={"token": "t"})
    result = client.session.login(user="ada", remember=True)
    assert server.last.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(server.last.content.decode()) == {"user": ["ada"], "remember": ["true"]}
    assert server.last.headers["Authorization"].startswith("Basic ")
    assert result.token == "t"


def test_file_response_is_bytes(photos: Generated, server: Server) -> None:
    server.reply(content=b"\x89PNG\x00", headers={"content-type": "image/png"})
    assert photos.client(server).photos.get_photo() == b"\x89PNG\x00"


def test_file_response_generates_without_lenient(run_cli: Any) -> None:
    outcome = run_cli(FILE_RESPONSE)
    assert outcome.exit_code == 0, outcome.stderr


def test_empty_security_sends_no_credentials(client: Any, server: Server) -> None:
    server.reply(json="ok")
    assert client.session.health() == "ok"
    assert "X-Key" not in server.last.headers and "Authorization" not in server.last.headers


MYPY_CHECKED = ("legacy", "photos")


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
