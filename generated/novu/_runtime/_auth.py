"""Attaching credentials to a request according to the operation's security."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field

from ._errors import MissingCredentialsError
from ._settings import ApiSettings, Security, SecurityScheme

__all__ = ["Auth", "Credential", "authenticate"]

# A basic-auth credential may be given as "user:password" or (user, password).
Credential = str | tuple[str, str]


@dataclass
class Auth:
    headers: dict[str, str] = field(default_factory=dict[str, str])
    query: dict[str, str] = field(default_factory=dict[str, str])
    cookies: dict[str, str] = field(default_factory=dict[str, str])


def authenticate(
    settings: ApiSettings, security: Security, credentials: Mapping[str, Credential | None]
) -> Auth:
    """Uses the first alternative whose credentials are all present."""
    auth = Auth()
    if not security:
        return auth
    for alternative in security:
        schemes = [settings.security_schemes[key] for key in alternative]
        if all(credentials.get(scheme.credential) for scheme in schemes):
            for scheme in schemes:
                _apply(scheme, credentials[scheme.credential], auth)
            return auth
    wanted = sorted({settings.security_schemes[key].credential for alt in security for key in alt})
    hints = ", ".join(f"{name}= (or {settings.env_prefix}_{name.upper()})" for name in wanted)
    raise MissingCredentialsError(f"This operation needs credentials: pass {hints}")


def _apply(scheme: SecurityScheme, credential: Credential | None, auth: Auth) -> None:
    if scheme.kind == "apiKey":
        value = str(credential)
        if not value.startswith(scheme.prefix):
            value = scheme.prefix + value
        target = {"header": auth.headers, "query": auth.query, "cookie": auth.cookies}
        target[scheme.location][scheme.parameter_name] = value
    elif scheme.kind == "http" and (scheme.scheme or "").lower() == "basic":
        pair = credential if isinstance(credential, tuple) else str(credential)
        userpass = pair if isinstance(pair, str) else f"{pair[0]}:{pair[1]}"
        token = base64.b64encode(userpass.encode()).decode("ascii")
        auth.headers["Authorization"] = f"Basic {token}"
    else:
        # bearer, oauth2 and openIdConnect: the caller supplies the token itself.
        auth.headers["Authorization"] = f"Bearer {credential}"
