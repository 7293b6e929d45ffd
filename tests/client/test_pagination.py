"""Paginated list operations (Novu: ``subscribers.list``, page/limit)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import novu
import pytest

from .fakes import FakeAPI, subscriber


def pages(
    contents: list[list[int]], *, has_more: bool | None = None, wrapped: bool = True
) -> Callable[[httpx.Request], httpx.Response]:
    """Serves ``contents[page]`` for ``?page=N`` (Novu counts pages from 0)."""

    def answer(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "0"))
        items = contents[number] if number < len(contents) else []
        body: dict[str, object] = {
            "page": number,
            "pageSize": int(request.url.params.get("limit", "10")),
            "data": [subscriber(n) for n in items],
        }
        more = number + 1 < len(contents) if has_more is None else has_more
        body["hasMore"] = more
        return httpx.Response(200, json={"data": body} if wrapped else body)

    return answer


def pages_asked(api: FakeAPI) -> list[str | None]:
    return [request.url.params.get("page") for request in api.requests]


def ids(items: object) -> list[str]:
    return [s.subscriber_id for s in items]  # type: ignore[attr-defined]


def test_zero_items(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(pages([[]]))
    page = client.subscribers.list()
    assert page.items == []
    assert not page.has_next_page()
    assert list(page) == []
    assert len(api.requests) == 1


def test_one_page_ending_with_has_more_false(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(pages([[1, 2]]))
    assert ids(client.subscribers.list(limit=10)) == ["sub-1", "sub-2"]
    assert len(api.requests) == 1


@pytest.mark.parametrize("wrapped", [True, False], ids=["wrapped", "bare"])
def test_three_pages_iterated_lazily(client: novu.Novu, api: FakeAPI, wrapped: bool) -> None:
    api.handle(pages([[1, 2], [3, 4], [5, 6]], wrapped=wrapped))
    result = client.subscribers.list(limit=2)
    assert len(api.requests) == 1  # only the first page so far
    iterator = iter(result)
    assert ids([next(iterator) for _ in range(3)]) == ["sub-1", "sub-2", "sub-3"]
    assert len(api.requests) == 2
    assert ids(iterator) == ["sub-4", "sub-5", "sub-6"]
    assert pages_asked(api) == [None, "1", "2"]
    assert [r.url.params["limit"] for r in api.requests] == ["2", "2", "2"]


def test_short_last_page_stops_without_has_more(client: novu.Novu, api: FakeAPI) -> None:
    def no_has_more(request: httpx.Request) -> httpx.Response:
        response = pages([[1, 2], [3, 4], [5]])(request)
        body = response.json()["data"]
        del body["hasMore"]
        return httpx.Response(200, json=body)

    api.handle(no_has_more)
    assert ids(client.subscribers.list(page=0, limit=2)) == [
        "sub-1",
        "sub-2",
        "sub-3",
        "sub-4",
        "sub-5",
    ]
    assert pages_asked(api) == ["0", "1", "2"]


def test_empty_page_stops_even_if_the_server_says_more(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(pages([[1, 2], []], has_more=True))
    assert ids(client.subscribers.list(limit=2)) == ["sub-1", "sub-2"]
    assert len(api.requests) == 2


def test_starting_page_is_respected(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(pages([[1], [2], [3]]))
    assert ids(client.subscribers.list(page=1, limit=1)) == ["sub-2", "sub-3"]
    assert pages_asked(api) == ["1", "2"]


def test_page_by_page(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(pages([[1, 2], [3, 4], [5]]))
    first = client.subscribers.list(limit=2)
    assert first.has_next_page()
    second = first.next_page()
    assert ids(second.items) == ["sub-3", "sub-4"]
    assert [ids(p.items) for p in first.iter_pages()] == [
        ["sub-1", "sub-2"],
        ["sub-3", "sub-4"],
        ["sub-5"],
    ]
    last = second.next_page()
    assert not last.has_next_page()
    with pytest.raises(RuntimeError):
        last.next_page()


def test_errors_surface_when_the_method_is_called(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(401, json={"message": "bad key"})
    with pytest.raises(novu.AuthenticationError):
        client.subscribers.list()


def test_items_that_do_not_fit_raise_validation_error(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(
        200, json={"page": 0, "hasMore": False, "pageSize": 10, "data": [{"subscriberId": 1}]}
    )
    with pytest.raises(novu.APIResponseValidationError):
        client.subscribers.list()


@pytest.mark.anyio
async def test_async_for_over_three_pages(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.handle(pages([[1, 2], [3, 4], [5]]))
    seen = [s.subscriber_id async for s in async_client.subscribers.list(limit=2)]
    assert seen == ["sub-1", "sub-2", "sub-3", "sub-4", "sub-5"]
    assert pages_asked(api) == [None, "1", "2"]


@pytest.mark.anyio
async def test_async_await_gives_the_first_page(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.handle(pages([[1, 2], [3]]))
    unfetched = async_client.subscribers.list(limit=2)
    assert api.requests == []
    with pytest.raises(RuntimeError, match="await"):
        _ = unfetched.items
    first = await unfetched
    assert ids(first.items) == ["sub-1", "sub-2"]
    assert first.has_next_page()
    second = await first.next_page()
    assert ids(second.items) == ["sub-3"]
    assert not second.has_next_page()
    assert [ids(p.items) async for p in first.iter_pages()] == [["sub-1", "sub-2"], ["sub-3"]]


@pytest.mark.anyio
async def test_async_zero_items(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.handle(pages([[]]))
    assert [s async for s in async_client.subscribers.list()] == []
    assert len(api.requests) == 1


# --- what a page says, and raw responses ------------------------------------------------------


def test_a_page_has_its_body_model_and_its_http_response(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(pages([[1, 2], [3]]))
    first = client.subscribers.list(limit=2)
    assert isinstance(first.body, novu.models.ListSubscribersResponse)
    assert (first.body.page, first.body.page_size, first.body.has_more) == (0, 2, True)
    assert first.response.status_code == 200
    assert first.response.url.params["limit"] == "2"
    second = first.next_page()
    assert second.body.page == 1 and second.body.has_more is False
    assert second.response.url.params["page"] == "1"


@pytest.mark.anyio
async def test_an_async_page_has_its_body_model_and_its_http_response(
    async_client: novu.AsyncNovu, api: FakeAPI
) -> None:
    api.handle(pages([[1]]))
    page = await async_client.subscribers.list(limit=5)
    assert page.body.page_size == 5 and page.response.status_code == 200


def test_raw_response_of_a_paginated_method_is_the_first_page(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.handle(pages([[1], [2]]))
    raw = client.subscribers.with_raw_response.list(limit=1)
    assert raw.status_code == 200 and raw.http_response.url.params["limit"] == "1"
    assert ids(raw.parse()) == ["sub-1", "sub-2"]


@pytest.mark.anyio
async def test_async_raw_response_of_a_paginated_method(
    async_client: novu.AsyncNovu, api: FakeAPI
) -> None:
    api.handle(pages([[1]]))
    raw = await async_client.subscribers.with_raw_response.list(limit=1)
    assert raw.status_code == 200 and ids(raw.parse().items) == ["sub-1"]


def test_raw_responses_reach_nested_resources(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": subscriber(1)})
    raw = client.subscribers.with_raw_response.credentials.update(
        "sub-1", provider_id="slack", credentials={"webhookUrl": "https://hooks.test"}
    )
    assert raw.status_code == 200 and raw.parse().subscriber_id == "sub-1"
    assert raw.http_response.request.url.path == "/v1/subscribers/sub-1/credentials"


# --- the loop guard: what it says, and what repr() says ------------------------------------


def test_the_guards_warning_names_only_what_was_sent(
    client: novu.Novu, api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # Prism's answer to every page: page 0, more to come. `limit` is left out of the call.
    api.reply(200, json={"page": 0, "hasMore": True, "pageSize": 1, "data": [subscriber(1)]})
    with caplog.at_level(logging.WARNING, logger="novu"):
        list(client.subscribers.list())
    [warning] = [r.getMessage() for r in caplog.records if r.name == "novu"]
    assert "NOT_GIVEN" not in warning and "limit" not in warning
    assert "'page': 1" in warning


def test_repr_agrees_with_has_next_page(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"page": 0, "hasMore": True, "pageSize": 1, "data": [subscriber(1)]})
    first = client.subscribers.list(limit=1)
    assert "has_next_page=True" in repr(first) and first.has_next_page()
    second = first.next_page()  # answered as page 0 again: its next page would repeat
    assert not second.has_next_page()
    assert repr(second) == "<SyncPage items=1 has_next_page=False>"


@pytest.mark.anyio
async def test_async_repr_agrees_with_has_next_page(
    async_client: novu.AsyncNovu, api: FakeAPI
) -> None:
    api.reply(200, json={"page": 0, "hasMore": True, "pageSize": 1, "data": [subscriber(1)]})
    second = await (await async_client.subscribers.list(limit=1)).next_page()
    assert not second.has_next_page()
    assert repr(second) == "<AsyncPage items=1 has_next_page=False>"


def test_pages_and_options_are_public(client: novu.Novu, api: FakeAPI) -> None:
    import novu.pagination

    api.handle(pages([[1]]))
    assert isinstance(client.subscribers.list(), novu.pagination.SyncPage)
    assert novu.SyncPage is novu.pagination.SyncPage
    assert novu.AsyncPage is novu.pagination.AsyncPage
    assert isinstance(client.subscribers.with_raw_response.list(), novu.RawResponse)
    options: novu.RequestOptions = {"timeout": 5.0}
    assert client.subscribers.list(**options).items


# --- Novu's list methods without x-speakeasy-pagination page too (inferred) -------------------


def topic(n: int) -> dict[str, object]:
    return {"_organizationId": "o", "_environmentId": "e", "key": f"t-{n}", "name": f"T {n}", "subscribers": []}


def topics(total: int) -> Callable[[httpx.Request], httpx.Response]:
    """Novu's topics: ``page`` from 0, ``pageSize``; the page says its number and the total."""

    def answer(request: httpx.Request) -> httpx.Response:
        number, size = int(request.url.params.get("page", "0")), int(request.url.params.get("pageSize", "10"))
        rows = [topic(n) for n in range(total)][number * size : (number + 1) * size]
        body = {"data": rows, "page": number, "pageSize": size, "totalCount": total}
        return httpx.Response(200, json={"data": body})

    return answer


def test_an_inferred_page_number_pagination_reads_every_page(client: novu.Novu, api: FakeAPI) -> None:
    api.handle(topics(5))
    keys = [t.key for t in client.topics.list(page_size=2)]
    assert keys == ["t-0", "t-1", "t-2", "t-3", "t-4"]
    assert pages_asked(api) == [None, "1", "2"]  # the last page is short: no fourth request
    assert "pages by page number" in (client.topics.list.__doc__ or "")


@pytest.mark.anyio
async def test_an_inferred_pagination_pages_async(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.handle(topics(3))
    assert [t.key async for t in async_client.topics.list(page_size=2)] == ["t-0", "t-1", "t-2"]
