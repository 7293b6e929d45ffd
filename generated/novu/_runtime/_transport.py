"""The steps of the one request loop, in code the sync and async clients share (only
sending, sleeping and closing differ between them).

Every call takes the same path:

1. the generated method's arguments become one ``RequestSpec``;
2. ``_prepare_options`` settles its options against the client's defaults, once
   per call: the timeout, the retry budget and the idempotency key that every
   attempt then sends;
3. each attempt builds its ``httpx.Request`` afresh (``_build_request``) and
   hands it to ``_prepare_request`` before it is logged and sent;
4. the client's ``_receive`` sends it, follows redirects hop by hop
   (``_redirect``) and reads the body within the call's cap and deadline
   (``_limits.read_body``; a stream would skip that and be read as it comes);
5. ``_retry_delay`` decides from how it ended whether to try again, within the
   call's deadline, and ``_outcome`` turns the last answer into the response or
   the error the call ends in.

``_prepare_request`` is the seam for cross-cutting features (tracing, signing)
in a subclass; the client's ``hooks`` (``_hooks``) run after it, on every attempt's
request and every response, from the clients' loops.
"""

from __future__ import annotations

import itertools
import os
import time
from typing import TYPE_CHECKING, Any, NamedTuple

import httpx

from ._body import encode_body, read_upload
from ._build import build_request
from ._config import AuthLayer, ClientConfig, HttpT, as_timeout, check_size
from ._deadline import budget, clamp
from ._errors import APIConnectionError, APITimeoutError
from ._oauth import Scopes, TokenSource
from ._params import (
    cookie_header,
    encode_query,
    header_parameters,
    lay_headers,
    render_path,
    sets_header,
)
from ._redirects import final_transport_error, redirect_request, same_origin_only
from ._request import RequestSpec, encoding_error
from ._response import error_from_response, parse_response, record_response
from ._retries import next_delay
from ._settings import Endpoint
from ._text import printable
from ._types import RequestOptions

if TYPE_CHECKING:  # paging and file uploads load when a call uses them
    from ._pages import PageTrail
    from ._pagination import PageContent, PageRequest

_NO_IDEMPOTENCY = ("GET", "HEAD")

# How one attempt ends: the server's answer, or the error that kept it from coming.
Result = httpx.Response | httpx.RequestError


class Attempt(NamedTuple):
    """One attempt of a call: its request, its number (from 1), the monotonic times at
    which the call started and this attempt was sent, and the call's deadline (None:
    no bound; see ``_deadline``)."""

    request: httpx.Request
    number: int
    started: float
    sent: float
    deadline: float | None


