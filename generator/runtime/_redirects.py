"""Following redirects without sending credentials to another origin.

httpx drops ``Authorization`` when a redirect leaves the origin, but not an API
key sent in another header, in the query or in a cookie. So the client follows
redirects itself (when its httpx client is set to follow them): each hop is
httpx's own redirect request, with every credential removed once the origin
(scheme, host and port) changes. A later hop back does not get them again.
A next-page URL the API gives (``Link`` header, ``next`` field) is held to the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from ._settings import ApiSettings

__all__ = ["CredentialPlaces", "redirect_request", "same_origin_only"]

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


def redirect_request(response: httpx.Response, places: CredentialPlaces) -> httpx.Request | None:
    """The request a redirect leads to (None when ``response`` is not one), without
    credentials when it leaves the origin of the request that was redirected."""
    following = response.next_request
    if following is None or _origin(following.url) == _origin(response.request.url):
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


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port
