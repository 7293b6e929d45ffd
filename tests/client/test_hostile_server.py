"""The generated SDK against servers that misbehave: what a server sends must not take more
memory or time than the caller allows, nor carry anything where it should not go, nor reach a
terminal or a log unescaped. In-process: ``httpx.MockTransport`` servers, and raw sockets on
the loopback (``loopback``) where the socket's behaviour is the point. What needs a memory
limit runs in a subprocess (``test_hostile_memory``).
"""

from __future__ import annotations

import asyncio
import gzip
import logging
import socket
import time
import warnings
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
import novu
import pytest

from .fakes import FakeAPI, subscriber
from .loopback import Loopback, answer, head, trickle

DEEP = b"[" * 20_000 + b"]" * 20_000


def json_response(status: int, content: bytes, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=content, headers={"content-type": "application/json", **headers}
    )


# --- Bodies: size, codings, nesting -------------------------------------------------------


def endless() -> Iterator[bytes]:
    """A body that never ends: only a cap stops the reading."""
    yield b'{"data": ['
    while True:
        yield b"0," * 32768


def test_a_body_beyond_the_cap_is_not_read_further(make_client, api: FakeAPI) -> None:
    api.handle(lambda request: httpx.Response(200, content=endless()))
    client = make_client(max_response_size=1 << 20)
    with pytest.raises(novu.ResponseTooLargeError, match="max_response_size"):
        client.subscribers.retrieve("s")
    assert client.max_response_size == 1 << 20


def test_the_cap_per_call_and_through_with_options(make_client, api: FakeAPI) -> None:
    body = json_response(200, b'{"data": %s}' % httpx.Response(200, json=subscriber(1)).content)
    api.handle(lambda request: httpx.Response(200, content=iter([body.content])))
    client = make_client()
    assert client.subscribers.retrieve("s").subscriber_id == "sub-1"
    with pytest.raises(novu.ResponseTooLargeError):
        client.subscribers.retrieve("s", max_response_size=100)
    with pytest.raises(novu.ResponseTooLargeError):
        client.with_options(max_response_size=100).subscribers.retrieve("s")
    with pytest.raises(ValueError, match="max_response_size must be positive"):
        client.subscribers.retrieve("s", max_response_size=0)


