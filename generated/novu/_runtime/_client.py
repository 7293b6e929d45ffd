"""The clients generated SDK classes subclass: configuration, sending with
retries, and the entry points generated resource methods call."""

from __future__ import annotations

import copy
import functools
import os
import platform
import time
import types
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar, cast, overload

import httpx
from typing_extensions import Self, Unpack

from ._auth import Auth, Credential, authenticate
from ._errors import APIConnectionError, APITimeoutError
from ._logging import RequestLogger
from ._pagination import AsyncPage, PageContent, SyncPage, read_page
from ._request import check_header, encode_body, encode_query, render_path, text
from ._response import error_from_response, parse_response, record_response
from ._retries import next_delay
from ._settings import ApiSettings, Endpoint
from ._types import NOT_GIVEN, NotGiven, RequestOptions

__all__ = ["DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "AsyncAPIClient", "SyncAPIClient"]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)

_T = TypeVar("_T")
_HttpT = TypeVar("_HttpT", httpx.Client, httpx.AsyncClient)
_Params = Mapping[str, object]
_NONE: _Params = types.MappingProxyType({})
_NO_IDEMPOTENCY = ("GET", "HEAD")


class _BaseClient(Generic[_HttpT]):
    _http: _HttpT

    def __init__(
        self,
        settings: ApiSettings,
        *,
        credentials: Mapping[str, Credential | None],
        server: int | str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        http_client: _HttpT | None = None,
        strict_response_validation: bool = False,
        default_headers: Mapping[str, str] | None = None,
        server_variables: Mapping[str, str] | None = None,
    ) -> None:
        prefix = settings.env_prefix
        self._settings = settings
        self._credentials = {
            name: value if value is not None else os.environ.get(f"{prefix}_{name.upper()}")
            for name, value in credentials.items()
        }
        # An explicit argument beats the environment, which beats the first server.
        if base_url is None and server is None:
            base_url = os.environ.get(f"{prefix}_BASE_URL")
        self._server_variables = dict(server_variables or {})
        self._base_url = base_url or settings.server_url(server or 0, self._server_variables)
        if isinstance(timeout, NotGiven):
            # A supplied client's timeout counts only if someone chose it.
            chosen = http_client is not None and http_client.timeout != _HTTPX_DEFAULT_TIMEOUT
            timeout = http_client.timeout if http_client is not None and chosen else DEFAULT_TIMEOUT
        self._timeout = _as_timeout(timeout)
        self._max_retries = DEFAULT_MAX_RETRIES if max_retries is None else max_retries
        self._strict = strict_response_validation
        self._default_headers = {
            "User-Agent": f"{settings.package}/{settings.version} "
            f"python/{platform.python_version()} httpx/{httpx.__version__}",
            **(default_headers or {}),
        }
        self._owns_http_client = http_client is None
        self._http = http_client if http_client is not None else self._new_http_client()
        self._log = RequestLogger(settings)
        self._monotonic: Callable[[], float] = time.monotonic

    def _new_http_client(self) -> _HttpT:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def max_retries(self) -> int:
        return self._max_retries

    def with_options(
        self,
        *,
        server: int | str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        strict_response_validation: bool | None = None,
        default_headers: Mapping[str, str] | None = None,
        **credentials: Credential,
    ) -> Self:
        """A copy with some options changed, sharing this client's connection pool.

        Credentials are passed by their constructor names (``api_key=...``).
        """
        unknown = set(credentials) - set(self._credentials)
        if unknown:
            raise TypeError(
                f"with_options() got unexpected argument(s): {', '.join(sorted(unknown))}"
            )
        clone = copy.copy(self)
        # Resources are cached on the instance and hold the client they were made
        # for; the copy must build its own so that they use the new options.
        for cls in type(clone).__mro__:
            for name, attribute in vars(cls).items():
                if isinstance(attribute, functools.cached_property):
                    clone.__dict__.pop(name, None)
        clone._owns_http_client = False
        clone._credentials = {**self._credentials, **credentials}
        if base_url is not None or server is not None:
            clone._base_url = base_url or self._settings.server_url(
                server or 0, self._server_variables
            )
        if not isinstance(timeout, NotGiven):
            clone._timeout = _as_timeout(timeout)
        if max_retries is not None:
            clone._max_retries = max_retries
        if strict_response_validation is not None:
            clone._strict = strict_response_validation
        clone._default_headers = {**self._default_headers, **(default_headers or {})}
        return clone

    def _build_request(
        self,
        endpoint: Endpoint,
        *,
        path: _Params = _NONE,
        query: _Params = _NONE,
        headers: _Params = _NONE,
        cookies: _Params = _NONE,
        body: object = None,
        options: RequestOptions,
    ) -> httpx.Request:
        """The request of one logical call, reused unchanged by its retries (so the
        idempotency key stays the same)."""
        settings = self._settings
        security = settings.default_security if endpoint.security is None else endpoint.security
        auth = authenticate(settings, security, self._credentials)
        url = self._base_url.rstrip("/") + render_path(endpoint.path, path)
        query_string = encode_query(
            {**query, **auth.query, **options.get("extra_query", {})}, endpoint.parameter_styles
        )
        if query_string:
            url += "?" + query_string
        encoded = encode_body(endpoint.request_content_type, body, options.get("extra_body", {}))
        wire = self._headers(endpoint, auth, headers, cookies, encoded.content_type, options)

        timeout = _as_timeout(options["timeout"]) if "timeout" in options else self._timeout
        return self._http.build_request(
            endpoint.method.upper(),
            url,
            headers=wire,
            content=encoded.content,
            files=encoded.files,
            timeout=timeout,
        )

    def _headers(
        self,
        endpoint: Endpoint,
        auth: Auth,
        headers: _Params,
        cookies: _Params,
        content_type: str | None,
        options: RequestOptions,
    ) -> dict[str, str]:
        """From least to most specific, each checked for header injection.

        A plain dict keyed by lower-case name (a later value replaces an earlier one
        whatever its case): cheaper per call than filling an ``httpx.Headers``.
        """
        wire: dict[str, tuple[str, str]] = {}

        def put(name: str, value: str) -> None:
            check_header(name, value)
            wire[name.lower()] = (name, value)

        for name, value in {**self._default_headers, **auth.headers}.items():
            put(name, value)
        for name, raw in headers.items():
            if raw is not None and not isinstance(raw, NotGiven):
                put(name, ",".join(map(text, raw)) if isinstance(raw, (list, tuple)) else text(raw))
        jar = {
            name: text(raw)
            for name, raw in {**cookies, **auth.cookies}.items()
            if raw is not None and not isinstance(raw, NotGiven)
        }
        if jar:
            put("Cookie", "; ".join(f"{name}={value}" for name, value in jar.items()))
        if endpoint.method.upper() not in _NO_IDEMPOTENCY:
            self._put_idempotency_key(wire, options.get("idempotency_key"), put)
        if content_type is not None:
            put("Content-Type", content_type)
        for name, value in options.get("extra_headers", {}).items():
            put(name, value)
        return dict(wire.values())

    def _put_idempotency_key(
        self, wire: Mapping[str, object], key: str | None, put: Callable[[str, str], None]
    ) -> None:
        # A caller's key is sent even when the spec names no header for it.
        name = self._settings.idempotency_header or ("Idempotency-Key" if key else None)
        if name is None:
            return
        if key is not None:
            put(name, key)
        elif name.lower() not in wire:
            put(name, str(uuid.uuid4()))

    def _retry_delay(
        self,
        request: httpx.Request,
        response: httpx.Response | None,
        failure: httpx.RequestError | None,
        *,
        retries_taken: int,
        max_retries: int,
        started: float,
        sent: float,
    ) -> float | None:
        """Logs the attempt's outcome and decides whether to try again.

        ``started`` is when the first attempt was sent, ``sent`` this one.
        """
        now = self._monotonic()
        if response is not None:
            self._log.response(response, retries_taken + 1, now - sent)
            if response.is_success:
                return None
        elif not isinstance(failure, httpx.TransportError):
            return None
        delay = next_delay(
            self._settings.retry,
            retries_taken=retries_taken,
            max_retries=max_retries,
            elapsed=now - started,
            response=response,
            now=time.time(),
        )
        if delay is not None:
            reason = str(response.status_code) if response is not None else type(failure).__name__
            self._log.retry(request, reason, delay, retries_taken + 1)
        return delay

    def _outcome(
        self,
        endpoint: Endpoint,
        request: httpx.Request,
        response: httpx.Response | None,
        failure: httpx.RequestError | None,
    ) -> httpx.Response:
        """The final response of a call, or the error it ends in."""
        if response is None:
            error = (
                APITimeoutError(request=request)
                if isinstance(failure, httpx.TimeoutException)
                else APIConnectionError(request=request, message=f"Connection error: {failure}")
            )
            raise error from failure
        if not response.is_success:
            raise error_from_response(
                endpoint.errors, response, envelope_key=self._settings.envelope_key
            )
        record_response(response)
        return response

    def _parse(self, endpoint: Endpoint, response: httpx.Response) -> Any:
        return parse_response(
            endpoint.responses,
            response,
            envelope_key=self._settings.envelope_key,
            strict=self._strict,
        )

    def _read_page(
        self, endpoint: Endpoint, response: httpx.Response, query: _Params
    ) -> PageContent[Any]:
        if endpoint.pagination is None:
            raise TypeError(f"{endpoint.method} {endpoint.path} is not paginated")
        return read_page(
            endpoint.pagination,
            response,
            query,
            envelope_key=self._settings.envelope_key,
            strict=self._strict,
        )


def _as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def _ad_hoc_endpoint(
    settings: ApiSettings, method: str, path: str, json: object, cast_to: object
) -> Endpoint:
    # Specs often declare security per operation only; an endpoint the spec
    # lacks then gets whichever credential the client has, if any.
    fallback = (*((key,) for key in settings.security_schemes), ())
    return Endpoint(
        method=method.upper(),
        path=path,
        responses={"2XX": cast_to},
        request_content_type=None if json is None else "application/json",
        security=settings.default_security or fallback,
    )


class SyncAPIClient(_BaseClient[httpx.Client]):
    def _sleep(self, seconds: float) -> None:
        """Between retries; tests replace it on the instance so that nothing really waits."""
        time.sleep(seconds)

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client(timeout=self._timeout, follow_redirects=True)

    def close(self) -> None:
        """Closes the connection pool, unless the caller supplied the httpx client."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _send(
        self, endpoint: Endpoint, request: httpx.Request, options: RequestOptions
    ) -> httpx.Response:
        max_retries = options.get("max_retries", self._max_retries)
        started = self._monotonic()
        retries_taken = 0
        while True:
            self._log.request(request, retries_taken + 1)
            response: httpx.Response | None = None
            failure: httpx.RequestError | None = None
            sent = self._monotonic()
            try:
                response = self._http.send(request)
            except httpx.RequestError as exc:
                failure = exc
            delay = self._retry_delay(
                request,
                response,
                failure,
                retries_taken=retries_taken,
                max_retries=max_retries,
                started=started,
                sent=sent,
            )
            if delay is None:
                return self._outcome(endpoint, request, response, failure)
            self._sleep(delay)
            retries_taken += 1

    def _request(
        self,
        endpoint: Endpoint,
        *,
        path: _Params = _NONE,
        query: _Params = _NONE,
        headers: _Params = _NONE,
        cookies: _Params = _NONE,
        body: object = None,
        options: RequestOptions,
    ) -> Any:
        request = self._build_request(
            endpoint,
            path=path,
            query=query,
            headers=headers,
            cookies=cookies,
            body=body,
            options=options,
        )
        return self._parse(endpoint, self._send(endpoint, request, options))

    def _request_page(
        self,
        endpoint: Endpoint,
        *,
        path: _Params = _NONE,
        query: _Params = _NONE,
        headers: _Params = _NONE,
        cookies: _Params = _NONE,
        body: object = None,
        options: RequestOptions,
    ) -> SyncPage[Any]:
        def fetch(page_query: _Params) -> PageContent[Any]:
            request = self._build_request(
                endpoint,
                path=path,
                query=page_query,
                headers=headers,
                cookies=cookies,
                body=body,
                options=options,
            )
            return self._read_page(endpoint, self._send(endpoint, request, options), page_query)

        return SyncPage(fetch(query), fetch)

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        params: _Params | None = None,
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
        params: _Params | None = None,
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
        params: _Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[_T] | None = None,
        **options: Unpack[RequestOptions],
    ) -> _T | httpx.Response:
        """Calls an endpoint the spec lacks, with this client's auth, retries and errors.

        ``path`` is appended to the base URL as given. Without ``cast_to`` the
        ``httpx.Response`` is returned (after a non-2xx raised ``APIStatusError``).
        """
        endpoint = _ad_hoc_endpoint(self._settings, method, path, json, cast_to)
        request = self._build_request(
            endpoint,
            path={},
            query=params or {},
            headers=headers or {},
            cookies={},
            body=json,
            options=options,
        )
        response = self._send(endpoint, request, options)
        return response if cast_to is None else cast(_T, self._parse(endpoint, response))


class AsyncAPIClient(_BaseClient[httpx.AsyncClient]):
    async def _sleep(self, seconds: float) -> None:
        """Between retries; tests replace it on the instance so that nothing really waits."""
        import asyncio  # only async clients need it; keeps `import <package>` light

        await asyncio.sleep(seconds)

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._timeout, follow_redirects=True)

    async def close(self) -> None:
        """Closes the connection pool, unless the caller supplied the httpx client."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _send(
        self, endpoint: Endpoint, request: httpx.Request, options: RequestOptions
    ) -> httpx.Response:
        max_retries = options.get("max_retries", self._max_retries)
        started = self._monotonic()
        retries_taken = 0
        while True:
            self._log.request(request, retries_taken + 1)
            response: httpx.Response | None = None
            failure: httpx.RequestError | None = None
            sent = self._monotonic()
            try:
                response = await self._http.send(request)
            except httpx.RequestError as exc:
                failure = exc
            delay = self._retry_delay(
                request,
                response,
                failure,
                retries_taken=retries_taken,
                max_retries=max_retries,
                started=started,
                sent=sent,
            )
            if delay is None:
                return self._outcome(endpoint, request, response, failure)
            await self._sleep(delay)
            retries_taken += 1

    async def _request(
        self,
        endpoint: Endpoint,
        *,
        path: _Params = _NONE,
        query: _Params = _NONE,
        headers: _Params = _NONE,
        cookies: _Params = _NONE,
        body: object = None,
        options: RequestOptions,
    ) -> Any:
        request = self._build_request(
            endpoint,
            path=path,
            query=query,
            headers=headers,
            cookies=cookies,
            body=body,
            options=options,
        )
        return self._parse(endpoint, await self._send(endpoint, request, options))

    def _request_page(
        self,
        endpoint: Endpoint,
        *,
        path: _Params = _NONE,
        query: _Params = _NONE,
        headers: _Params = _NONE,
        cookies: _Params = _NONE,
        body: object = None,
        options: RequestOptions,
    ) -> AsyncPage[Any]:
        """Returns the page unfetched: ``await`` it, or ``async for`` over it."""

        async def fetch(page_query: _Params) -> PageContent[Any]:
            request = self._build_request(
                endpoint,
                path=path,
                query=page_query,
                headers=headers,
                cookies=cookies,
                body=body,
                options=options,
            )
            response = await self._send(endpoint, request, options)
            return self._read_page(endpoint, response, page_query)

        return AsyncPage(query, fetch)

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: _Params | None = None,
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
        params: _Params | None = None,
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
        params: _Params | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        cast_to: type[_T] | None = None,
        **options: Unpack[RequestOptions],
    ) -> _T | httpx.Response:
        """The async twin of ``SyncAPIClient.request``."""
        endpoint = _ad_hoc_endpoint(self._settings, method, path, json, cast_to)
        request = self._build_request(
            endpoint,
            path={},
            query=params or {},
            headers=headers or {},
            cookies={},
            body=json,
            options=options,
        )
        response = await self._send(endpoint, request, options)
        return response if cast_to is None else cast(_T, self._parse(endpoint, response))
