"""Clients that make their own connection pool, against a real local HTTP server: an async client
works from several event loops, and a client never closed leaves no unclosed socket behind."""

from __future__ import annotations

import asyncio
import gc
import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import novu


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: connections stay in the pool

    def do_GET(self) -> None:
        body = b'{"data": []}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def unclosed(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


def test_one_async_client_serves_two_event_loops(server: str) -> None:
    """A module-level client under pytest-asyncio, or two `asyncio.run`: each loop gets its
    own connections (httpx's failed with `RuntimeError: Event loop is closed`)."""
    client = novu.AsyncNovu(api_key="k", base_url=server)

    async def call() -> int:
        return len(await client.integrations.list())

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert asyncio.run(call()) == 0
        assert asyncio.run(call()) == 0
        copy = client.with_options(max_retries=0)
        assert asyncio.run(asyncio.wait_for(copy.integrations.list(), 5)) == []
        del client, copy
        gc.collect()
    assert unclosed(caught) == []


def test_one_async_client_serves_two_loops_at_once(server: str) -> None:
    client = novu.AsyncNovu(api_key="k", base_url=server)
    results: list[int] = []

    def run() -> None:
        results.append(len(asyncio.run(client.integrations.list())))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [0, 0]


def test_a_sync_client_never_closed_leaves_no_unclosed_socket(server: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = novu.Novu(api_key="k", base_url=server)
        assert client.integrations.list() == []
        del client
        gc.collect()
    assert unclosed(caught) == []


def test_an_async_client_never_closed_leaves_no_unclosed_socket(server: str) -> None:
    async def forgotten_inside_the_loop() -> None:
        client = novu.AsyncNovu(api_key="k", base_url=server)
        assert await client.integrations.list() == []
        del client
        gc.collect()
        await asyncio.sleep(0.05)  # the loop closes the pool soon after

    async def outliving_its_loop() -> novu.AsyncNovu:
        client = novu.AsyncNovu(api_key="k", base_url=server)
        assert await client.integrations.list() == []
        return client

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(forgotten_inside_the_loop())
        client = asyncio.run(outliving_its_loop())
        del client
        gc.collect()
    assert unclosed(caught) == []


def test_closing_an_async_client_closes_its_pool(server: str) -> None:
    async def main() -> None:
        client = novu.AsyncNovu(api_key="k", base_url=server)
        await client.integrations.list()
        await client.close()
        with pytest.raises(novu.ClientClosedError):
            await client.integrations.list()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(main())
        gc.collect()
    assert unclosed(caught) == []


def test_the_first_async_call_makes_its_connection_pool_off_the_event_loop(server: str) -> None:
    """Making an httpx client (its SSL context, its pool) takes ~150 ms: done on the loop, the
    first call of an AsyncNovu stalled every other task for that long."""
    client = novu.AsyncNovu(api_key="k", base_url=server)
    made_in: list[threading.Thread] = []
    make = client._new_http_client

    def spy() -> object:
        made_in.append(threading.current_thread())
        return make()

    client._new_http_client = spy  # type: ignore[method-assign]

    async def main() -> None:
        await asyncio.gather(client.integrations.list(), client.integrations.list())
        await client.integrations.list()
        await client.close()

    asyncio.run(main())
    assert made_in and threading.main_thread() not in made_in
