"""Pagination of list operations that the spec marks as paginated: reading a page (its
items, and the query of the next one, or none), the trail that stops a server that
does not advance, and the page objects.

A page has its ``items``, its HTTP ``response`` and its ``body``: the whole response
parsed into the documented model (total count, page size and the like), parsed on
first use. ``SyncPage`` is fetched when the method is called, so errors surface there.
``AsyncPage`` cannot be: the async method returns it unfetched, and it is
fetched by ``await page`` (which returns the page itself) or by ``async for``.
Iterating either yields items across all pages, fetching each page lazily.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, cast

import httpx
import pydantic

from ._errors import APIResponseValidationError
from ._response import decode, unwrap_candidates, validate

__all__ = [
    "AsyncPage",
    "PageContent",
    "Pagination",
    "PageTrail",
    "SyncPage",
    "read_page",
    "start_trail",
]

T = TypeVar("T")
B = TypeVar("B")  # the response body's type: a page's items and what it says about them

Query = Mapping[str, object]


@dataclass(frozen=True)
class Pagination:
    """Where the paging parameters and the items are.

    ``kind="page"`` counts pages, ``kind="offset"`` counts items; ``items_path``
    leads from the (unwrapped) body to the list of items.
    """

    offset_param: str
    kind: Literal["page", "offset"] = "page"
    limit_param: str | None = None
    items_path: tuple[str, ...] = ("data",)
    item_type: Any = Any


@dataclass(frozen=True)
class PageContent(Generic[T]):
    """One fetched page: its items, the query of the next page (None after the last), the
    HTTP response, and how to parse its whole body (done when the caller asks for it)."""

    items: list[T]
    next_query: dict[str, object] | None
    response: httpx.Response
    parse_body: Callable[[], Any]


def read_page(
    pagination: Pagination,
    response: httpx.Response,
    query: Query,
    *,
    envelope_key: str | None,
    strict: bool,
    parse_body: Callable[[], Any],
) -> PageContent[Any]:
    data = decode(response)
    for candidate in unwrap_candidates(data, envelope_key):
        container = _walk(candidate, pagination.items_path[:-1])
        items = _walk(container, pagination.items_path[-1:])
        if isinstance(items, list):
            count = len(cast("list[object]", items))
            break
    else:
        where = ".".join(pagination.items_path) or "the top level"
        raise APIResponseValidationError(
            f"The response has no list of items at {where}", response=response, body=data
        )
    try:
        parsed = validate(
            list.__class_getitem__(pagination.item_type), items, envelope_key=None, strict=strict
        )
    except pydantic.ValidationError as exc:
        raise APIResponseValidationError(
            f"The page's items do not match the documented type: {exc}",
            response=response,
            body=data,
        ) from exc
    meta: Mapping[str, Any] = (
        cast("Mapping[str, Any]", container) if isinstance(container, Mapping) else {}
    )
    following = next_query(pagination, query, meta, count)
    return PageContent(parsed, following, response, functools.cache(parse_body))


def _walk(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = cast("Mapping[str, Any]", data).get(key)
    return data


def next_query(
    pagination: Pagination, query: Query, container: Mapping[str, Any], count: int
) -> dict[str, object] | None:
    """The query for the page after this one, or None when this is the last.

    ``container`` is the object holding the items list. The last page is one
    that is empty, says ``hasMore``/``has_more: false``, or holds fewer items
    than the limit the caller asked for.
    """
    if count == 0 or _is_last(pagination, query, container, count):
        return None
    return {**query, pagination.offset_param: _following(pagination, query, container, count)}


def _is_last(
    pagination: Pagination, query: Query, container: Mapping[str, Any], count: int
) -> bool:
    """A non-empty page is the last when it says so, or when it is short of the limit."""
    has_more = container.get("hasMore", container.get("has_more"))
    if isinstance(has_more, bool):
        return not has_more
    limit = _number(query.get(pagination.limit_param)) if pagination.limit_param else None
    return limit is not None and count < limit


def _following(
    pagination: Pagination, query: Query, container: Mapping[str, Any], count: int
) -> float:
    """The offset (or page number) of the next page."""
    current = _number(query.get(pagination.offset_param))
    if pagination.kind == "offset":
        return (current or 0) + count
    # The server's own page number wins: it knows where numbering starts.
    reported = _number(container.get("page"))
    return (reported if reported is not None else current if current is not None else 1) + 1


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def query_key(query: Query) -> str:
    """A query as a hashable key, to recognise a request already made."""
    return repr(sorted((str(name), repr(value)) for name, value in query.items()))


class PageTrail:
    """The requests a chain of pages made to reach one page (its own included).

    A server that does not advance (Prism answers page 0 to every page) would
    make iteration endless: the page whose next request is already in its trail
    is the last, and the SDK's logger says so once.
    """

    def __init__(self, keys: frozenset[str], warn: Callable[[Query], None]) -> None:
        self._keys = keys
        self._warn = warn
        self._warned = False

    def then(self, query: Query) -> PageTrail:
        return PageTrail(self._keys | {query_key(query)}, self._warn)

    def leads_on(self, following: Query | None) -> bool:
        if following is None:
            return False
        if query_key(following) not in self._keys:
            return True
        if not self._warned:
            self._warned = True
            self._warn(following)
        return False


def start_trail(query: Query, warn: Callable[[Query], None]) -> PageTrail:
    return PageTrail(frozenset({query_key(query)}), warn)


class SyncPage(Generic[T, B]):
    def __init__(
        self, content: PageContent[T], fetch: Callable[[Query], PageContent[T]], trail: PageTrail
    ) -> None:
        self.items = content.items
        self._content = content
        self._fetch = fetch
        self._trail = trail

    @property
    def response(self) -> httpx.Response:
        """The HTTP response this page came in."""
        return self._content.response

    @property
    def body(self) -> B:
        """The response body as its documented model: what the API says about this page."""
        return cast(B, self._content.parse_body())

    def has_next_page(self) -> bool:
        return self._trail.leads_on(self._content.next_query)

    def next_page(self) -> SyncPage[T, B]:
        following = self._content.next_query
        if following is None or not self.has_next_page():
            raise RuntimeError("this is the last page; check has_next_page() first")
        return SyncPage(self._fetch(following), self._fetch, self._trail.then(following))

    def iter_pages(self) -> Iterator[SyncPage[T, B]]:
        page = self
        yield page
        while page.has_next_page():
            page = page.next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items

    def __repr__(self) -> str:
        following = self._content.next_query is not None
        return f"<SyncPage items={len(self.items)} has_next_page={following}>"


class AsyncPage(Generic[T, B]):
    def __init__(
        self,
        query: Query,
        fetch: Callable[[Query], Awaitable[PageContent[T]]],
        trail: PageTrail,
    ) -> None:
        self._query = query
        self._fetch = fetch
        self._trail = trail
        self._content: PageContent[T] | None = None

    async def _load(self) -> AsyncPage[T, B]:
        if self._content is None:
            self._content = await self._fetch(self._query)
        return self

    def __await__(self) -> Generator[Any, None, AsyncPage[T, B]]:
        return self._load().__await__()

    @property
    def _loaded(self) -> PageContent[T]:
        if self._content is None:
            raise RuntimeError(
                "the page has not been fetched yet: use `page = await client...list()`"
            )
        return self._content

    @property
    def items(self) -> list[T]:
        return self._loaded.items

    @property
    def response(self) -> httpx.Response:
        """The HTTP response this page came in."""
        return self._loaded.response

    @property
    def body(self) -> B:
        """The response body as its documented model: what the API says about this page."""
        return cast(B, self._loaded.parse_body())

    def has_next_page(self) -> bool:
        return self._trail.leads_on(self._loaded.next_query)

    async def next_page(self) -> AsyncPage[T, B]:
        following = self._loaded.next_query
        if following is None or not self.has_next_page():
            raise RuntimeError("this is the last page; check has_next_page() first")
        return await AsyncPage[T, B](following, self._fetch, self._trail.then(following))

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T, B]]:
        page = await self
        yield page
        while page.has_next_page():
            page = await page.next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item

    def __repr__(self) -> str:
        if self._content is None:
            return "<AsyncPage (not fetched)>"
        following = self._content.next_query is not None
        return f"<AsyncPage items={len(self.items)} has_next_page={following}>"
