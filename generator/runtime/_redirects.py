"""Following redirects without sending credentials or bodies where they should not go.

httpx drops ``Authorization`` when a redirect leaves the origin, but not an API
key sent in another header, in the query or in a cookie. So the client follows
redirects itself (when its httpx client is set to follow them): each hop is
httpx's own redirect request, with every credential removed once the origin
(scheme, host and port) changes. A later hop back does not get them again.
A next-page URL the API gives (``Link`` header, ``next`` field) is held to the same rule.

The policy, each refusal a final ``APIStatusError`` (never retried):

- a redirect leaves the origin only for a GET or HEAD (which carry no body): a POST
  redirected elsewhere by a 307/308 would take its body (emails, one-time codes) and
  the caller's own headers there, and the answer is not the API's;
- never from https to http, and only to http or https;
- at most the httpx client's ``max_redirects`` hops (then ``APIConnectionError``).

Also here: which transport errors are final rather than retried.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from ._errors import APIConnectionError, APIStatusError
from ._settings import ApiSettings
from ._text import printable

__all__ = ["CredentialPlaces", "final_transport_error", "redirect_request", "same_origin_only"]

_ACROSS_ORIGINS = ("GET", "HEAD")

# Headers that carry credentials whatever the API's security schemes say.
_ALWAYS_SECRET = frozenset({"authorization", "proxy-authorization", "cookie"})


@dataclass(frozen=True)
class CredentialPlaces:
    """Where an API's credentials travel: header names (lower case) and query parameters."""

    headers: frozenset[str]
    query: frozenset[str]

    @classmethod
    def of(cls, settings: ApiSettings) -> CredentialPlaces:
        keys = [s for s in settings.security_schemes.values() if s.kind == "apiKey"]
        return cls(
            headers=_ALWAYS_SECRET
            | {s.parameter_name.lower() for s in keys if s.location == "header"},
            query=frozenset(s.parameter_name for s in keys if s.location == "query"),
        )


def redirect_request(
    response: httpx.Response, places: CredentialPlaces, *, hops: int, max_hops: int
) -> httpx.Request | None:
    """The request a redirect leads to (None when ``response`` is not one), without
    credentials when it leaves the origin of the request that was redirected; raises
    ``APIStatusError`` for a redirect the policy refuses (the caller closes ``response``)."""
    following = response.next_request
    if following is None:
        return None
    if hops >= max_hops:
        raise APIConnectionError(
            request=following, message=f"Exceeded maximum allowed redirects ({max_hops})"
        )
    refused = _refusal(response.request, following)
    if refused is not None:
        raise APIStatusError(
            f"Error code: {response.status_code} - redirect to "
            f"{printable(str(following.url.copy_with(query=None)), 200)} not followed: {refused}",
            response=response,
            body=None,
        )
    if _origin(following.url) == _origin(response.request.url):
        return following
    return _without_credentials(following, places)


def same_origin_only(request: httpx.Request, home: str, places: CredentialPlaces) -> httpx.Request:
    """``request`` as it is when it goes to the origin of ``home`` (the client's base
    URL); without credentials when it goes anywhere else."""
    if _origin(request.url) == _origin(httpx.URL(home)):
        return request
    return _without_credentials(request, places)


def _without_credentials(following: httpx.Request, places: CredentialPlaces) -> httpx.Request:
    url = following.url
    for name in places.query.intersection(url.params.keys()):
        url = url.copy_remove_param(name)
    headers = [
        (name, value)
        for name, value in following.headers.multi_items()
        if name.lower() not in places.headers
    ]
    return httpx.Request(
        following.method,
        url,
        headers=headers,
        stream=following.stream,
        extensions=following.extensions,
    )


def _refusal(source: httpx.Request, target: httpx.Request) -> str | None:
    """Why the redirect from ``source`` to ``target`` is not followed; None to follow it."""
    scheme = target.url.scheme
    if scheme not in ("http", "https"):
        return f"the client follows redirects to http and https only, not {printable(scheme, 20)}"
    if source.url.scheme == "https" and scheme == "http":
        return "it would downgrade https to http, sending the request in clear"
    bodiless = source.method in _ACROSS_ORIGINS and source.headers.get("content-length") in (
        None,
        "0",
    )
    if _origin(target.url) != _origin(source.url) and not bodiless:
        return (
            f"a {source.method} with a body is redirected within its own origin only: "
            "the body and headers would go to another server"
        )
    return None


def final_transport_error(error: httpx.RequestError) -> str | None:
    """The message of a transport error that retrying cannot cure (None for the others):
    response headers too long for the HTTP parser (httpcore stops at 100 KiB)."""
    if isinstance(error, httpx.RemoteProtocolError) and "Receive buffer too long" in str(error):
        return (
            "The server's response headers are larger than the HTTP parser accepts; "
            "the call was not retried"
        )
    return None


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port
