"""Arguments as the caller writes them: spec names that collide with the per-call options,
None where the spec allows null and where it does not, values that cannot be sent."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi

FORM = {
    "type": "object",
    "properties": {
        "Timeout": {"type": "integer"},
        "IdempotencyKey": {"type": "string"},
        "To": {"type": "string"},
    },
    "required": ["To"],
}

SPEC = openapi(
    paths={
        "/calls": {
            "post": {
                "operationId": "createCall",
                "tags": ["calls"],
                "parameters": [
                    {"name": "timeout", "in": "query", "schema": {"type": "string"}},
                    {"name": "max_retries", "in": "header", "schema": {"type": "integer"}},
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/x-www-form-urlencoded": {"schema": FORM}},
                },
                "responses": ok({"type": "object"}),
            }
        },
        "/notes": {
            "patch": {
                "operationId": "updateNote",
                "tags": ["notes"],
                "parameters": [
                    {"name": "X-Author", "in": "header", "schema": {"type": "string"}},
                ],
                "requestBody": json_content(
                    {
                        "type": "object",
                        "properties": {
                            "text": {"type": "string"},
                            "due": {"type": "string", "nullable": True},
                            "extra_body": {"type": "string"},
                        },
                    }
                ),
                "responses": ok({"type": "object"}),
            }
        },
        "/orders": {
            "post": {
                "operationId": "createOrder",
                "tags": ["orders"],
                "parameters": [
                    {"name": "kind", "in": "query", "schema": {"$ref": "#/components/schemas/Kind"}}
                ],
                "requestBody": {
                    "required": True,
                    **json_content(
                        {
                            "type": "object",
                            "required": ["order"],
                            "properties": {"order": {"$ref": "#/components/schemas/Order"}},
                        }
                    ),
                },
                "responses": ok({"$ref": "#/components/schemas/Order"}),
            }
        },
    },
    components={
        "schemas": {
            "Kind": {"type": "string", "enum": ["retail", "bulk"]},
            "Item": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "id": {"type": "string", "readOnly": True},
                },
            },
            "Order": {
                "type": "object",
                "required": ["item"],
                "properties": {
                    "x-flag": {"type": "boolean"},
                    "class": {"type": "string"},
                    "kind": {"$ref": "#/components/schemas/Kind"},
                    "item": {"$ref": "#/components/schemas/Item"},
                    "extras": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
                },
            },
        }
    },
)


@pytest.fixture(scope="module")
def calls(generate: Any) -> Generated:
    return generate(SPEC, "call_arguments")


def test_names_of_per_call_options_go_to_the_spec_arguments_by_location(
    calls: Generated,
) -> None:
    warnings = calls.warnings
    assert "named like the per-call option `timeout`" in warnings
    for renamed in ("timeout_query", "max_retries_header", "timeout_body", "idempotency_key_body"):
        assert f"`{renamed}`" in warnings


def test_the_option_and_the_parameter_both_work(calls: Generated, server: Server) -> None:
    client = calls.client(server)
    client.calls.create_call(
        to="+1",
        timeout_body=30,
        idempotency_key_body="form-key",
        timeout_query="5",
        max_retries_header=2,
        timeout=7.5,
        idempotency_key="call-key",
    )
    request = server.last
    assert request.url.params["timeout"] == "5"
    assert request.headers["max_retries"] == "2"
    assert request.content == b"Timeout=30&IdempotencyKey=form-key&To=%2B1"
    assert request.extensions["timeout"]["read"] == 7.5
    assert request.headers["Idempotency-Key"] == "call-key"


def test_none_is_sent_as_null_where_the_spec_allows_it(calls: Generated, server: Server) -> None:
    calls.client(server).notes.update_note(due=None, text="t")
    assert server.last.content == b'{"text":"t","due":null}'


def test_none_is_refused_where_the_spec_does_not_allow_it(calls: Generated, server: Server) -> None:
    with pytest.raises(TypeError, match="'text' must not be None"):
        calls.client(server).notes.update_note(text=None)
    assert server.requests == []


def test_a_non_ascii_header_argument_is_named(calls: Generated, server: Server) -> None:
    with pytest.raises(ValueError, match="'x_author'.*ASCII"):
        calls.client(server).notes.update_note(x_author="Jos\u00e9")
    assert server.requests == []


def test_dicts_with_any_json_keys_and_enum_strings_are_sent_as_given(
    calls: Generated, server: Server
) -> None:
    server.reply(json={"item": {"name": "n", "id": "1"}})
    order = {
        "x-flag": True,
        "class": "c",
        "kind": "bulk",
        "item": {"name": "n"},
        "extras": [{"name": "e"}],
    }
    result = calls.client(server).orders.create_order(kind="retail", order=order)
    assert server.last.url.params["kind"] == "retail"
    assert json.loads(server.last.content) == {"order": order}
    assert isinstance(result, calls.models.Order) and result.item.id == "1"


def test_typed_dicts_take_the_json_keys_and_leave_out_read_only_ones(calls: Generated) -> None:
    models = calls.models
    assert models.OrderParam.__annotations__.keys() == {"x-flag", "class", "kind", "item", "extras"}
    assert models.ItemParam.__annotations__.keys() == {"name"}
    source = calls.model_source("OrderParam")
    assert '"Required[Item | ItemParam]"' in source
    assert 'Kind | Literal["retail", "bulk"]' in source  # black's quotes


MYPY_CHECKED = ("calls",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
