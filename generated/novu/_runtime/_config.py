"""Client configuration, settled once when a client is made.

What the constructor takes and where what it is not given comes from: credentials
(``<PREFIX>_<NAME>`` environment variables), the base URL (``base_url``, then
``<PREFIX>_BASE_URL``, then the spec's servers and their variables), the timeout
(a supplied httpx client's, if someone chose it), the retry budget, the default
headers (the ``User-Agent`` first), the hooks (``_hooks``). Also the httpx client, the caller's or one made
on the first call; the headers every call under one security requirement starts
from; and ``with_options``, a copy with some of these changed.
"""

from __future__ import annotations

import ipaddress
import os
import platform
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from typing import Generic, NamedTuple, TypeVar, cast

import httpx
from typing_extensions import Self

from ._auth import Auth, Credential, authenticate, refuse_no_credentials
from ._errors import ClientClosedError
from ._hooks import AsyncHooks, Hooks, checked_hooks
from ._limits import ACCEPT_ENCODING, DEFAULT_MAX_RESPONSE_SIZE
from ._logging import RequestLogger
from ._oauth import TokenSource, token_sources
from ._params import lay_headers, sets_header
from ._redirects import CredentialPlaces
from ._settings import ApiSettings, Security
from ._types import NOT_GIVEN, NotGiven

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AuthLayer",
    "HttpT",
    "InsecureBaseURLWarning",
    "as_timeout",
    "check_size",
]


DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)

HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)


class ClientConfig(Generic[HttpT]):
    """What a client is configured with; ``BaseClient`` (``_transport``) adds the calls."""

    _hooks_kind: type[Hooks] | type[AsyncHooks] = Hooks  # AsyncHooks for the async client
    _awaits = False  # the async client's calls are awaited (its token providers may be too)

    def __init__(
        self,
        settings: ApiSettings,
        *,
        credentials: Mapping[str, Credential | None],
        server: int | str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        http_client: HttpT | None = None,
        strict_response_validation: bool = False,
        default_headers: Mapping[str, str] | None = None,
        server_variables: Mapping[str, str] | None = None,
        max_response_size: int | None = None,
        hooks: Hooks | AsyncHooks | None = None,
    ) -> None:
        self._settings = settings
        self._hooks = checked_hooks(hooks, self._hooks_kind)
        self._credentials = _or_environment(settings.env_prefix, credentials)
        refuse_no_credentials(settings, self._credentials)
        self._server_variables = dict(server_variables or {})
        self._base_url = self._choose_base_url(server, base_url)
        self._timeout = as_timeout(_choose_timeout(timeout, http_client))
        self._max_retries = DEFAULT_MAX_RETRIES if max_retries is None else max_retries
        self._max_response_size = check_size(max_response_size)
        self._strict = strict_response_validation
        self._default_headers = {
            "User-Agent": _user_agent(settings),
            "Accept-Encoding": ACCEPT_ENCODING,  # the codings _limits inflates within its cap
            **settings.default_headers,
            **(default_headers or {}),
        }
        self._owns_http_client = http_client is None
        self._closed = False
        self._http_client: HttpT | None = http_client  # made on first use when none is given
        self._http_client_lock = threading.Lock()
        self._log = RequestLogger(settings)
        if any(value is not None for value in self._credentials.values()):
            _warn_if_cleartext(self._base_url)
        self._credential_places = CredentialPlaces.of(settings)
        self._monotonic: Callable[[], float] = time.monotonic
        # Tokens obtained per call, by scheme key (read the clock through this client).
        self._token_sources: dict[str, TokenSource] = token_sources(
            settings,
            self._credentials,
            lambda: self._monotonic(),
            awaits=self._awaits,
            observe=lambda response, seconds: self._log.response(response, 1, seconds),
        )
        # What a call sends whatever its arguments, per security requirement: worked
        # out on first use, since the credentials and default headers never change.
        self._auth_layers: dict[Security, AuthLayer] = {}
        self._keyed_by_default = settings.idempotency_header is not None and sets_header(
            settings.idempotency_header, self._default_headers
        )

    def _choose_base_url(self, server: int | str | None, base_url: str | None) -> str:
        # An explicit argument beats the environment, which beats the first server.
        if base_url is None and server is None:
            base_url = os.environ.get(f"{self._settings.env_prefix}_BASE_URL")
        return base_url or self._settings.server_url(server or 0, self._server_variables)

    def _new_http_client(self) -> HttpT:
        raise NotImplementedError

    @property
    def _http(self) -> HttpT:
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

    def _shared_http(self) -> HttpT | None:
        """The httpx client a copy made by ``with_options`` shares with this one."""
        return self._http

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @property
    def max_response_size(self) -> int:
        """The most bytes of a (decompressed) response body read into memory."""
        return self._max_response_size

    def with_options(
        self,
        *,
        server: int | str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        strict_response_validation: bool | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_response_size: int | None = None,
        **credentials: Credential,
    ) -> Self:
        """A new client with some options changed, sharing this client's connection pool.

        Credentials are passed by their constructor names (``api_key=...``). The
        copy is made by the generated constructor from this client's settings
        with the changes applied: the base URL and credentials it has are kept,
        not read from the environment again.
        """
        self._refuse_unknown_credentials(credentials)
        url_given = base_url is not None or server is not None
        arguments: dict[str, object] = {
            **self._credentials,
            **credentials,
            "server": server,
            "base_url": base_url if url_given else self._base_url,
            "timeout": self._timeout if isinstance(timeout, NotGiven) else timeout,
            "max_retries": self._max_retries if max_retries is None else max_retries,
            "http_client": self._shared_http(),
            "strict_response_validation": (
                self._strict if strict_response_validation is None else strict_response_validation
            ),
            "default_headers": {**self._default_headers, **(default_headers or {})},
            "max_response_size": (
                self._max_response_size if max_response_size is None else max_response_size
            ),
            "hooks": self._hooks,
        }
        copy = self._copy(arguments)
        if not credentials:  # same credentials: the copy shares the tokens this client fetched
            copy._token_sources = self._token_sources
        return copy

    def _refuse_unknown_credentials(self, credentials: Mapping[str, Credential]) -> None:
        unknown = set(credentials) - set(self._credentials)
        if unknown:
            raise TypeError(
                f"with_options() got unexpected argument(s): {', '.join(sorted(unknown))}"
            )

    def _copy(self, arguments: dict[str, object]) -> Self:
        """A client like this one made with ``arguments`` by the generated subclass's
        constructor, whose keywords these are (not this class's, which takes the
        settings first)."""
        if self._server_variables:  # only clients whose servers have variables take them
            arguments["server_variables"] = self._server_variables
        construct = cast(Callable[..., Self], type(self))
        return construct(**arguments)

    def _check_open(self) -> None:
        """httpx's closed-client RuntimeError, as the SDK's own error and before any work."""
        if self._closed or (self._http_client is not None and self._http_client.is_closed):
            raise ClientClosedError(
                "this client is closed (by close() or the end of its `with` block); "
                "create a new one"
            )

    def _webhook_secret(self, given: str | bytes | None) -> str | bytes:
        """The secret webhooks are verified with: the call's, else the client's
        (``webhook_secret=`` or ``<PREFIX>_WEBHOOK_SECRET``)."""
        secret = given if given is not None else self._credentials.get("webhook_secret")
        if not isinstance(secret, (str, bytes)) or not secret:
            prefix = self._settings.env_prefix
            raise TypeError(
                f"verifying a webhook needs its secret: pass secret=, or webhook_secret= to the"
                f" client (or set {prefix}_WEBHOOK_SECRET)"
            )
        return secret

    def _auth_layer(self, security: Security) -> AuthLayer:
        """The credentials ``security`` asks for and the headers every call under it
        starts from; missing credentials raise on every call, as they are not kept."""
        layer = self._auth_layers.get(security)
        if layer is None:
            auth = authenticate(self._settings, security, self._credentials)
            headers = lay_headers({**self._default_headers, **auth.headers}.items(), {})
            layer = self._auth_layers[security] = AuthLayer(auth, headers)
        return layer


