"""The steps of the one request loop, in code the sync and async clients share (only
sending, sleeping and closing differ between them).

Every call takes the same path:

1. the generated method's arguments become one ``RequestSpec``;
2. ``_prepare_options`` settles its options against the client's defaults, once
   per call: the timeout, the retry budget and the idempotency key that every
   attempt then sends;
3. each attempt builds its ``httpx.Request`` afresh (``_build_request``) and
   hands it to ``_prepare_request`` before it is logged and sent;
4. ``_retry_delay`` decides from how it ended whether to try again, redirects
   are followed hop by hop (``_redirect``), and ``_outcome`` turns the last
   answer into the response or the error the call ends in.

``_prepare_request`` is the seam for cross-cutting features (a hook, tracing,
signing): the one function that sees the final request of every attempt.
"""

from __future__ import annotations

import itertools
import os
import time
from typing import Any, NamedTuple

import httpx

from ._body import encode_body, read_upload
from ._config import AuthLayer, ClientConfig, HttpT, as_timeout
from ._errors import APIConnectionError, APITimeoutError
from ._pagination import PageContent, PageTrail, read_page, start_trail
from ._params import (
    Params,
    cookie_header,
    encode_query,
    header_parameters,
    lay_headers,
    render_path,
    sets_header,
)
from ._redirects import redirect_request
from ._request import RequestSpec, encoding_error
from ._response import error_from_response, parse_response, record_response
from ._retries import next_delay
from ._settings import Endpoint
from ._types import RequestOptions

_NO_IDEMPOTENCY = ("GET", "HEAD")

# How one attempt ends: the server's answer, or the error that kept it from coming.
Result = httpx.Response | httpx.RequestError


class _Attempt(NamedTuple):
    """One attempt of a call: its request, its number (from 1), and the monotonic
    times at which the call started and this attempt was sent."""

    request: httpx.Request
    number: int
    started: float
    sent: float


class BaseClient(ClientConfig[HttpT]):
    """The steps of a call that the sync and async clients share; their ``_send`` runs them."""

    def _redirect(self, response: httpx.Response, hops: int) -> httpx.Request | None:
        """The next hop of a redirect the httpx client is set to follow, credentials
        removed when it leaves the origin; None when there is none to follow."""
        if response.next_request is None or not self._http.follow_redirects:
            return None  # not a redirect (the usual case), or not to be followed
        following = redirect_request(response, self._credential_places)
        if following is not None and hops >= self._http.max_redirects:
            raise httpx.TooManyRedirects("Exceeded maximum allowed redirects.", request=following)
        return following

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
            timeout=options.get("timeout", self._timeout),
        )

    def _headers(
        self, spec: RequestSpec, layer: AuthLayer, content_type: str | None
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

    def _attempt(self, spec: RequestSpec, number: int, started: float | None = None) -> _Attempt:
        """Attempt ``number``'s request, built, prepared and logged, as it is sent."""
        request = self._prepare_request(self._build_request(spec), spec, attempt=number)
        self._log.request(request, number)
        now = self._monotonic()
        return _Attempt(request, number, started=now if started is None else started, sent=now)

    def _retry_delay(self, spec: RequestSpec, attempt: _Attempt, result: Result) -> float | None:
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
            max_retries=spec.options.get("max_retries", self._max_retries),
            elapsed=now - attempt.started,
            response=response,
            now=time.time(),
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


def _new_key() -> str:
    """A random (version 4) UUID as text: ``str(uuid.uuid4())`` in half the time."""
    digits = os.urandom(16).hex()
    variant = "89ab"[int(digits[16], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"
