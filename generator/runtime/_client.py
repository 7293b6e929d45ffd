"""The clients generated SDK classes subclass, and the entry points generated resource
methods call: each runs the one request loop (``_send``, sync or async) over the steps
``_transport`` shares, and ``request()`` calls an endpoint the spec lacks.
"""

from __future__ import annotations

import functools
import time
import weakref
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import httpx
from typing_extensions import Self, Unpack

from ._deadline import bounded, bounded_transport
from ._errors import APIError
from ._hooks import (
    AsyncHooks,
    HookContext,
    Hooks,
    after_response,
    async_after_response,
    async_before_request,
    before_request,
)
from ._limits import aread_body, read_body
from ._oauth import Scopes, TokenSource
from ._pages import AsyncPage, SyncPage
from ._params import Params
from ._request import CallArguments, RequestSpec, check_call, streaming_requested
from ._resource import AsyncCalls, SyncCalls
from ._settings import ApiSettings, Endpoint
from ._transport import Attempt, BaseClient, Result
from ._types import RequestOptions

if TYPE_CHECKING:  # paging, streams and event loops load when a call needs them
    from ._loops import LoopClients
    from ._pagination import PageContent, PageRequest
    from ._streamed_response import AsyncStreamedResponse

__all__ = ["AsyncAPIClient", "SyncAPIClient"]


_T = TypeVar("_T")


def _ad_hoc_spec(
    settings: ApiSettings,
    method: str,
    path: str,
    params: Params | None,
    json: object,
    headers: Mapping[str, str] | None,
    cast_to: object,
    options: RequestOptions,
) -> RequestSpec:
    """The call ``request()`` makes to an endpoint the spec lacks."""
    # Specs often declare security per operation only; an endpoint the spec
    # lacks then gets whichever credential the client has, if any.
    fallback = (*((key,) for key in settings.security_schemes), ())
    endpoint = Endpoint(
        method=method.upper(),
        path=path,
        responses={"2XX": cast_to},
        request_content_type=None if json is None else "application/json",
        security=settings.default_security or fallback,
    )
    return check_call(
        RequestSpec(endpoint, query=params or {}, headers=headers or {}, body=json, options=options)
    )