class AuthLayer(NamedTuple):
    """What every call under one security requirement sends: its credentials, and the
    headers (lower-case name to name and value) they and the client's defaults give."""

    auth: Auth
    headers: dict[str, tuple[str, str]]


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


def check_size(max_response_size: object) -> int:
    """``max_response_size`` checked (None: the default)."""
    if max_response_size is None:
        return DEFAULT_MAX_RESPONSE_SIZE
    if isinstance(max_response_size, bool) or not isinstance(max_response_size, int):
        raise TypeError(f"max_response_size must be an int, not {type(max_response_size).__name__}")
    if max_response_size <= 0:
        raise ValueError(f"max_response_size must be positive, not {max_response_size}")
    return max_response_size


class InsecureBaseURLWarning(UserWarning):
    """The client will send credentials in clear, to a host that is not this machine."""


def _warn_if_cleartext(base_url: str) -> None:
    """Warns (rather than refuses: plain http inside a private network or a test set-up
    is a choice the user may have made) when credentials would cross a network unencrypted."""
    url = httpx.URL(base_url)
    if url.scheme != "http" or _is_loopback(url.host):
        return
    warnings.warn(
        f"base URL {base_url!r} is plain http to a host that is not this machine: "
        "credentials and bodies travel in clear; use https",
        InsecureBaseURLWarning,
        stacklevel=4,
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _user_agent(settings: ApiSettings) -> str:
    return (
        f"{settings.package}/{settings.version} "
        f"python/{platform.python_version()} httpx/{httpx.__version__}"
    )


def as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