class BaseClient(ClientConfig[HttpT]):
    """The steps of a call that the sync and async clients share; their ``_send`` runs them."""

    def _redirect(self, response: httpx.Response, hops: int) -> httpx.Request | None:
        """The next hop of a redirect the httpx client is set to follow, credentials
        removed when it leaves the origin; None when there is none to follow."""
        if response.next_request is None or not self._http.follow_redirects:
            return None  # not a redirect (the usual case), or not to be followed
        return redirect_request(
            response, self._credential_places, hops=hops, max_hops=self._http.max_redirects
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
            "timeout": as_timeout(given.get("timeout", self._timeout)),
            "max_retries": given.get("max_retries", self._max_retries),
            "max_response_size": (
                check_size(given["max_response_size"])
                if "max_response_size" in given
                else self._max_response_size
            ),
        }
        key = self._idempotency_key(spec)
        if key is not None:
            options["idempotency_key"] = key
        elif "idempotency_key" in options:
            del options["idempotency_key"]
        body = read_upload(spec.endpoint.request_content_type, spec.body)
        return RequestSpec(
            spec.endpoint,
            spec.path,
            spec.query,
            spec.headers,
            spec.cookies,
            body,
            options,
            spec.url,
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

    def _token_source(self, spec: RequestSpec) -> tuple[TokenSource, Scopes] | None:
        """Where the call's bearer token comes from when it is obtained per call (a
        client-credentials flow or a token provider), with the scopes the call needs."""
        if not self._token_sources:
            return None
        endpoint = spec.endpoint
        security = (
            self._settings.default_security if endpoint.security is None else endpoint.security
        )
        key = self._auth_layer(security).auth.token_scheme
        if key is None:
            return None
        return self._token_sources[key], endpoint.scopes.get(key, ())

    @staticmethod
    def _token_refused(result: Result, bearer: str | None) -> bool:
        """A 401 to a call whose token the client obtained: worth one new token and retry."""
        return (
            bearer is not None and isinstance(result, httpx.Response) and result.status_code == 401
        )

    def _build_request(self, spec: RequestSpec, bearer: str | None = None) -> httpx.Request:
        """One attempt's request, from a call ``_prepare_options`` has settled.

        Built afresh for every attempt, so that what ``_prepare_request`` does to
        one attempt never reaches the next. A value that cannot be encoded is
        reported as the caller's argument, not as pydantic's or the codec's error.
        """
        try:
            return self._encode_request(spec, bearer)
        except ValueError as exc:  # pydantic's serialisation error, UnicodeEncodeError
            found = encoding_error(spec, exc)
            if found is exc:
                raise
            raise found from exc

    def _encode_request(self, spec: RequestSpec, bearer: str | None) -> httpx.Request:
        endpoint, options = spec.endpoint, spec.options
        layer = self._auth_layer(
            self._settings.default_security if endpoint.security is None else endpoint.security
        )
        auth = layer.auth
        url = spec.url or self._base_url.rstrip("/") + render_path(endpoint.path, spec.path)
        if spec.query or auth.query or "extra_query" in options:
            query_string = encode_query(
                {**spec.query, **auth.query, **options.get("extra_query", {})},
                endpoint.parameter_styles,
            )
            if query_string:
                url += ("&" if spec.url and "?" in url else "?") + query_string
        encoded = encode_body(
            endpoint.request_content_type,
            spec.body,
            options.get("extra_body", {}),
            endpoint.body_styles,
            endpoint.files,
        )
        request = build_request(
            self._http,
            endpoint.method.upper(),
            url,
            headers=self._headers(spec, layer, encoded.content_type, bearer),
            content=encoded.content,
            files=encoded.files,
            timeout=options.get("timeout", self._timeout),
        )
        if spec.url is not None:  # a page's URL from the API: credentials stay at home
            request = same_origin_only(request, self._base_url, self._credential_places)
        if encoded.stream is not None:  # a raw upload sent from its file (`_files`)
            from ._files import send_from_file

            return send_from_file(request, encoded.stream)
        return request

    def _headers(
        self, spec: RequestSpec, layer: AuthLayer, content_type: str | None, bearer: str | None
    ) -> dict[str, str]:
        """From least to most specific, each checked for header injection: the
        client's default headers and credentials (checked once), then the call's.

        A plain dict keyed by lower-case name (a later value replaces an earlier one
        whatever its case): cheaper per call than filling an ``httpx.Headers``.
        """
        key = spec.options.get("idempotency_key")
        cookies = layer.auth.cookies
        layers = (
            () if bearer is None else [("Authorization", f"Bearer {bearer}")],
            header_parameters(spec.headers) if spec.headers else (),
            cookie_header({**spec.cookies, **cookies}) if spec.cookies or cookies else (),
            () if key is None else [(self._settings.idempotency_header or "Idempotency-Key", key)],
            () if content_type is None else [("Content-Type", content_type)],
            spec.options.get("extra_headers", {}).items(),
        )
        wire = lay_headers(itertools.chain.from_iterable(layers), dict(layer.headers))
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

    def _prepared(self, spec: RequestSpec, number: int, bearer: str | None) -> httpx.Request:
        """Attempt ``number``'s request, built (with the token obtained for it, if the
        client obtains its token per call) and prepared, for the client's hooks."""
        return self._prepare_request(self._build_request(spec, bearer), spec, attempt=number)

    def _attempt(
        self, spec: RequestSpec, request: httpx.Request, number: int, started: float | None
    ) -> Attempt:
        """Attempt ``number``, its request complete (hooks run), logged as it is sent; its
        timeouts cut to what is left of the call's."""
        self._log.request(request, number)
        now = self._monotonic()
        started = now if started is None else started
        total = budget(spec.options.get("timeout", self._timeout))
        deadline = None if total is None else started + total
        if deadline is not None:
            clamp(request, max(deadline - now, 0.0))
        return Attempt(request, number, started, now, deadline)

    def _retry_delay(self, spec: RequestSpec, attempt: Attempt, result: Result) -> float | None:
        """Logs how an attempt ended and decides whether to try again: the seconds
        to wait first, or None."""
        now = self._monotonic()
        response = result if isinstance(result, httpx.Response) else None
        if response is not None:
            self._log.response(response, attempt.number, now - attempt.sent)
            if response.is_success:
                return None
        elif not isinstance(result, httpx.TransportError) or final_transport_error(result):
            return None
        delay = next_delay(
            self._settings.retry,
            retries_taken=attempt.number - 1,
            max_retries=spec.options.get("max_retries", self._max_retries),
            elapsed=now - attempt.started,
            response=response,
            now=time.time(),
            remaining=None if attempt.deadline is None else attempt.deadline - now,
        )
        if delay is not None:
            reason = str(response.status_code) if response is not None else type(result).__name__
            self._log.retry(attempt.request, reason, delay, attempt.number)
        return delay

    def _outcome(self, spec: RequestSpec, request: httpx.Request, result: Result) -> httpx.Response:
        """The final response of a call, or the error it ends in."""
        if isinstance(result, httpx.TimeoutException):
            raise APITimeoutError(request=request) from result
        if isinstance(result, httpx.RequestError):
            message = final_transport_error(result) or f"Connection error: {printable(str(result))}"
            raise APIConnectionError(request=request, message=message) from result
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

    def _trail(self, endpoint: Endpoint, first: PageRequest) -> PageTrail:
        """Where a chain of pages starts: pagination stops, with a warning, at a
        page whose next request would repeat one already made."""
        from ._pages import start_trail  # loads with the first paged call

        return start_trail(
            first, lambda request: self._log.pagination_stopped(endpoint, request.shown())
        )

    def _read_page(
        self, endpoint: Endpoint, response: httpx.Response, request: PageRequest
    ) -> PageContent[Any]:
        if endpoint.pagination is None:
            raise TypeError(f"{endpoint.method} {endpoint.path} is not paginated")
        from ._pagination import read_page

        return read_page(
            endpoint.pagination,
            response,
            request,
            envelope_key=self._settings.envelope_key,
            strict=self._strict,
            parse_body=lambda: self._parse(endpoint, response),
        )


def _new_key() -> str:
    """A random (version 4) UUID as text: ``str(uuid.uuid4())`` in half the time."""
    digits = os.urandom(16).hex()
    variant = "89ab"[int(digits[16], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"
