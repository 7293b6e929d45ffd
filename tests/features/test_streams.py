"""Streamed responses through generated code: server-sent events (the whole grammar, a
sentinel, an error event, a cut stream), JSON lines, the `stream: bool` overloads, early exit
and cancellation closing the response, retries only before the first byte.

The servers serve their bodies from generators that log each chunk as they give it, so a test
sees the first item arrive before the server has sent the rest.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from .support import Generated, json_content, mypy_params, openapi, ref

CHUNK = {
    "type": "object",
    "required": ["id", "text"],
    "properties": {"id": {"type": "integer"}, "text": {"type": "string"}},
}
COMPLETION = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
EVENT = {  # Speakeasy's convention (Together's too): the schema describes the whole event
    "type": "object",
    "required": ["data"],
    "properties": {
        "event": {"type": "string"},
        "data": ref("Chunk"),
        "id": {"type": "string"},
        "retry": {"type": "integer"},
    },
}
END = {"type": "object", "required": ["data"], "properties": {"data": {"type": "string", "enum": ["[END]"]}}}
LINE = {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}


def get(operation_id: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"operationId": operation_id, "tags": ["streams"], "responses": {"200": {"description": "ok", **content}}}}


SPEC = openapi(
    {
        "/chat": {
            "post": {
                "operationId": "chat",
                "tags": ["streams"],
                "requestBody": {
                    "required": True,
                    **json_content(
                        {
                            "type": "object",
                            "required": ["prompt"],
                            "properties": {"prompt": {"type": "string"}, "stream": {"type": "boolean"}},
                        }
                    ),
                },
                "responses": {
                    "200": {
                        "description": "a completion, or its chunks as they are made",
                        "content": {
                            "application/json": {"schema": ref("Completion")},
                            "text/event-stream": {"schema": ref("Chunk")},
                        },
                    }
                },
            }
        },
        "/events": get("events", {"content": {"text/event-stream": {"schema": {"oneOf": [ref("Event"), ref("End")]}}}}),
        "/raw-events": get("raw_events", {"content": {"text/event-stream": {}}}),
        "/ticks": get(
            "ticks",
            {"content": {"text/event-stream": {"schema": {"type": "string"}, "x-speakeasy-sse-sentinel": "STOP"}}},
        ),
        "/lines": get("lines", json_content({"type": "array", "items": ref("Line")}, "application/x-ndjson")),
        "/either": get(
            "either",
            {"content": {"application/json": {"schema": ref("Completion")}, "text/event-stream": {"schema": ref("Chunk")}}},
        ),
    },
    {"Chunk": CHUNK, "Completion": COMPLETION, "Event": EVENT, "End": END, "Line": LINE},
)


class Body:
    """A response body served from a generator, logging each chunk as it is given and whether
    the generator was closed (the client left) or ran to its end."""

    def __init__(self, chunks: list[bytes], *, cut: bool = False) -> None:
        self.chunks, self.cut = chunks, cut
        self.sent: list[bytes] = []
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self.chunks:
                self.sent.append(chunk)
                yield chunk
            if self.cut:
                raise httpx.ReadError("connection reset by peer")
        finally:
            self.closed = True

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            for chunk in self.chunks:
                self.sent.append(chunk)
                yield chunk
                await asyncio.sleep(0)
            if self.cut:
                raise httpx.ReadError("connection reset by peer")
        finally:
            self.closed = True


def serve(body: Body, media_type: str = "text/event-stream", *, fail_first: int = 0, aio: bool = False) -> Any:
    """A handler answering with ``body`` (async for an async client: ``aio``), after
    ``fail_first`` 503s; its requests in ``.requests``."""
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if len(requests) <= fail_first:
            return httpx.Response(503, json={"message": "busy"})
        content = body.__aiter__() if aio else body
        return httpx.Response(200, headers={"content-type": media_type}, content=content)

    handler.requests = requests  # type: ignore[attr-defined]
    return handler


@pytest.fixture(scope="module")
def streams(generate: Any) -> Generated:
    return generate(SPEC, "streams")


def sync_client(streams: Generated, handler: Any, **options: Any) -> Any:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    options.setdefault("max_retries", 0)
    made = streams.client_class(base_url="https://api.test", http_client=http, **options)
    streams.clients.append(made)
    return made.streams


def async_client(streams: Generated, handler: Any, **options: Any) -> Any:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    options.setdefault("max_retries", 0)
    return streams.async_client_class(base_url="https://api.test", http_client=http, **options).streams


def chunks(*events: dict[str, Any]) -> list[bytes]:
    return [f"data: {json.dumps(e)}\n\n".encode() for e in events]


# --- server-sent events -----------------------------------------------------------------


def test_stream_true_yields_each_chunk_as_it_arrives(streams: Generated) -> None:
    body = Body([*chunks({"id": 1, "text": "he"}, {"id": 2, "text": "llo"}), b"data: [DONE]\n\n"])
    with sync_client(streams, serve(body)).chat(prompt="hi", stream=True) as stream:
        first = next(iter(stream))
        assert (first.id, first.text) == (1, "he")
        assert len(body.sent) == 1  # the rest is not yet sent
        assert [c.text for c in stream] == ["llo"]
    assert isinstance(first, streams.models.Chunk)
    assert stream.response.is_closed


def test_stream_false_returns_the_json_body(streams: Generated) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert json.loads(request.content) == {"prompt": "hi", "stream": False}
        return httpx.Response(200, json={"text": "hello"})

    completion = sync_client(streams, handler).chat(prompt="hi", stream=False)
    assert isinstance(completion, streams.models.Completion) and completion.text == "hello"


def test_a_json_answer_to_a_stream_capable_call_is_read_within_the_cap(streams: Generated) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"text": "x" * 5000})

    with pytest.raises(streams.module.ResponseTooLargeError):
        sync_client(streams, handler, max_response_size=1000).chat(prompt="hi", stream=False)

    async def run() -> None:
        await async_client(streams, handler, max_response_size=1000).chat(prompt="hi", stream=False)

    with pytest.raises(streams.module.ResponseTooLargeError):
        asyncio.run(run())


def test_the_async_client_streams_with_async_for(streams: Generated) -> None:
    body = Body([*chunks({"id": 1, "text": "a"}, {"id": 2, "text": "b"}), b"data: [DONE]\n\n"])

    async def run() -> list[str]:
        stream = await async_client(streams, serve(body, aio=True)).chat(prompt="hi", stream=True)
        async with stream:
            got = []
            async for chunk in stream:
                got.append((chunk.text, len(body.sent)))
            return got

    assert asyncio.run(run()) == [("a", 1), ("b", 2)]


def test_the_whole_grammar_multi_line_data_comments_id_retry(streams: Generated) -> None:
    wire = (
        b"\xef\xbb\xbf: a comment, then a keep-alive\r\n:\r\n"
        b"event: update\r\nid: 7\r\nretry: 1500\r\ndata: first line\r\ndata:second line\r\n\r\n"
        b"data: no id given, the last one stands\rdata\r\r"  # CR endings; `data` with no colon
        b"id: bad\x00id\nretry: soon\nevent: note\ndata: {\"x\":\n"
        b"data:  1}\n\n"
        b"event: skipped\n\n"  # no data: not dispatched
    )
    body = Body([wire[i : i + 5] for i in range(0, len(wire), 5)])  # split anywhere, CRLF too
    events = list(sync_client(streams, serve(body)).raw_events())
    SSE = streams.module._runtime.ServerSentEvent
    assert events == [
        SSE(data="first line\nsecond line", event="update", id="7", retry=1500),
        SSE(data="no id given, the last one stands\n", event=None, id="7", retry=None),
        SSE(data='{"x":\n 1}', event="note", id="7", retry=None),
    ]


def test_events_typed_as_the_schema_declares_and_a_union_sentinel(streams: Generated) -> None:
    body = Body([b"event: tick\nid: a1\ndata: {\"id\": 1, \"text\": \"x\"}\n\n", b"data: [END]\n\n", b"data: {}\n\n"])
    events = list(sync_client(streams, serve(body)).events())
    [event] = events
    assert isinstance(event, streams.models.Event)
    assert (event.event, event.id, event.data.text) == ("tick", "a1", "x")
    assert len(body.sent) == 2 and body.closed  # stopped at the sentinel, the rest never read


def test_a_sentinel_named_by_the_extension_ends_a_text_stream(streams: Generated) -> None:
    body = Body([b"data: one\n\ndata: two\n\ndata: STOP\n\ndata: never\n\n"])
    assert list(sync_client(streams, serve(body)).ticks()) == ["one", "two"]


def test_an_error_event_raises_the_sdks_own_error(streams: Generated) -> None:
    body = Body([*chunks({"id": 1, "text": "a"}), b'event: error\ndata: {"error": {"message": "overloaded"}}\n\n'])
    runtime = streams.module._runtime
    got = []
    with pytest.raises(runtime.StreamError) as caught:
        for chunk in sync_client(streams, serve(body)).chat(prompt="hi", stream=True):
            got.append(chunk.id)
    assert got == [1]
    assert isinstance(caught.value, runtime.APIError)
    assert "overloaded" in str(caught.value) and caught.value.body == {"error": {"message": "overloaded"}}
    assert body.closed


def test_a_stream_that_ends_mid_event_drops_the_unfinished_event(streams: Generated) -> None:
    body = Body([*chunks({"id": 1, "text": "a"}), b'data: {"id": 2, "te'])
    assert [c.id for c in sync_client(streams, serve(body)).chat(prompt="hi", stream=True)] == [1]


def test_a_connection_broken_mid_stream_raises_and_is_not_retried(streams: Generated) -> None:
    body = Body(chunks({"id": 1, "text": "a"}), cut=True)
    handler = serve(body)
    stream = sync_client(streams, handler, max_retries=3).chat(prompt="hi", stream=True)
    got = []
    with pytest.raises(streams.module._runtime.APIConnectionError):
        for chunk in stream:
            got.append(chunk.id)
    assert got == [1] and len(handler.requests) == 1


def test_retries_happen_before_the_first_byte(streams: Generated) -> None:
    body = Body([*chunks({"id": 1, "text": "a"}), b"data: [DONE]\n\n"])
    handler = serve(body, fail_first=2)
    client = sync_client(streams, handler, max_retries=2)
    client._client._sleep = lambda seconds: None
    assert [c.id for c in client.chat(prompt="hi", stream=True)] == [1]
    assert len(handler.requests) == 3


def test_an_error_status_raises_before_any_stream(streams: Generated) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"message": "no such model"})

    with pytest.raises(streams.module._runtime.NotFoundError):
        sync_client(streams, handler).chat(prompt="hi", stream=True)


# --- early exit and cancellation ---------------------------------------------------------


def test_leaving_the_block_early_closes_the_response(streams: Generated) -> None:
    body = Body(chunks(*({"id": i, "text": "x"} for i in range(100))))
    with sync_client(streams, serve(body)).chat(prompt="hi", stream=True) as stream:
        for chunk in stream:
            if chunk.id == 2:
                break
    assert stream.response.is_closed and body.closed
    assert len(body.sent) == 3


def test_close_stops_reading(streams: Generated) -> None:
    body = Body(chunks(*({"id": i, "text": "x"} for i in range(10))))
    stream = sync_client(streams, serve(body)).chat(prompt="hi", stream=True)
    assert next(stream).id == 0
    stream.close()
    assert stream.response.is_closed and body.closed and len(body.sent) == 1


def test_a_cancelled_task_closes_the_response(streams: Generated) -> None:
    class Endless(Body):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            try:
                yield chunks({"id": 1, "text": "a"})[0]
                await asyncio.sleep(3600)  # the server goes quiet
                yield b""
            finally:
                self.closed = True

    body = Endless([])

    async def run() -> Any:
        stream = await async_client(streams, serve(body, aio=True)).chat(prompt="hi", stream=True)
        first: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

        async def consume() -> None:
            async with stream:
                async for chunk in stream:
                    first.set_result(chunk)

        task = asyncio.create_task(consume())
        assert (await first).id == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return stream

    stream = asyncio.run(run())
    assert stream.response.is_closed and body.closed


def test_async_early_break_closes_the_response(streams: Generated) -> None:
    body = Body(chunks(*({"id": i, "text": "x"} for i in range(50))))

    async def run() -> Any:
        async with await async_client(streams, serve(body, aio=True)).chat(prompt="hi", stream=True) as stream:
            async for chunk in stream:
                if chunk.id == 1:
                    break
        return stream

    assert asyncio.run(run()).response.is_closed and body.closed


# --- JSON lines -------------------------------------------------------------------------


def test_ndjson_yields_one_typed_item_per_line_as_it_arrives(streams: Generated) -> None:
    body = Body([b'{"n": 1}\n{"n"', b': 2}\n\n', b'{"n": 3}'])  # a line split, a blank, no final newline
    lines = sync_client(streams, serve(body, "application/x-ndjson")).lines()
    first = next(lines)
    assert isinstance(first, streams.models.Line) and first.n == 1 and len(body.sent) == 1
    assert [line.n for line in lines] == [2, 3]


def test_ndjson_a_partial_last_line_is_an_error_after_the_whole_ones(streams: Generated) -> None:
    body = Body([b'{"n": 1}\n{"n": 2}\n{"n": '])
    got = []
    with pytest.raises(streams.module._runtime.APIResponseValidationError, match="ended inside an item"):
        for line in sync_client(streams, serve(body, "application/x-ndjson")).lines():
            got.append(line.n)
    assert got == [1, 2]


def test_async_ndjson(streams: Generated) -> None:
    body = Body([b'{"n": 1}\n', b'{"n": 2}\n'])

    async def run() -> list[int]:
        async with await async_client(streams, serve(body, "application/x-ndjson", aio=True)).lines() as lines:
            return [line.n async for line in lines]

    assert asyncio.run(run()) == [1, 2]


# --- types ------------------------------------------------------------------------------


def test_signatures_say_what_each_call_returns(streams: Generated) -> None:
    resource = sync_client(streams, serve(Body([])))
    assert "Stream[" in str(inspect.signature(resource.events).return_annotation)
    raw = str(inspect.signature(resource.with_raw_response.events).return_annotation)
    assert raw.startswith("RawResponse[") and "Stream[" in raw
    streamed = str(inspect.signature(resource.with_streaming_response.lines).return_annotation)
    assert streamed.startswith("StreamedResponseManager[")
    source = streams.source("resources/streams.py")
    assert "stream: Literal[True]" in source and "@overload" in source


USAGE = '''"""Calls as a user writes them: mypy --strict must know what each gets."""

from typing_extensions import assert_type

from . import AsyncFeature, Feature, models
from ._runtime import AsyncStream, RawResponse, ServerSentEvent, Stream


def sync_calls(client: Feature, flag: bool) -> None:
    assert_type(client.streams.chat(prompt="p", stream=True), Stream[models.Chunk])
    assert_type(client.streams.chat(prompt="p"), models.Completion)
    assert_type(client.streams.chat(prompt="p", stream=False), models.Completion)
    assert_type(client.streams.chat(prompt="p", stream=flag), models.Completion | Stream[models.Chunk])
    assert_type(client.streams.raw_events(), Stream[ServerSentEvent])
    assert_type(client.streams.with_raw_response.lines(), RawResponse[Stream[models.Line]])
    with client.streams.with_streaming_response.events() as response:
        assert_type(response.parse(), Stream[models.Event])
    for chunk in client.streams.chat(prompt="p", stream=True):
        assert_type(chunk.text, str)


async def async_calls(client: AsyncFeature) -> None:
    stream = await client.streams.chat(prompt="p", stream=True)
    assert_type(stream, AsyncStream[models.Chunk])
    async for chunk in stream:
        assert_type(chunk.id, int)
    async with client.streams.with_streaming_response.lines() as response:
        assert_type(await response.parse(), AsyncStream[models.Line])
'''


@pytest.fixture(scope="module")
def streams_used(streams: Generated) -> Generated:
    """The streams package with a module of typed calls in it, for mypy to check."""
    (streams.out / streams.package / "_usage.py").write_text(USAGE, encoding="utf-8")
    return streams


MYPY_CHECKED = ("streams_used",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []


def snippets(readme: str) -> list[str]:
    return [block.split("```", 1)[0] for block in readme.split("```python\n")[1:]]


def test_the_readme_shows_a_streamed_call_and_api_md_the_stream_types(streams: Generated) -> None:
    readme = (streams.out / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Streaming", 1)[1].split("\n## ", 1)[0]
    assert "with client.streams.chat(prompt=..., stream=True) as stream:" in section
    for code in snippets(readme):
        compile(code, "README.md", "exec")
    api = (streams.out / "api.md").read_text(encoding="utf-8")
    assert "-> Stream[models.Chunk]" in api or "-> Stream[Chunk]" in api, api
    assert "-> Stream[ServerSentEvent]" in api
    assert "stream: Literal[True]" in api


def test_items_before_an_error_in_the_same_chunk_come_first(streams: Generated) -> None:
    runtime = streams.module._runtime
    wire = b"".join(chunks({"id": 1, "text": "a"}, {"id": 2, "text": "b"})) + b"event: error\ndata: broken\n\n"
    got = []
    with pytest.raises(runtime.StreamError, match="broken"):
        for chunk in sync_client(streams, serve(Body([wire]))).chat(prompt="hi", stream=True):
            got.append(chunk.id)
    assert got == [1, 2]
    wire = b"".join(chunks({"id": 1, "text": "a"}, {"id": "two", "text": "b"}, {"id": 3, "text": "c"}))
    got = []
    with pytest.raises(runtime.APIResponseValidationError, match="does not match") as caught:
        for chunk in sync_client(streams, serve(Body([wire]))).chat(prompt="hi", stream=True):
            got.append(chunk.id)
    assert got == [1] and b'"two"' in caught.value.body


def test_any_split_of_the_wire_gives_the_same_events(streams: Generated) -> None:
    SSEDecoder = streams.module._runtime._sse.SSEDecoder
    wire = (
        b"\xef\xbb\xbfevent: a\r\ndata: 1\r\n\r\n: note\rdata: \xe2\x98\x83\rid: 9\r\rdata\ndata: x\n\n"
        b"retry: 10\ndata: {}\n\n"
    )

    def decode(pieces: list[bytes]) -> list[Any]:
        decoder = SSEDecoder()
        return [e for piece in pieces for e in decoder.feed(piece)] + decoder.end()

    whole = decode([wire])
    assert [e[0] for e in whole] == [b"1", "\u2603".encode(), b"\nx", b"{}"]
    assert [(e[1], e[2], e[3]) for e in whole] == [("a", None, None), (None, "9", None), (None, "9", None), (None, "9", 10)]
    for cut in range(1, len(wire)):
        assert decode([wire[:cut], wire[cut:]]) == whole, cut
    assert decode([wire[i : i + 1] for i in range(len(wire))]) == whole


# OpenAPI 3.2's `itemSchema` (3.1 documents that use it validate only with --lenient; 3.2 is not
# loaded yet), and RFC 7464 JSON text sequences.
ITEM_SCHEMA_SPEC = openapi(
    {
        "/seq": get("seq", {"content": {"application/json-seq": {"itemSchema": ref("Line")}}}),
        "/jsonl": get("jsonl", {"content": {"application/jsonl": {"itemSchema": ref("Line")}}}),
    },
    {"Line": LINE},
    version="3.1.0",
)


@pytest.fixture(scope="module")
def item_schemas(generate: Any) -> Generated:
    return generate(ITEM_SCHEMA_SPEC, "item_schemas", args=("--lenient",))


def test_item_schema_types_each_line_and_json_seq_records(item_schemas: Generated) -> None:
    def client(body: Body, media_type: str) -> Any:
        http = httpx.Client(transport=httpx.MockTransport(serve(body, media_type)))
        made = item_schemas.client_class(base_url="https://api.test", http_client=http, max_retries=0)
        item_schemas.clients.append(made)
        return made.streams

    records = Body([b'\x1e{"n": 1}\n\x1e{"n"', b': 2}\n'])
    lines = list(client(records, "application/json-seq").seq())
    assert [line.n for line in lines] == [1, 2] and isinstance(lines[0], item_schemas.models.Line)
    assert [line.n for line in client(Body([b'{"n": 7}\n']), "application/jsonl").jsonl()] == [7]
    assert "-> Stream[models.Line]" in (item_schemas.out / "api.md").read_text(encoding="utf-8")


def test_the_server_decides_by_the_media_type_it_sends(streams: Generated) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"text": "whole"})

    completion = sync_client(streams, handler).either()
    assert isinstance(completion, streams.models.Completion) and completion.text == "whole"
    body = Body([*chunks({"id": 1, "text": "a"}), b"data: [DONE]\n\n"])
    stream = sync_client(streams, serve(body)).either()
    assert isinstance(stream, streams.module._runtime.Stream)
    assert [c.id for c in stream] == [1]
    assert "-> models.Completion | Stream[models.Chunk]" in (streams.out / "api.md").read_text(encoding="utf-8")