def _no_cookie_jar() -> CookieJar:
    """A jar that keeps nothing: an API client sends the cookies the spec declares and
    the caller passes, never ones a server set (they would go back on every call, to
    other ports of the host too, and pile up without bound)."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def _context(spec: RequestSpec, number: int) -> HookContext:
    """What the hooks are told of attempt ``number`` of a call."""
    return HookContext(spec.endpoint.method.upper(), spec.endpoint.path, number)


class SyncAPIClient(BaseClient[httpx.Client]):
    @functools.cached_property
    def _calls(self) -> SyncCalls:
        """What this client's resources call endpoints through."""
        return SyncCalls(self, self._request, self._request_page)

    def _sleep(self, seconds: float) -> None:
        """Between retries; tests replace it on the instance so that nothing really waits."""
        time.sleep(seconds)

    def _new_http_client(self) -> httpx.Client:
        # The transport is made here so that it can be closed when the httpx client is
        # collected unclosed (the caller never closed this client): no unclosed sockets.
        transport = bounded_transport()
        http = httpx.Client(
            timeout=self._timeout,
            follow_redirects=True,
            cookies=_no_cookie_jar(),
            transport=transport,
        )
        weakref.finalize(http, transport.close)
        return http

    def close(self) -> None:
        """Closes the connection pool, unless the caller supplied the httpx client;
        either way this client makes no more calls."""
        self._closed = True
        if self._owns_http_client and self._http_client is not None:
            self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _send(self, spec: RequestSpec, stream: bool = False) -> httpx.Response:
        """Makes a call, retrying as the API's policy allows; the async twin differs
        only in awaiting its I/O. With ``stream``, a successful response is returned
        unread (``_streamed_response`` reads it); an error's body is read as always."""
        self._check_open()
        spec = self._prepare_options(spec)
        source = self._token_source(spec)
        bearer = self._bearer(source)
        attempt = self._next_attempt(spec, 1, None, bearer)
        refreshed = False
        while True:
            try:
                result: Result = self._receive(spec, attempt, stream)
            except httpx.RequestError as exc:
                result = exc
            if isinstance(result, httpx.Response):
                self._after_response(spec, result, attempt.number)
            if not refreshed and self._token_refused(result, bearer):
                refreshed = True  # once: a new token, and the call again with it
                cast(httpx.Response, result).close()
                bearer = self._bearer(source, refused=bearer)
                attempt = self._next_attempt(spec, attempt.number + 1, attempt.started, bearer)
                continue
            delay = self._retry_delay(spec, attempt, result)
            if delay is None:
                return self._outcome(spec, attempt.request, result)
            self._sleep(delay)
            bearer = self._bearer(source)
            attempt = self._next_attempt(spec, attempt.number + 1, attempt.started, bearer)

    def _bearer(
        self, source: tuple[TokenSource, Scopes] | None, refused: str | None = None
    ) -> str | None:
        """The token this attempt sends, when the client obtains it (else None); after a
        401, ``refused`` is the token the server turned down."""
        if source is None:
            return None
        tokens, scopes = source
        if refused is not None:
            tokens.invalidate(scopes, refused)
        return tokens.sync_token(self._http, scopes)

    def _receive(self, spec: RequestSpec, attempt: Attempt, stream: bool) -> httpx.Response:
        """One attempt's response, its body read within the call's cap and deadline
        (``_limits``, ``_deadline``); with ``stream``, a success is left unread."""
        remaining = None if attempt.deadline is None else attempt.deadline - self._monotonic()
        with bounded(remaining):
            response = self._send_following(attempt.request)
            if not (stream and response.is_success):
                limit = spec.options.get("max_response_size", self._max_response_size)
                read_body(response, limit, attempt.deadline, self._monotonic)
        return response

    def _next_attempt(
        self, spec: RequestSpec, number: int, started: float | None, bearer: str | None
    ) -> Attempt:
        """Attempt ``number``: built, prepared, through the ``before_request`` hooks."""
        request = self._prepared(spec, number, bearer)
        if self._hooks.before_request:
            request = before_request(cast(Hooks, self._hooks), request, _context(spec, number))
        return self._attempt(spec, request, number, started)

    def _after_response(self, spec: RequestSpec, response: httpx.Response, number: int) -> None:
        if self._hooks.after_response:
            after_response(cast(Hooks, self._hooks), response, _context(spec, number))

    def _send_following(self, request: httpx.Request) -> httpx.Response:
        """Sends one attempt, following its redirects (see ``_redirect``); the body of
        the last response is not read yet."""
        response = self._http.send(request, stream=True, follow_redirects=False)
        hops = 0
        try:
            while (following := self._redirect(response, hops)) is not None:
                response.close()
                response = self._http.send(following, stream=True, follow_redirects=False)
                hops += 1
        except APIError:  # a redirect the policy refuses
            response.close()
            raise
        return response

    def _request(self, endpoint: Endpoint, **arguments: Unpack[CallArguments]) -> Any:
        spec = check_call(RequestSpec(endpoint, **arguments))
        streamed = streaming_requested()
        if endpoint.stream is None and not streamed:
            return self._parse(endpoint, self._send(spec))
        response = self._send(spec, stream=True)
        from ._streamed_response import StreamedResponse, result_of

        def result(opened: httpx.Response) -> Any:
            limit = self._max_response_size
            return result_of(endpoint, opened, self._parse, strict=self._strict, limit=limit)

        return StreamedResponse(response, result) if streamed else result(response)

    def _request_page(
        self, endpoint: Endpoint, **arguments: Unpack[CallArguments]
    ) -> SyncPage[Any, Any]:
        spec = check_call(RequestSpec(endpoint, **arguments))

        def fetch(page: PageRequest) -> PageContent[Any]:
            sent = replace(spec, query=page.query, body=page.body, url=page.url)
            return self._read_page(endpoint, self._send(sent), page)

        from ._pagination import PageRequest

        first = PageRequest(spec.query, spec.body)
        if streaming_requested():  # the first page's response, unread
            from ._streamed_response import StreamedResponse

            opened = StreamedResponse(
                self._send(spec, stream=True), self._first_page(spec, first, fetch)
            )
            return cast(SyncPage[Any, Any], opened)
        return SyncPage(fetch(first), fetch, self._trail(endpoint, first))

    def _first_page(
        self,
        spec: RequestSpec,
        first: PageRequest,
        fetch: Callable[[PageRequest], PageContent[Any]],
    ) -> Callable[[httpx.Response], SyncPage[Any, Any]]:
        def parse(response: httpx.Response) -> SyncPage[Any, Any]:
            response.read()
            content = self._read_page(spec.endpoint, response, first)
            return SyncPage(content, fetch, self._trail(spec.endpoint, first))

        return parse

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> _T: ...

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: None = None,
        **options: Unpack[RequestOptions],
    ) -> httpx.Response: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[_T] | None = None,
        **options: Unpack[RequestOptions],
    ) -> _T | httpx.Response:
        """Calls an endpoint the spec lacks, with this client's auth, retries and errors.

        ``path`` is appended to the base URL as given. Without ``cast_to`` the
        ``httpx.Response`` is returned (after a non-2xx raised ``APIStatusError``).
        """
        spec = _ad_hoc_spec(self._settings, method, path, params, json, headers, cast_to, options)
        response = self._send(spec)
        return response if cast_to is None else cast(_T, self._parse(spec.endpoint, response))


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    @functools.cached_property
    def _calls(self) -> AsyncCalls:
        """What this client's resources call endpoints through."""
        return AsyncCalls(self, self._request, self._request_page)

    _hooks_kind = AsyncHooks
    _awaits = True

    async def _sleep(self, seconds: float) -> None:
        """Between retries; tests replace it on the instance so that nothing really waits."""
        import asyncio  # only async clients need it; keeps `import <package>` light

        await asyncio.sleep(seconds)

    @functools.cached_property
    def _loops(self) -> LoopClients:
        """This client's own httpx clients, one per event loop (see ``_loops``)."""
        from ._loops import LoopClients

        return LoopClients(self._new_http_client)

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=self._timeout, follow_redirects=True, cookies=_no_cookie_jar()
        )

    @property
    def _http(self) -> httpx.AsyncClient:
        """The caller's httpx client, else this event loop's own: a client made here may be
        used from several event loops, one after another or at once."""
        given = self._http_client
        return given if given is not None else self._loops.current()

    def _shared_http(self) -> httpx.AsyncClient | None:
        return self._http_client

    def _copy(self, arguments: dict[str, object]) -> Self:
        copy = super()._copy(arguments)
        if self._http_client is None:  # the copy uses this client's per-loop httpx clients
            copy._loops = self._loops
            copy._owns_http_client = False
        return copy

    async def close(self) -> None:
        """The async twin of ``SyncAPIClient.close``."""
        self._closed = True
        if self._owns_http_client:
            if self._http_client is not None:
                await self._http_client.aclose()
            else:
                await self._loops.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _send(self, spec: RequestSpec, stream: bool = False) -> httpx.Response:
        """The async twin of ``SyncAPIClient._send``."""
        self._check_open()
        if self._http_client is None and not self._loops.ready():
            await self._loops.prepare()  # off the loop: the first call must not stall it
        spec = self._prepare_options(spec)
        source = self._token_source(spec)
        bearer = None if source is None else await self._bearer(source)
        attempt = await self._next_attempt(spec, 1, None, bearer)
        refreshed = False
        while True:
            try:
                result: Result = await self._receive(spec, attempt, stream)
            except httpx.RequestError as exc:
                result = exc
            if isinstance(result, httpx.Response):
                await self._after_response(spec, result, attempt.number)
            if not refreshed and self._token_refused(result, bearer):
                refreshed = True
                await cast(httpx.Response, result).aclose()
                bearer = await self._bearer(source, refused=bearer)
                attempt = await self._next_attempt(
                    spec, attempt.number + 1, attempt.started, bearer
                )
                continue
            delay = self._retry_delay(spec, attempt, result)
            if delay is None:
                return self._outcome(spec, attempt.request, result)
            await self._sleep(delay)
            bearer = None if source is None else await self._bearer(source)
            attempt = await self._next_attempt(spec, attempt.number + 1, attempt.started, bearer)

    async def _bearer(
        self, source: tuple[TokenSource, Scopes] | None, refused: str | None = None
    ) -> str | None:
        """The async twin of ``SyncAPIClient._bearer``."""
        if source is None:
            return None
        tokens, scopes = source
        if refused is not None:
            tokens.invalidate(scopes, refused)
        return await tokens.async_token(self._http, scopes)

    async def _receive(self, spec: RequestSpec, attempt: Attempt, stream: bool) -> httpx.Response:
        """The async twin of ``SyncAPIClient._receive``: the whole attempt (up to a stream's
        first byte) runs in a cancel scope that ends at the call's deadline."""
        import anyio  # only async clients need it; keeps `import <package>` light

        remaining = None if attempt.deadline is None else attempt.deadline - self._monotonic()
        try:
            with anyio.fail_after(remaining):
                response = await self._send_following(attempt.request)
                if not (stream and response.is_success):
                    limit = spec.options.get("max_response_size", self._max_response_size)
                    await aread_body(response, limit, attempt.deadline, self._monotonic)
        except TimeoutError:
            raise httpx.ReadTimeout("the call's timeout ran out", request=attempt.request) from None
        return response

    async def _next_attempt(
        self, spec: RequestSpec, number: int, started: float | None, bearer: str | None
    ) -> Attempt:
        """The async twin of ``SyncAPIClient._next_attempt``."""
        request = self._prepared(spec, number, bearer)
        if self._hooks.before_request:
            hooks = cast(AsyncHooks, self._hooks)
            request = await async_before_request(hooks, request, _context(spec, number))
        return self._attempt(spec, request, number, started)

    async def _after_response(
        self, spec: RequestSpec, response: httpx.Response, number: int
    ) -> None:
        if self._hooks.after_response:
            hooks = cast(AsyncHooks, self._hooks)
            await async_after_response(hooks, response, _context(spec, number))

    async def _send_following(self, request: httpx.Request) -> httpx.Response:
        """The async twin of ``SyncAPIClient._send_following``."""
        response = await self._http.send(request, stream=True, follow_redirects=False)
        hops = 0
        try:
            while (following := self._redirect(response, hops)) is not None:
                await response.aclose()
                response = await self._http.send(following, stream=True, follow_redirects=False)
                hops += 1
        except APIError:  # a redirect the policy refuses
            await response.aclose()
            raise
        return response

    async def _request(self, endpoint: Endpoint, **arguments: Unpack[CallArguments]) -> Any:
        spec = check_call(RequestSpec(endpoint, **arguments))
        streamed = streaming_requested()
        if endpoint.stream is None and not streamed:
            return self._parse(endpoint, await self._send(spec))
        response = await self._send(spec, stream=True)
        from ._streamed_response import AsyncStreamedResponse, aresult_of

        def result(opened: httpx.Response) -> Awaitable[Any]:
            limit = self._max_response_size
            return aresult_of(endpoint, opened, self._parse, strict=self._strict, limit=limit)

        return AsyncStreamedResponse(response, result) if streamed else await result(response)

    def _request_page(
        self, endpoint: Endpoint, **arguments: Unpack[CallArguments]
    ) -> AsyncPage[Any, Any]:
        """Returns the page unfetched: ``await`` it, or ``async for`` over it."""
        spec = check_call(RequestSpec(endpoint, **arguments))

        async def fetch(page: PageRequest) -> PageContent[Any]:
            sent = replace(spec, query=page.query, body=page.body, url=page.url)
            return self._read_page(endpoint, await self._send(sent), page)

        from ._pagination import PageRequest

        first = PageRequest(spec.query, spec.body)
        if streaming_requested():  # the first page's response, unread
            return cast(AsyncPage[Any, Any], self._first_page(spec, first, fetch))
        return AsyncPage(first, fetch, self._trail(endpoint, first))

    async def _first_page(
        self,
        spec: RequestSpec,
        first: PageRequest,
        fetch: Callable[[PageRequest], Awaitable[PageContent[Any]]],
    ) -> AsyncStreamedResponse[AsyncPage[Any, Any]]:
        """``with_streaming_response`` on a paged method: ``parse()`` gives the first page."""

        async def parse(response: httpx.Response) -> AsyncPage[Any, Any]:
            await response.aread()
            read = [self._read_page(spec.endpoint, response, first)]

            async def fetch_once(page: PageRequest) -> PageContent[Any]:
                return read.pop() if read else await fetch(page)

            return await AsyncPage[Any, Any](first, fetch_once, self._trail(spec.endpoint, first))

        from ._streamed_response import AsyncStreamedResponse

        return AsyncStreamedResponse(await self._send(spec, stream=True), parse)

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[_T],
        **options: Unpack[RequestOptions],
    ) -> _T: ...

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: None = None,
        **options: Unpack[RequestOptions],
    ) -> httpx.Response: ...

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[_T] | None = None,
        **options: Unpack[RequestOptions],
    ) -> _T | httpx.Response:
        """The async twin of ``SyncAPIClient.request``."""
        spec = _ad_hoc_spec(self._settings, method, path, params, json, headers, cast_to, options)
        response = await self._send(spec)
        return response if cast_to is None else cast(_T, self._parse(spec.endpoint, response))
