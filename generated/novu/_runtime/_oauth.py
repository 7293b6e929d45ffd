"""Bearer tokens the client obtains rather than is given: fetched from an OAuth2 token
endpoint (the ``clientCredentials`` flow) or asked of the caller's token provider.

A fetched token is cached per set of scopes and shared by every call: one token
request however many threads (sync client) or tasks (async client) need it at once,
a new one shortly before ``expires_in`` runs out, and one more after a call got 401
with it (``invalidate``). The token request authenticates the client with HTTP Basic,
falling back to the secret in the form body once if the server answers
``invalid_client``. It is sent through the client's own httpx client and follows a
redirect only within the token endpoint's origin, so the secret never leaves it; a
refused request raises ``AuthenticationError`` with the endpoint's ``error`` and
``error_description``, never the secret.
"""

from __future__ import annotations

import base64
import inspect
import threading
import weakref
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import httpx

from ._errors import APIConnectionError, APITimeoutError, AuthenticationError
from ._settings import ApiSettings, ClientCredentialsFlow

if TYPE_CHECKING:
    import asyncio

__all__ = ["ClientCredentials", "TokenProvider", "TokenSource", "token_sources"]

# A callable giving the current access token, for flows the SDK does not run itself
# (authorization code, device code): plain, or ``async`` on the async client.
TokenProvider = Callable[[], str | Awaitable[str]]

Clock = Callable[[], float]
# Sees each token response and the seconds it took (the client logs it).
Observe = Callable[[httpx.Response, float], None]
Scopes = tuple[str, ...]

_MAX_HOPS = 5
# A token is replaced this long before it expires (at most a tenth of its life).
_EARLY_SECONDS = 60.0


class TokenSource:
    """Where the bearer token of one security scheme comes from, sync or async."""

    def sync_token(self, http: httpx.Client, scopes: Scopes) -> str:
        raise NotImplementedError

    async def async_token(self, http: httpx.AsyncClient, scopes: Scopes) -> str:
        raise NotImplementedError

    def invalidate(self, scopes: Scopes, token: str) -> None:
        """The server refused ``token``: the next call gets a new one."""


class _Provider(TokenSource):
    """The caller's callable, asked on every attempt (it does its own caching)."""

    def __init__(self, argument: str, provider: TokenProvider) -> None:
        self._argument = argument
        self._provider = provider

    def sync_token(self, http: httpx.Client, scopes: Scopes) -> str:
        token = self._provider()
        if inspect.isawaitable(token):
            _close(token)
            raise TypeError(
                f"{self._argument}= returned an awaitable: an async token provider needs"
                " the async client"
            )
        return self._checked(token)

    async def async_token(self, http: httpx.AsyncClient, scopes: Scopes) -> str:
        token = self._provider()
        if inspect.isawaitable(token):
            token = await token
        return self._checked(token)

    def _checked(self, token: object) -> str:
        if not isinstance(token, str) or not token:
            raise TypeError(
                f"{self._argument}= must return a non-empty str token, got {type(token).__name__}"
            )
        return token


@dataclass
class _Token:
    """A fetched token and when to fetch the next."""

    value: str
    refresh_at: float | None  # on the client's monotonic clock; None: until refused


