"""The page objects list methods return, and the trail that stops a chain of pages whose
server does not advance. How each page is read, and which request comes next, is
``_pagination``'s.

A page has its ``items``, its HTTP ``response`` and its ``body``: the whole response
parsed into the documented model, parsed on first use. ``SyncPage`` is fetched when the
method is called, so errors surface there. ``AsyncPage`` cannot be: the async method
returns it unfetched, and it is fetched by ``await page`` (which returns the page itself)
or by ``async for``. Iterating either yields items across all pages, fetching each page
lazily.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import httpx

if TYPE_CHECKING:
    from ._pagination import PageContent, PageRequest

__all__ = ["AsyncPage", "PageTrail", "SyncPage", "start_trail"]

T = TypeVar("T")
B = TypeVar("B")  # the response body's type: a page's items and what it says about them


class PageTrail:
    """The requests a chain of pages made to reach one page (its own included).

    A server that does not advance (Prism answers page 0 to every page; a cursor
    repeated) would make iteration endless: the page whose next request is already in
    its trail is the last, and the SDK's logger says so once.
    """

    def __init__(self, keys: frozenset[str], warn: Callable[[PageRequest], None]) -> None:
        self._keys = keys
        self._warn = warn
        self._warned = False

    def then(self, request: PageRequest) -> PageTrail:
        return PageTrail(self._keys | {request.key()}, self._warn)

    def allows(self, following: PageRequest | None) -> bool:
        return following is not None and following.key() not in self._keys

    def leads_on(self, following: PageRequest | None) -> bool:
        """Whether ``following`` is a page to fetch; warns (once) when it repeats one."""
        if following is None or self.allows(following):
            return following is not None
        if not self._warned:
            self._warned = True
            self._warn(following)
        return False


def start_trail(request: PageRequest, warn: Callable[[PageRequest], None]) -> PageTrail:
    return PageTrail(frozenset({request.key()}), warn)


class SyncPage(Generic[T, B]):
    """One page of a list, fetched; iterating it yields the items of every page from here."""

    def __init__(
        self,
        content: PageContent[T],
        fetch: Callable[[PageRequest], PageContent[T]],
        trail: PageTrail,
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
        return self._trail.leads_on(self._content.following)

    def next_page(self) -> SyncPage[T, B]:
        following = self._content.following
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
        following = self._trail.allows(self._content.following)
        return f"<SyncPage items={len(self.items)} has_next_page={following}>"


class AsyncPage(Awaitable["AsyncPage[T, B]"], Generic[T, B]):
    """One page of a list: ``await`` it to fetch it, ``async for`` to read every page.

    An ``Awaitable`` by name, not only by its ``__await__``: pyright, matching the protocol,
    let one method's ``@deprecated`` leak onto another of the same signature through the
    ``with_raw_response`` wrappers."""

    def __init__(
        self,
        request: PageRequest,
        fetch: Callable[[PageRequest], Awaitable[PageContent[T]]],
        trail: PageTrail,
    ) -> None:
        self._request = request
        self._fetch = fetch
        self._trail = trail
        self._content: PageContent[T] | None = None

    async def _load(self) -> AsyncPage[T, B]:
        if self._content is None:
            self._content = await self._fetch(self._request)
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
        return self._trail.leads_on(self._loaded.following)

    async def next_page(self) -> AsyncPage[T, B]:
        following = self._loaded.following
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
        following = self._trail.allows(self._content.following)
        return f"<AsyncPage items={len(self.items)} has_next_page={following}>"
