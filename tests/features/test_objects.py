"""Objects: additionalProperties (true, false, schema), free-form objects, readOnly/writeOnly,
nullable versus optional fields."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref


def operation(
    operation_id: str, method: str, schema: dict[str, Any], response: dict[str, Any] | None = None
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": operation_id,
        "tags": ["things"],
        "responses": ok(response or schema),
    }
    if method != "get":
        op["requestBody"] = {"required": True, **json_content(schema)}
    return {method: op}


SPEC = openapi(
    paths={
        "/users": operation(
            "createUser",
            "post",
            ref("User"),
            {"type": "object", "properties": {"id": {"type": "string"}}},
        ),
        "/profile": operation("getProfile", "get", ref("Profile")),
        "/users/me": operation("getUser", "get", ref("User")),
        "/open": {
            **operation("getOpen", "get", ref("Open")),
            **operation("putOpen", "put", ref("Open")),
        },
        "/closed": operation("getClosed", "get", ref("Closed")),
        "/scores": {
            **operation("getScores", "get", ref("Scores")),
            **operation("putScores", "put", ref("Scores")),
        },
        "/stamped": operation("getStamped", "get", ref("Stamped")),
        "/free": {
            **operation("getFree", "get", ref("Free")),
            **operation("putFree", "put", ref("Free")),
        },
        "/anything": operation("getAnything", "get", {}),
        "/login": operation("getLogin", "get", ref("Login")),
    },
    schemas={
        "User": {
            "type": "object",
            "required": ["id", "name", "password"],
            "properties": {
                "id": {"type": "string", "readOnly": True},
                "name": {"type": "string"},
                "password": {"type": "string", "writeOnly": True},
                "nickname": {"type": "string", "nullable": True},
            },
        },
        "Profile": {
            "type": "object",
            "properties": {
                "metadata": {"type": "object"},
                "tags": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "Open": {
            "type": "object",
            "properties": {"name": {"type": "string"}},
            "additionalProperties": True,
        },
        "Closed": {
            "type": "object",
            "properties": {"name": {"type": "string"}},
            "additionalProperties": False,
        },
        "Scores": {"type": "object", "additionalProperties": {"type": "integer"}},
        "Stamped": {
            "type": "object",
            "properties": {"name": {"type": "string"}},
            "additionalProperties": {"type": "string", "format": "date-time"},
        },
        "Free": {"type": "object"},
        "Login": {
            "type": "object",
            "properties": {
                "pin": {"type": "string", "format": "password"},
                "code": {"type": "integer", "writeOnly": True},
                "privateKey": {"type": "string"},
                "refreshToken": {"type": "string"},
                "apiKeyHeader": {"type": "string"},
                "tokenCount": {"type": "integer"},
            },
        },
    },
)


@pytest.fixture(scope="module")
def things(generate: Any) -> Generated:
    return generate(SPEC, "objects")


@pytest.fixture
def client(things: Generated, server: Server) -> Any:
    return things.client(server).things


# --- additionalProperties -------------------------------------------------------------------


def test_additional_properties_true_keeps_unknown_fields_both_ways(
    things: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"name": "n", "color": "red", "size": {"w": 1}})
    got = client.get_open()
    assert got.name == "n"
    assert got.model_extra == {"color": "red", "size": {"w": 1}}

    server.reply(json={})
    client.put_open(name="n2", extra_body={"color": "blue"})
    assert json.loads(server.last.content) == {"name": "n2", "color": "blue"}


def test_additional_properties_false_still_parses_new_fields_leniently(
    things: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"name": "n", "added_later": 1})
    assert client.get_closed().name == "n"
    strict = things.client(server, strict_response_validation=True).things
    with pytest.raises(things.module.APIResponseValidationError):
        strict.get_closed()


def test_additional_properties_schema_is_a_typed_map(
    things: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"alice": 3, "bob": 5})
    assert client.get_scores() == {"alice": 3, "bob": 5}
    server.reply(json={"alice": "three"})
    with pytest.raises(things.module.APIResponseValidationError):
        client.get_scores()

    server.reply(json={})
    client.put_scores(body={"carol": 7})
    assert json.loads(server.last.content) == {"carol": 7}


def test_additional_properties_schema_next_to_properties_types_the_extras(
    client: Any, server: Server
) -> None:
    server.reply(json={"name": "n", "created": "2024-05-01T10:00:00Z"})
    got = client.get_stamped()
    assert got.name == "n"
    assert got.model_extra["created"] == datetime.datetime(
        2024, 5, 1, 10, tzinfo=datetime.timezone.utc
    )


# --- free-form objects --------------------------------------------------------------------------


FREE = {"a": [1, {"b": None}], "c": "d"}


def test_free_form_objects_keep_everything(things: Generated, client: Any, server: Server) -> None:
    server.reply(json=FREE)
    got = client.get_free()
    as_dict = got if isinstance(got, dict) else got.model_dump()
    assert as_dict == FREE


def test_free_form_object_bodies_are_sent(client: Any, server: Server) -> None:
    server.reply(json={})
    client.put_free(body=FREE)
    assert json.loads(server.last.content) == FREE


def test_a_schema_of_anything_returns_the_json_as_is(client: Any, server: Server) -> None:
    for body in ({"x": 1}, [1, "two"], "three", 4.5, True):
        server.reply(json=body)
        assert client.get_anything() == body


def test_free_form_and_map_properties(client: Any, server: Server) -> None:
    server.reply(json={"metadata": {"deep": {"er": [1]}}, "tags": {"team": "core"}})
    profile = client.get_profile()
    assert profile.metadata == {"deep": {"er": [1]}}
    assert profile.tags == {"team": "core"}


# --- readOnly / writeOnly / nullable -----------------------------------------------------------


def test_read_only_fields_are_not_sent(client: Any, server: Server) -> None:
    server.reply(json={"id": "u1"})
    client.create_user(name="Ada", password="s3cret")
    assert json.loads(server.last.content) == {"name": "Ada", "password": "s3cret"}


def test_write_only_fields_are_not_expected_in_responses(
    things: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"id": "u1", "name": "Ada"})
    user = client.get_user()
    assert type(user) is things.models.User and user.id == "u1"


def test_null_is_sent_for_a_nullable_field_and_nothing_for_an_omitted_one(
    client: Any, server: Server
) -> None:
    server.reply(json={"id": "u1"})
    client.create_user(name="Ada", password="p", nickname=None)
    assert json.loads(server.last.content) == {"name": "Ada", "password": "p", "nickname": None}
    client.create_user(name="Ada", password="p")
    assert "nickname" not in json.loads(server.last.content)


def test_secret_fields_are_masked_when_printed_and_readable(
    things: Generated, client: Any, server: Server
) -> None:
    wire = {"pin": "1234", "privateKey": "pk", "refreshToken": "rt", "apiKeyHeader": "X-Key"}
    server.reply(json={**wire, "tokenCount": 7})
    login = client.get_login()
    shown = repr(login) + str(login) + repr(things.models.Login(code=99))
    for secret in ("1234", "'pk'", "'rt'", "99"):
        assert secret not in shown
    assert "api_key_header='X-Key'" in shown and "token_count=7" in shown
    assert (login.pin, login.private_key, login.refresh_token) == ("1234", "pk", "rt")


MYPY_CHECKED = ("things",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
