"""Responses: models, lists, primitives, binary downloads, 204, `default`, wildcard status codes."""

from __future__ import annotations

from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref


def get(operation_id: str, responses: dict[str, Any], method: str = "get") -> dict[str, Any]:
    return {method: {"operationId": operation_id, "tags": ["pets"], "responses": responses}}


def described(
    schema: dict[str, Any] | None = None, media_type: str = "application/json"
) -> dict[str, Any]:
    response: dict[str, Any] = {"description": "a response"}
    if schema is not None:
        response.update(json_content(schema, media_type))
    return response


BINARY = {"type": "string", "format": "binary"}

SPEC = openapi(
    paths={
        "/pet": {
            **get("getPet", ok(ref("Pet"))),
            **get("deletePet", {"204": {"description": "gone"}}, method="delete"),
        },
        "/pets": get("listPets", ok({"type": "array", "items": ref("Pet")})),
        "/count": get("countPets", ok({"type": "integer"})),
        "/name": get("getName", ok({"type": "string"})),
        "/ready": get("isReady", ok({"type": "boolean"})),
        "/motd": get("getMotd", {"200": described({"type": "string"}, "text/plain")}),
        "/download": get("download", {"200": described(BINARY, "application/octet-stream")}),
        "/photo": get("getPhoto", {"200": described(BINARY, "image/png")}),
        "/only-default": get("onlyDefault", {"default": described(ref("Pet"))}),
        "/with-default-error": get(
            "withDefaultError", {"200": described(ref("Pet")), "default": described(ref("Problem"))}
        ),
        "/wildcards": get(
            "wildcards", {"2XX": described(ref("Pet")), "4XX": described(ref("Problem"))}
        ),
        "/jobs": get(
            "startJob", {"200": described(ref("Pet")), "202": described(ref("Job"))}, method="post"
        ),
        "/errors": get(
            "declaredErrors",
            {
                "200": described(ref("Pet")),
                "404": described(ref("Problem")),
                "409": described(ref("Conflict")),
            },
        ),
    },
    schemas={
        "Pet": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "tag": {"type": "string"}},
        },
        "Job": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "eta": {"type": "integer"}},
        },
        "Problem": {
            "type": "object",
            "required": ["title"],
            "properties": {"title": {"type": "string"}, "status": {"type": "integer"}},
        },
        "Conflict": {
            "type": "object",
            "required": ["existing"],
            "properties": {"existing": ref("Pet")},
        },
    },
)


@pytest.fixture(scope="module")
def pets(generate: Any) -> Generated:
    return generate(SPEC, "responses")


@pytest.fixture
def client(pets: Generated, server: Server) -> Any:
    return pets.client(server).pets


def test_model_response(pets: Generated, client: Any, server: Server) -> None:
    server.reply(json={"name": "Rex", "tag": "dog", "undocumented": 1})
    pet = client.get_pet()
    assert type(pet) is pets.models.Pet
    assert (pet.name, pet.tag, pet.undocumented) == ("Rex", "dog", 1)


def test_list_response(pets: Generated, client: Any, server: Server) -> None:
    server.reply(json=[{"name": "a"}, {"name": "b"}])
    listed = client.list_pets()
    assert type(listed) is list
    assert [type(p) for p in listed] == [pets.models.Pet, pets.models.Pet]
    assert [p.name for p in listed] == ["a", "b"]


def test_primitive_responses(client: Any, server: Server) -> None:
    server.reply(json=3)
    assert client.count_pets() == 3
    server.reply(json="Rex")
    assert client.get_name() == "Rex"
    server.reply(json=False)
    assert client.is_ready() is False
    server.reply(content="hello \u2603", headers={"content-type": "text/plain; charset=utf-8"})
    assert client.get_motd() == "hello \u2603"


@pytest.mark.parametrize("method", ["download", "get_photo"])
def test_binary_downloads_are_bytes(client: Any, server: Server, method: str) -> None:
    payload = bytes(range(256))
    server.reply(content=payload, headers={"content-type": "application/octet-stream"})
    assert getattr(client, method)() == payload


def test_binary_download_that_looks_like_json_stays_bytes(client: Any, server: Server) -> None:
    server.reply(content=b'{"name": "x"}', headers={"content-type": "application/octet-stream"})
    assert client.download() == b'{"name": "x"}'


def test_empty_204(client: Any, server: Server) -> None:
    server.reply(204)
    assert client.delete_pet() is None
    assert server.last.method == "DELETE"


def test_default_response_alone_describes_success(
    pets: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"name": "Rex"})
    assert type(client.only_default()) is pets.models.Pet


def test_default_response_next_to_200_describes_errors(
    pets: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"name": "Rex"})
    assert type(client.with_default_error()) is pets.models.Pet

    server.reply(503, json={"title": "down", "status": 503})
    with pytest.raises(pets.module.InternalServerError) as caught:
        client.with_default_error()
    assert type(caught.value.body) is pets.models.Problem
    assert caught.value.body.title == "down"

    server.reply(418, json={"title": "teapot"})
    with pytest.raises(pets.module.APIStatusError) as teapot:
        client.with_default_error()
    assert teapot.value.status_code == 418
    assert type(teapot.value.body) is pets.models.Problem


def test_wildcard_status_codes(pets: Generated, client: Any, server: Server) -> None:
    server.reply(201, json={"name": "Rex"})
    assert type(client.wildcards()) is pets.models.Pet

    server.reply(404, json={"title": "no such pet"})
    with pytest.raises(pets.module.NotFoundError) as caught:
        client.wildcards()
    assert (
        type(caught.value.body) is pets.models.Problem and caught.value.body.title == "no such pet"
    )

    server.reply(500, json={"title": "boom"})
    with pytest.raises(pets.module.InternalServerError) as undeclared:
        client.wildcards()
    assert undeclared.value.body == {"title": "boom"}  # 5XX is not declared: the raw JSON


def test_the_status_code_picks_the_response_type(
    pets: Generated, client: Any, server: Server
) -> None:
    # Both bodies fit both models: only the status says which one it is.
    server.reply(200, json={"name": "x"})
    assert type(client.start_job()) is pets.models.Pet
    server.reply(202, json={"name": "x"})
    assert type(client.start_job()) is pets.models.Job


def test_declared_error_bodies_per_status(pets: Generated, client: Any, server: Server) -> None:
    server.reply(409, json={"existing": {"name": "Rex"}})
    with pytest.raises(pets.module.ConflictError) as caught:
        client.declared_errors()
    assert type(caught.value.body) is pets.models.Conflict
    assert type(caught.value.body.existing) is pets.models.Pet


def test_response_headers_through_the_raw_response(
    pets: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"name": "Rex"}, headers={"X-Rate-Limit-Remaining": "9"})
    raw = client.with_raw_response.get_pet()
    assert raw.status_code == 200
    assert raw.headers["x-rate-limit-remaining"] == "9"
    assert type(raw.parse()) is pets.models.Pet


MYPY_CHECKED = ("pets",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
