"""The clients generated SDK classes subclass: configuration, sending with
retries, and the entry points generated resource methods call.

Every call takes the same path, in code the sync and async clients share (only
sending, sleeping and closing differ between them):

1. the generated method's arguments become one ``RequestSpec``;
2. ``_prepare_options`` settles its options against the client's defaults, once
   per call: the timeout, the retry budget and the idempotency key that every
   attempt then sends;
3. each attempt builds its ``httpx.Request`` afresh (``_build_request``) and
   hands it to ``_prepare_request`` before it is logged and sent.

``_prepare_request`` is the seam for cross-cutting features (a hook, tracing,
signing): the one function that sees the final request of every attempt.
"""

from __future__ import annotations

import itertools
import os
import platform
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, Generic, NamedTuple, TypeVar, cast, overload

import httpx
from typing_extensions import Self, Unpack

from ._auth import Auth, Credential, authenticate
from ._body import encode_body, read_upload
from ._errors import APIConnectionError, APITimeoutError, ClientClosedError
from ._logging import RequestLogger
from ._pagination import AsyncPage, PageContent, PageTrail, SyncPage, read_page, start_trail
from ._params import (
    Params,
    check_header,
    cookie_header,
    encode_query,
    header_parameters,
    render_path,
    sets_header,
)
from ._redirects import CredentialPlaces, redirect_request
from ._request import CallArguments, RequestSpec, check_call, encoding_error
from ._response import error_from_response, parse_response, record_response
from ._retries import next_delay
from ._settings import ApiSettings, Endpoint, Security
from ._types import NOT_GIVEN, NotGiven, RequestOptions

