"""Request bodies: JSON and +json, form-urlencoded, multipart with files, octet-stream, text,
and operations that accept several content types."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import inspect
import io
import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from .support import Generated, Server, json_content, mypy_params, openapi, ref


def post(operation_id: str, content: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {
        "post": {
            "operationId": operation_id,
            "tags": ["uploads"],
            "requestBody": {"required": required, **content},
            "responses": {"204": {"description": "done"}},
        }
    }


PET = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
}
FORM = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "count": {"type": "integer"},
        "flag": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}
DEEP_FORM = {  # as Stripe writes its form bodies
    "type": "object",
    "properties": {
        "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"price": {"type": "string"}, "tax": {"type": "object", "properties": {"rate": {"type": "integer"}}}},
            },
        },
        "expand": {"type": "array", "items": {"type": "string"}},
        "plain": {"type": "object", "properties": {"k": {"type": "string"}}},
    },
}
UPLOAD = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "attachments": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "description": {"type": "string"},
        "meta": {"type": "object", "properties": {"k": {"type": "string"}}},
    },
}

SPEC = openapi(
    paths={
        "/json": post("sendJson", json_content(ref("Pet"))),
        "/pets": post("sendPets", json_content({"type": "array", "items": ref("Pet")})),
        "/merge-patch": post("patchPet", json_content(ref("Pet"), "application/merge-patch+json")),
        "/form": post("sendForm", json_content(FORM, "application/x-www-form-urlencoded")),
        "/deep-form": post(
            "sendDeepForm",
            {
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": DEEP_FORM,
                        "encoding": {
                            "metadata": {"style": "deepObject", "explode": True},
                            "items": {"style": "deepObject", "explode": True},
                            "expand": {"style": "deepObject", "explode": True},
                            "plain": {"style": "form", "explode": True},
                        },
                    }
                }
            },
        ),
        "/upload": post("upload", json_content(UPLOAD, "multipart/form-data")),
        "/raw": post(
            "sendRaw",
            json_content({"type": "string", "format": "binary"}, "application/octet-stream"),
        ),
        "/text": post("sendText", json_content({"type": "string"}, "text/plain")),
        "/several": post(
            "sendSeveral",
            {
                "content": {
                    "application/xml": {"schema": ref("Pet")},
                    "application/x-www-form-urlencoded": {"schema": ref("Pet")},
                    "application/json": {"schema": ref("Pet")},
                }
            },
        ),
        "/optional": post("sendOptional", json_content(ref("Pet")), required=False),
    },
    schemas={"Pet": PET},
)


@pytest.fixture(scope="module")
def uploads(generate: Any) -> Generated:
    return generate(SPEC, "bodies")


@pytest.fixture
def client(uploads: Generated, server: Server) -> Any:
    server.reply(204)
    return uploads.client(server).uploads


def media_type(request: httpx.Request) -> str:
    return request.headers.get("content-type", "").split(";")[0]


def multipart(request: httpx.Request) -> list[tuple[str, str | None, str, bytes]]:
    """The parts of a multipart body: (name, filename, content type, bytes)."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
    return [
        (
            part.get_param("name", header="content-disposition"),
            part.get_filename(),
            part.get_content_type(),
            part.get_payload(decode=True),
        )
        for part in message.iter_parts()
    ]


def test_json_body_from_arguments(client: Any, server: Server) -> None:
    assert client.send_json(name="Rex", age=3) is None
    assert media_type(server.last) == "application/json"
    assert json.loads(server.last.content) == {"name": "Rex", "age": 3}


def test_json_array_body_of_models(uploads: Generated, client: Any, server: Server) -> None:
    pet = uploads.models.Pet
    client.send_pets(body=[pet(name="a"), pet(name="b", age=1)])
    assert json.loads(server.last.content) == [{"name": "a"}, {"name": "b", "age": 1}]


def test_plus_json_media_type_is_sent_as_json_with_its_own_content_type(
    client: Any, server: Server
) -> None:
    client.patch_pet(name="Rex")
    assert media_type(server.last) == "application/merge-patch+json"
    assert json.loads(server.last.content) == {"name": "Rex"}


def test_form_body_is_encoded_as_a_form(client: Any, server: Server) -> None:
    client.send_form(name="a b&c", count=2, flag=True, tags=["x", "y"])
    assert media_type(server.last) == "application/x-www-form-urlencoded"
    assert parse_qs(server.last.content.decode(), keep_blank_values=True) == {
        "name": ["a b&c"],
        "count": ["2"],
        "flag": ["true"],
        "tags": ["x", "y"],
    }


