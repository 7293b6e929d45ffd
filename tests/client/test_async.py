"""The async client behaves like the sync one."""

from __future__ import annotations

import json

import httpx
import novu
import pytest

from .fakes import TRIGGERED, FakeAPI, integration, subscriber

pytestmark = pytest.mark.anyio


async def test_configuration_and_auth(make_async_client, api: FakeAPI) -> None:
    client = make_async_client(server="eu", api_key="secret")
    await client.subscribers.retrieve("a/b")
    assert str(api.last.url) == "https://eu.api.novu.co/v1/subscribers/a%2Fb"
    assert api.last.headers["Authorization"] == "ApiKey secret"
    assert api.last.headers["User-Agent"].startswith("novu/")


async def test_with_options_and_per_call_options(make_async_client, api: FakeAPI) -> None:
    client = make_async_client()
    await client.subscribers.retrieve("s")
    api.reply(500)
    with pytest.raises(novu.InternalServerError):
        await client.with_options(max_retries=0, timeout=5).subscribers.retrieve("s")
    assert len(api.requests) == 2
    assert api.last.extensions["timeout"]["read"] == 5
    api.reply(201, json=TRIGGERED)
    await client.events.trigger(
        name="w", to=["s"], extra_body={"x": 1}, extra_headers={"X-T": "1"}, idempotency_key="k"
    )
    assert json.loads(api.last.content)["x"] == 1
    assert api.last.headers["X-T"] == "1"
    assert api.last.headers["idempotency-key"] == "k"


async def test_envelope_and_strict_mode(make_async_client, api: FakeAPI) -> None:
    api.reply(200, json={"data": subscriber(1, mood="happy")})
    lenient = await make_async_client().subscribers.retrieve("sub-1")
    assert lenient.mood == "happy"  # type: ignore[attr-defined]
    with pytest.raises(novu.APIResponseValidationError):
        await make_async_client(strict_response_validation=True).subscribers.retrieve("sub-1")
    api.reply(200, json=integration(channel="fax"))
    assert (await make_async_client().integrations.set_as_primary("i")).channel == "fax"


async def test_low_level_request(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.reply(200, json={"data": subscriber(9)})
    found = await async_client.request("GET", "/v2/sub", cast_to=novu.models.SubscriberResponseDto)
    assert found.subscriber_id == "sub-9"
    response = await async_client.request("DELETE", "/v2/sub")
    assert isinstance(response, httpx.Response)
    assert "idempotency-key" in api.last.headers


async def test_missing_credentials(api: FakeAPI) -> None:
    with pytest.raises(novu.APIError, match="api_key"):
        novu.AsyncNovu(http_client=httpx.AsyncClient(transport=httpx.MockTransport(api)))
    assert api.requests == []
