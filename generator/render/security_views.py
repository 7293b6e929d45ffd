"""The client's credentials as the templates print them: each security scheme, with the
`clientCredentials` flow the client runs for it (names and values from the IR)."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir.types import SecurityScheme
from . import python_types
from .filters import SpecText
from .imports import Imports, needs


@dataclass(frozen=True)
class SecurityView:
    """A security scheme; `credential` is the client's argument, `env_var` its fallback (IR names)."""

    key: SpecText
    kind: str
    location: str
    parameter_name: SpecText
    scheme: SpecText | None
    prefix: SpecText
    credential: str
    credential_type: str
    env_var: str
    doc: SpecText
    flows: tuple[str, ...]  # the OAuth2 flows the spec lists that the caller runs (not the SDK)
    token_provider: bool  # the argument also takes a callable giving the token
    client_credentials: ClientCredentialsView | None


@dataclass(frozen=True)
class ClientCredentialsView:
    """A `clientCredentials` flow the client runs: its token URL and arguments (IR names)."""

    token_url: SpecText
    client_id: str
    client_secret: str
    client_id_env: str
    client_secret_env: str
    scopes: tuple[SpecText, ...]


def security_view(scheme: SecurityScheme) -> tuple[SecurityView, Imports]:
    credential_type = python_types.credential(scheme.kind, basic=scheme.scheme == "basic")
    flow = scheme.client_credentials
    granted = None
    if flow is not None:
        granted = ClientCredentialsView(
            token_url=SpecText(flow.token_url),
            client_id=flow.client_id,
            client_secret=flow.client_secret,
            client_id_env=flow.client_id_env,
            client_secret_env=flow.client_secret_env,
            scopes=tuple(SpecText(s) for s in flow.scopes),
        )
    view = SecurityView(
        key=SpecText(scheme.key),
        kind=scheme.kind,
        location=scheme.location,
        parameter_name=SpecText(scheme.parameter_name),
        scheme=SpecText(scheme.scheme) if scheme.scheme is not None else None,
        prefix=SpecText(scheme.prefix),
        credential=scheme.python_name,
        credential_type=credential_type.text,
        env_var=scheme.env_var,
        doc=SpecText(scheme.description or ""),
        flows=tuple(f for f in scheme.flows if granted is None or f != "clientCredentials"),
        token_provider="TokenProvider" in credential_type.text,
        client_credentials=granted,
    )
    imports = credential_type.imports
    if granted is not None:
        imports |= needs("._runtime", "ClientCredentialsFlow")
    return view, imports
