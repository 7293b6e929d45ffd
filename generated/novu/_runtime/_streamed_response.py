"""``with_streaming_response``: a call's response handed over before its body is read, so a
download goes to a file (or anywhere) chunk by chunk and never sits whole in memory.

``with client.files.with_streaming_response.download(...) as response:`` sends the call (retrying
as any call does, until a response comes), then gives ``iter_bytes()``, ``iter_text()``,
``iter_lines()``, ``read()``, ``parse()`` and ``write_to_file(path)``; leaving the block closes
the connection. The client's ``_request`` asks ``streaming_requested()`` whether it runs inside
one of these blocks, and ``result_of``/``aresult_of`` turn an open response into what the
method returns (the stream it is, or its body read and parsed).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx
from typing_extensions import ParamSpec

from ._limits import aread_body, read_body
from ._request import STREAMED
from ._response import Headed, returning
from ._streaming import AsyncStream, Stream, is_stream

if TYPE_CHECKING:
    from ._settings import Endpoint

__all__ = [
    "AsyncStreamedResponse",
    "AsyncStreamedResponseManager",
    "StreamedResponse",
    "StreamedResponseManager",
    "to_async_streamed_response_wrapper",
    "to_streamed_response_wrapper",
]

T = TypeVar("T")
P = ParamSpec("P")

_CHUNK = 64 * 1024


def result_of(
    endpoint: Endpoint,
    response: httpx.Response,
    parse: Callable[[Endpoint, httpx.Response], Any],
    *,
    strict: bool,
    limit: int,
) -> Any:
    """What a method returns from its open response: the stream it is (its events validated
    with the client's ``strict``), or its body read within ``limit`` bytes and ``parse``d."""
    stream = endpoint.stream
    if stream is not None and is_stream(stream, response):
        return Stream[Any](response, stream, strict=strict)
    read_body(response, limit, None, time.monotonic)  # a body: capped
    return parse(endpoint, response)


async def aresult_of(
    endpoint: Endpoint,
    response: httpx.Response,
    parse: Callable[[Endpoint, httpx.Response], Any],
    *,
    strict: bool,
    limit: int,
) -> Any:
    """The async twin of ``result_of``."""
    stream = endpoint.stream
    if stream is not None and is_stream(stream, response):
        return AsyncStream[Any](response, stream, strict=strict)
    await aread_body(response, limit, None, time.monotonic)
    return parse(endpoint, response)


class StreamedResponse(Headed, Generic[T]):
    """A response whose body has not been read: read it once, in any of these ways."""

    def __init__(self, response: httpx.Response, parse: Callable[[httpx.Response], T]) -> None:
        self.http_response = response
        self._parse = parse

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def read(self) -> bytes:
        return self.http_response.read()

    def parse(self) -> T:
        """What the method returns: its model (the body read whole), or its ``Stream``."""
        return self._parse(self.http_response)

    def write_to_file(self, path: str | os.PathLike[str], *, chunk_size: int = _CHUNK) -> None:
        """The body written to ``path`` as it arrives, ``chunk_size`` bytes at a time at most."""
        with open(path, "wb") as file:
            for chunk in self.http_response.iter_bytes(chunk_size):
                file.write(chunk)

    def close(self) -> None:
        self.http_response.close()


class AsyncStreamedResponse(Headed, Generic[T]):
    """The async twin of ``StreamedResponse``."""

    def __init__(
        self, response: httpx.Response, parse: Callable[[httpx.Response], Awaitable[T]]
    ) -> None:
        self.http_response = response
        self._parse = parse

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    def iter_lines(self) -> AsyncIterator[str]:
        return self.http_response.aiter_lines()

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def parse(self) -> T:
        return await self._parse(self.http_response)

    async def write_to_file(
        self, path: str | os.PathLike[str], *, chunk_size: int = _CHUNK
    ) -> None:
        with open(path, "wb") as file:
            async for chunk in self.http_response.aiter_bytes(chunk_size):
                file.write(chunk)

    async def close(self) -> None:
        await self.http_response.aclose()


class StreamedResponseManager(Generic[T]):
    """Makes the call on entering (so the response is open only inside the block) and closes
    the response on leaving it."""

    def __init__(self, call: Callable[[], Any]) -> None:
        self._call = call
        self._response: StreamedResponse[T] | None = None

    def __enter__(self) -> StreamedResponse[T]:
        token = STREAMED.set(True)
        try:
            self._response = self._call()
        finally:
            STREAMED.reset(token)
        assert self._response is not None
        return self._response

    def __exit__(self, *exc_info: object) -> None:
        if self._response is not None:
            self._response.close()


class AsyncStreamedResponseManager(Generic[T]):
    """The async twin of ``StreamedResponseManager``."""

    def __init__(self, call: Callable[[], Awaitable[Any]]) -> None:
        self._call = call
        self._response: AsyncStreamedResponse[T] | None = None

    async def __aenter__(self) -> AsyncStreamedResponse[T]:
        token = STREAMED.set(True)
        try:
            self._response = await self._call()
        finally:
            STREAMED.reset(token)
        assert self._response is not None
        return self._response

    async def __aexit__(self, *exc_info: object) -> None:
        if self._response is not None:
            await self._response.close()


def to_streamed_response_wrapper(func: Callable[P, T]) -> Callable[P, StreamedResponseManager[T]]:
    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> StreamedResponseManager[T]:
        return StreamedResponseManager(functools.partial(func, *args, **kwargs))

    return returning(wrapped, func, StreamedResponseManager)


def to_async_streamed_response_wrapper(
    func: Callable[P, Awaitable[T]],
) -> Callable[P, AsyncStreamedResponseManager[T]]:
    """Also wraps paged methods: their call gives the first page's response."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncStreamedResponseManager[T]:
        return AsyncStreamedResponseManager(functools.partial(_awaited, func, *args, **kwargs))

    return returning(wrapped, func, AsyncStreamedResponseManager)


async def _awaited(func: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
    return await func(*args, **kwargs)
