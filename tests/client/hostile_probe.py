"""One call of the generated Novu SDK against a hostile loopback server, in a process whose
address space is capped, so that a client that reads without bound fails here (MemoryError, or
the kernel's refusal) instead of taking the machine down.

``python -m tests.client.hostile_probe CASE MODE LIMIT_MIB`` (``novu`` on ``PYTHONPATH``)
prints one JSON object: the exception the call ended in, whether it is a ``novu.APIError``,
the seconds it took and the peak resident memory of the process. Cases:

- ``big_body``: 1 GiB of JSON, no Content-Length;
- ``gzip_bomb``: 1 GiB of zeros as 1 MB of gzip;
- ``stacked_bomb``: the same, gzipped again (``Content-Encoding: gzip, gzip``), 1.8 KB on the wire;
- ``deep``: 20,000 levels of nested JSON arrays (40 KB);
- ``slowloris``: the headers at once, then one byte of body a second, with ``timeout=2``.
"""

from __future__ import annotations

import asyncio
import json
import resource
import struct
import sys
import time
import zlib
from collections.abc import Callable, Iterator

from tests.client.loopback import Loopback, answer, head, trickle

GIB = 1 << 30
TIMEOUT = 2.0


def gzip_bomb(total: int, piece: int = 16 << 20) -> bytes:
    """``total`` zero bytes as gzip, built from one compressed piece repeated (a full flush
    makes each piece independent of the one before), so it takes a second, not a minute."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = bytes(piece)
    segment = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(total // piece):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    trailer = struct.pack("<II", crc, total & 0xFFFFFFFF)
    return header + segment * (total // piece) + compressor.flush() + trailer


def json_gigabyte() -> Iterator[bytes]:
    yield head(headers={"Content-Type": "application/json", "Connection": "close"})
    chunk = b"0," * (1 << 19)
    yield b"["
    for _ in range(GIB // len(chunk)):
        yield chunk
    yield b"0]"


def encoded(body: bytes, coding: str) -> Callable[[], Iterator[bytes]]:
    headers = {"Content-Type": "application/json", "Content-Encoding": coding}
    headers["Content-Length"] = str(len(body))
    return lambda: iter([head(headers=headers), body])


def deep() -> Iterator[bytes]:
    body = b"[" * 20_000 + b"]" * 20_000
    yield head(headers={"Content-Type": "application/json", "Content-Length": str(len(body))})
    yield body


def slowloris() -> Iterator[bytes]:
    yield head(headers={"Content-Type": "application/json", "Content-Length": "100000"})
    yield from trickle(b"{" + b" " * 99_999, every=1.0)


def server(case: str) -> Callable[[], Iterator[bytes]]:
    if case == "gzip_bomb":
        return encoded(gzip_bomb(GIB), "gzip")
    if case == "stacked_bomb":
        once = gzip_bomb(GIB)
        compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        return encoded(compressor.compress(once) + compressor.flush(), "gzip, gzip")
    return {"big_body": json_gigabyte, "deep": deep, "slowloris": slowloris}[case]


def call(url: str, mode: str) -> None:
    """Makes the call, setting ``started`` once the client is ready: its connection pool
    made (an SSL context) and its resource module imported, as in a program already running."""
    import novu

    if mode == "sync":
        with novu.Novu(api_key="k", base_url=url, timeout=TIMEOUT, max_retries=0) as client:
            subscribers = client.with_options().subscribers
            started[0] = time.monotonic()
            subscribers.retrieve("s")
        return

    async def run() -> None:
        async with novu.AsyncNovu(
            api_key="k", base_url=url, timeout=TIMEOUT, max_retries=0
        ) as client:
            subscribers = client.with_options().subscribers
            started[0] = time.monotonic()
            await subscribers.retrieve("s")

    asyncio.run(run())


started = [0.0]


def main(case: str, mode: str, limit_mib: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit_mib << 20, limit_mib << 20))
    import novu  # imported before the clock starts, as any caller's would be

    parts = server(case)
    with Loopback(answer(parts)) as loopback:
        error: BaseException | None = None
        try:
            call(loopback.url, mode)
        except BaseException as exc:  # noqa: BLE001 - what it ends in is the measurement
            error = exc
        seconds = time.monotonic() - started[0]
    print(
        json.dumps(
            {
                "error": None if error is None else type(error).__name__,
                "api_error": isinstance(error, novu.APIError),
                "message": str(error)[:300],
                "seconds": round(seconds, 3),
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
