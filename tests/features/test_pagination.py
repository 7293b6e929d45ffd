"""Pagination in every style, through generated code, against servers that page as real APIs
do, sync and async: offset/limit with a total, page numbers with `total_pages`, a cursor in
`response_metadata.next_cursor` (Slack), Stripe's id cursor in both directions, a next URL in
the body, GitHub's `Link` header, a cursor in a POST body, one the config describes, one a
vendor extension describes; an empty first page, a repeated cursor (the guard), a next URL
on another host (no credentials), a cursor sent back byte for byte; and what is never paged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from .support import Generated, Server, mypy_params, ok, openapi, ref, run_generator, write_spec

ITEM = {
    "type": "object",
    "required": ["id"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
ITEMS = {"type": "array", "items": ref("Item")}


def integer(name: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "integer", **schema}}


def text(name: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "string"}}


def listing(operation_id: str, parameters: list[dict[str, Any]], body: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation_id,
            "tags": ["items"],
            "parameters": parameters,
            "responses": ok(body),
            **extra,
        }
    }


def page_of(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


LINKED = listing("listLinked", [integer("page"), integer("per_page")], ITEMS)
LINKED["get"]["responses"]["200"]["headers"] = {"Link": {"schema": {"type": "string"}}}

SPEC = openapi(
    paths={
        "/offset": listing("listOffset", [integer("offset"), integer("limit")], page_of(data=ITEMS, total={"type": "integer"})),
        "/pages": listing("listPages", [integer("page", default=1), integer("per_page")], page_of(items=ITEMS, total_pages={"type": "integer"})),
        "/cursor": listing(
            "listCursor",
            [text("cursor"), integer("limit")],
            page_of(data=ITEMS, response_metadata=page_of(next_cursor={"type": "string"})),
        ),
        "/ids": listing(
            "listIds",
            [text("starting_after"), text("ending_before"), integer("limit")],
            page_of(data=ITEMS, has_more={"type": "boolean"}),
        ),
        "/next-url": listing("listNextUrl", [], page_of(results=ITEMS, next={"type": "string", "format": "uri", "nullable": True})),
        "/linked": LINKED,
        "/search": {
            "post": {
                "operationId": "search",
                "tags": ["items"],
                "requestBody": {
                    "content": {"application/json": {"schema": page_of(query={"type": "string"}, cursor={"type": "string"})}}
                },
                "responses": ok(page_of(items=ITEMS, next_cursor={"type": "string", "nullable": True}, has_more={"type": "boolean"})),
            }
        },
        "/custom": listing("listCustom", [text("token")], page_of(entries=ITEMS, continuation=page_of(token={"type": "string"}))),
        "/off": listing("listOff", [integer("offset")], page_of(data=ITEMS)),
        "/fern": listing(
            "listFern",
            [text("after_token")],
            page_of(records=ITEMS, meta=page_of(after={"type": "string"})),
            **{"x-fern-pagination": {"cursor": "$request.after_token", "next_cursor": "$response.meta.after", "results": "$response.records"}},
        ),
        "/single/{id}": {
            "get": {
                "operationId": "getOne",
                "tags": ["items"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, integer("page")],
                "responses": ok(ref("Item")),
            }
        },
    },
    schemas={"Item": ITEM},
    components={"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}},
    security=[{"key": []}],
)
CONFIG = {
    "pagination": {
        "listCustom": {"style": "cursor", "param": "token", "items": "entries", "next": "continuation.token"},
        "listOff": "off",
    }
}


@pytest.fixture(scope="module")
def paged(generate: Any) -> Generated:
    return generate(SPEC, "pagination", config=CONFIG)


def client(paged: Generated, server: Server) -> Any:
    return paged.client(server, api_key="secret")


def async_client(paged: Generated, server: Server) -> Any:
    return paged.async_client(server, api_key="secret")


def names(items: Any) -> list[str]:
    return [item.id for item in items]


def every(call: Callable[[], Any]) -> list[str]:
    return names(call())


def every_async(make: Callable[[], Any]) -> list[str]:
    async def run() -> list[str]:
        return [item.id async for item in make()]

    return asyncio.run(run())


# --- stateful servers, each paging as its kind of API does ------------------------------


def dataset(count: int) -> list[dict[str, str]]:
    return [{"id": f"item-{n}", "name": f"Item {n}"} for n in range(count)]


def param(request: httpx.Request, name: str, default: str) -> str:
    return request.url.params.get(name, default)


def offset_api(count: int) -> Callable[[httpx.Request], httpx.Response]:
    rows = dataset(count)

    def answer(request: httpx.Request) -> httpx.Response:
        start, limit = int(param(request, "offset", "0")), int(param(request, "limit", "2"))
        return httpx.Response(200, json={"data": rows[start : start + limit], "total": count})

    return answer


def pages_api(count: int, per_page: int = 2) -> Callable[[httpx.Request], httpx.Response]:
    rows = dataset(count)

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(param(request, "page", "1"))  # 1-based, as the spec's default says
        chunk = rows[(page - 1) * per_page : page * per_page]
        return httpx.Response(200, json={"items": chunk, "total_pages": -(-count // per_page)})

    return answer


def cursor_api(count: int, *, token: Callable[[int], str] = lambda n: f"c{n}") -> Callable[[httpx.Request], httpx.Response]:
    """Slack's shape: an opaque cursor in `response_metadata.next_cursor`, "" at the end."""
    rows = dataset(count)
    issued = {token(n): n for n in range(0, count + 1)}

    def answer(request: httpx.Request) -> httpx.Response:
        start = issued[request.url.params["cursor"]] if "cursor" in request.url.params else 0
        following = token(start + 2) if start + 2 < count else ""
        return httpx.Response(200, json={"data": rows[start : start + 2], "response_metadata": {"next_cursor": following}})

    return answer


