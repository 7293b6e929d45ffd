"""Retries, backoff, Retry-After and idempotency keys."""

from __future__ import annotations

import email.utils
import time
import uuid

import httpx
import novu
import pytest
from novu._runtime import NOT_GIVEN, Endpoint

from .fakes import TRIGGERED, FakeAPI, FakeTime, subscriber


def trigger(client: novu.Novu, **options: object) -> object:
    return client.events.trigger(name="welcome", to=["sub-1"], **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_until_success(
    client: novu.Novu, api: FakeAPI, status: int
) -> None:
    api.reply(status).reply(status).reply(201, json=TRIGGERED)
    result = trigger(client)
    assert result.acknowledged is True  # type: ignore[attr-defined]
    assert len(api.requests) == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(client: novu.Novu, api: FakeAPI, status: int) -> None:
    api.reply(status, json={"message": "no"})
    with pytest.raises(novu.APIStatusError):
        trigger(client)
    assert len(api.requests) == 1


def test_two_retries_by_default_then_the_error(
    client: novu.Novu, api: FakeAPI, clock: FakeTime
) -> None:
    api.reply(503, json="Please wait")
    with pytest.raises(novu.InternalServerError) as caught:
        trigger(client)
    assert len(api.requests) == 3
    assert len(clock.sleeps) == 2
    assert caught.value.body == "Please wait"


def test_max_retries_per_client_and_per_call(make_client, api: FakeAPI) -> None:
    api.reply(500)
    client = make_client(max_retries=4)
    with pytest.raises(novu.InternalServerError):
        trigger(client)
    assert len(api.requests) == 5
    with pytest.raises(novu.InternalServerError):
        trigger(client, max_retries=0)
    assert len(api.requests) == 6


def test_backoff_is_full_jitter_within_the_spec_bounds(
    make_client, api: FakeAPI, clock: FakeTime
) -> None:
    # Novu: 0.5 s initial, x1.5, at most 30 s between tries.
    api.reply(503)
    client = make_client(max_retries=12, timeout=3600)  # the call's timeout bounds backoffs too
    for _ in range(20):
        with pytest.raises(novu.InternalServerError):
            trigger(client)
    ceilings = [min(30.0, 0.5 * 1.5**n) for n in range(12)]
    runs = [clock.sleeps[i : i + 12] for i in range(0, len(clock.sleeps), 12)]
    assert len(runs) == 20
    for run in runs:
        assert all(0.0 <= delay <= ceiling for delay, ceiling in zip(run, ceilings, strict=True))
    # Jitter: the waits are spread out, not all at the ceiling.
    last = [run[-1] for run in runs]
    assert len(set(last)) > 1
    assert min(last) < 30.0


def test_total_time_is_bounded_by_max_elapsed(make_client, api: FakeAPI, clock: FakeTime) -> None:
    # Each 429 asks for a minute (stretched by up to 10 %); the spec allows an hour in total.
    api.reply(429, headers={"Retry-After": "60"})
    client = make_client(max_retries=1000, timeout=7200)
    with pytest.raises(novu.RateLimitError):
        trigger(client)
    assert sum(clock.sleeps) <= 3600
    assert 3600 // 66 <= len(api.requests) - 1 <= 60


def test_total_time_is_bounded_by_the_calls_timeout(
    make_client, api: FakeAPI, clock: FakeTime
) -> None:
    api.reply(503)
    client = make_client(max_retries=1000, timeout=10)
    with pytest.raises(novu.InternalServerError):
        trigger(client)
    assert sum(clock.sleeps) < 10
    assert len(api.requests) > 3


def test_retry_after_seconds(client: novu.Novu, api: FakeAPI, clock: FakeTime) -> None:
    api.reply(429, headers={"Retry-After": "7"}).reply(201, json=TRIGGERED)
    trigger(client)
    # Stretched by up to 10 %, so that clients told the same wait do not come back together.
    assert 7.0 <= clock.sleeps[0] <= 7.7


def test_retry_after_http_date(client: novu.Novu, api: FakeAPI, clock: FakeTime) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    api.reply(503, headers={"Retry-After": when}).reply(201, json=TRIGGERED)
    trigger(client)
    assert 25.0 <= clock.sleeps[0] <= 33.0


def test_retry_after_ms(client: novu.Novu, api: FakeAPI, clock: FakeTime) -> None:
    api.reply(429, headers={"retry-after-ms": "250", "Retry-After": "9"}).reply(201, json=TRIGGERED)
    trigger(client)
    assert 0.25 <= clock.sleeps[0] <= 0.275


def test_a_retry_after_longer_than_the_client_waits_raises_at_once(
    client: novu.Novu, api: FakeAPI, clock: FakeTime
) -> None:
    # Beyond 60 s (or beyond the call's timeout) the caller is better placed to wait.
    api.reply(429, headers={"Retry-After": "3600"}).reply(201, json=TRIGGERED)
    with pytest.raises(novu.RateLimitError) as caught:
        trigger(client)
    assert caught.value.retry_after == 3600.0
    assert clock.sleeps == []
    assert len(api.requests) == 1


@pytest.mark.parametrize("value", ["0", "-5", "Mon, 01 Jan 2001 00:00:00 GMT", "1e3", " 7x", "0x10"])
def test_a_retry_after_of_zero_in_the_past_or_not_rfc_9110_is_ignored(
    client: novu.Novu, api: FakeAPI, clock: FakeTime, value: str
) -> None:
    api.reply(429, headers={"Retry-After": value}).reply(201, json=TRIGGERED)
    trigger(client)
    assert 0.0 < clock.sleeps[0] <= 0.5  # the policy's backoff, never an immediate retry


def test_clients_told_the_same_retry_after_do_not_retry_together(
    make_client, api: FakeAPI, clock: FakeTime
) -> None:
    api.reply(429, headers={"Retry-After": "1"})
    for _ in range(100):
        with pytest.raises(novu.RateLimitError):
            trigger(make_client(max_retries=1))
    assert len(set(clock.sleeps)) == 100
    assert all(1.0 <= delay <= 1.1 for delay in clock.sleeps)


def test_unreadable_retry_after_falls_back_to_backoff(
    client: novu.Novu, api: FakeAPI, clock: FakeTime
) -> None:
    api.reply(429, headers={"Retry-After": "soon"}).reply(201, json=TRIGGERED)
    trigger(client)
    assert 0.0 <= clock.sleeps[0] <= 0.5


def test_connection_errors_are_retried(client: novu.Novu, api: FakeAPI) -> None:
    api.fail(httpx.ConnectError("refused")).reply(201, json=TRIGGERED)
    assert trigger(client).acknowledged is True  # type: ignore[attr-defined]
    assert len(api.requests) == 2


def test_connection_error_after_retries(client: novu.Novu, api: FakeAPI) -> None:
    api.fail(httpx.ConnectError("refused"))
    with pytest.raises(novu.APIConnectionError) as caught:
        trigger(client)
    assert not isinstance(caught.value, novu.APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert len(api.requests) == 3


def test_timeouts_raise_api_timeout_error_after_retries(client: novu.Novu, api: FakeAPI) -> None:
    api.fail(httpx.ReadTimeout("slow"))
    with pytest.raises(novu.APITimeoutError) as caught:
        trigger(client)
    assert isinstance(caught.value, novu.APIConnectionError)
    assert caught.value.request.url.path == "/v1/events/trigger"
    assert len(api.requests) == 3


def test_idempotency_key_is_the_same_on_every_attempt(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(503).reply(409).reply(201, json=TRIGGERED)
    trigger(client)
    keys = {request.headers["idempotency-key"] for request in api.requests}
    assert len(api.requests) == 3
    assert len(keys) == 1


def test_each_call_gets_its_own_idempotency_key(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(201, json=TRIGGERED)
    trigger(client)
    trigger(client)
    assert api.requests[0].headers["idempotency-key"] != api.requests[1].headers["idempotency-key"]


def test_a_generated_idempotency_key_is_a_random_uuid(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(201, json=TRIGGERED)
    keys = []
    for _ in range(20):
        trigger(client)
        keys.append(api.last.headers["idempotency-key"])
    parsed = [uuid.UUID(key) for key in keys]
    assert [str(key) for key in parsed] == keys  # canonical: lower case, dashed
    assert {key.version for key in parsed} == {4}
    assert {key.variant for key in parsed} == {uuid.RFC_4122}
    assert len(set(keys)) == len(keys)


def test_an_idempotency_header_parameter_stands_in_for_the_generated_key(
    client: novu.Novu, api: FakeAPI
) -> None:
    endpoint = Endpoint(method="POST", path="/orders", responses={})
    client._request(endpoint, headers={"Idempotency-Key": "mine"})
    assert api.last.headers.get_list("idempotency-key") == ["mine"]
    client._request(endpoint, headers={"Idempotency-Key": NOT_GIVEN})
    assert uuid.UUID(api.last.headers["idempotency-key"]).version == 4


def test_caller_supplied_idempotency_key(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(500).reply(201, json=TRIGGERED)
    trigger(client, idempotency_key="order-42")
    assert [r.headers["idempotency-key"] for r in api.requests] == ["order-42", "order-42"]


def test_a_default_idempotency_header_is_not_replaced(make_client, api: FakeAPI) -> None:
    client = make_client(default_headers={"Idempotency-Key": "from-defaults"})
    api.reply(201, json=TRIGGERED)
    trigger(client)
    assert api.last.headers["idempotency-key"] == "from-defaults"
    trigger(client, idempotency_key="per-call")
    assert api.last.headers["idempotency-key"] == "per-call"


def test_no_idempotency_key_on_get(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(503).reply(200, json=subscriber(1))
    client.subscribers.retrieve("sub-1")
    assert len(api.requests) == 2
    assert all("idempotency-key" not in request.headers for request in api.requests)


@pytest.mark.anyio
async def test_async_retries_share_one_idempotency_key(
    async_client: novu.AsyncNovu, api: FakeAPI, clock: FakeTime
) -> None:
    api.reply(429, headers={"Retry-After": "2"}).fail(httpx.ConnectError("x")).reply(
        201, json=TRIGGERED
    )
    result = await async_client.events.trigger(name="welcome", to=["sub-1"])
    assert result.acknowledged is True
    assert len({r.headers["idempotency-key"] for r in api.requests}) == 1
    assert len(api.requests) == 3
    assert 2.0 <= clock.sleeps[0] <= 2.2


@pytest.mark.anyio
async def test_async_timeout_and_status_errors(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.fail(httpx.ConnectTimeout("slow"))
    with pytest.raises(novu.APITimeoutError):
        await async_client.subscribers.retrieve("s", max_retries=0)
    api.reply(404, json={"message": "gone"})
    with pytest.raises(novu.NotFoundError):
        await async_client.subscribers.retrieve("s")
