"""The clients generated SDK classes subclass, and the entry points generated resource
methods call: each runs the one request loop (``_send``, sync or async) over the steps
``_transport`` shares, and ``request()`` calls an endpoint the spec lacks.
"""

from __future__ import annotations

import functools
import time
import weakref
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar, cast, overload

import httpx
from typing_extensions import Self, Unpack

from ._loops import LoopClients
from ._pagination import AsyncPage, PageContent, SyncPage
from ._params import Params
from ._request import CallArguments, RequestSpec, check_call
from ._resource import AsyncCalls, SyncCalls
from ._settings import ApiSettings, Endpoint
from ._transport import BaseClient, Result
from ._types import RequestOptions

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
        transport = httpx.HTTPTransport()
        http = httpx.Client(transport=transport, timeout=self._timeout, follow_redirects=True)
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

    def _send(self, spec: RequestSpec) -> httpx.Response:
        """Makes a call, retrying as the API's policy allows; the async twin differs
        only in awaiting its I/O."""
        self._check_open()
        spec = self._prepare_options(spec)
        attempt = self._attempt(spec, 1)
        while True:
            try:
                result: Result = self._send_following(attempt.request)
            except httpx.RequestError as exc:
                result = exc
            delay = self._retry_delay(spec, attempt, result)
            if delay is None:
                return self._outcome(spec, attempt.request, result)
            self._sleep(delay)
            attempt = self._attempt(spec, attempt.number + 1, attempt.started)

    def _send_following(self, request: httpx.Request) -> httpx.Response:
        """Sends one attempt, following its redirects (see ``_redirect``)."""
        response = self._http.send(request, follow_redirects=False)
        hops = 0
        while (following := self._redirect(response, hops)) is not None:
            response.close()
            response = self._http.send(following, follow_redirects=False)
            hops += 1
        return response

    def _request(self, endpoint: Endpoint, **arguments: Unpack[CallArguments]) -> Any:
        return self._parse(endpoint, self._send(check_call(RequestSpec(endpoint, **arguments))))

    def _request_page(
        self, endpoint: Endpoint, **arguments: Unpack[CallArguments]
    ) -> SyncPage[Any, Any]:
        spec = check_call(RequestSpec(endpoint, **arguments))

        def fetch(query: Params) -> PageContent[Any]:
            return self._read_page(endpoint, self._send(replace(spec, query=query)), query)

        return SyncPage(fetch(spec.query), fetch, self._trail(spec))

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

    async def _sleep(self, seconds: float) -> None:
        """Between retries; tests replace it on the instance so that nothing really waits."""
        import asyncio  # only async clients need it; keeps `import <package>` light

        await asyncio.sleep(seconds)

    @functools.cached_property
    def _loops(self) -> LoopClients:
        """This client's own httpx clients, one per event loop (see ``_loops``)."""
        return LoopClients(self._new_http_client)

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._timeout, follow_redirects=True)

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

    async def _send(self, spec: RequestSpec) -> httpx.Response:
        """The async twin of ``SyncAPIClient._send``."""
        self._check_open()
        if self._http_client is None and not self._loops.ready():
            await self._loops.prepare()  # off the loop: the first call must not stall it
        spec = self._prepare_options(spec)
        attempt = self._attempt(spec, 1)
        while True:
            try:
                result: Result = await self._send_following(attempt.request)
            except httpx.RequestError as exc:
                result = exc
            delay = self._retry_delay(spec, attempt, result)
            if delay is None:
                return self._outcome(spec, attempt.request, result)
            await self._sleep(delay)
            attempt = self._attempt(spec, attempt.number + 1, attempt.started)

    async def _send_following(self, request: httpx.Request) -> httpx.Response:
        """The async twin of ``SyncAPIClient._send_following``."""
        response = await self._http.send(request, follow_redirects=False)
        hops = 0
        while (following := self._redirect(response, hops)) is not None:
            await response.aclose()
            response = await self._http.send(following, follow_redirects=False)
            hops += 1
        return response

    async def _request(self, endpoint: Endpoint, **arguments: Unpack[CallArguments]) -> Any:
        return self._parse(
            endpoint, await self._send(check_call(RequestSpec(endpoint, **arguments)))
        )

    def _request_page(
        self, endpoint: Endpoint, **arguments: Unpack[CallArguments]
    ) -> AsyncPage[Any, Any]:
        """Returns the page unfetched: ``await`` it, or ``async for`` over it."""
        spec = check_call(RequestSpec(endpoint, **arguments))

        async def fetch(query: Params) -> PageContent[Any]:
            response = await self._send(replace(spec, query=query))
            return self._read_page(endpoint, response, query)

        return AsyncPage(spec.query, fetch, self._trail(spec))

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