def ids_api(count: int) -> Callable[[httpx.Request], httpx.Response]:
    """Stripe's: `starting_after`/`ending_before` an item's id, `has_more`."""
    rows = dataset(count)
    position = {row["id"]: n for n, row in enumerate(rows)}

    def answer(request: httpx.Request) -> httpx.Response:
        limit = int(param(request, "limit", "2"))
        if "ending_before" in request.url.params:
            end = position[request.url.params["ending_before"]]
            chunk, more = rows[max(0, end - limit) : end], end - limit > 0
        else:
            after = request.url.params.get("starting_after")
            start = position[after] + 1 if after else 0
            chunk, more = rows[start : start + limit], start + limit < count
        return httpx.Response(200, json={"object": "list", "data": chunk, "has_more": more})

    return answer


# --- each style, sync and async ---------------------------------------------------------

STYLES: dict[str, tuple[str, Callable[[int], Any], dict[str, Any]]] = {
    "offset": ("list_offset", offset_api, {"limit": 2}),
    "page": ("list_pages", pages_api, {"per_page": 2}),
    "cursor": ("list_cursor", cursor_api, {"limit": 2}),
    "id_cursor": ("list_ids", ids_api, {"limit": 2}),
}


@pytest.mark.parametrize("style", STYLES)
def test_every_item_of_every_page(paged: Generated, server: Server, style: str) -> None:
    method, api, arguments = STYLES[style]
    server._last = api(5)
    items = every(lambda: getattr(client(paged, server).items, method)(**arguments))
    assert items == [f"item-{n}" for n in range(5)]
    assert len(server.requests) == 3


@pytest.mark.parametrize("style", STYLES)
def test_every_item_of_every_page_async(paged: Generated, server: Server, style: str) -> None:
    method, api, arguments = STYLES[style]
    server._last = api(5)
    items = every_async(lambda: getattr(async_client(paged, server).items, method)(**arguments))
    assert items == [f"item-{n}" for n in range(5)]
    assert len(server.requests) == 3


@pytest.mark.parametrize("style", STYLES)
def test_an_empty_first_page(paged: Generated, server: Server, style: str) -> None:
    method, api, arguments = STYLES[style]
    server._last = api(0)
    page = getattr(client(paged, server).items, method)(**arguments)
    assert page.items == [] and not page.has_next_page() and list(page) == []
    assert every_async(lambda: getattr(async_client(paged, server).items, method)(**arguments)) == []
    assert len(server.requests) == 2


def test_offsets_and_page_numbers_on_the_wire(paged: Generated, server: Server) -> None:
    server._last = offset_api(5)
    list(client(paged, server).items.list_offset(limit=2))
    assert [r.url.params.get("offset") for r in server.requests] == [None, "2", "4"]
    server.requests.clear()
    server._last = pages_api(5)
    list(client(paged, server).items.list_pages(per_page=2))
    assert [r.url.params.get("page") for r in server.requests] == [None, "2", "3"]


