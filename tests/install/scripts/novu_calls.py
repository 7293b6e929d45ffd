"""A user's first calls with the installed Novu SDK, sync and async, against a fake server.

Run by the install tests inside a fresh virtual environment, and type-checked there with
`mypy --strict` against the installed package: it is what a user writes."""

from __future__ import annotations

import asyncio
import json
import sys

import httpx
import novu
from novu.models import SubscriberResponseDto

SUBSCRIBER = {
    "_id": "id-1",
    "subscriberId": "sub-1",
    "_organizationId": "org",
    "_environmentId": "env",
    "deleted": False,
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}


def answer(request: httpx.Request) -> httpx.Response:
    """The Novu API as far as these calls go: a trigger, a subscriber, a page of subscribers."""
    assert request.headers["authorization"] == "ApiKey key", request.headers
    if request.url.path == "/v1/events/trigger":
        sent = json.loads(request.content)
        assert sent == {"name": "welcome", "to": ["sub-1"], "payload": {"n": 1}}, sent
        return httpx.Response(201, json={"data": {"acknowledged": True, "status": "processed", "transactionId": "t"}})
    if request.url.path == "/v1/subscribers/sub-1":
        return httpx.Response(200, json={"data": SUBSCRIBER})
    if request.url.path == "/v1/subscribers":
        page = int(request.url.params.get("page", "0"))
        items = [SUBSCRIBER] if page < 2 else []
        return httpx.Response(200, json={"page": page, "totalCount": 2, "pageSize": 1, "data": items})
    return httpx.Response(404, json={"message": "no such path"})


def calls() -> None:
    with novu.Novu(api_key="key", http_client=httpx.Client(transport=httpx.MockTransport(answer))) as client:
        triggered = client.events.trigger(name="welcome", to=["sub-1"], payload={"n": 1})
        assert triggered.transaction_id == "t"
        found: SubscriberResponseDto = client.subscribers.retrieve("sub-1")
        assert found.subscriber_id == "sub-1"
        assert [s.subscriber_id for s in client.subscribers.list(limit=1)] == ["sub-1", "sub-1"]
        try:
            client.subscribers.retrieve("nobody")
        except novu.NotFoundError as error:
            assert error.status_code == 404
        else:
            raise AssertionError("a 404 must raise NotFoundError")


async def async_calls() -> None:
    transport = httpx.MockTransport(answer)
    async with novu.AsyncNovu(api_key="key", http_client=httpx.AsyncClient(transport=transport)) as client:
        triggered = await client.events.trigger(name="welcome", to=["sub-1"], payload={"n": 1})
        assert triggered.acknowledged
        assert [s.subscriber_id async for s in client.subscribers.list(limit=1)] == ["sub-1", "sub-1"]


if __name__ == "__main__":
    calls()
    asyncio.run(async_calls())
    print(f"novu {novu.__version__} from {novu.__file__} on Python {sys.version_info[0]}.{sys.version_info[1]}")
