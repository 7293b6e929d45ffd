"""Pagination of list operations, every style through one mechanism: reading a page (its
items, and the request for the next one, or none).

The IR decides each operation's ``Pagination``: its ``style`` says how the next request
is made from this one and its response.

- ``offset``: the offset parameter grows by the items read; ``page``: the page number by
  one (the server's own number wins). Both end on an empty or short page (fewer items
  than the limit asked for), a ``has_more`` flag that is false, or the ``total``.
- ``cursor``: a response field's value is sent back, exactly as received, in a query or
  body parameter; it ends when the field is missing, null or empty.
- ``id_cursor``: the last item's id goes in ``starting_after`` (the first item's in
  ``ending_before`` when the caller pages backwards) while ``has_more``.
- ``next_url``: a response field holds the next page's URL (absolute, or relative to
  the request's); ``link_header``: the ``Link`` header's ``rel="next"`` (RFC 8288).
  A URL on another origin is requested without credentials, as redirects are.

The page objects that walk the chain, and the guard against a server that does not
advance, are in ``_pages``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, cast

import httpx
import pydantic

from ._errors import APIResponseValidationError
from ._response import decode, unwrap_candidates, validate
from ._types import NotGiven

__all__ = ["PageContent", "PageRequest", "Pagination", "read_page"]

T = TypeVar("T")

Query = Mapping[str, object]
Style = Literal["offset", "page", "cursor", "id_cursor", "next_url", "link_header"]


@dataclass(frozen=True)
class Pagination:
    """Where an operation's paging happens. Paths lead from the (unwrapped) body.

    ``param`` is the request parameter that moves (offset, page number, cursor,
    ``starting_after``), in the query or the body (``location``); ``next_path`` holds
    the next cursor, page number or URL; ``total_path`` the total of items (offset) or
    of pages (page); ``page_path`` the page number the server reports.
    """

    style: Style
    param: str | None = None
    location: Literal["query", "body"] = "query"
    limit_param: str | None = None
    items_path: tuple[str, ...] = ("data",)
    item_type: Any = Any
    next_path: tuple[str, ...] = ()
    has_more_path: tuple[str, ...] = ()
    total_path: tuple[str, ...] = ()
    page_path: tuple[str, ...] = ()
    first_page: int = 1
    id_field: str = "id"
    reverse_param: str | None = None


@dataclass(frozen=True)
class PageRequest:
    """What differs from one page's request to the next: the query, the body, or the
    whole URL (which then carries its own query)."""

    query: Query
    body: object = None
    url: str | None = None

    def given(self, location: str, name: str) -> object:
        """A parameter's value as sent; None when left out."""
        source = _as_mapping(self.query if location == "query" else self.body)
        value = source.get(name) if source is not None else None
        return None if isinstance(value, NotGiven) else value

    def moved(self, location: str, name: str, value: object) -> PageRequest:
        if location == "query":
            return PageRequest({**self.query, name: value}, self.body, self.url)
        body = _as_mapping(self.body)
        if body is None:
            return self  # a body the SDK cannot change: the trail then stops the chain
        return PageRequest(self.query, {**body, name: value}, self.url)

    def shown(self) -> dict[str, object]:
        """The request as the guard's warning names it: only what is sent."""
        shown: dict[str, object] = {"url": self.url} if self.url is not None else {}
        shown.update(_given(self.query))
        body = _as_mapping(self.body)
        if body is not None:
            shown.update({f"body.{k}": v for k, v in _given(body).items()})
        return shown

    def key(self) -> str:
        """A hashable key, to recognise a request already made."""
        mapping = _as_mapping(self.body)
        body = _given(mapping) if mapping is not None else self.body
        query = sorted((str(k), repr(v)) for k, v in _given(self.query).items())
        return repr((self.url, query, repr(body)))


def _given(values: Mapping[Any, object]) -> dict[str, object]:
    return {str(k): v for k, v in values.items() if not isinstance(v, NotGiven)}


def _as_mapping(value: object) -> Mapping[Any, object] | None:
    """``value`` if it is a mapping (of anything), else None."""
    return cast("Mapping[Any, object]", value) if isinstance(value, Mapping) else None


@dataclass(frozen=True)
class PageContent(Generic[T]):
    """One fetched page: its items, the request of the next page (None after the last),
    the HTTP response, and how to parse its whole body (done when the caller asks)."""

    items: list[T]
    following: PageRequest | None
    response: httpx.Response
    parse_body: Callable[[], Any]


def read_page(
    pagination: Pagination,
    response: httpx.Response,
    request: PageRequest,
    *,
    envelope_key: str | None,
    strict: bool,
    parse_body: Callable[[], Any],
) -> PageContent[Any]:
    data = decode(response)
    for candidate in unwrap_candidates(data, envelope_key):
        items = _walk(candidate, pagination.items_path)
        if isinstance(items, list):
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
    following = next_request(
        pagination, request, _Read(candidate, cast("list[object]", items), response)
    )
    return PageContent(parsed, following, response, functools.cache(parse_body))