def test_stripes_id_cursor_pages_backwards_too(paged: Generated, server: Server) -> None:
    server._last = ids_api(6)
    backwards = client(paged, server).items.list_ids(ending_before="item-5", limit=2)
    assert [names(p.items) for p in backwards.iter_pages()] == [["item-3", "item-4"], ["item-1", "item-2"], ["item-0"]]
    assert [r.url.params.get("ending_before") for r in server.requests] == ["item-5", "item-3", "item-1"]


def test_an_opaque_cursor_is_sent_back_exactly(paged: Generated, server: Server) -> None:
    weird = lambda n: f"dXNlcjpVMDYxTkZUVDI=/+&= é{n}%20"  # noqa: E731
    server._last = cursor_api(4, token=weird)
    assert every(lambda: client(paged, server).items.list_cursor(limit=2)) == [f"item-{n}" for n in range(4)]
    assert server.requests[1].url.params["cursor"] == weird(2)


def test_a_repeated_cursor_is_stopped_by_the_guard(paged: Generated, server: Server, caplog: pytest.LogCaptureFixture) -> None:
    server._last = lambda request: httpx.Response(
        200, json={"data": dataset(1), "response_metadata": {"next_cursor": "same"}}
    )
    with caplog.at_level(logging.WARNING):
        items = every(lambda: client(paged, server).items.list_cursor())
    assert items == ["item-0", "item-0"]  # the first page, then the one at "same", once
    assert [r.url.params.get("cursor") for r in server.requests] == [None, "same"]
    assert any("repeat" in r.getMessage() and "'cursor': 'same'" in r.getMessage() for r in caplog.records)
    server.requests.clear()
    assert every_async(lambda: async_client(paged, server).items.list_cursor()) == ["item-0", "item-0"]


# --- next URLs: in the body, in the Link header; relative, absolute, on another host ----------


def next_url_api(pages: list[tuple[list[int], str | None]]) -> Callable[[httpx.Request], httpx.Response]:
    answers = iter(pages)

    def answer(request: httpx.Request) -> httpx.Response:
        numbers, following = next(answers)
        return httpx.Response(200, json={"results": [dataset(10)[n] for n in numbers], "next": following})

    return answer


def test_a_next_url_in_the_body_absolute_or_relative(paged: Generated, server: Server) -> None:
    server._last = next_url_api([([0, 1], "/next-url?page=2"), ([2], "https://api.test/next-url?page=3"), ([3], None)])
    assert every(lambda: client(paged, server).items.list_next_url()) == ["item-0", "item-1", "item-2", "item-3"]
    assert [str(r.url) for r in server.requests[1:]] == ["https://api.test/next-url?page=2", "https://api.test/next-url?page=3"]
    assert all(r.headers["X-API-Key"] == "secret" for r in server.requests)


def test_a_next_url_on_another_host_gets_no_credentials(paged: Generated, server: Server) -> None:
    server._last = next_url_api([([0], "https://elsewhere.test/list?page=2"), ([1], None)])
    assert every(lambda: client(paged, server).items.list_next_url()) == ["item-0", "item-1"]
    home, away = server.requests
    assert home.headers["X-API-Key"] == "secret"
    assert away.url.host == "elsewhere.test" and "X-API-Key" not in away.headers
    server.requests.clear()
    server._last = next_url_api([([0], "https://elsewhere.test/list?page=2"), ([1], None)])
    assert every_async(lambda: async_client(paged, server).items.list_next_url()) == ["item-0", "item-1"]
    assert "X-API-Key" not in server.requests[1].headers


def github(request: httpx.Request) -> httpx.Response:
    page, per_page = int(param(request, "page", "1")), int(param(request, "per_page", "30"))
    rows = dataset(5)[(page - 1) * per_page : page * per_page]
    links = [f'<https://api.test/linked?page={page + 1}&per_page={per_page}>; rel="next"'] if page * per_page < 5 else []
    links.append(f'<https://api.test/linked?page=1&per_page={per_page}>; rel="first"')
    return httpx.Response(200, json=rows, headers={"Link": ", ".join(links)})


def test_the_link_header_is_followed_as_given(paged: Generated, server: Server) -> None:
    server._last = github
    assert every(lambda: client(paged, server).items.list_linked(per_page=2)) == [f"item-{n}" for n in range(5)]
    assert [str(r.url) for r in server.requests] == [
        "https://api.test/linked?per_page=2",
        "https://api.test/linked?page=2&per_page=2",
        "https://api.test/linked?page=3&per_page=2",
    ]
    server.requests.clear()
    assert len(every_async(lambda: async_client(paged, server).items.list_linked(per_page=2))) == 5