def test_form_body_properties_follow_their_encoding(client: Any, server: Server) -> None:
    """A form's `encoding` decides how each property is written: deepObject nests with brackets
    at any depth (lists by index), as Stripe's API reads it; form/explode spreads an object."""
    client.send_deep_form(
        metadata={"plan": "pro", "gone": None},
        items=[{"price": "p_1", "tax": {"rate": 7}}, {"price": "p_2"}],
        expand=["a", "b"],
        plain={"k": "v"},
    )
    assert server.last.content.decode().split("&") == [
        "metadata%5Bplan%5D=pro",
        "items%5B0%5D%5Bprice%5D=p_1",
        "items%5B0%5D%5Btax%5D%5Brate%5D=7",
        "items%5B1%5D%5Bprice%5D=p_2",
        "expand%5B0%5D=a",
        "expand%5B1%5D=b",
        "k=v",
    ]


def test_multipart_body_carries_files_and_fields(client: Any, server: Server) -> None:
    client.upload(
        file=("report.csv", b"a,b\n1,2\n", "text/csv"),
        attachments=[("one.bin", b"\x00\x01"), io.BytesIO(b"two")],
        description="quarterly",
        meta={"k": "v"},
    )
    assert media_type(server.last) == "multipart/form-data"
    parts = multipart(server.last)
    by_name: dict[str, list[tuple[str | None, str, bytes]]] = {}
    for name, filename, content_type, payload in parts:
        by_name.setdefault(name, []).append((filename, content_type, payload))
    assert by_name["file"] == [("report.csv", "text/csv", b"a,b\n1,2\n")]
    assert [(f, p) for f, _, p in by_name["attachments"]] == [
        ("one.bin", b"\x00\x01"),
        ("upload", b"two"),
    ]
    assert by_name["description"] == [(None, "text/plain", b"quarterly")]
    [(_, meta_type, meta)] = by_name["meta"]
    assert meta_type == "application/json" and json.loads(meta) == {"k": "v"}


def test_the_async_client_sends_the_same_multipart_body(uploads: Generated, server: Server) -> None:
    async def send() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as http:
            await uploads.async_client(server, http_client=http).uploads.upload(
                file=("a.txt", b"async bytes", "text/plain"), description="d"
            )

    server.reply(204)
    asyncio.run(send())
    assert [(n, f, p) for n, f, _, p in multipart(server.last)] == [
        ("file", "a.txt", b"async bytes"),
        ("description", None, b"d"),
    ]


def test_multipart_file_bytes_alone(client: Any, server: Server) -> None:
    client.upload(file=b"raw bytes")
    [(name, filename, _, payload)] = multipart(server.last)
    assert (name, payload) == ("file", b"raw bytes")
    assert filename  # servers reject a file part without a filename


def test_multipart_file_argument_is_typed_to_take_a_filename(client: Any) -> None:
    annotation = str(inspect.signature(client.upload).parameters["file"].annotation)
    assert "FileTypes" in annotation or "tuple" in annotation


@pytest.mark.parametrize(
    "body", [b"\x00\xffbinary", bytearray(b"\x00\xffbinary"), io.BytesIO(b"\x00\xffbinary")]
)
def test_octet_stream_body_is_sent_as_the_bytes_given(
    client: Any, server: Server, body: Any
) -> None:
    client.send_raw(body=body)
    assert media_type(server.last) == "application/octet-stream"
    assert server.last.content == b"\x00\xffbinary"


def test_text_body_is_utf8_text(client: Any, server: Server) -> None:
    client.send_text(body="h\u00e9llo \u2603")
    assert media_type(server.last) == "text/plain"
    assert server.last.content == "h\u00e9llo \u2603".encode()


def test_several_content_types_send_json(client: Any, server: Server) -> None:
    client.send_several(name="Rex")
    assert media_type(server.last) == "application/json"
    assert json.loads(server.last.content) == {"name": "Rex"}


def test_an_optional_body_left_out_sends_no_required_fields(client: Any, server: Server) -> None:
    client.send_optional()
    assert server.last.content in (b"", b"{}")
    client.send_optional(name="Rex")
    assert json.loads(server.last.content) == {"name": "Rex"}


MYPY_CHECKED = ("uploads",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
