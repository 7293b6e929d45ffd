"""What the client does for each OAuth2 scheme: the flows the spec lists, and for a
`clientCredentials` flow the token URL and the constructor arguments the client takes
(`client_id`, `client_secret`; a second such scheme's are named after its key). Other flows
(authorization code, implicit, password, device code) and OpenID Connect take a token or a
token provider, which `settings` names."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from . import identifiers
from .types import ClientCredentials, Server

_FLOW_ORDER = ("clientCredentials", "authorizationCode", "implicit", "password")


def flow_names(scheme: dict[str, Any]) -> tuple[str, ...]:
    """The flows an OAuth2 scheme lists, known ones first in a fixed order."""
    flows = scheme.get("flows")
    names = [str(k) for k in flows] if isinstance(flows, dict) and scheme.get("type") == "oauth2" else []
    return tuple(sorted(names, key=lambda n: (_FLOW_ORDER.index(n) if n in _FLOW_ORDER else 9, n)))


def client_credentials(
    key: str,
    scheme: dict[str, Any],
    taken: set[str],
    servers: tuple[Server, ...],
    env_prefix: str,
) -> ClientCredentials | None:
    """The `clientCredentials` flow of an OAuth2 scheme with a token URL, its arguments named
    (and added to `taken`); None for a scheme without one."""
    flows = scheme.get("flows") if scheme.get("type") == "oauth2" else None
    flow = flows.get("clientCredentials") if isinstance(flows, dict) else None
    if not isinstance(flow, dict) or not isinstance(flow.get("tokenUrl"), str) or not flow["tokenUrl"]:
        return None
    names = []
    for part in ("client_id", "client_secret"):
        plain = part if part not in taken else identifiers.parameter_name(f"{key}_{part}")
        names.append(identifiers.unique(plain, taken, sep="_"))
    scopes = flow.get("scopes")
    return ClientCredentials(
        token_url=_absolute(flow["tokenUrl"], servers),
        client_id=names[0],
        client_secret=names[1],
        client_id_env=f"{env_prefix}_{names[0].upper()}",
        client_secret_env=f"{env_prefix}_{names[1].upper()}",
        scopes=tuple(sorted(str(s) for s in scopes)) if isinstance(scopes, dict) else (),
    )


def _absolute(token_url: str, servers: tuple[Server, ...]) -> str:
    """A relative token URL is relative to the (first) server, as OpenAPI 3.1 says."""
    if "://" in token_url or not servers:
        return token_url
    return urljoin(servers[0].url.rstrip("/") + "/", token_url)