def test_a_declared_length_beyond_the_cap_is_refused_before_reading(
    make_client, api: FakeAPI
) -> None:
    def lying(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-length": str(10 << 30)}, content=endless())

    api.handle(lying)
    with pytest.raises(novu.ResponseTooLargeError):
        make_client().subscribers.retrieve("s")


def test_one_gzip_coding_is_inflated_and_a_bomb_stops_at_the_cap(make_client, api: FakeAPI) -> None:
    wrapped = httpx.Response(200, json={"data": subscriber(1)}).content
    api.handle(
        lambda r: httpx.Response(
            200, content=iter([gzip.compress(wrapped)]), headers={"content-encoding": "gzip"}
        )
    )
    client = make_client()
    assert client.subscribers.retrieve("s").subscriber_id == "sub-1"
    bomb = gzip.compress(bytes(64 << 20))  # 64 MiB of zeros in 64 KB
    api.handle(
        lambda r: httpx.Response(200, content=iter([bomb]), headers={"content-encoding": "gzip"})
    )
    with pytest.raises(novu.ResponseTooLargeError):
        client.subscribers.retrieve("s", max_response_size=1 << 20)


def test_raw_and_wrapped_deflate_both_read(make_client, api: FakeAPI) -> None:
    wrapped = httpx.Response(200, json={"data": subscriber(2)}).content
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    for body in (zlib.compress(wrapped), raw.compress(wrapped) + raw.flush()):
        api.handle(
            lambda r, b=body: httpx.Response(
                200, content=iter([b]), headers={"content-encoding": "deflate"}
            )
        )
        assert make_client().subscribers.retrieve("s").subscriber_id == "sub-2"


@pytest.mark.parametrize("coding", ["gzip, gzip", "br", "zstd", "compress"])
def test_stacked_or_unknown_codings_are_refused(make_client, api: FakeAPI, coding: str) -> None:
    twice = gzip.compress(gzip.compress(b'{"data": {}}'))
    api.handle(
        lambda r: httpx.Response(200, content=iter([twice]), headers={"content-encoding": coding})
    )
    with pytest.raises(novu.ResponseBodyError, match="one content coding"):
        make_client(max_retries=0).subscribers.retrieve("s")


def test_corrupt_gzip_is_the_sdks_error(make_client, api: FakeAPI) -> None:
    api.handle(
        lambda r: httpx.Response(
            200, content=iter([b"\x1f\x8b\x08garbage"]), headers={"content-encoding": "gzip"}
        )
    )
    with pytest.raises(novu.ResponseBodyError, match="not valid gzip"):
        make_client().subscribers.retrieve("s")


def test_the_client_asks_only_for_codings_it_inflates_within_the_cap(
    client: novu.Novu, api: FakeAPI
) -> None:
    client.subscribers.retrieve("s")
    assert api.last.headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("status", [200, 400, 500])
def test_deep_nesting_is_the_sdks_error_in_any_response(
    make_client, api: FakeAPI, status: int
) -> None:
    api.handle(
        lambda r: httpx.Response(
            status, content=iter([DEEP]), headers={"content-type": "application/json"}
        )
    )
    with pytest.raises(novu.ResponseBodyError, match="nested deeper"):
        make_client(max_retries=0).subscribers.retrieve("s")


def test_deep_nesting_in_a_page_is_the_sdks_error(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(
        lambda r: httpx.Response(
            200, content=iter([DEEP]), headers={"content-type": "application/json"}
        )
    )
    with pytest.raises(novu.ResponseBodyError, match="nested deeper"):
        client.subscribers.list()


def test_nesting_python_json_cannot_read_is_the_sdks_error_too(
    client: novu.Novu, api: FakeAPI
) -> None:
    # ~990 levels made the stdlib's parser raise RecursionError; 300 is past pydantic-core's limit.
    body = b'{"data":' * 300 + b"{}" + b"}" * 300
    api.reply(200, content=body, headers={"content-type": "application/json"})
    with pytest.raises(novu.ResponseBodyError):
        client.subscribers.retrieve("s")


async def aendless() -> AsyncIterator[bytes]:
    for chunk in endless():
        yield chunk


@pytest.mark.anyio
async def test_async_caps_and_nesting(make_async_client, api: FakeAPI) -> None:
    client = make_async_client(max_response_size=1 << 20)
    api.handle(lambda r: httpx.Response(200, content=aendless()))
    with pytest.raises(novu.ResponseTooLargeError):
        await client.subscribers.retrieve("s")
    api.handle(
        lambda r: httpx.Response(200, content=DEEP, headers={"content-type": "application/json"})
    )
    with pytest.raises(novu.ResponseBodyError):
        await client.subscribers.retrieve("s")
    await client.close()


# --- Bodies that are not what the operation promises --------------------------------------


@pytest.mark.parametrize("status", [204, 205])
def test_no_content_where_a_model_is_promised_is_a_validation_error(
    client: novu.Novu, api: FakeAPI, status: int
) -> None:
    api.reply(status)
    with pytest.raises(novu.APIResponseValidationError, match=f"status {status}.* has no body"):
        client.subscribers.retrieve("s")


def test_a_body_that_is_not_json_says_so(client: novu.Novu, api: FakeAPI) -> None:
    page = "<html><title>Sign in</title>\x1b[2J\r\nforged line" + "x" * 10_000
    api.reply(200, content=page, headers={"content-type": "text/html; charset=utf-8"})
    with pytest.raises(novu.APIResponseValidationError) as caught:
        client.subscribers.retrieve("s")
    message = str(caught.value)
    assert "is not JSON" in message and "text/html" in message and "Sign in" in message
    assert "\x1b" not in message and "\r" not in message and len(message) < 1000


def test_truncated_json_says_it_is_not_json(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(
        200, content=b'{"data": {"subscriberId": "s', headers={"content-type": "application/json"}
    )
    with pytest.raises(novu.APIResponseValidationError, match="application/json.* is not JSON"):
        client.subscribers.retrieve("s")


def test_a_big_mismatched_body_is_parsed_once_and_quoted_briefly(
    client: novu.Novu, api: FakeAPI
) -> None:
    body = b'{"data": {"subscriberId": 5, "pad": "' + b"y" * (3 << 20) + b'"}}'
    api.reply(200, content=body, headers={"content-type": "application/json"})
    with pytest.raises(novu.APIResponseValidationError) as caught:
        client.subscribers.retrieve("s")
    assert len(str(caught.value)) < 5000


# --- Time: the call's timeout bounds the whole call ---------------------------------------


def slow_body() -> Iterator[bytes]:
    yield head(headers={"Content-Type": "application/json", "Content-Length": "1000"})
    yield from trickle(b"{" + b" " * 999, every=0.25)


def slow_headers() -> Iterator[bytes]:
    yield from trickle(head(headers={"Content-Type": "application/json", "X-Pad": "p" * 200}), 0.25)


@pytest.mark.parametrize("server", [slow_body, slow_headers])
def test_a_trickling_server_is_cut_at_the_calls_timeout(server) -> None:
    with Loopback(answer(server)) as loopback:
        with novu.Novu(api_key="k", base_url=loopback.url, timeout=1.0, max_retries=3) as client:
            started = time.monotonic()
            with pytest.raises(novu.APITimeoutError):
                client.subscribers.retrieve("s")
            assert time.monotonic() - started < 1.5


def test_a_supplied_http_client_is_cut_while_the_body_trickles() -> None:
    with Loopback(answer(slow_body)) as loopback:
        http = httpx.Client(timeout=1.0)
        with novu.Novu(
            api_key="k", base_url=loopback.url, http_client=http, max_retries=0
        ) as client:
            started = time.monotonic()
            with pytest.raises(novu.APITimeoutError):
                client.subscribers.retrieve("s")
            assert time.monotonic() - started < 1.5
        http.close()


@pytest.mark.parametrize("server", [slow_body, slow_headers])
def test_async_a_trickling_server_is_cut_at_the_calls_timeout(server) -> None:
    async def run() -> float:
        async with novu.AsyncNovu(api_key="k", base_url=loopback.url, timeout=1.0) as client:
            started = time.monotonic()
            with pytest.raises(novu.APITimeoutError):
                await client.subscribers.retrieve("s")
            return time.monotonic() - started

    with Loopback(answer(server)) as loopback:
        assert asyncio.run(run()) < 1.5


def test_a_connection_held_open_short_of_its_length_times_out() -> None:
    """Keep-alive abuse: the server promises more than it sends and keeps the socket open."""

    def handle(conn: socket.socket, _: bytes) -> None:
        conn.sendall(head(headers={"Content-Length": "100", "Connection": "keep-alive"}) + b"{")
        time.sleep(5)

    with Loopback(handle) as loopback:
        with novu.Novu(api_key="k", base_url=loopback.url, timeout=0.5, max_retries=5) as client:
            started = time.monotonic()
            with pytest.raises(novu.APITimeoutError):
                client.subscribers.retrieve("s")
            assert time.monotonic() - started < 1.0


def test_headers_too_long_for_the_parser_are_a_final_truthful_error() -> None:
    def handle(conn: socket.socket, _: bytes) -> None:
        conn.sendall(head(headers={"X-Huge": "h" * 200_000, "Content-Length": "2"}) + b"{}")

    with Loopback(handle) as loopback:
        with novu.Novu(api_key="k", base_url=loopback.url, max_retries=2) as client:
            with pytest.raises(novu.APIConnectionError, match="headers are larger than"):
                client.subscribers.retrieve("s")
        assert len(loopback.heads) == 1  # not retried


# --- Cookies and redirects ----------------------------------------------------------------


def test_cookies_a_server_sets_are_not_sent_back() -> None:
    body = httpx.Response(200, json={"data": subscriber(1)}).content

    def handle(conn: socket.socket, _: bytes) -> None:
        cookies = {"Set-Cookie": "session=abc; Path=/", "Content-Length": str(len(body))}
        conn.sendall(head(headers={"Content-Type": "application/json", **cookies}) + body)

    with Loopback(handle) as loopback:
        with novu.Novu(api_key="k", base_url=loopback.url) as client:
            client.subscribers.retrieve("s")
            client.subscribers.retrieve("s")
    assert len(loopback.heads) == 2
    assert all(b"cookie:" not in h.lower() for h in loopback.heads)


def redirecting(status: int, location: str, seen: list[httpx.Request]):
    def handle(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        if request.url.host == "api.novu.co":
            return httpx.Response(status, headers={"location": location})
        return httpx.Response(200, json={"data": subscriber(1)})

    return httpx.Client(transport=httpx.MockTransport(handle), follow_redirects=True)


@pytest.mark.parametrize("status", [307, 308])
def test_a_post_is_not_redirected_to_another_origin(make_client, status: int) -> None:
    seen: list[httpx.Request] = []
    client = make_client(
        http_client=redirecting(status, "https://elsewhere.test/v1/events/trigger", seen)
    )
    with pytest.raises(novu.APIStatusError, match="not followed") as caught:
        client.events.trigger(name="welcome", to=["sub-1"], extra_headers={"X-Mine": "1"})
    assert caught.value.status_code == status
    assert [r.url.host for r in seen] == ["api.novu.co"]


def test_a_get_is_still_redirected_to_another_origin_without_credentials(make_client) -> None:
    seen: list[httpx.Request] = []
    client = make_client(
        http_client=redirecting(302, "https://elsewhere.test/v1/subscribers/s", seen)
    )
    assert client.subscribers.retrieve("s").subscriber_id == "sub-1"
    assert [r.url.host for r in seen] == ["api.novu.co", "elsewhere.test"]
    assert "authorization" not in seen[1].headers


@pytest.mark.parametrize(
    ("location", "why"),
    [("http://api.novu.co/v1/subscribers/s", "downgrade"), ("file:///etc/passwd", "not file")],
)
def test_downgrades_and_other_schemes_are_final_errors(
    make_client, location: str, why: str
) -> None:
    seen: list[httpx.Request] = []
    client = make_client(http_client=redirecting(302, location, seen), max_retries=2)
    with pytest.raises(novu.APIStatusError, match=why):
        client.subscribers.retrieve("s")
    assert len(seen) == 1  # neither followed nor retried


# --- What a server's text may do to terminals and logs -----------------------------------


def test_control_characters_in_an_error_body_are_escaped(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(
        400,
        content="bad\x1b[31m red\r\nFAKE LOG LINE\x07\x9b",
        headers={"content-type": "text/plain"},
    )
    with pytest.raises(novu.BadRequestError) as caught:
        client.subscribers.retrieve("s")
    message = str(caught.value)
    assert "\\x1b[31m red\\x0d\\x0aFAKE LOG LINE\\x07\\x9b" in message
    assert not any(ch in message for ch in "\x1b\r\n\x07\x9b")


def test_a_reason_phrase_reaches_the_debug_log_escaped(
    client: novu.Novu, api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="novu")
    api.handle(
        lambda r: httpx.Response(
            200,
            json={"data": subscriber(1)},
            extensions={"reason_phrase": b"OK\x1b]0;pwned\x07\nforged"},
        )
    )
    client.subscribers.retrieve("s")
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "novu")
    assert "\x1b" not in text and "\x07" not in text and "\nforged" not in text
    assert "OK\\x1b]0;pwned\\x07\\x0aforged" in text


def test_credential_looking_headers_are_redacted_in_debug_logs(
    make_client, api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="novu")
    client = make_client(default_headers={"X-Custom-Token": "tok-secret", "X-Trace": "visible"})
    client.subscribers.retrieve(
        "s", extra_headers={"X-Api-Key": "key-secret", "X-Session-Id": "sess-secret"}
    )
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "novu")
    assert "visible" in text
    for secret in ("tok-secret", "key-secret", "sess-secret", "test-key"):
        assert secret not in text


@pytest.mark.parametrize(
    ("base_url", "warns"),
    [
        ("http://api.example.com", True),
        ("http://10.0.0.5:3000", True),
        ("https://api.example.com", False),
        ("http://localhost:3000", False),
        ("http://127.0.0.1:3000", False),
        ("http://[::1]:3000", False),
    ],
)
def test_plain_http_to_a_remote_host_warns(base_url: str, warns: bool) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        novu.Novu(api_key="k", base_url=base_url).close()
        with pytest.raises(novu.MissingCredentialsError):  # refused first, not warned about
            novu.Novu(base_url=base_url)
    insecure = [w for w in caught if issubclass(w.category, novu.InsecureBaseURLWarning)]
    assert len(insecure) == (1 if warns else 0)
    if warns:
        assert insecure[0].filename == __file__  # points at the caller's line


def test_retries_end_within_the_calls_timeout_on_a_real_socket() -> None:
    def handle(conn: socket.socket, _: bytes) -> None:
        conn.sendall(head("503 Service Unavailable", {"Retry-After": "1", "Content-Length": "0"}))

    with Loopback(handle) as loopback:
        with novu.Novu(api_key="k", base_url=loopback.url, timeout=1.5, max_retries=10) as client:
            started = time.monotonic()
            with pytest.raises(novu.InternalServerError):
                client.subscribers.retrieve("s")
            assert time.monotonic() - started < 1.5
    assert len(loopback.heads) == 2  # the second wait of 1 s would end past the deadline
