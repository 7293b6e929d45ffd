"""``_prepare_request``: the one place every attempt's request passes through, where
a hook or tracing plugs in by overriding it."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import novu
import pytest
from novu._runtime import RequestSpec

from .fakes import TRIGGERED, FakeAPI, FakeTime, subscriber


class TracedNovu(novu.Novu):
    """Stamps each attempt with its number and keeps what it saw, as tracing would."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.seen: list[tuple[int, RequestSpec, httpx.Request]] = []

    def _prepare_request(
        self, request: httpx.Request, spec: RequestSpec, *, attempt: int
    ) -> httpx.Request:
        self.seen.append((attempt, spec, request))
        request.headers["X-Attempt"] = str(attempt)
        if attempt == 1:
            request.headers["X-First-Only"] = "yes"
        return request


class AsyncTracedNovu(novu.AsyncNovu):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.attempts: list[int] = []

    def _prepare_request(
        self, request: httpx.Request, spec: RequestSpec, *, attempt: int
    ) -> httpx.Request:
        self.attempts.append(attempt)
        request.headers["X-Attempt"] = str(attempt)
        return request


def traced(api: FakeAPI, clock: FakeTime, **options: Any) -> TracedNovu:
    client = TracedNovu(
        api_key="test-key", http_client=httpx.Client(transport=httpx.MockTransport(api)), **options
    )
    client._sleep = clock.sleep
    client._monotonic = clock.monotonic
    return client


def test_runs_once_per_attempt_and_what_it_returns_is_sent(api: FakeAPI, clock: FakeTime) -> None:
    client = traced(api, clock)
    api.reply(503).reply(503).reply(201, json=TRIGGERED)
    client.events.trigger(name="welcome", to=["sub-1"])
    assert [attempt for attempt, _, _ in client.seen] == [1, 2, 3]
    assert [request for _, _, request in client.seen] == api.requests
    assert [r.headers["X-Attempt"] for r in api.requests] == ["1", "2", "3"]


def test_each_attempt_is_built_afresh(api: FakeAPI, clock: FakeTime) -> None:
    client = traced(api, clock)
    api.reply(503).reply(201, json=TRIGGERED)
    client.events.trigger(name="welcome", to=["sub-1"])
    first, second = api.requests
    assert first.headers["X-First-Only"] == "yes"
    assert "X-First-Only" not in second.headers
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]


def test_sees_the_final_request_and_the_settled_call(api: FakeAPI, clock: FakeTime) -> None:
    client = traced(api, clock)
    api.reply(201, json=TRIGGERED)
    client.events.trigger(
        name="welcome", to=["sub-1"], timeout=3.0, extra_headers={"X-Trace": "t-1"}
    )
    [(_, spec, request)] = client.seen
    assert request.headers["Authorization"] == "ApiKey test-key"
    assert request.headers["X-Trace"] == "t-1"
    assert request.extensions["timeout"]["read"] == 3.0
    assert spec.endpoint.path == "/v1/events/trigger"
    assert spec.options["idempotency_key"] == request.headers["idempotency-key"]
    assert spec.options["max_retries"] == client.max_retries


def test_the_log_shows_the_prepared_request(
    api: FakeAPI, clock: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="novu")
    traced(api, clock).subscribers.retrieve("s")
    assert "'x-attempt': '1'" in caplog.text


def test_with_options_keeps_the_subclass_and_its_hook(api: FakeAPI, clock: FakeTime) -> None:
    copy = traced(api, clock).with_options(max_retries=0)
    assert type(copy) is TracedNovu
    copy.subscribers.retrieve("s")
    assert api.last.headers["X-Attempt"] == "1"


@pytest.mark.anyio
async def test_async_clients_take_the_same_path(api: FakeAPI, clock: FakeTime) -> None:
    client = AsyncTracedNovu(
        api_key="k", http_client=httpx.AsyncClient(transport=httpx.MockTransport(api))
    )
    client._sleep = clock.async_sleep
    api.reply(503).reply(200, json={"data": subscriber(1)})
    await client.subscribers.retrieve("s")
    assert client.attempts == [1, 2]
    assert [r.headers["X-Attempt"] for r in api.requests] == ["1", "2"]
