"""The whole-call time bound: a call's ``timeout`` bounds the call, not only each wait.

httpx's timeouts bound each phase of one attempt (connect, one read, one write): a
server that sends a byte just before every read would time out keeps a call running
as long as it likes. So a call also has a deadline, ``budget(timeout)`` seconds after
it starts (the largest of the timeout's values: ``timeout=2`` gives 2 s, the default
``Timeout(60, connect=5)`` 60 s; none when one of them is None), that every
attempt, every backoff and the reading of every body must fit in:

- each attempt's httpx timeouts are cut to the time left (``clamp``);
- no retry is made whose backoff would end past the deadline;
- the async client runs each attempt inside a cancel scope that ends at the deadline;
- the sync client's own httpx client reads and writes through ``_sockets``' streams,
  whose every socket operation waits no longer than the deadline (``bounded``
  tells it which one, per thread); with an httpx client the caller supplied, a
  watchdog thread shuts the socket down when the deadline passes while the body is
  read (``watch``), which ends a blocked read at once.
"""

from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time
from collections.abc import Generator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx

__all__ = ["bounded", "bounded_transport", "budget", "clamp", "watch"]

# The deadline (on time.monotonic) of the call this thread or task is making, if any.
DEADLINE: ContextVar[float | None] = ContextVar("deadline", default=None)


def budget(timeout: float | httpx.Timeout | None) -> float | None:
    """Seconds the whole call may take: the largest of the timeout's values; None (no
    bound) when one of them is None, as the call could then last forever anyway."""
    if not isinstance(timeout, httpx.Timeout):
        return timeout
    values = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    return None if None in values else max(values)  # type: ignore[type-var]


def clamp(request: httpx.Request, remaining: float) -> None:
    """Cuts every phase timeout of ``request`` to the ``remaining`` seconds of its call."""
    phases = request.extensions.get("timeout", {})
    request.extensions["timeout"] = {
        phase: remaining if value is None else min(value, remaining)
        for phase, value in phases.items()
    }


class bounded:  # a class rather than @contextmanager: it runs on every attempt
    """Within the block, sockets of a ``bounded_transport`` give up ``remaining``
    seconds from now."""

    __slots__ = ("_remaining", "_token")

    def __init__(self, remaining: float | None) -> None:
        self._remaining = remaining

    def __enter__(self) -> None:
        remaining = self._remaining
        self._token = DEADLINE.set(None if remaining is None else time.monotonic() + remaining)

    def __exit__(self, *exc_info: object) -> None:
        DEADLINE.reset(self._token)


def bounded_transport() -> httpx.HTTPTransport:
    """httpx's transport, its sockets bounded by the deadline ``bounded`` sets.

    httpx has no argument for a network backend, so the pool's is wrapped in place; should
    a later httpx keep it elsewhere, the transport is left as it is and ``watch`` bounds
    the body (not a server that trickles its headers)."""
    from ._sockets import bound_pool  # httpcore loads with the first client, not the package

    transport = httpx.HTTPTransport()
    bound_pool(transport)
    return transport


class _Watchdog:
    """One daemon thread for the process, started on first use: it shuts down the
    sockets whose deadline has passed. It holds one entry per body being read, so
    cancelling (the usual end) is a search of a short list."""

    def __init__(self) -> None:
        self._due: list[tuple[float, int, socket.socket]] = []
        self._counter = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, sock: socket.socket, at: float) -> tuple[float, int, socket.socket]:
        entry = (at, next(self._counter), sock)
        with self._wake:
            heapq.heappush(self._due, entry)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="sdk-deadline", daemon=True)
                self._thread.start()
            self._wake.notify()
        return entry

    def cancel(self, entry: tuple[float, int, socket.socket]) -> None:
        """After this returns the socket is not shut down (the shutdown holds the lock too)."""
        with self._wake:
            if entry in self._due:
                self._due.remove(entry)
                heapq.heapify(self._due)

    def _run(self) -> None:
        with self._wake:
            while True:
                now = time.monotonic()
                if self._due and self._due[0][0] <= now:
                    _, _, sock = heapq.heappop(self._due)
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass  # closed already
                    continue
                self._wake.wait(self._due[0][0] - now if self._due else None)


_WATCHDOG = _Watchdog()


@contextmanager
def watch(response: httpx.Response, remaining: float | None) -> Generator[None, None, None]:
    """Shuts the response's socket down if the block is still running ``remaining``
    seconds from now (only when httpx read the response from a real socket)."""
    stream = response.extensions.get("network_stream")
    sock = None
    if stream is not None and not getattr(stream, "bounded_by_deadline", False):  # else bounded
        sock = stream.get_extra_info("socket")
    if sock is None or remaining is None:
        yield
        return
    entry = _WATCHDOG.add(sock, time.monotonic() + remaining)
    try:
        yield
    finally:
        _WATCHDOG.cancel(entry)