__all__ = ["DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "AsyncAPIClient", "SyncAPIClient"]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)

_T = TypeVar("_T")
_HttpT = TypeVar("_HttpT", httpx.Client, httpx.AsyncClient)
_NO_IDEMPOTENCY = ("GET", "HEAD")

# How one attempt ends: the server's answer, or the error that kept it from coming.
_Result = httpx.Response | httpx.RequestError


class _Attempt(NamedTuple):
    """One attempt of a call: its request, its number (from 1), and the monotonic
    times at which the call started and this attempt was sent."""

    request: httpx.Request
    number: int
    started: float
    sent: float


class _BaseClient(Generic[_HttpT]):
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
        self._settings = settings
        self._credentials = _or_environment(settings.env_prefix, credentials)
        self._server_variables = dict(server_variables or {})
        self._base_url = self._choose_base_url(server, base_url)
        self._timeout = _as_timeout(_choose_timeout(timeout, http_client))
        self._max_retries = DEFAULT_MAX_RETRIES if max_retries is None else max_retries
        self._strict = strict_response_validation
        self._default_headers = {"User-Agent": _user_agent(settings), **(default_headers or {})}
        self._owns_http_client = http_client is None
        self._closed = False
        self._http_client: _HttpT | None = http_client  # made on first use when none is given
        self._http_client_lock = threading.Lock()
        self._log = RequestLogger(settings)
        self._credential_places = CredentialPlaces.of(settings)
        self._monotonic: Callable[[], float] = time.monotonic
        # What a call sends whatever its arguments, per security requirement: worked
        # out on first use, since the credentials and default headers never change.
        self._auth_layers: dict[Security, _AuthLayer] = {}
        self._keyed_by_default = settings.idempotency_header is not None and sets_header(
            settings.idempotency_header, self._default_headers
        )

    def _choose_base_url(self, server: int | str | None, base_url: str | None) -> str:
        # An explicit argument beats the environment, which beats the first server.
        if base_url is None and server is None:
            base_url = os.environ.get(f"{self._settings.env_prefix}_BASE_URL")
        return base_url or self._settings.server_url(server or 0, self._server_variables)

    def _new_http_client(self) -> _HttpT:
        raise NotImplementedError

    @property
    def _http(self) -> _HttpT:
        """The httpx client: the caller's, or one made on the first call. Making one imports
        the connection pool and builds an SSL context, which would be most of the cost of
        creating this client."""
        http = self._http_client
        if http is None:
            with self._http_client_lock:
                if self._http_client is None:
                    self._http_client = self._new_http_client()
                http = self._http_client
        return http

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
        """A new client with some options changed, sharing this client's connection pool.

        Credentials are passed by their constructor names (``api_key=...``). The
        copy is made by the generated constructor from this client's settings
        with the changes applied: the base URL and credentials it has are kept,
        not read from the environment again.
        """
        unknown = set(credentials) - set(self._credentials)
        if unknown:
            raise TypeError(
                f"with_options() got unexpected argument(s): {', '.join(sorted(unknown))}"
            )
        url_given = base_url is not None or server is not None
        arguments: dict[str, object] = {
            **self._credentials,
            **credentials,
            "server": server,
            "base_url": base_url if url_given else self._base_url,
            "timeout": self._timeout if isinstance(timeout, NotGiven) else timeout,
            "max_retries": self._max_retries if max_retries is None else max_retries,
            "http_client": self._http,
            "strict_response_validation": (
                self._strict if strict_response_validation is None else strict_response_validation
            ),
            "default_headers": {**self._default_headers, **(default_headers or {})},
        }
        if self._server_variables:  # only clients whose servers have variables take them
            arguments["server_variables"] = self._server_variables
        # The generated subclass's constructor, whose keywords these are (not this
        # class's, which takes the settings first).
        construct = cast(Callable[..., Self], type(self))
        return construct(**arguments)

    def _redirect(self, response: httpx.Response, hops: int) -> httpx.Request | None:
        """The next hop of a redirect the httpx client is set to follow, credentials
        removed when it leaves the origin; None when there is none to follow."""
        if response.next_request is None or not self._http.follow_redirects:
            return None  # not a redirect (the usual case), or not to be followed
        following = redirect_request(response, self._credential_places)
        if following is not None and hops >= self._http.max_redirects:
            raise httpx.TooManyRedirects("Exceeded maximum allowed redirects.", request=following)
        return following

    def _check_open(self) -> None:
        """httpx's closed-client RuntimeError, as the SDK's own error and before any work."""
        if self._closed or (self._http_client is not None and self._http_client.is_closed):
            raise ClientClosedError(
                "this client is closed (by close() or the end of its `with` block); "
                "create a new one"
            )

    def _prepare_options(self, spec: RequestSpec) -> RequestSpec:
        """Settles a call's options against this client's defaults.

        Runs once per call (once per page of a paginated one), before its first
        attempt: the timeout, retry budget and idempotency key fixed here, and a
        raw upload's file read here, are what every attempt sends.
        """
        given = spec.options
        options: RequestOptions = {
            **given,
            "timeout": _as_timeout(given.get("timeout", self._timeout)),
            "max_retries": given.get("max_retries", self._max_retries),
        }
        key = self._idempotency_key(spec)
        if key is not None:
            options["idempotency_key"] = key
        elif "idempotency_key" in options:
            del options["idempotency_key"]
        body = read_upload(spec.endpoint.request_content_type, spec.body)
        return RequestSpec(
            spec.endpoint, spec.path, spec.query, spec.headers, spec.cookies, body, options
        )

    def _idempotency_key(self, spec: RequestSpec) -> str | None:
        """None for GET and HEAD; else the caller's key, or a new one when the API
        names an idempotency header and neither the client nor the call sets it."""
        if spec.endpoint.method.upper() in _NO_IDEMPOTENCY:
            return None
        given = spec.options.get("idempotency_key")
        name = self._settings.idempotency_header
        if name is None:
            return given or None  # a caller's key is sent as Idempotency-Key
        if given is not None or self._keyed_by_default:
            return given
        if spec.headers and sets_header(name, spec.headers):  # a header parameter sets it
            return None
        return _new_key()

    def _build_request(self, spec: RequestSpec) -> httpx.Request:
        """One attempt's request, from a call ``_prepare_options`` has settled.

        Built afresh for every attempt, so that what ``_prepare_request`` does to
        one attempt never reaches the next. A value that cannot be encoded is
        reported as the caller's argument, not as pydantic's or the codec's error.
        """
        try:
            return self._encode_request(spec)
        except ValueError as exc:  # pydantic's serialisation error, UnicodeEncodeError
            found = encoding_error(spec, exc)
            if found is exc:
                raise
            raise found from exc

    def _encode_request(self, spec: RequestSpec) -> httpx.Request:
        endpoint, options = spec.endpoint, spec.options
        layer = self._auth_layer(
            self._settings.default_security if endpoint.security is None else endpoint.security
        )
        auth = layer.auth
        url = self._base_url.rstrip("/") + render_path(endpoint.path, spec.path)
        if spec.query or auth.query or "extra_query" in options:
            query_string = encode_query(
                {**spec.query, **auth.query, **options.get("extra_query", {})},
                endpoint.parameter_styles,
            )
            if query_string:
                url += "?" + query_string
        encoded = encode_body(
            endpoint.request_content_type,
            spec.body,
            options.get("extra_body", {}),
            endpoint.body_styles,
        )
        return self._http.build_request(
            endpoint.method.upper(),
            url,
            headers=self._headers(spec, layer, encoded.content_type),
            content=encoded.content,
            files=encoded.files,
            timeout=options["timeout"],
        )

    def _auth_layer(self, security: Security) -> _AuthLayer:
        """The credentials ``security`` asks for and the headers every call under it
        starts from; missing credentials raise on every call, as they are not kept."""
        layer = self._auth_layers.get(security)
        if layer is None:
            auth = authenticate(self._settings, security, self._credentials)
            headers = _checked({**self._default_headers, **auth.headers}.items(), {})
            layer = self._auth_layers[security] = _AuthLayer(auth, headers)
        return layer

    def _headers(
        self, spec: RequestSpec, layer: _AuthLayer, content_type: str | None
    ) -> dict[str, str]:
        """From least to most specific, each checked for header injection: the
        client's default headers and credentials (checked once), then the call's.

        A plain dict keyed by lower-case name (a later value replaces an earlier one
        whatever its case): cheaper per call than filling an ``httpx.Headers``.
        """
        key = spec.options.get("idempotency_key")
        cookies = layer.auth.cookies
        layers = (
            header_parameters(spec.headers) if spec.headers else (),
            cookie_header({**spec.cookies, **cookies}) if spec.cookies or cookies else (),
            () if key is None else [(self._settings.idempotency_header or "Idempotency-Key", key)],
            () if content_type is None else [("Content-Type", content_type)],
            spec.options.get("extra_headers", {}).items(),
        )
        wire = _checked(itertools.chain.from_iterable(layers), dict(layer.headers))
        return dict(wire.values())

    def _prepare_request(
        self, request: httpx.Request, spec: RequestSpec, *, attempt: int
    ) -> httpx.Request:
        """The seam for cross-cutting features: a hook, tracing, signing.

        Every attempt's request passes through here, complete (auth, idempotency
        key, timeout), just before it is logged and sent; what this returns is
        what goes out. ``spec`` is the settled call and ``attempt`` counts from 1.
        Override it to observe, change or replace the request; since each attempt's
        request is built afresh, a change applies to that attempt only.
        """
        return request

    def _attempt(self, spec: RequestSpec, number: int, started: float | None = None) -> _Attempt:
        """Attempt ``number``'s request, built, prepared and logged, as it is sent."""
        request = self._prepare_request(self._build_request(spec), spec, attempt=number)
        self._log.request(request, number)
        now = self._monotonic()
        return _Attempt(request, number, started=now if started is None else started, sent=now)

    def _retry_delay(self, spec: RequestSpec, attempt: _Attempt, result: _Result) -> float | None:
        """Logs how an attempt ended and decides whether to try again: the seconds
        to wait first, or None."""
        now = self._monotonic()
        response = result if isinstance(result, httpx.Response) else None
        if response is not None:
            self._log.response(response, attempt.number, now - attempt.sent)
            if response.is_success:
                return None
        elif not isinstance(result, httpx.TransportError):
            return None
        delay = next_delay(
            self._settings.retry,
            retries_taken=attempt.number - 1,
            max_retries=spec.options["max_retries"],
            elapsed=now - attempt.started,
            response=response,
            now=time.time(),
        )
        if delay is not None:
            reason = str(response.status_code) if response is not None else type(result).__name__
            self._log.retry(attempt.request, reason, delay, attempt.number)
        return delay

    def _outcome(
        self, spec: RequestSpec, request: httpx.Request, result: _Result
    ) -> httpx.Response:
        """The final response of a call, or the error it ends in."""
        if isinstance(result, httpx.TimeoutException):
            raise APITimeoutError(request=request) from result
        if isinstance(result, httpx.RequestError):
            raise APIConnectionError(
                request=request, message=f"Connection error: {result}"
            ) from result
        if not result.is_success:
            raise error_from_response(
                spec.endpoint.errors, result, envelope_key=self._settings.envelope_key
            )
        record_response(result)
        return result

    def _parse(self, endpoint: Endpoint, response: httpx.Response) -> Any:
        return parse_response(
            endpoint.responses,
            response,
            envelope_key=self._settings.envelope_key,
            strict=self._strict,
        )

    def _trail(self, spec: RequestSpec) -> PageTrail:
        """Where a chain of pages starts: pagination stops, with a warning, at a
        page whose next request would repeat one already made."""
        endpoint = spec.endpoint
        return start_trail(
            spec.query, lambda query: self._log.pagination_stopped(endpoint, dict(query))
        )

    def _read_page(
        self, endpoint: Endpoint, response: httpx.Response, query: Params
    ) -> PageContent[Any]:
        if endpoint.pagination is None:
            raise TypeError(f"{endpoint.method} {endpoint.path} is not paginated")
        return read_page(
            endpoint.pagination,
            response,
            query,
            envelope_key=self._settings.envelope_key,
            strict=self._strict,
            parse_body=lambda: self._parse(endpoint, response),
        )


class _AuthLayer(NamedTuple):
    """What every call under one security requirement sends: its credentials, and the
    headers (lower-case name to name and value) they and the client's defaults give."""

    auth: Auth
    headers: dict[str, tuple[str, str]]


def _checked(
    headers: Iterable[tuple[str, str]], wire: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """``headers`` laid over ``wire``, each checked for header injection."""
    for name, value in headers:
        check_header(name, value)
        wire[name.lower()] = (name, value)
    return wire


def _new_key() -> str:
    """A random (version 4) UUID as text: ``str(uuid.uuid4())`` in half the time."""
    digits = os.urandom(16).hex()
    variant = "89ab"[int(digits[16], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"


def _or_environment(
    prefix: str, credentials: Mapping[str, Credential | None]
) -> dict[str, Credential | None]:
    """A credential not given is read from ``<PREFIX>_<NAME>``."""
    return {
        name: value if value is not None else os.environ.get(f"{prefix}_{name.upper()}")
        for name, value in credentials.items()
    }


def _choose_timeout(
    timeout: float | httpx.Timeout | None | NotGiven,
    http_client: httpx.Client | httpx.AsyncClient | None,
) -> float | httpx.Timeout | None:
    if not isinstance(timeout, NotGiven):
        return timeout
    # A supplied client's timeout counts only if someone chose it.
    if http_client is not None and http_client.timeout != _HTTPX_DEFAULT_TIMEOUT:
        return http_client.timeout
    return DEFAULT_TIMEOUT


def _user_agent(settings: ApiSettings) -> str:
    return (
        f"{settings.package}/{settings.version} "
        f"python/{platform.python_version()} httpx/{httpx.__version__}"
    )


def _as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


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


class SyncAPIClient(_BaseClient[httpx.Client]):
    def _sleep(self, seconds: float) -> None:
        """Between retries; tests replace it on the instance so that nothing really waits."""
        time.sleep(seconds)

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client(timeout=self._timeout, follow_redirects=True)

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
                result: _Result = self._send_following(attempt.request)
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


class AsyncAPIClient(_BaseClient[httpx.AsyncClient]):
    async def _sleep(self, seconds: float) -> None:
        """Between retries; tests replace it on the instance so that nothing really waits."""
        import asyncio  # only async clients need it; keeps `import <package>` light

        await asyncio.sleep(seconds)

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._timeout, follow_redirects=True)

    async def close(self) -> None:
        """The async twin of ``SyncAPIClient.close``."""
        self._closed = True
        if self._owns_http_client and self._http_client is not None:
            await self._http_client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _send(self, spec: RequestSpec) -> httpx.Response:
        """The async twin of ``SyncAPIClient._send``."""
        self._check_open()
        spec = self._prepare_options(spec)
        attempt = self._attempt(spec, 1)
        while True:
            try:
                result: _Result = await self._send_following(attempt.request)
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
