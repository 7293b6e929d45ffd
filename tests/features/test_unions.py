"""oneOf / anyOf / allOf: a body becomes the class the spec means, and is sent as it was given."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pydantic
import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref


def get(operation_id: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"operationId": operation_id, "tags": ["shapes"], "responses": ok(schema)}}


def post(operation_id: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "operationId": operation_id,
            "tags": ["shapes"],
            "requestBody": {"required": True, **json_content(schema)},
            "responses": {"204": {"description": "sent"}},
        }
    }


SPEC = openapi(
    paths={
        "/mapped": {**get("getMapped", ref("Mapped")), **post("sendMapped", ref("Mapped"))},
        "/implicit": get("getImplicit", ref("Implicit")),
        "/tagged": get("getTagged", ref("Tagged")),
        "/notification": get("getNotification", ref("Notification")),
        "/channels": get("listChannels", {"type": "array", "items": ref("Mapped")}),
        "/mixed": {**get("getMixed", ref("Mixed")), **post("sendMixed", ref("Mixed"))},
        "/one-of-primitives": get(
            "getNumberOrText", {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        ),
        "/derived": {**get("getDerived", ref("Derived")), **post("sendDerived", ref("Derived"))},
        "/leaf": get("getLeaf", ref("Leaf")),
        "/wrapper": get("getWrapper", ref("Wrapper")),
        "/owned": get("getOwned", ref("Owned")),
    },
    schemas={
        # Both members accept any object with a "type", so only the tag can tell them apart.
        "Sms": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"type": "string"}, "phone": {"type": "string"}},
        },
        "Email": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"type": "string"}, "address": {"type": "string"}},
        },
        "Mapped": {
            "oneOf": [ref("Sms"), ref("Email")],
            "discriminator": {
                "propertyName": "type",
                "mapping": {
                    "sms": "#/components/schemas/Sms",
                    "email": "#/components/schemas/Email",
                },
            },
        },
        # No mapping: the tag is the schema name, as OpenAPI says.
        "Implicit": {
            "oneOf": [ref("Sms"), ref("Email")],
            "discriminator": {"propertyName": "type"},
        },
        # No mapping, but each member pins its tag with a one-value enum (as many real specs do).
        "PushChannel": {
            "type": "object",
            "required": ["kind"],
            "properties": {
                "kind": {"type": "string", "enum": ["push"]},
                "token": {"type": "string"},
            },
        },
        "ChatChannel": {
            "type": "object",
            "required": ["kind"],
            "properties": {
                "kind": {"type": "string", "enum": ["chat"]},
                "room": {"type": "string"},
            },
        },
        "Tagged": {
            "oneOf": [ref("PushChannel"), ref("ChatChannel")],
            "discriminator": {"propertyName": "kind"},
        },
        "Notification": {
            "type": "object",
            "required": ["channel"],
            "properties": {"channel": ref("Mapped"), "title": {"type": "string"}},
        },
        "Cat": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
        "Dog": {
            "type": "object",
            "required": ["name", "bark"],
            "properties": {"name": {"type": "string"}, "bark": {"type": "boolean"}},
        },
        "Mixed": {
            "anyOf": [
                ref("Cat"),
                ref("Dog"),
                {"type": "string"},
                {"type": "integer"},
                {"type": "array", "items": {"type": "integer"}},
            ]
        },
        "Base": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string"}, "kind": {"type": "string"}},
        },
        "Derived": {
            "allOf": [
                ref("Base"),
                {
                    "type": "object",
                    "required": ["kind"],
                    "properties": {"kind": {"type": "integer"}, "extra": {"type": "string"}},
                },
            ]
        },
        "Leaf": {
            "allOf": [
                ref("Derived"),
                {"properties": {"leaf": {"type": "boolean"}}, "required": ["leaf"]},
            ]
        },
        "Wrapper": {"allOf": [ref("Base")]},
        "Owned": {
            "type": "object",
            "properties": {"owner": {"allOf": [ref("Base")], "description": "who owns it"}},
        },
    },
)


@pytest.fixture(scope="module")
def shapes(generate: Any) -> Generated:
    return generate(SPEC, "unions")


@pytest.fixture
def client(shapes: Generated, server: Server) -> Any:
    return shapes.client(server).shapes


# --- discriminator ---------------------------------------------------------------------------


def test_discriminator_mapping_picks_the_tagged_member_not_the_first_that_fits(
    shapes: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"type": "email", "address": "ada@example.com"})
    email = client.get_mapped()
    assert type(email) is shapes.models.Email
    assert email.address == "ada@example.com"

    server.reply(json={"type": "sms", "phone": "+1555"})
    assert type(client.get_mapped()) is shapes.models.Sms


def test_discriminator_without_mapping_uses_the_schema_name(
    shapes: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"type": "Email", "address": "ada@example.com"})
    assert type(client.get_implicit()) is shapes.models.Email
    server.reply(json={"type": "Sms"})
    assert type(client.get_implicit()) is shapes.models.Sms


def test_discriminator_without_mapping_uses_each_members_enum_value(
    shapes: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"kind": "chat", "room": "general"})
    assert type(client.get_tagged()) is shapes.models.ChatChannel
    server.reply(json={"kind": "push", "token": "t"})
    assert type(client.get_tagged()) is shapes.models.PushChannel


def test_discriminated_union_inside_a_model_and_a_list(
    shapes: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"channel": {"type": "email", "address": "a@b.c"}, "title": "hi"})
    notification = client.get_notification()
    assert type(notification) is shapes.models.Notification
    assert type(notification.channel) is shapes.models.Email

    server.reply(json=[{"type": "email"}, {"type": "sms"}, {"type": "email"}])
    assert [type(c).__name__ for c in client.list_channels()] == ["Email", "Sms", "Email"]


def test_a_discriminated_body_is_sent_as_the_member_given(
    shapes: Generated, client: Any, server: Server
) -> None:
    server.reply(204)
    client.send_mapped(body=shapes.models.Email(type="email", address="ada@example.com"))
    assert json.loads(server.last.content) == {"type": "email", "address": "ada@example.com"}
    assert server.last.headers["content-type"] == "application/json"


def test_the_async_client_picks_the_same_member(shapes: Generated, server: Server) -> None:
    async def fetch() -> Any:
        async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as http:
            return await shapes.async_client(server, http_client=http).shapes.get_mapped()

    server.reply(json={"type": "email", "address": "a@b.c"})
    assert type(asyncio.run(fetch())) is shapes.models.Email


# --- oneOf / anyOf without discriminator --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected_type", "expected"),
    [
        ({"name": "Tom"}, "Cat", None),
        (
            {"name": "Rex", "bark": True},
            "Dog",
            None,
        ),  # most specific member wins, though Cat fits too
        ("meow", "str", "meow"),
        (7, "int", 7),
        ([1, 2, 3], "list", [1, 2, 3]),
    ],
)
def test_any_of_models_primitives_and_arrays(
    client: Any, server: Server, body: Any, expected_type: str, expected: Any
) -> None:
    server.reply(json=body)
    value = client.get_mixed()
    assert type(value).__name__ == expected_type
    if expected is not None:
        assert value == expected


def test_one_of_string_or_integer_keeps_the_json_type(client: Any, server: Server) -> None:
    server.reply(json=42)
    assert client.get_number_or_text() == 42 and type(client.get_number_or_text()) is int
    server.reply(json="42")
    assert client.get_number_or_text() == "42"


@pytest.mark.parametrize(
    ("make", "wire"),
    [
        (lambda m: m.Dog(name="Rex", bark=False), {"name": "Rex", "bark": False}),
        (lambda m: [4, 5], [4, 5]),
        (lambda m: "just text", "just text"),
        (lambda m: 3, 3),
    ],
)
def test_any_of_bodies_are_sent_as_json(
    shapes: Generated, client: Any, server: Server, make: Any, wire: Any
) -> None:
    server.reply(204)
    assert client.send_mixed(body=make(shapes.models)) is None
    assert json.loads(server.last.content) == wire


# --- allOf --------------------------------------------------------------------------------------


def test_all_of_merges_fields_and_keeps_the_overriding_type(
    shapes: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"id": "d-1", "kind": 3, "extra": "x"})
    derived = client.get_derived()
    assert type(derived) is shapes.models.Derived
    assert (derived.id, derived.kind, derived.extra) == ("d-1", 3, "x")
    assert type(derived.kind) is int


def test_all_of_merges_required(shapes: Generated) -> None:
    derived = shapes.models.Derived
    with pytest.raises(pydantic.ValidationError):
        derived(kind=1)  # id is required by the parent
    with pytest.raises(pydantic.ValidationError):
        derived(id="x")  # kind is required by the child
    assert derived(id="x", kind=1).extra is None


def test_all_of_chains_merge_every_level(shapes: Generated, client: Any, server: Server) -> None:
    server.reply(json={"id": "l-1", "kind": 2, "leaf": True})
    leaf = client.get_leaf()
    assert type(leaf) is shapes.models.Leaf
    assert (leaf.id, leaf.kind, leaf.extra, leaf.leaf) == ("l-1", 2, None, True)
    with pytest.raises(pydantic.ValidationError):
        shapes.models.Leaf(id="l-1", kind=2)


def test_all_of_with_one_ref_is_that_model(shapes: Generated, client: Any, server: Server) -> None:
    server.reply(json={"id": "b-1"})
    assert type(client.get_wrapper()) is shapes.models.Base
    server.reply(json={"owner": {"id": "o-1", "kind": "person"}})
    owned = client.get_owned()
    assert type(owned.owner) is shapes.models.Base
    assert owned.owner.kind == "person"


def test_all_of_body_is_flattened_into_arguments(client: Any, server: Server) -> None:
    server.reply(204)
    client.send_derived(id="d-2", kind=5, extra="e")
    assert json.loads(server.last.content) == {"id": "d-2", "kind": 5, "extra": "e"}


MYPY_CHECKED = ("shapes",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
