"""What the generator learned from the spec, as plain values.

The runtime is identical in every generated SDK; everything that differs between
APIs reaches it through these objects, which the generated ``_client.py`` and
resource modules define once at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ._retries import RetryPolicy

if TYPE_CHECKING:  # annotations only: paging and streams load when a call uses them
    from ._pagination import Pagination
    from ._streaming import StreamFormat

__all__ = [
    "ApiSettings",
    "Argument",
    "ClientCredentialsFlow",
    "Endpoint",
    "SecurityScheme",
    "Server",
    "ServerVariable",
]

# Alternatives of requirements, as in OpenAPI: the first alternative whose
# credentials are all present is used; ``()`` inside it means "no auth needed".
Security = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ServerVariable:
    """A variable of a server URL: its default and the values it may take."""

    name: str
    default: str
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Server:
    """A server the spec lists: its URL (with variables) and name."""

    url: str
    name: str | None = None
    variables: tuple[ServerVariable, ...] = ()

    def resolved_url(self, values: Mapping[str, str] | None = None) -> str:
        """The URL with its variables filled: given values where the spec allows them, else defaults."""
        values = dict(values or {})
        url = self.url
        for variable in self.variables:
            value = values.pop(variable.name, variable.default)
            if variable.enum and value not in variable.enum:
                raise ValueError(
                    f"server variable {variable.name}={value!r}: allowed {list(variable.enum)}"
                )
            url = url.replace("{" + variable.name + "}", value)
        if values:
            raise ValueError(f"unknown server variable(s): {', '.join(sorted(values))}")
        return url


@dataclass(frozen=True)
class ClientCredentialsFlow:
    """An OAuth2 ``clientCredentials`` flow: where the client fetches tokens, and the
    constructor arguments that hold the client id and secret."""

    token_url: str
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class SecurityScheme:
    """How one credential travels.

    ``credential`` names the client constructor argument that holds it (and so
    the environment variable ``<ENV_PREFIX>_<CREDENTIAL>`` read when it is None);
    an OAuth2 scheme with ``client_credentials`` may instead fetch its token.
    """

    kind: Literal["apiKey", "http", "oauth2", "openIdConnect"]
    credential: str
    location: Literal["header", "query", "cookie"] = "header"
    parameter_name: str = "Authorization"
    prefix: str = ""
    scheme: str | None = None
    client_credentials: ClientCredentialsFlow | None = None


@dataclass(frozen=True)
class ApiSettings:
    """What the client knows of the API as a whole: servers, security, retries, envelope."""

    package: str
    version: str
    env_prefix: str
    servers: tuple[Server, ...]
    security_schemes: Mapping[str, SecurityScheme] = field(
        default_factory=dict[str, SecurityScheme]
    )
    default_security: Security = ()
    retry: RetryPolicy = RetryPolicy()
    envelope_key: str | None = None
    idempotency_header: str | None = None
    # Headers every call sends unless the client or the call sets them (the config's
    # `default_headers`: an API version header, say).
    default_headers: Mapping[str, str] = field(default_factory=dict[str, str])
    # Every operation needs a credential: a client made with none fails at once.
    credentials_required: bool = False

    def server_url(self, server: int | str, variables: Mapping[str, str] | None = None) -> str:
        if isinstance(server, int):
            if not 0 <= server < len(self.servers):
                raise ValueError(
                    f"server={server} is out of range: this API has {len(self.servers)} server(s)"
                )
            return self.servers[server].resolved_url(variables)
        for candidate in self.servers:
            if candidate.name == server:
                return candidate.resolved_url(variables)
        names = [s.name for s in self.servers if s.name]
        raise ValueError(f"unknown server {server!r}; known names: {names}")


@dataclass(frozen=True)
class Argument:
    """A generated method's argument, as its request carries it.

    The runtime receives parameters and flattened body fields keyed by their wire
    names; this is how it names the caller's argument in an error, and knows
    whether ``None`` may be sent (as JSON ``null``) or is a mistake.
    """

    location: Literal["path", "query", "header", "cookie", "body"]
    wire_name: str
    name: str
    nullable: bool = False
    deprecated: bool = False
    model: Any = None  # the model class a mapping given for it is checked against


@dataclass(frozen=True)
class Endpoint:
    """One operation, as its generated method describes it to the runtime.

    ``responses`` and ``errors`` map a status key (``"200"``, ``"2XX"``,
    ``"default"``) to anything pydantic's ``TypeAdapter`` accepts, ``bytes`` for a
    binary body, or None for "no body".  ``parameter_styles`` maps a query
    parameter's wire name to ``(style, explode)`` when it differs from form/explode;
    ``body_styles`` does the same for the properties of a form body.
    ``arguments`` lists the method's parameters and flattened body fields; ``stream`` says
    what the operation may stream instead of (or as) its body; ``files`` maps each multipart
    field the spec declares a file (by wire name) to the argument that carries it.
    """

    method: str
    path: str
    responses: Mapping[str, Any] = field(default_factory=dict[str, Any])
    errors: Mapping[str, Any] = field(default_factory=dict[str, Any])
    request_content_type: str | None = None
    security: Security | None = None
    parameter_styles: Mapping[str, tuple[str, bool]] = field(
        default_factory=dict[str, tuple[str, bool]]
    )
    body_styles: Mapping[str, tuple[str, bool]] = field(default_factory=dict[str, tuple[str, bool]])
    pagination: Pagination | None = None
    arguments: tuple[Argument, ...] = ()
    deprecated: bool = False
    # The OAuth2 scopes the operation needs, by security scheme key.
    scopes: Mapping[str, tuple[str, ...]] = field(default_factory=dict[str, tuple[str, ...]])
    stream: StreamFormat | None = None
    files: Mapping[str, str] = field(default_factory=dict[str, str])
