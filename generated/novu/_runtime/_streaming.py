"""Streamed responses as iterators of typed items: ``Stream`` (``for``) and ``AsyncStream``
(``async for``), each over a response the request loop left open.

The loop sends a call whose operation may stream with ``stream=True`` and hands the open,
successful response to ``is_stream``/``Stream``; its retries are over by then, so nothing is
retried once the first byte is in. Each item is yielded as soon as its bytes arrive. Leaving a
stream (its end, a sentinel, ``close()``, leaving its ``with`` block, an exception, a cancelled
task) closes the response, which returns the connection to the pool.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, cast

import httpx
import pydantic
from typing_extensions import Self

from ._errors import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ._sse import LineDecoder, RawEvent, ServerSentEvent, SSEDecoder, decoded

__all__ = ["AsyncStream", "ServerSentEvent", "Stream", "StreamError", "StreamFormat", "is_stream"]

T = TypeVar("T")

_MEDIA = {"sse": ("text/event-stream",), "ndjson": ("ndjson", "jsonl", "jsonlines")}


@dataclass(frozen=True)
class StreamFormat:
    """What an operation streams, as the generator read it from the spec.

    ``item_type`` is what each item is validated as (None: SSE events as they came, or any
    JSON per line); ``fields`` the event fields an SSE item schema declares (empty: the schema
    describes each event's ``data``); ``json_data`` whether ``data`` is JSON; ``sentinel`` the
    data that ends the stream; ``always`` whether the operation answers with nothing else.
    """

    kind: Literal["sse", "ndjson", "json-seq"]
    item_type: Any = None
    fields: tuple[str, ...] = ()
    json_data: bool = True
    sentinel: str | None = None
    always: bool = False


class StreamError(APIError):
    """The server sent an ``error`` event in the middle of a stream: ``body`` is its data (as
    JSON when it is), ``event`` the event itself."""

    def __init__(self, event: ServerSentEvent, *, response: httpx.Response) -> None:
        self.event = event
        self.response = response
        self.body = _json_or_text(event.data)
        super().__init__(_error_message(self.body), request=response.request)


def is_stream(stream: StreamFormat, response: httpx.Response) -> bool:
    """Whether a successful response is the stream rather than the operation's other body: its
    media type says so, or the operation answers with nothing else."""
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if stream.kind == "json-seq":
        return stream.always or media == "application/json-seq"
    return stream.always or any(name in media for name in _MEDIA[stream.kind])


class _Items:
    """A stream's bytes to its items: ``feed`` each chunk, then ``end``. After each, ``settled``
    raises the error the stream ended in (after the items before it were given) and says
    whether a sentinel ended it."""

    def __init__(self, stream: StreamFormat, response: httpx.Response, strict: bool) -> None:
        from ._response import type_adapter

        self._format, self._response, self._strict = stream, response, strict
        self._adapter = None if stream.item_type is None else type_adapter(stream.item_type)
        self._sse = SSEDecoder() if stream.kind == "sse" else None
        self._lines = None if self._sse else LineDecoder()
        self._by_data = stream.kind == "sse" and self._adapter is not None
        self._by_data = self._by_data and not stream.fields and stream.json_data
        self._convert = self._strictly(self._converter()) if strict else self._converter()
        sentinel = stream.sentinel
        self._sentinel = None if sentinel is None else sentinel.encode()
        self.done = False
        self.error: APIError | None = None

    def feed(self, chunk: bytes) -> Iterator[Any]:
        """The chunk's items, each made as it is asked for: a stream holds one item at a time,
        which keeps the garbage collector's work (and the cost of an event) down."""
        if self._sse is not None:
            return self._events(self._sse.feed(chunk))
        assert self._lines is not None
        return self._all(self._lines.feed(chunk), _same)

    def end(self) -> Iterator[Any]:
        if self._sse is not None:
            return self._events(self._sse.end())
        assert self._lines is not None
        last = self._lines.end()
        if last and not _whole_json(last[0]):
            self.error = APIResponseValidationError(
                "The stream ended inside an item (its last line is not whole JSON)",
                response=self._response,
                body=last[0],
            )
            return iter(())
        return self._all(last, _same)

    def settled(self) -> bool:
        if self.error is not None:
            raise self.error
        return self.done

    def _events(self, events: list[RawEvent]) -> Iterator[Any]:
        """The items up to an error event or the sentinel, if one came."""
        sentinel = self._sentinel
        cut = next((i for i, e in enumerate(events) if e[1] == "error" or e[0] == sentinel), None)
        taken = events if cut is None else events[:cut]
        if self._by_data:  # the validator straight on each event's data: no call in between
            yield from self._all([event[0] for event in taken], _same)
        else:
            yield from self._all(taken, _data)
        if cut is not None and self.error is None:
            if events[cut][1] == "error":
                self.error = StreamError(decoded(events[cut]), response=self._response)
            self.done = True

    def _all(self, records: list[Any], data: Callable[[Any], bytes]) -> Iterator[Any]:
        """Each record's item; one that does not fit ends the stream in ``error``, after the
        items before it. (Validating a chunk's items as one JSON array was tried: pydantic
        reads a list of models more slowly than each model alone.)"""
        convert = self._convert
        record = None
        try:  # one try around the loop: the usual item costs no call of its own
            for record in records:
                yield convert(record)
        except (ValueError, pydantic.ValidationError) as exc:
            self.error = APIResponseValidationError(
                f"A streamed item does not match the documented type: {exc}",
                response=self._response,
                body=data(record),
            )

    @staticmethod
    def _strictly(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """``convert`` with undocumented fields and enum values refused (per item: a context
        set across a ``yield`` would reach the caller's code)."""
        from ._models import strict_validation

        def strictly(record: Any) -> Any:
            with strict_validation(True):
                return convert(record)

        return strictly

    def _converter(self) -> Callable[[Any], Any]:
        """How an event (or a line) becomes an item, settled once per stream: as it came (any
        JSON, for a line), its ``data`` as the item's JSON (or text), or the event's fields."""
        adapter, stream = self._adapter, self._format
        if adapter is None:
            return decoded if stream.kind == "sse" else json.loads
        if stream.kind != "sse" or self._by_data:
            return adapter.validate_json
        if not stream.fields:
            return lambda event: adapter.validate_python(event[0].decode("utf-8", "replace"))
        fields, json_data = stream.fields, stream.json_data

        def whole(event: RawEvent) -> Any:
            text = event[0].decode("utf-8", "replace")
            data = _json_or_text(text) if json_data else text
            given = {"data": data, "event": event[1], "id": event[2], "retry": event[3]}
            return adapter.validate_python({k: given[k] for k in fields if given[k] is not None})

        return whole


def _same(line: bytes) -> bytes:
    return line


def _data(event: RawEvent) -> bytes:
    return event[0]


def _whole_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _json_or_text(data: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return data


def _error_message(body: Any) -> str:
    """The message an error event carries: ``{"message"}`` or ``{"error": {"message"}}``."""
    outer = _as_dict(body)
    found = _as_dict(body if outer is None else outer.get("error", body))
    message = None if found is None else found.get("message")
    if isinstance(message, str):
        return f"The stream sent an error: {message}"
    return f"The stream sent an error: {body}"


def _as_dict(value: object) -> dict[str, Any] | None:
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _transport_error(response: httpx.Response, exc: httpx.TransportError) -> APIError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request=response.request)
    return APIConnectionError(request=response.request, message=f"The stream broke: {exc}")


class Stream(Generic[T]):
    """The items of a streamed response, each yielded as soon as it arrives.

    ``with client.x.create(...) as stream: for item in stream: ...`` closes the connection on
    leaving the block, however it is left; a stream read to its end closes it too.
    """

    def __init__(self, response: httpx.Response, stream: StreamFormat, *, strict: bool) -> None:
        self.response = response
        self._items = _Items(stream, response, strict)
        self._iterator = self._iterate()

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def _iterate(self) -> Generator[T, None, None]:
        items = self._items
        try:
            for chunk in self._chunks():
                yield from items.feed(chunk)
                if items.settled():
                    return
            yield from items.end()
            items.settled()
        finally:
            self.response.close()

    def _chunks(self) -> Iterator[bytes]:
        try:
            yield from self.response.iter_bytes()
        except httpx.TransportError as exc:
            raise _transport_error(self.response, exc) from exc

    def close(self) -> None:
        """Stops reading and closes the connection (the server sees it go)."""
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Stream [{self.response.status_code}] {self.response.headers.get('content-type')}>"


class AsyncStream(Generic[T]):
    """The async twin of ``Stream``: ``async with ...: async for item in stream``."""

    def __init__(self, response: httpx.Response, stream: StreamFormat, *, strict: bool) -> None:
        self.response = response
        self._items = _Items(stream, response, strict)
        self._iterator = self._iterate()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def _iterate(self) -> AsyncGenerator[T, None]:
        items = self._items
        try:
            async for chunk in self._chunks():
                for item in items.feed(chunk):
                    yield item
                if items.settled():
                    return
            for item in items.end():
                yield item
            items.settled()
        finally:
            await self.response.aclose()

    async def _chunks(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.response.aiter_bytes():
                yield chunk
        except httpx.TransportError as exc:
            raise _transport_error(self.response, exc) from exc

    async def close(self) -> None:
        """The async twin of ``Stream.close``."""
        await self._iterator.aclose()
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<AsyncStream [{self.response.status_code}] {self.response.headers.get('content-type')}>"
