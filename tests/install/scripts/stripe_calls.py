"""Calls with an installed SDK generated from Stripe's 2021 spec (thousands of model modules),
sync and async, against a fake server; type-checked with `mypy --strict` against the wheel."""

from __future__ import annotations

import asyncio
import json

import httpx
import stripe
from stripe.models import Customer

CUSTOMER = {"id": "cus_1", "object": "customer", "created": 1, "livemode": False, "email": "a@example.com"}


def answer(request: httpx.Request) -> httpx.Response:
    assert request.headers["authorization"] == "Bearer sk_test", request.headers
    if request.method == "POST" and request.url.path == "/v1/customers":
        assert request.headers["content-type"] == "application/x-www-form-urlencoded", request.headers
        assert request.content == b"email=a%40example.com&expand%5B0%5D=tax&metadata%5Bplan%5D=pro", request.content
        return httpx.Response(200, json=CUSTOMER)
    if request.url.path == "/v1/customers/cus_1":
        return httpx.Response(200, json=CUSTOMER)
    if request.url.path == "/v1/customers/cus_0":
        return httpx.Response(200, json={"id": "cus_0", "object": "customer", "deleted": True})
    return httpx.Response(404, json={"error": {"message": "no such path", "type": "invalid_request_error"}})


def calls() -> None:
    with stripe.Stripe(bearer_token="sk_test", http_client=httpx.Client(transport=httpx.MockTransport(answer))) as client:
        created = client.customers.create(email="a@example.com", metadata={"plan": "pro"}, expand=["tax"])
        assert created.email == "a@example.com"
        found = client.customers.retrieve("cus_1")
        assert isinstance(found, Customer) and found.id == "cus_1"
        gone = client.customers.retrieve("cus_0")
        assert not isinstance(gone, Customer)
        try:
            client.charges.retrieve("ch_1")
        except stripe.NotFoundError as error:
            assert error.status_code == 404
        else:
            raise AssertionError("a 404 must raise NotFoundError")


async def async_calls() -> None:
    transport = httpx.MockTransport(answer)
    async with stripe.AsyncStripe(bearer_token="sk_test", http_client=httpx.AsyncClient(transport=transport)) as client:
        found = await client.customers.retrieve("cus_1")
        assert isinstance(found, Customer)
        assert json.loads(found.model_dump_json())["email"] == "a@example.com"


if __name__ == "__main__":
    calls()
    asyncio.run(async_calls())
    print(f"stripe {stripe.__version__} from {stripe.__file__}")
