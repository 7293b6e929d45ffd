"""Per-call overhead of a generated method against an in-memory transport.

Run by `run.py` in each interpreter under test (the project's venv for the generated client,
the peers' venv for novu-py), once per mode, and prints a JSON list: seconds per call, one figure
per repeat. `python percall.py MODE CALLS REPEATS [CALL]`. Modes:

- `bare`: httpx.Client + json.loads of the body, the floor every client pays;
- `generated`: the generated `novu` package (put its directory on PYTHONPATH);
- `novu_py`: Novu's own SDK (novu-py, made by Speakeasy).

Calls (`CALL`, by default `set_as_primary`):

- `set_as_primary`: `integrations.set_as_primary("id")`, a POST whose answer is an integration
  with nested `conditions` (filters of field parts), wrapped in Novu's `{"data": ...}` envelope;
- `feed`: a subscriber's notification feed, a GET with a path and three query parameters whose
  answer is a page of three notifications (not wrapped: the page has other keys beside `data`).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx

INTEGRATION: dict[str, Any] = {
    "_id": "64f1c2a8e4b0a1b2c3d4e5f6",
    "_environmentId": "64f1c2a8e4b0a1b2c3d4e5f7",
    "_organizationId": "64f1c2a8e4b0a1b2c3d4e5f8",
    "name": "SendGrid production",
    "identifier": "sendgrid-prod",
    "providerId": "sendgrid",
    "channel": "email",
    "credentials": {
        "apiKey": "SG.redacted",
        "from": "no-reply@example.com",
        "senderName": "Example",
    },
    "active": True,
    "deleted": False,
    "deletedAt": "",
    "deletedBy": "",
    "primary": True,
    "conditions": [
        {
            "isNegated": False,
            "type": "GROUP",
            "value": "AND",
            "children": [
                {
                    "field": "subscriber.locale",
                    "value": "en_US",
                    "operator": "EQUAL",
                    "on": "subscriber",
                },
                {"field": "payload.tier", "value": "premium", "operator": "IN", "on": "payload"},
            ],
        },
        {
            "isNegated": True,
            "type": "GROUP",
            "value": "OR",
            "children": [
                {
                    "field": "payload.region",
                    "value": "eu",
                    "operator": "NOT_EQUAL",
                    "on": "payload",
                },
            ],
        },
    ],
}
BODY = json.dumps({"data": INTEGRATION}).encode()
BASE_URL = "https://api.novu.co"


def notification(number: int) -> dict[str, Any]:
    """A feed item with the fields both SDKs' models require."""
    return {
        "_id": f"64f1c2a8e4b0a1b2c3d4e6{number:02d}",
        "_templateId": "64f1c2a8e4b0a1b2c3d4e5f9",
        "_environmentId": "64f1c2a8e4b0a1b2c3d4e5f7",
        "_organizationId": "64f1c2a8e4b0a1b2c3d4e5f8",
        "_notificationId": f"64f1c2a8e4b0a1b2c3d4e7{number:02d}",
        "_subscriberId": "64f1c2a8e4b0a1b2c3d4e5fa",
        "_jobId": f"64f1c2a8e4b0a1b2c3d4e8{number:02d}",
        "transactionId": f"tx-{number}",
        "name": "Welcome",
        "identifier": "welcome",
        "content": f"Hello, this is notification {number}",
        "channel": "in_app",
        "read": False,
        "seen": number % 2 == 0,
        "archived": False,
        "status": "sent",
        "cta": {"type": "redirect", "data": {"url": "https://example.com/inbox"}},
        "createdAt": "2025-01-01T12:00:00.000Z",
        "payload": {"tier": "premium", "region": "eu"},
    }


FEED_BODY = json.dumps(
    {"page": 0, "hasMore": True, "pageSize": 10, "data": [notification(n) for n in range(3)]}
).encode()
FEED_PATH = "/v1/subscribers/sub-1/notifications/feed"


def handler(request: httpx.Request) -> httpx.Response:
    body = FEED_BODY if request.url.path == FEED_PATH else BODY
    return httpx.Response(200, content=body, headers={"content-type": "application/json"})


def transport() -> httpx.MockTransport:
    return httpx.MockTransport(handler)


def bare(which: str) -> Callable[[], Any]:
    client = httpx.Client(transport=transport(), base_url=BASE_URL)

    def set_as_primary() -> Any:
        response = client.post(
            "/v1/integrations/id/set-primary", headers={"Authorization": "ApiKey k"}
        )
        return json.loads(response.content)

    def feed() -> Any:
        response = client.get(
            FEED_PATH,
            params={"page": 0, "limit": 10, "read": "false"},
            headers={"Authorization": "ApiKey k"},
        )
        return json.loads(response.content)

    return {"set_as_primary": set_as_primary, "feed": feed}[which]


def generated(which: str) -> Callable[[], Any]:
    import novu  # type: ignore[import-not-found]

    client = novu.Novu(api_key="k", http_client=httpx.Client(transport=transport()))

    def set_as_primary() -> Any:
        result = client.integrations.set_as_primary("id")
        assert result.conditions[0].children[0].field == "subscriber.locale"
        return result

    def feed() -> Any:
        result = client.subscribers.notifications.retrieve("sub-1", page=0, limit=10, read=False)
        assert result.items[2].identifier == "welcome"  # a page: its items
        return result

    return {"set_as_primary": set_as_primary, "feed": feed}[which]


def novu_py(which: str) -> Callable[[], Any]:
    import warnings

    import novu_py  # type: ignore[import-not-found]

    warnings.simplefilter("ignore", DeprecationWarning)  # the feed is deprecated in novu-py
    client = novu_py.Novu(secret_key="k", client=httpx.Client(transport=transport()))

    def set_as_primary() -> Any:
        result = client.integrations.set_as_primary(integration_id="id")
        assert result.result.conditions[0].children[0].field == "subscriber.locale"
        return result

    def feed() -> Any:
        request = {"subscriber_id": "sub-1", "page": 0, "limit": 10, "read": False}
        result = client.subscribers.notifications.feed(request=request)
        assert result.result.data[2].content == "Hello, this is notification 2"
        return result

    return {"set_as_primary": set_as_primary, "feed": feed}[which]


def measure(call: Callable[[], Any], calls: int, repeats: int) -> list[float]:
    for _ in range(max(50, calls // 10)):  # warm-up: lazy imports, caches, first-call costs
        call()
    figures = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        figures.append((time.perf_counter() - start) / calls)
    return figures


if __name__ == "__main__":
    mode, calls, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    which = sys.argv[4] if len(sys.argv) > 4 else "set_as_primary"
    factory = {"bare": bare, "generated": generated, "novu_py": novu_py}[mode]
    print(json.dumps(measure(factory(which), calls, repeats)))
