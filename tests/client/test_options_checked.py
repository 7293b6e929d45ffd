"""Per-call options are checked at runtime: a wrong type or value raises, naming the option."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import novu

from .fakes import FakeAPI, subscriber


@pytest.mark.parametrize(
    ("options", "error", "named"),
    [
        ({"timeout": "3"}, TypeError, "timeout"),
        ({"timeout": True}, TypeError, "timeout"),
        ({"timeout": -1}, ValueError, "timeout"),
        ({"timeout": float("nan")}, ValueError, "timeout"),
        ({"max_retries": -1}, ValueError, "max_retries"),
        ({"max_retries": 1.5}, TypeError, "max_retries"),
        ({"max_retries": "2"}, TypeError, "max_retries"),
        ({"idempotency_key": 5}, TypeError, "idempotency_key"),
        ({"extra_headers": [("a", "b")]}, TypeError, "extra_headers"),
        ({"extra_headers": {"X-N": 1}}, TypeError, "extra_headers"),
        ({"extra_query": "a=1"}, TypeError, "extra_query"),
        ({"extra_body": 3}, TypeError, "extra_body"),
    ],
)
def test_a_wrong_option_raises_naming_it_before_sending(
    client: novu.Novu, api: FakeAPI, options: dict[str, Any], error: type[Exception], named: str
) -> None:
    api.reply(200, json={"data": subscriber(1)})
    with pytest.raises(error, match=f"option '{named}'"):
        client.subscribers.retrieve("sub-1", **options)
    assert api.requests == []


@pytest.mark.anyio
async def test_the_async_client_checks_them_too(make_async_client: Any, api: FakeAPI) -> None:
    with pytest.raises(TypeError, match="option 'timeout'"):
        await make_async_client().subscribers.retrieve("sub-1", timeout="3")


def test_good_options_pass(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": subscriber(1)})
    for options in [
        {"timeout": 3},
        {"timeout": 2.5},
        {"timeout": None},
        {"timeout": httpx.Timeout(1.0)},
        {"max_retries": 0},
        {"idempotency_key": "k-1"},
        {"extra_headers": {"X-A": "b"}, "extra_query": {"a": 1}},
    ]:
        client.subscribers.retrieve("sub-1", **options)
