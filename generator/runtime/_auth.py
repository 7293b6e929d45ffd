"""Attaching credentials to a request according to the operation's security: which
alternative of the requirement the client's credentials meet, and what each scheme sends.
A token obtained per call (``_oauth``) is only named here (``Auth.token_scheme``)."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field

from ._errors import MissingCredentialsError
from ._oauth import TokenProvider
from ._settings import ApiSettings, Security, SecurityScheme

__all__ = ["Auth", "Credential", "authenticate", "refuse_no_credentials"]

# A basic-auth credential may be given as "user:password" or (user, password); an
# OAuth2 or OpenID Connect token as a string or a token provider.
Credential = str | tuple[str, str] | TokenProvider


@dataclass
class Auth:
    """The headers, query parameters and cookies one call's credentials add."""

    headers: dict[str, str] = field(default_factory=dict[str, str])
    query: dict[str, str] = field(default_factory=dict[str, str])
    cookies: dict[str, str] = field(default_factory=dict[str, str])
    token_scheme: str | None = None  # the scheme whose bearer token is obtained per call


def authenticate(
    settings: ApiSettings, security: Security, credentials: Mapping[str, Credential | None]
) -> Auth:
    """Uses the first alternative whose credentials are all present."""
    auth = Auth()
    if not security:
        return auth
    for alternative in security:
        schemes = [(key, settings.security_schemes[key]) for key in alternative]
        if all(_available(scheme, credentials) for _, scheme in schemes):
            for key, scheme in schemes:
                _apply(key, scheme, credentials.get(scheme.credential), auth)
            return auth
    hints = credential_hints(settings, security)
    raise MissingCredentialsError(f"This operation needs credentials: pass {hints}")


def refuse_no_credentials(
    settings: ApiSettings, credentials: Mapping[str, Credential | None]
) -> None:
    """A client made without any credential for an API whose every operation needs one
    fails when it is made, not at its first call. One made with only a webhook secret
    is for verifying webhooks, and is let be."""
    if not settings.credentials_required or credentials.get("webhook_secret"):
        return
    schemes = settings.security_schemes
    if any(_available(scheme, credentials) for scheme in schemes.values()):
        return
    each = tuple((key,) for key in sorted(schemes))
    hints = credential_hints(settings, settings.default_security or each)
    raise MissingCredentialsError(f"Every operation of this API needs credentials: pass {hints}")


def credential_hints(settings: ApiSettings, security: Security) -> str:
    """What to pass to meet ``security``: its alternatives joined by "; or ", the schemes
    one needs by " and ", e.g. ``api_key= (or X_API_KEY) and app_id= (or X_APP_ID)``."""
    options = (
        " and ".join(_scheme_hint(settings, key) for key in alternative)
        for alternative in security
        if alternative
    )
    return "; or ".join(dict.fromkeys(options))


def _scheme_hint(settings: ApiSettings, key: str) -> str:
    """A scheme's credential, or (OAuth2 client credentials) the id and secret that fetch one."""
    scheme = settings.security_schemes[key]
    hint = _hint(settings.env_prefix, [scheme.credential])
    flow = scheme.client_credentials
    if flow is not None:
        hint += ", or " + _hint(settings.env_prefix, [flow.client_id, flow.client_secret])
    return hint


def _hint(prefix: str, names: list[str]) -> str:
    given = " and ".join(f"{name}=" for name in names)
    return f"{given} (or {' and '.join(f'{prefix}_{name.upper()}' for name in names)})"


def _available(scheme: SecurityScheme, credentials: Mapping[str, Credential | None]) -> bool:
    """Whether the client can send this scheme: its credential, or what fetches one."""
    if credentials.get(scheme.credential):
        return True
    flow = scheme.client_credentials
    return (
        flow is not None
        and bool(credentials.get(flow.client_id))
        and bool(credentials.get(flow.client_secret))
    )


def _apply(key: str, scheme: SecurityScheme, credential: Credential | None, auth: Auth) -> None:
    if callable(credential) or not credential:  # a token provider, or client credentials
        auth.token_scheme = key
    elif scheme.kind == "apiKey":
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
