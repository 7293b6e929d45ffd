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
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import httpx
import pydantic
from typing_extensions import Self

from ._errors import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ._sse import LineDecoder, ServerSentEvent, SSEDecoder

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
    """A stream's bytes to its items: ``feed`` each chunk, then ``end``; ``done`` once a
    sentinel has ended it."""

    def __init__(self, stream: StreamFormat, response: httpx.Response, strict: bool) -> None:
        from ._response import _adapter

        self._format, self._response, self._strict = stream, response, strict
        self._adapter = None if stream.item_type is None else _adapter(stream.item_type)
        self._sse = SSEDecoder() if stream.kind == "sse" else None
        self._lines = None if self._sse else LineDecoder()
        self.done = False

    def feed(self, chunk: bytes) -> list[Any]:
        if self._sse is not None:
            return self._events(self._sse.feed(chunk))
        assert self._lines is not None
        return [self._read(line) for line in self._lines.feed(chunk)]

    def end(self) -> list[Any]:
        if self._sse is not None:
            return self._events(self._sse.end())
        assert self._lines is not None
        return [self._last(line) for line in self._lines.end()]

    def _events(self, events: list[ServerSentEvent]) -> list[Any]:
        items = []
        for event in events:
            if event.event == "error":
                raise StreamError(event, response=self._response)
            if event.data == self._format.sentinel:
                self.done = True
                break
            items.append(self._event_item(event))
        return items

    def _event_item(self, event: ServerSentEvent) -> Any:
        if self._adapter is None:
            return event
        if not self._format.fields:
            if self._format.json_data:
                return self._read(event.data)
            return self._read(event.data, python=True)
        data = _json_or_text(event.data) if self._format.json_data else event.data
        given = {"data": data, "event": event.event, "id": event.id, "retry": event.retry}
        return self._read({k: given[k] for k in self._format.fields if given[k] is not None}, True)

    def _read(self, value: Any, python: bool = False) -> Any:
        """One item, from its JSON in one pass of pydantic's parser (or from Python values)."""
        try:
            if self._adapter is None:
                return json.loads(value)
            validate = self._adapter.validate_python if python else self._adapter.validate_json
            if self._strict:
                from ._models import strict_validation

                with strict_validation(True):
                    return validate(value)
            return validate(value)
        except (ValueError, pydantic.ValidationError) as exc:
            raise APIResponseValidationError(
                f"A streamed item does not match the documented type: {exc}",
                response=self._response,
                body=value,
            ) from exc

    def _last(self, line: bytes) -> Any:
        """A last line with no newline: an item when it is whole, else the stream was cut."""
        try:
            json.loads(line)
        except ValueError:
            raise APIResponseValidationError(
                "The stream ended inside an item (its last line is not whole JSON)",
                response=self._response,
                body=line,
            ) from None
        return self._read(line)


def _json_or_text(data: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return data


def _error_message(body: Any) -> str:
    """The message an error event carries: ``{"message"}`` or ``{"error": {"message"}}``."""
    found = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(found, dict) and isinstance(found.get("message"), str):
        return f"The stream sent an error: {found['message']}"
    return f"The stream sent an error: {body}"


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
                if items.done:
                    return
            yield from items.end()
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
                if items.done:
                    return
            for item in items.end():
                yield item
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
