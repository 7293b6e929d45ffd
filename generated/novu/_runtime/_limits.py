"""Reading a response body into memory within bounds a server cannot move.

The client sends every request with ``stream=True`` and, for every response that is
not a stream, calls ``read_body`` (``aread_body`` in async code), which:

- reads the body in chunks and stops at ``max_response_size`` bytes, counted after
  decompression (``ResponseTooLargeError``), so a 1 GB body costs no more memory
  than the cap;
- decodes at most one content coding (gzip or deflate, the ones the client asks
  for), inflating incrementally with zlib's ``max_length`` so a compression bomb
  stops at the cap, not after it has been inflated; stacked or unknown codings are
  refused (``ResponseBodyError``);
- gives up at the call's deadline even when bytes keep trickling in.

SSE/NDJSON streams and downloads do not come here: they are consumed as they arrive.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

import httpx

from ._deadline import watch
from ._errors import ResponseBodyError, ResponseTooLargeError
from ._text import printable

__all__ = [
    "ACCEPT_ENCODING",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "aread_body",
    "read_body",
]

DEFAULT_MAX_RESPONSE_SIZE = 50 * 1024 * 1024
# The codings the client asks for: the ones it can inflate within a cap.
ACCEPT_ENCODING = "gzip, deflate"
_CHUNK = 64 * 1024
# The most a compressed chunk is inflated to at once: what reading a bomb costs beyond the cap.
_PIECE = 1024 * 1024
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class _Inflater:
    """One zlib stream, inflated a chunk at a time and never past the room left."""

    def __init__(self, coding: str) -> None:
        self._coding = coding
        self._wbits = _WBITS[coding]
        self._zlib = zlib.decompressobj(self._wbits)
        self._started = False

    def pieces(self, data: bytes, room: Callable[[], int]) -> Iterator[bytes]:
        """``data`` inflated, in pieces of at most ``_PIECE`` bytes and never more than one
        byte beyond ``room()`` (the caller's sign that the body does not fit)."""
        while data:
            out = self._decompress(data, min(room() + 1, _PIECE))
            data = self._zlib.unconsumed_tail
            yield out

    def _decompress(self, data: bytes, most: int) -> bytes:
        try:
            out = self._zlib.decompress(data, most)
        except zlib.error:
            if self._started or self._coding != "deflate":
                raise
            # "deflate" is often sent raw, without the zlib wrapper the RFC asks for.
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(data, most)
        self._started = True
        return out


class _Body:
    """The body of one response as it is read: decoded, counted, timed."""

    def __init__(
        self,
        response: httpx.Response,
        limit: int,
        deadline: float | None,
        clock: Callable[[], float],
    ) -> None:
        self._response = response
        self._limit = limit
        self._deadline = deadline
        self._clock = clock
        self._data = bytearray()
        self._inflater = _inflater(response)
        length = response.headers.get("content-length", "")
        if self._inflater is None and length.isdigit() and int(length) > limit:
            raise _too_large(response, limit)

    def feed(self, raw: bytes) -> None:
        if self._inflater is None:
            self._add(raw)
        else:
            try:
                for piece in self._inflater.pieces(raw, self._room):
                    self._add(piece)
            except zlib.error as exc:
                coding = printable(self._response.headers["content-encoding"], 100)
                raise ResponseBodyError(
                    f"The response body is not valid {coding} data ({exc})",
                    response=self._response,
                ) from None
        if self._deadline is not None and self._clock() >= self._deadline:
            raise _late(self._response)

    def _room(self) -> int:
        return self._limit - len(self._data)

    def _add(self, data: bytes) -> None:
        if len(data) > self._room():
            raise _too_large(self._response, self._limit)
        self._data += data

    def finish(self) -> None:
        # httpx has no public way to give a response the body read from its raw stream
        # (``read()`` would decode the raw bytes again, and refuses a consumed stream).
        self._response._content = bytes(self._data)  # pyright: ignore[reportPrivateUsage]


def _too_large(response: httpx.Response, limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"The response body is larger than max_response_size ({limit} bytes); it was not "
        "read further. Raise the cap (per client or per call) if the API really returns "
        "bodies this large.",
        response=response,
    )


def _inflater(response: httpx.Response) -> _Inflater | None:
    """The decoder of the body's one content coding; None when it is not encoded."""
    header = response.headers.get("content-encoding")
    if header is None:
        return None
    codings = [c.strip().lower() for c in header.split(",") if c.strip().lower() != "identity"]
    codings = [c for c in codings if c]
    if not codings:
        return None
    if len(codings) > 1 or codings[0] not in _WBITS:
        raise ResponseBodyError(
            f"The response body is encoded as {printable(header, 100)!r}: the client "
            f"decodes one content coding of {ACCEPT_ENCODING} (which it asks for), no other "
            "and no more than one",
            response=response,
        )
    return _Inflater(codings[0])


def _in_memory(response: httpx.Response, limit: int) -> bool:
    """Whether the body is already read (an httpx transport that reads it, a mock):
    then it only has to fit."""
    if not response.is_stream_consumed:
        return False
    if len(response.content) > limit:
        raise _too_large(response, limit)
    return True


def read_body(
    response: httpx.Response,
    limit: int,
    deadline: float | None,
    clock: Callable[[], float],
) -> None:
    """Reads a streamed response's body into ``response.content``, within ``limit``
    bytes (after decoding) and before ``deadline`` (on ``clock``); closes it either way.

    A read blocked at the deadline is ended by the watchdog (``_deadline.watch``)."""
    if _in_memory(response, limit):
        return
    try:
        body = _Body(response, limit, deadline, clock)
        with watch(response, None if deadline is None else deadline - clock()):
            for raw in response.iter_raw(_CHUNK):
                body.feed(raw)
        body.finish()
    except httpx.TransportError:
        if deadline is not None and clock() >= deadline:  # the watchdog shut the socket
            raise _late(response) from None
        raise
    finally:
        response.close()


async def aread_body(
    response: httpx.Response,
    limit: int,
    deadline: float | None,
    clock: Callable[[], float],
) -> None:
    """The async twin of ``read_body``; the caller's cancel scope ends a blocked read."""
    if _in_memory(response, limit):
        return
    try:
        body = _Body(response, limit, deadline, clock)
        async for raw in response.aiter_raw(_CHUNK):
            body.feed(raw)
        body.finish()
    finally:
        await response.aclose()


def _late(response: httpx.Response) -> httpx.ReadTimeout:
    return httpx.ReadTimeout(
        "the call's timeout ran out while the body was being read", request=response.request
    )
