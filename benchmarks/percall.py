"""Per-call overhead of `integrations.set_as_primary("id")` against an in-memory transport.

Run by `run.py` in each interpreter under test (the project's venv for the generated client,
the peers' venv for novu-py), once per mode, and prints a JSON list: seconds per call, one figure
per repeat. Modes:

- `bare`: httpx.Client.post + json.loads of the body, the floor every client pays;
- `generated`: the generated `novu` package (put its directory on PYTHONPATH);
- `novu_py`: Novu's own SDK (novu-py, made by Speakeasy).

The transport answers every request with the same realistic body: an integration with nested
`conditions` (filters of field parts), wrapped in Novu's `{"data": ...}` envelope.
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


def handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"content-type": "application/json"})


def transport() -> httpx.MockTransport:
    return httpx.MockTransport(handler)


def bare() -> Callable[[], Any]:
    client = httpx.Client(transport=transport(), base_url=BASE_URL)

    def call() -> Any:
        response = client.post(
            "/v1/integrations/id/set-primary", headers={"Authorization": "ApiKey k"}
        )
        return json.loads(response.content)

    return call


def generated() -> Callable[[], Any]:
    import novu  # type: ignore[import-not-found]

    client = novu.Novu(api_key="k", http_client=httpx.Client(transport=transport()))

    def call() -> Any:
        result = client.integrations.set_as_primary("id")
        assert result.conditions[0].children[0].field == "subscriber.locale"
        return result

    return call


def novu_py() -> Callable[[], Any]:
    import novu_py  # type: ignore[import-not-found]

    client = novu_py.Novu(secret_key="k", client=httpx.Client(transport=transport()))

    def call() -> Any:
        result = client.integrations.set_as_primary(integration_id="id")
        assert result.result.conditions[0].children[0].field == "subscriber.locale"
        return result

    return call


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
    factory = {"bare": bare, "generated": generated, "novu_py": novu_py}[mode]
    print(json.dumps(measure(factory(), calls, repeats)))
