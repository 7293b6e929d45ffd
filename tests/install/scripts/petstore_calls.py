"""Calls with an installed SDK generated from the OpenAPI Initiative's expanded petstore,
sync and async, against a fake server; type-checked with `mypy --strict` against the wheel."""

from __future__ import annotations

import asyncio
import json

import httpx
import swagger_petstore
from swagger_petstore.models import Pet

PETS = [{"id": 1, "name": "Rex", "tag": "dog"}, {"id": 2, "name": "Tom"}]


def answer(request: httpx.Request) -> httpx.Response:
    if request.method == "POST":
        sent = json.loads(request.content)
        assert sent == {"name": "Kit", "tag": "cat"}, sent
        return httpx.Response(200, json={"id": 3, **sent})
    if request.url.path == "/v2/pets":
        assert request.url.params.get_list("tags") == ["dog", "cat"], request.url
        return httpx.Response(200, json=PETS)
    return httpx.Response(404, json={"code": 404, "message": "no such pet"})


def calls() -> None:
    transport = httpx.MockTransport(answer)
    with swagger_petstore.SwaggerPetstore(http_client=httpx.Client(transport=transport)) as client:
        pets: list[Pet] = client.pets.list(tags=["dog", "cat"])
        assert [p.name for p in pets] == ["Rex", "Tom"]
        assert client.pets.create(name="Kit", tag="cat").id == 3
        try:
            client.pets.retrieve(9)
        except swagger_petstore.APIStatusError as error:
            assert error.status_code == 404
        else:
            raise AssertionError("a 404 must raise")


async def async_calls() -> None:
    transport = httpx.MockTransport(answer)
    async with swagger_petstore.AsyncSwaggerPetstore(http_client=httpx.AsyncClient(transport=transport)) as client:
        assert len(await client.pets.list(tags=["dog", "cat"])) == 2


if __name__ == "__main__":
    calls()
    asyncio.run(async_calls())
    print(f"swagger_petstore from {swagger_petstore.__file__}")
