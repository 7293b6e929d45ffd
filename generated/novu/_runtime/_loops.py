"""One httpx.AsyncClient per event loop, for an async client that made its own.

An httpx.AsyncClient's connections belong to the event loop they were opened on: used
from another loop (a module-level client under pytest-asyncio, two ``asyncio.run``) they
fail with httpx's ``RuntimeError: Event loop is closed``. So an async client keeps one
httpx client per running loop, made on that loop's first call, and closes each one on its
own loop: when the loop shuts down (``asyncio.run`` and pytest's runners close the loop's
async generators, one of which holds the client), or soon after the async client is
collected or closed, if the loop still runs. Nothing is left to warn about unclosed sockets.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import asyncio

__all__ = ["LoopClients"]


class LoopClients:
    def __init__(self, make: Callable[[], httpx.AsyncClient]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._by_loop: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, tuple[httpx.AsyncClient, AsyncGenerator[None, None]]
        ] = weakref.WeakKeyDictionary()

    def current(self) -> httpx.AsyncClient:
        """The running loop's httpx client, made now if ``prepare`` has not made it."""
        import asyncio

        loop = asyncio.get_running_loop()
        entry = self._by_loop.get(loop)
        return entry[0] if entry is not None else self._keep(loop, self._make())

    def ready(self) -> bool:
        """Whether the running loop has its httpx client (one dictionary look-up)."""
        import asyncio

        return asyncio.get_running_loop() in self._by_loop

    async def prepare(self) -> None:
        """Makes the running loop's httpx client in a worker thread: its SSL context and
        connection pool take long enough to stall the loop (~150 ms)."""
        import asyncio

        loop = asyncio.get_running_loop()
        http = await loop.run_in_executor(None, self._make)
        if self._keep(loop, http) is not http:  # another call of this loop was first
            await http.aclose()

    def _keep(self, loop: asyncio.AbstractEventLoop, http: httpx.AsyncClient) -> httpx.AsyncClient:
        """``loop``'s httpx client: ``http``, unless the loop has one already."""
        with self._lock:
            entry = self._by_loop.get(loop)
            if entry is None:
                closer = _closed_with_loop(http)
                # Held by the finalizer (not only by this object, which may die in a
                # reference cycle with the sockets, warning about them first).
                weakref.finalize(self, _close_soon, weakref.ref(loop), closer)
                entry = self._by_loop[loop] = (http, closer)
        return entry[0]

    async def aclose(self) -> None:
        """Closes every httpx client this object made: the running loop's here, the others'
        on their own loops (a loop already closed closed its client when it shut down)."""
        import asyncio

        running = asyncio.get_running_loop()
        with self._lock:
            entries = list(self._by_loop.items())
            self._by_loop.clear()
        for loop, (_, closer) in entries:
            if loop is running:
                await closer.aclose()
            else:
                _close_soon(weakref.ref(loop), closer)


def _close_soon(
    loop_ref: weakref.ref[asyncio.AbstractEventLoop], closer: AsyncGenerator[None, None]
) -> None:
    """Closes an httpx client on its own loop, unless that loop is gone (it closed it)."""
    loop = loop_ref()
    if loop is not None and not loop.is_closed():
        loop.call_soon_threadsafe(loop.create_task, closer.aclose())


def _closed_with_loop(http: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    """An async generator, started on the running loop, whose ``finally`` closes ``http``:
    the loop closes it at shutdown, or when it is collected before that."""
    closer = _closer(http)
    step = closer.asend(None)  # registers it with the running loop's async-generator hooks
    try:
        step.send(None)  # runs it to its `yield`: no await comes before it
    except StopIteration:
        pass
    return closer


async def _closer(http: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await http.aclose()
