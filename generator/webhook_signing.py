"""The `webhook_signing` config key: how an API that does not follow Standard Webhooks signs
its deliveries (Apideck's `x-apideck-signature`, a hex HMAC-SHA256 of the body; GitHub's
`X-Hub-Signature-256: sha256=...`). Without it, the SDK verifies Standard Webhooks signatures.

    webhook_signing:
      header: x-apideck-signature    # required: where the signature is
      algorithm: sha256              # sha1, sha256 (default), sha512
      encoding: hex                  # hex (default) or base64
      signed: body                   # body (default), timestamp.body, id.timestamp.body
      timestamp_header: ...          # required when `signed` names the timestamp; checked against a tolerance
      id_header: ...                 # required when `signed` names the id
      prefix: "sha256="              # text before the signature in the header (default none)
      secret: text                   # the secret's UTF-8 bytes (default) or base64
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_HEADER = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_CHOICES = {
    "algorithm": ("sha256", "sha1", "sha512"),
    "encoding": ("hex", "base64"),
    "signed": ("body", "timestamp.body", "id.timestamp.body"),
    "secret": ("text", "base64"),
}
_HEADERS = ("header", "timestamp_header", "id_header")
KEYS = (*_HEADERS[:1], *_CHOICES, *_HEADERS[1:], "prefix")


class Problem(str):
    """What is wrong, and which key inside `webhook_signing` it is about (for its line)."""

    key: str = ""


def _at(key: str, message: str) -> Problem:
    problem = Problem(f"webhook_signing: {message}")
    problem.key = key
    return problem


@dataclass(frozen=True)
class WebhookSigning:
    """A custom HMAC signature, as the runtime's `WebhookSigning(kind="hmac", ...)` takes it."""

    header: str
    algorithm: str = "sha256"
    encoding: str = "hex"
    signed: str = "body"
    timestamp_header: str | None = None
    id_header: str | None = None
    prefix: str = ""
    secret: str = "text"


def check(value: Any) -> tuple[WebhookSigning | None, str | None]:
    """(the signing, None), or (None, what is wrong with the value)."""
    if not isinstance(value, dict):
        return None, "config key 'webhook_signing' must be a mapping with at least 'header'"
    unknown = sorted(str(k) for k in value if k not in KEYS)
    if unknown:
        return None, _at(unknown[0], f"no key {unknown[0]!r} (known: {', '.join(KEYS)})")
    problem = _problem(value)
    if problem is not None:
        return None, problem
    return WebhookSigning(**{str(k): v for k, v in value.items()}), None


def _problem(value: dict[str, Any]) -> Problem | None:
    return _headers_problem(value) or _choices_problem(value) or _shape_problem(value)


def _headers_problem(value: dict[str, Any]) -> Problem | None:
    for key in _HEADERS:
        given = value.get(key)
        if (given is not None or key == "header") and not (isinstance(given, str) and _HEADER.fullmatch(given)):
            return _at(key, f"{key!r} must be an HTTP header name")
    return None


def _choices_problem(value: dict[str, Any]) -> Problem | None:
    for key, allowed in _CHOICES.items():
        if key in value and value[key] not in allowed:
            return _at(key, f"{key!r} must be one of {', '.join(allowed)}; got {value[key]!r}")
    return None


def _shape_problem(value: dict[str, Any]) -> Problem | None:
    """The prefix, and the headers what is signed needs."""
    prefix = value.get("prefix", "")
    if not isinstance(prefix, str) or len(prefix) > 50 or not prefix.isprintable():
        return _at("prefix", "'prefix' must be a short printable string")
    signed = str(value.get("signed", "body"))
    for part, key in (("timestamp", "timestamp_header"), ("id", "id_header")):
        if part in signed.split(".") and key not in value:
            return _at("signed", f"signed: {signed} needs {key!r}")
    return None