class ClientCredentials(TokenSource):
    """The ``clientCredentials`` flow: one cached token per set of scopes."""

    def __init__(
        self,
        flow: ClientCredentialsFlow,
        client_id: str,
        secret: str,
        clock: Clock,
        observe: Observe | None = None,
    ):
        self._flow = flow
        self._observe = observe
        self._client_id = client_id
        self._secret = secret
        self._clock = clock
        self._tokens: dict[Scopes, _Token] = {}
        self._client_auth: Literal["basic", "body"] = "basic"
        self._lock = threading.Lock()
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]
        self._async_locks = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        return f"ClientCredentials(token_url={self._flow.token_url!r}, client_id=...)"

    def sync_token(self, http: httpx.Client, scopes: Scopes) -> str:
        token = self._fresh(scopes)
        if token is not None:
            return token
        with self._lock:
            token = self._fresh(scopes)
            while token is None:
                started = self._clock()
                response = _send_sync(http, self._request(http, scopes))
                token = self._store(scopes, self._read(response, started))
        return token

    async def async_token(self, http: httpx.AsyncClient, scopes: Scopes) -> str:
        token = self._fresh(scopes)
        if token is not None:
            return token
        async with self._async_lock():
            token = self._fresh(scopes)
            while token is None:
                started = self._clock()
                response = await _send_async(http, self._request(http, scopes))
                token = self._store(scopes, self._read(response, started))
        return token

    def invalidate(self, scopes: Scopes, token: str) -> None:
        with self._lock:
            cached = self._tokens.get(scopes)
            if cached is not None and cached.value == token:
                del self._tokens[scopes]

    def _async_lock(self) -> asyncio.Lock:
        """One lock per event loop: an asyncio lock must not be awaited on two."""
        import asyncio  # only async clients need it; keeps `import <package>` light

        loop = asyncio.get_running_loop()
        lock = self._async_locks.get(loop)
        if lock is None:
            lock = self._async_locks[loop] = asyncio.Lock()
        return lock

    def _fresh(self, scopes: Scopes) -> str | None:
        token = self._tokens.get(scopes)
        if token is None or (token.refresh_at is not None and self._clock() >= token.refresh_at):
            return None
        return token.value

    def _store(self, scopes: Scopes, token: _Token | None) -> str | None:
        """Caches a fetched token; None (the server wants the secret in the body) asks again."""
        if token is None:
            return None
        self._tokens[scopes] = token
        return token.value

    def _request(self, http: httpx.Client | httpx.AsyncClient, scopes: Scopes) -> httpx.Request:
        form = {"grant_type": "client_credentials"}
        if scopes:
            form["scope"] = " ".join(scopes)
        if self._client_auth == "body":
            form.update(client_id=self._client_id, client_secret=self._secret)
            auth: dict[str, str] = {}
        else:
            pair = f"{self._client_id}:{self._secret}".encode()
            auth = {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
        headers = {"Accept": "application/json", **auth}
        return http.build_request("POST", self._flow.token_url, data=form, headers=headers)

    def _read(self, response: httpx.Response, started: float) -> _Token | None:
        """The token a response holds; None to try again with the secret in the body."""
        if self._observe is not None:
            self._observe(response, self._clock() - started)
        body = _json(response)
        if response.is_success and isinstance(body.get("access_token"), str):
            return _Token(body["access_token"], self._refresh_at(body.get("expires_in")))
        error = body.get("error")
        if error == "invalid_client" and self._client_auth == "basic":
            self._client_auth = "body"
            return None
        raise _token_error(self._flow.token_url, response, body)

    def _refresh_at(self, expires_in: object) -> float | None:
        if isinstance(expires_in, str) and expires_in.isdigit():
            expires_in = int(expires_in)
        if not isinstance(expires_in, (int, float)) or isinstance(expires_in, bool):
            return None
        return self._clock() + expires_in - min(_EARLY_SECONDS, expires_in / 10)


def token_sources(
    settings: ApiSettings,
    credentials: Mapping[str, object],
    clock: Clock,
    *,
    awaits: bool,
    observe: Observe | None = None,
) -> dict[str, TokenSource]:
    """The schemes whose token the client obtains per call, by scheme key: those given a
    token provider, and client-credentials schemes given an id and secret but no token.
    An ``async`` provider given to a client that does not await (``awaits``) is refused."""
    sources: dict[str, TokenSource] = {}
    for key, scheme in settings.security_schemes.items():
        given = credentials.get(scheme.credential)
        if callable(given):
            sources[key] = _provider(scheme.credential, cast(TokenProvider, given), awaits)
        elif given is None and scheme.client_credentials is not None:
            source = _client_credentials(scheme.client_credentials, credentials, clock, observe)
            if source is not None:
                sources[key] = source
    return sources


def _provider(argument: str, given: TokenProvider, awaits: bool) -> _Provider:
    if not awaits and inspect.iscoroutinefunction(given):
        raise TypeError(
            f"{argument}= is an async function: the sync client needs a plain callable"
            " (or use the async client)"
        )
    return _Provider(argument, given)


def _client_credentials(
    flow: ClientCredentialsFlow,
    credentials: Mapping[str, object],
    clock: Clock,
    observe: Observe | None,
) -> ClientCredentials | None:
    """The flow, when both its id and its secret were given."""
    client_id, secret = credentials.get(flow.client_id), credentials.get(flow.client_secret)
    if isinstance(client_id, str) and isinstance(secret, str) and client_id and secret:
        return ClientCredentials(flow, client_id, secret, clock, observe)
    return None


def _send_sync(http: httpx.Client, request: httpx.Request) -> httpx.Response:
    try:
        response = http.send(request, follow_redirects=False)
        for _ in range(_MAX_HOPS):
            following = _same_origin_redirect(response)
            if following is None:
                break
            response.close()
            response = http.send(following, follow_redirects=False)
        response.read()
    except httpx.TimeoutException as exc:
        raise APITimeoutError(request=request) from exc
    except httpx.RequestError as exc:
        raise APIConnectionError(request=request, message=f"Token request failed: {exc}") from exc
    return response


async def _send_async(http: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    try:
        response = await http.send(request, follow_redirects=False)
        for _ in range(_MAX_HOPS):
            following = _same_origin_redirect(response)
            if following is None:
                break
            await response.aclose()
            response = await http.send(following, follow_redirects=False)
        await response.aread()
    except httpx.TimeoutException as exc:
        raise APITimeoutError(request=request) from exc
    except httpx.RequestError as exc:
        raise APIConnectionError(request=request, message=f"Token request failed: {exc}") from exc
    return response


def _same_origin_redirect(response: httpx.Response) -> httpx.Request | None:
    """A redirect's next request if it stays on the token endpoint's origin; a redirect
    elsewhere is not followed (the request carries the client secret)."""
    following = response.next_request
    if following is None or _origin(following.url) != _origin(response.request.url):
        return None
    return following


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return cast("dict[str, Any]", body) if isinstance(body, dict) else {}


def _token_error(url: str, response: httpx.Response, body: dict[str, Any]) -> AuthenticationError:
    """The SDK's error for a refused token request: the endpoint's own words, no secret."""
    error = body.get("error") if isinstance(body.get("error"), str) else None
    description = body.get("error_description")
    description = description if isinstance(description, str) else None
    if response.is_success:
        said = "an answer without an access_token"
    elif response.is_redirect:
        said = f"a redirect to {response.headers.get('Location', '?')} (not followed)"
    else:
        said = f"{response.status_code} {error or response.reason_phrase}"
    message = f"The token request to {url} failed: {said}"
    if description:
        message += f": {description}"
    failure = AuthenticationError(message, response=response, body=body or response.text)
    failure.error, failure.error_description = error, description
    return failure


def _close(awaitable: Awaitable[Any]) -> None:
    """Closes a coroutine that will never be awaited (no "never awaited" warning)."""
    close = getattr(awaitable, "close", None)
    if close is not None:
        close()
