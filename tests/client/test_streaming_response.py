"""``with_streaming_response`` and the raw-response wrappers on the Novu SDK: the response is
handed over before its body is read; ``parse()`` gives what the plain method returns (a model,
a page); the wrappers' signatures say what they return."""

from __future__ import annotations

import inspect
import typing

import httpx
import novu
import pytest

from .fakes import FakeAPI, subscriber
from .test_pagination import ids, pages


def test_the_body_is_read_only_when_asked(client: novu.Novu, api: FakeAPI) -> None:
    sent: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        body = b'{"data": ' + httpx.Response(200, json=subscriber(1)).content + b"}"

        def chunks() -> typing.Iterator[bytes]:
            for piece in (body[:10], body[10:]):
                sent.append(piece)
                yield piece

        return httpx.Response(200, headers={"content-type": "application/json"}, content=chunks())

    api.handle(answer)
    with client.subscribers.with_streaming_response.retrieve("sub-1") as response:
        assert response.status_code == 200 and sent == []
        assert response.parse().subscriber_id == "sub-1"
        assert len(sent) == 2
    assert response.http_response.is_closed


def test_an_error_status_raises_on_entering(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(404, json={"message": "no such subscriber"})
    with pytest.raises(novu.NotFoundError):
        with client.subscribers.with_streaming_response.retrieve("nobody"):
            pass  # pragma: no cover


def test_a_paged_method_parses_to_its_first_page(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(pages([[1], [2]]))
    with client.subscribers.with_streaming_response.list(limit=1) as response:
        assert response.http_response.url.params["limit"] == "1"
        assert ids(response.parse()) == ["sub-1", "sub-2"]


def test_nested_resources_have_it_too(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": subscriber(1)})
    with client.subscribers.with_streaming_response.credentials.update(
        "sub-1", provider_id="slack", credentials={"webhookUrl": "https://hooks.test"}
    ) as response:
        assert response.parse().subscriber_id == "sub-1"


@pytest.mark.anyio
async def test_async_streaming_response(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.reply(200, json={"data": subscriber(1)})
    async with async_client.subscribers.with_streaming_response.retrieve("sub-1") as response:
        assert response.status_code == 200
        assert b"sub-1" in b"".join([chunk async for chunk in response.iter_bytes()])
    assert response.http_response.is_closed
    api.handle(pages([[1], [2]]))
    async with async_client.subscribers.with_streaming_response.list(limit=1) as response:
        page = await response.parse()
        assert ids(page.items) == ["sub-1"]
        assert ids([s async for s in page]) == ["sub-1", "sub-2"]


def test_wrappers_report_what_they_return(client: novu.Novu, async_client: novu.AsyncNovu) -> None:
    raw = client.subscribers.with_raw_response.retrieve
    assert inspect.signature(raw).return_annotation == "RawResponse[models.SubscriberResponseDto]"
    assert typing.get_type_hints(raw)["return"] == novu._runtime.RawResponse[
        novu.models.SubscriberResponseDto
    ]
    assert list(inspect.signature(raw).parameters) == list(
        inspect.signature(client.subscribers.retrieve).parameters
    )
    streamed = async_client.subscribers.with_streaming_response.retrieve
    assert inspect.signature(streamed).return_annotation == (
        "AsyncStreamedResponseManager[models.SubscriberResponseDto]"
    )
    paged = inspect.signature(client.subscribers.with_raw_response.list).return_annotation
    assert paged.startswith("RawResponse[SyncPage[")