@dataclass(frozen=True)
class _Read:
    """A page as read off the wire: its (unwrapped) body, its raw items, its response."""

    body: Any
    items: list[Any]
    response: httpx.Response

    def at(self, path: tuple[str, ...]) -> Any:
        return _walk(self.body, path) if path else None


def _walk(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        mapping = _as_mapping(data)
        if mapping is None:
            return None
        data = mapping.get(key)
    return data


def next_request(pagination: Pagination, request: PageRequest, read: _Read) -> PageRequest | None:
    """The request for the page after this one, or None when this is the last.

    An empty page is the last whatever else it says, and so is one whose
    ``has_more`` flag is false.
    """
    if not read.items or read.at(pagination.has_more_path) is False:
        return None
    return _FOLLOWING[pagination.style](pagination, request, read)


def _offset(pagination: Pagination, request: PageRequest, read: _Read) -> PageRequest | None:
    assert pagination.param is not None
    following = _number(request.given(pagination.location, pagination.param)) or 0
    following += len(read.items)
    total = _number(read.at(pagination.total_path))
    if (total is not None and following >= total) or _short(pagination, request, read):
        return None
    return request.moved(pagination.location, pagination.param, following)


def _page(pagination: Pagination, request: PageRequest, read: _Read) -> PageRequest | None:
    assert pagination.param is not None
    following = _following_page(pagination, request, read)
    pages = _number(read.at(pagination.total_path))
    if following is None or (pages is not None and following - pagination.first_page >= pages):
        return None
    if _short(pagination, request, read):
        return None
    return request.moved(pagination.location, pagination.param, following)


def _following_page(pagination: Pagination, request: PageRequest, read: _Read) -> float | None:
    """The number the server says comes next (None: this is the last page), else this
    page's plus one; the server's own page number wins, it knows where numbering starts."""
    if pagination.next_path:
        said = read.at(pagination.next_path)
        if said is None and read.at(pagination.has_more_path) is not True:
            return None
        if _number(said) is not None:
            return _number(said)
    current = _number(read.at(pagination.page_path))
    if current is None:
        current = _number(request.given(pagination.location, pagination.param or ""))
    return (pagination.first_page if current is None else current) + 1


def _short(pagination: Pagination, request: PageRequest, read: _Read) -> bool:
    """Fewer items than the limit asked for, and no flag saying there are more."""
    if pagination.limit_param is None or read.at(pagination.has_more_path) is True:
        return False
    limit = _number(request.given(pagination.location, pagination.limit_param))
    return limit is not None and len(read.items) < limit


def _cursor(pagination: Pagination, request: PageRequest, read: _Read) -> PageRequest | None:
    assert pagination.param is not None
    cursor = read.at(pagination.next_path)
    if cursor is None or cursor == "" or isinstance(cursor, (bool, Mapping, list)):
        return None
    return request.moved(pagination.location, pagination.param, cursor)


def _id_cursor(pagination: Pagination, request: PageRequest, read: _Read) -> PageRequest | None:
    """Stripe's style: forwards after the last item, or backwards before the first; a page
    short of the limit is the last unless ``has_more`` says otherwise."""
    assert pagination.param is not None
    if _short(pagination, request, read):
        return None
    reverse = pagination.reverse_param
    if reverse is not None and request.given(pagination.location, reverse) is not None:
        edge, name = read.items[0], reverse
    else:
        edge, name = read.items[-1], pagination.param
    mapping = _as_mapping(edge)
    item_id = mapping.get(pagination.id_field) if mapping is not None else None
    if item_id is None or item_id == "":
        return None
    return request.moved(pagination.location, name, item_id)


def _next_url(pagination: Pagination, request: PageRequest, read: _Read) -> PageRequest | None:
    return _to_url(read.at(pagination.next_path), request, read.response)


def _link_header(pagination: Pagination, request: PageRequest, read: _Read) -> PageRequest | None:
    return _to_url(read.response.links.get("next", {}).get("url"), request, read.response)


def _to_url(value: object, request: PageRequest, response: httpx.Response) -> PageRequest | None:
    """The next page at ``value``, a URL relative to this page's (RFC 3986); it carries
    its own query, so the first request's is not sent again."""
    if not isinstance(value, str) or not value.strip():
        return None
    return PageRequest({}, request.body, str(response.request.url.join(value.strip())))


_FOLLOWING: dict[str, Callable[[Pagination, PageRequest, _Read], PageRequest | None]] = {
    "offset": _offset,
    "page": _page,
    "cursor": _cursor,
    "id_cursor": _id_cursor,
    "next_url": _next_url,
    "link_header": _link_header,
}


def _number(value: object) -> int | float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None