# --- a cursor in a POST body, the config, a vendor extension, and what does not page ----------


def test_a_cursor_in_a_post_body(paged: Generated, server: Server) -> None:
    def rpc(request: httpx.Request) -> httpx.Response:
        import json

        sent = json.loads(request.content)
        start = int(sent.get("cursor") or 0)
        return httpx.Response(200, json={"items": dataset(5)[start : start + 2], "next_cursor": str(start + 2) if start + 2 < 5 else None, "has_more": start + 2 < 5})

    server._last = rpc
    assert every(lambda: client(paged, server).items.search(query="x")) == [f"item-{n}" for n in range(5)]
    assert [r.content for r in server.requests] == [b'{"query":"x"}', b'{"query":"x","cursor":"2"}', b'{"query":"x","cursor":"4"}']
    server.requests.clear()
    assert len(every_async(lambda: async_client(paged, server).items.search(query="x"))) == 5


def test_the_config_describes_a_pagination_inference_would_not_guess(paged: Generated, server: Server) -> None:
    answers = iter([{"entries": dataset(2), "continuation": {"token": "t1"}}, {"entries": dataset(3)[2:], "continuation": {}}])
    server._last = lambda request: httpx.Response(200, json=next(answers))
    assert every(lambda: client(paged, server).items.list_custom()) == ["item-0", "item-1", "item-2"]
    assert server.requests[1].url.params["token"] == "t1"
    assert "(as the generator config says)" in paged.source("resources/items.py")


def test_the_config_turns_paging_off(paged: Generated, server: Server) -> None:
    server.reply(json={"data": dataset(2)})
    result = client(paged, server).items.list_off(offset=0)
    assert isinstance(result, paged.models.ListOffResponse)


def test_a_fern_extension_is_followed(paged: Generated, server: Server) -> None:
    answers = iter([{"records": dataset(1), "meta": {"after": "x"}}, {"records": dataset(2)[1:], "meta": {"after": None}}])
    server._last = lambda request: httpx.Response(200, json=next(answers))
    assert every(lambda: client(paged, server).items.list_fern()) == ["item-0", "item-1"]
    assert server.requests[1].url.params["after_token"] == "x"


def test_a_method_returning_one_object_never_pages(paged: Generated, server: Server) -> None:
    server.reply(json={"id": "item-0"})
    assert client(paged, server).items.get_one("item-0", page=1).id == "item-0"


def test_docs_name_the_style_and_where_it_came_from(paged: Generated) -> None:
    api_md = (paged.out / "api.md").read_text(encoding="utf-8")
    for phrase in (
        "pages by offset",
        "pages by page number",
        "pages by cursor: cursor <- response_metadata.next_cursor",
        "pages by the last item's id",
        "pages by the next page's URL in the response",
        "pages by the next URL in the Link header",
    ):
        assert phrase in api_md, phrase
    assert "(inferred from the spec)" in paged.source("resources/items.py")
    assert "(as the spec's vendor extension says)" in paged.source("resources/items.py")


# --- the config's mistakes, located -------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "at", "message"),
    [
        ({"listNothing": {"style": "cursor", "param": "cursor", "next": "x"}}, "/pagination/listNothing", "no operation 'listNothing'"),
        ({"listCursor": {"style": "cursor", "param": "page_token", "next": "response_metadata.next_cursor"}}, "/pagination/listCursor/param", "no parameter 'page_token'"),
        ({"listCursor": {"style": "cursor", "param": "cursor", "next": "meta.next"}}, "/pagination/listCursor/next", "no field meta.next"),
        ({"listCursor": {"style": "cursor", "param": "cursor", "next": "response_metadata.next_cursor", "items": "rows"}}, "/pagination/listCursor/items", "no list of items at rows"),
        ({"listCursor": {"style": "sideways"}}, "/pagination", "`style` must be one of"),
    ],
)
def test_a_config_entry_naming_what_is_not_there_is_a_located_error(
    tmp_path: Any, entry: dict[str, Any], at: str, message: str
) -> None:
    import yaml

    spec = write_spec(tmp_path, SPEC, "json")
    (tmp_path / "spec.generator.yaml").write_text(yaml.safe_dump({"pagination": entry}), encoding="utf-8")
    code, stderr = run_generator(spec, tmp_path / "out")
    assert code != 0
    [line] = [line for line in stderr.splitlines() if message in line]
    assert "spec.generator.yaml:" in line and at in line


