"""A caller's mistakes are refused before anything is sent, as errors naming the argument;
and what can go wrong on the way is the SDK's own error, not another library's."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import novu
import pytest

from .fakes import TRIGGERED, FakeAPI, subscriber

pytestmark = pytest.mark.anyio


def test_a_misspelled_keyword_is_refused_before_sending(client: novu.Novu, api: FakeAPI) -> None:
    with pytest.raises(TypeError, match="'paylod'"):
        client.events.trigger(name="welcome", to=["a"], paylod={"x": 1})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'timout'"):
        client.subscribers.retrieve("s", timout=3)  # type: ignore[call-arg]
    assert api.requests == []


def test_a_misspelled_keyword_on_a_paginated_method_is_refused(
    client: novu.Novu, api: FakeAPI
) -> None:
    with pytest.raises(TypeError, match="'limt'"):
        client.subscribers.list(limt=1)  # type: ignore[call-arg]
    assert api.requests == []


def test_the_per_call_options_are_still_accepted(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(201, json={"data": TRIGGERED})
    client.events.trigger(
        name="welcome",
        to=["a"],
        timeout=5,
        max_retries=0,
        idempotency_key="k",
        extra_headers={"X-A": "1"},
        extra_query={"q": "1"},
        extra_body={"b": 1},
    )
    assert api.last.headers["X-A"] == "1"


async def test_the_async_client_refuses_unknown_keywords(
    async_client: novu.AsyncNovu, api: FakeAPI
) -> None:
    with pytest.raises(TypeError, match="'paylod'"):
        await async_client.events.trigger(name="w", to=["a"], paylod={})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'limt'"):
        async_client.subscribers.list(limt=1)  # type: ignore[call-arg]
    assert api.requests == []


def test_none_for_a_non_nullable_argument_names_it(client: novu.Novu, api: FakeAPI) -> None:
    with pytest.raises(TypeError, match="'email' must not be None"):
        client.subscribers.update("u", email=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'subscriber_id' must not be None"):
        client.subscribers.retrieve(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'limit' must not be None"):
        client.subscribers.list(limit=None)  # type: ignore[arg-type]
    assert api.requests == []


def test_pagination_stops_when_the_server_does_not_advance(
    client: novu.Novu, api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # What Prism answers to every page: page 0, and more to come.
    api.reply(200, json={"page": 0, "hasMore": True, "pageSize": 1, "data": [subscriber(1)]})
    with caplog.at_level(logging.WARNING, logger="novu"):
        items = list(client.subscribers.list(limit=1))
    assert len(items) == 2  # page 0, then page 1 (answered as page 0 again)
    assert [r.url.params.get("page") for r in api.requests] == [None, "1"]
    warnings = [r for r in caplog.records if r.name == "novu" and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "/v1/subscribers" in warnings[0].getMessage()
    assert "repeat" in warnings[0].getMessage()


def test_pagination_that_advances_is_not_cut_short(client: novu.Novu, api: FakeAPI) -> None:
    for page in range(3):
        more = page < 2
        api.reply(
            200, json={"page": page, "hasMore": more, "pageSize": 1, "data": [subscriber(page)]}
        )
    assert [s.subscriber_id for s in client.subscribers.list(limit=1)] == [
        "sub-0",
        "sub-1",
        "sub-2",
    ]


def test_a_page_can_be_iterated_twice(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"page": 0, "hasMore": True, "pageSize": 1, "data": [subscriber(0)]})
    api.reply(200, json={"page": 1, "hasMore": False, "pageSize": 1, "data": [subscriber(1)]})
    page = client.subscribers.list(limit=1)
    assert len(list(page)) == 2
    api.reply(200, json={"page": 1, "hasMore": False, "pageSize": 1, "data": [subscriber(1)]})
    assert len(list(page)) == 2


async def test_async_pagination_stops_when_the_server_does_not_advance(
    async_client: novu.AsyncNovu, api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    api.reply(200, json={"page": 0, "hasMore": True, "pageSize": 1, "data": [subscriber(1)]})
    with caplog.at_level(logging.WARNING, logger="novu"):
        items = [item async for item in async_client.subscribers.list(limit=1)]
    assert len(items) == 2
    assert any("repeat" in r.getMessage() for r in caplog.records if r.name == "novu")


def test_a_closed_client_raises_the_sdks_error(client: novu.Novu, api: FakeAPI) -> None:
    client.close()
    with pytest.raises(novu.ClientClosedError, match="closed"):
        client.subscribers.retrieve("s")
    assert isinstance(novu.ClientClosedError("x"), novu.APIError)


def test_a_closed_http_client_raises_the_sdks_error(api: FakeAPI) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api))
    http.close()
    with pytest.raises(novu.ClientClosedError):
        novu.Novu(api_key="k", http_client=http).subscribers.retrieve("s")


async def test_a_closed_async_client_raises_the_sdks_error(
    async_client: novu.AsyncNovu,
) -> None:
    await async_client.close()
    with pytest.raises(novu.ClientClosedError):
        await async_client.subscribers.retrieve("s")


def test_an_unserialisable_argument_is_a_type_error_naming_it(
    client: novu.Novu, api: FakeAPI
) -> None:
    with pytest.raises(TypeError, match="argument 'payload'.*object") as caught:
        client.events.trigger(name="w", to=["a"], payload={"when": object()})
    assert not isinstance(caught.value, ValueError)  # not pydantic's serialisation error
    assert api.requests == []


def test_an_unserialisable_extra_body_value_is_named(client: novu.Novu, api: FakeAPI) -> None:
    with pytest.raises(TypeError, match=r"extra_body\['x'\]"):
        client.events.trigger(name="w", to=["a"], extra_body={"x": object()})
    assert api.requests == []


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_nan_and_infinities_in_a_json_body_are_a_value_error_naming_the_argument(
    client: novu.Novu, api: FakeAPI, value: float
) -> None:
    """JSON has no NaN or Infinity: sent as written, the server gets a body it cannot read."""
    with pytest.raises(ValueError, match="argument 'payload'.*NaN and infinities"):
        client.events.trigger(name="w", to=["a"], payload={"scores": [1.0, value]})
    with pytest.raises(ValueError, match=r"extra_body\['ratio'\].*NaN and infinities"):
        client.events.trigger(name="w", to=["a"], extra_body={"ratio": value})
    assert api.requests == []


@pytest.mark.parametrize(
    "options",
    [{"extra_headers": {"X-Name": "Jos\u00e9"}}, {"idempotency_key": "cl\u00e9"}],
)
def test_a_non_ascii_header_value_is_a_value_error(
    client: novu.Novu, api: FakeAPI, options: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="ASCII") as caught:
        client.events.trigger(name="w", to=["a"], **options)
    assert not isinstance(caught.value, UnicodeEncodeError)
    assert api.requests == []