def test_an_extension_that_cannot_be_followed_is_a_warning_and_one_page(generate: Any, server: Server) -> None:
    broken = listing("listBroken", [text("cursor")], page_of(data=ITEMS))
    broken["get"]["x-speakeasy-pagination"] = {"type": "cursor", "inputs": [{"name": "cursor", "in": "parameters", "type": "cursor"}], "outputs": {"nextCursor": "$.meta.next"}}
    hinted = listing("listHinted", [text("cursor"), integer("limit")], page_of(data=ITEMS, next_cursor={"type": "string"}))
    hinted["get"]["x-pagination"] = {"style": "cursor", "defaultLimit": 20}
    mismatch = listing("listMismatch", [text("cursor")], page_of(data=ITEMS, next_cursor={"type": "string"}))
    mismatch["get"]["x-pagination"] = {"style": "offset"}
    paths = {"/broken": broken, "/hinted": hinted, "/mismatch": mismatch}
    made = generate(openapi(paths=paths, schemas={"Item": ITEM}), "pagination_extensions")
    warned = [line for line in made.warnings.splitlines() if "not understood" in line]
    assert len(warned) == 2
    assert "/paths/~1broken/get/x-speakeasy-pagination" in warned[0]
    assert "/paths/~1mismatch/get/x-pagination" in warned[1] and "no unambiguous offset" in warned[1]
    server.reply(json={"data": dataset(1)})
    assert made.client(server).items.list_broken().data[0].id == "item-0"
    server.reply(json={"data": dataset(1), "next_cursor": "n"})
    assert made.client(server).items.list_mismatch().data[0].id == "item-0"
    answers = iter([{"data": dataset(1), "next_cursor": "n"}, {"data": dataset(2)[1:], "next_cursor": ""}])
    server._last = lambda request: httpx.Response(200, json=next(answers))
    assert every(lambda: made.client(server).items.list_hinted()) == ["item-0", "item-1"]
    assert "(as the spec's vendor extension says)" in made.source("resources/items.py")


MYPY_CHECKED = ("paged",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []


def test_timings_count_the_operations_by_style(tmp_path: Any) -> None:
    import yaml

    spec = write_spec(tmp_path, SPEC, "json")
    (tmp_path / "spec.generator.yaml").write_text(yaml.safe_dump({"package": "feat_paging_timed", **CONFIG}), encoding="utf-8")
    code, stderr = run_generator(spec, tmp_path / "out", "--timings")
    assert code == 0, stderr
    expected = "pagination: 9 of 11 operations page (cursor 4, id_cursor 1, link_header 1, next_url 1, offset 1, page 1)"
    assert expected in stderr.splitlines()


def test_speakeasy_url_and_last_item_cursors_are_followed(generate: Any, server: Server) -> None:
    by_url = listing("listByUrl", [], page_of(items=ITEMS, links=page_of(next={"type": "string", "nullable": True})))
    by_url["get"]["x-speakeasy-pagination"] = {"type": "url", "outputs": {"nextUrl": "$.links.next", "results": "$.items"}}
    by_last = listing("listByLast", [text("since"), integer("limit")], page_of(data=ITEMS))
    by_last["get"]["x-speakeasy-pagination"] = {
        "type": "cursor",
        "inputs": [{"name": "since", "in": "parameters", "type": "cursor"}, {"name": "limit", "in": "parameters", "type": "limit"}],
        "outputs": {"nextCursor": "$.data[-1].id"},
    }
    made = generate(openapi(paths={"/by-url": by_url, "/by-last": by_last}, schemas={"Item": ITEM}), "pagination_speakeasy")
    assert "not understood" not in made.warnings
    answers = iter([{"items": dataset(1), "links": {"next": "/by-url?after=item-0"}}, {"items": dataset(2)[1:], "links": {"next": None}}])
    server._last = lambda request: httpx.Response(200, json=next(answers))
    assert every(lambda: made.client(server).items.list_by_url()) == ["item-0", "item-1"]
    assert str(server.requests[1].url) == "https://api.test/by-url?after=item-0"
    server.requests.clear()
    rows = dataset(3)

    def since(request: httpx.Request) -> httpx.Response:
        start = next((n + 1 for n, row in enumerate(rows) if row["id"] == request.url.params.get("since")), 0)
        return httpx.Response(200, json={"data": rows[start : start + 2]})

    server._last = since
    assert every(lambda: made.client(server).items.list_by_last(limit=2)) == ["item-0", "item-1", "item-2"]
    assert [r.url.params.get("since") for r in server.requests] == [None, "item-1"]
