"""Webhooks the API sends: checking that a delivery is the API's (``verify_webhook_signature``) and reading
it as the typed event it announces (``parse_webhook_event``).

Signatures follow the Standard Webhooks specification unless the API signs differently
(``WebhookSigning`` from the generator config): ``webhook-id``, ``webhook-timestamp`` and
``webhook-signature`` headers, the signature an HMAC-SHA256 of ``id.timestamp.body`` under
the ``whsec_``-prefixed base64 secret, several space-separated ``v1,`` signatures while keys
rotate, and a timestamp within a tolerance either side of now. Every comparison is
constant-time. An event is matched by a property or header naming its type, else by which
payload model it fits; one the SDK does not know is an ``UnknownWebhookEvent`` unless strict.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from ._errors import APIError

__all__ = [
    "DEFAULT_WEBHOOK_TOLERANCE",
    "UnknownWebhookEvent",
    "WebhookEventSpec",
    "WebhookSigning",
    "WebhookVerificationError",
    "parse_webhook_event",
    "verify_webhook_signature",
]

DEFAULT_WEBHOOK_TOLERANCE = 300.0  # seconds either side of now
_STANDARD_PREFIX = "whsec_"


class WebhookVerificationError(APIError):
    """A webhook delivery that cannot be shown to come from the API: a missing header,
    a bad signature, a timestamp outside the tolerance, or an unknown event when strict."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class WebhookSigning:
    """How the API signs deliveries: ``standard`` (Standard Webhooks) or ``hmac``, an HMAC
    of ``signed`` (``body``, ``timestamp.body`` or ``id.timestamp.body``) in ``header``,
    encoded as ``encoding`` after an optional ``prefix`` (``sha256=``); ``secret`` says
    whether the secret is used as its UTF-8 text or base64-decoded."""

    kind: Literal["standard", "hmac"] = "standard"
    header: str = "webhook-signature"
    algorithm: Literal["sha1", "sha256", "sha512"] = "sha256"
    encoding: Literal["hex", "base64"] = "base64"
    signed: Literal["body", "timestamp.body", "id.timestamp.body"] = "id.timestamp.body"
    timestamp_header: str | None = "webhook-timestamp"
    id_header: str | None = "webhook-id"
    prefix: str = ""
    secret: Literal["text", "base64"] = "base64"


@dataclass(frozen=True)
class WebhookEventSpec:
    """One event the API sends: its payload type, and what names it on the wire (a body
    property or a header whose value is ``value``), if anything does."""

    name: str
    model: Any
    where: Literal["body", "header"] | None = None
    key: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class UnknownWebhookEvent:
    """A verified event this SDK does not know: its type, if the payload names one, and
    its decoded JSON."""

    type: str | None
    data: Any


def verify_webhook_signature(
    payload: str | bytes,
    headers: Mapping[str, str],
    secret: str | bytes,
    signing: WebhookSigning,
    *,
    tolerance: float = DEFAULT_WEBHOOK_TOLERANCE,
    now: float | None = None,
) -> None:
    """Raises ``WebhookVerificationError`` unless ``payload`` is signed with ``secret``."""
    if not secret:
        raise TypeError("secret= is required to verify a webhook")
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    found = _header(lower, signing.header)
    if signing.timestamp_header is not None:
        stamp = _header(lower, signing.timestamp_header)
        _check_time(stamp, tolerance, time.time() if now is None else now)
    signed = _signed_content(payload, lower, signing)
    digest = hmac.new(_key(secret, signing), signed, signing.algorithm).digest()
    expected = _encode(digest, signing.encoding)
    if not any(hmac.compare_digest(expected, given) for given in _signatures(found, signing)):
        raise WebhookVerificationError("No matching signature found")


def _signed_content(
    payload: str | bytes, headers: Mapping[str, str], signing: WebhookSigning
) -> bytes:
    """What the API signs: the body, after the id and timestamp headers where it says so."""
    parts = {"body": payload.encode() if isinstance(payload, str) else bytes(payload)}
    names = signing.signed.split(".")
    for name, header in (("timestamp", signing.timestamp_header), ("id", signing.id_header)):
        if name in names and header is not None:
            parts[name] = _header(headers, header).encode()
    return b".".join(parts[name] for name in names)


def parse_webhook_event(
    payload: str | bytes,
    headers: Mapping[str, str],
    events: tuple[WebhookEventSpec, ...],
    *,
    strict: bool = False,
) -> Any:
    """The payload as the event it is: the model of the event whose type it announces (or
    the first model it fits, when no event names its type), else ``UnknownWebhookEvent``;
    with ``strict``, an event it cannot be read as raises ``WebhookVerificationError``."""
    from pydantic import ValidationError

    data = _decode(payload)
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    kind, candidates = _candidates(events, data, lower)
    for event in candidates:
        try:
            return _adapter(event.model).validate_python(data)
        except ValidationError:
            continue
    if strict:
        raise WebhookVerificationError(f"not a webhook event this SDK knows (type {kind!r})")
    return UnknownWebhookEvent(type=kind, data=data)


def _candidates(
    events: tuple[WebhookEventSpec, ...], data: Any, headers: Mapping[str, str]
) -> tuple[str | None, list[WebhookEventSpec]]:
    """The event type a delivery announces, and the events to read it as, in order: those
    that name that type, then those whose deliveries name none."""
    named = [e for e in events if e.where is not None]
    kind = _announced(named[0], data, headers) if named else _type_property(data)
    matched = [e for e in named if _announced(e, data, headers) == e.value]
    return kind, matched + [e for e in events if e.where is None]


@functools.cache
def _adapter(model: Any) -> Any:
    """One pydantic ``TypeAdapter`` per payload type, built when first needed."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def _announced(event: WebhookEventSpec, data: Any, headers: Mapping[str, str]) -> str | None:
    """The event type a delivery announces where ``event`` says it is written."""
    key = event.key or ""
    if event.where == "header":
        return headers.get(key.lower())
    value = cast("dict[str, object]", data).get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _type_property(data: Any) -> str | None:
    """The event type a payload names by a usual property, when the spec says nothing about it."""
    for key in ("type", "event", "event_type", "kind"):
        value = cast("dict[str, object]", data).get(key) if isinstance(data, dict) else None
        if isinstance(value, str):
            return value
    return None


def _decode(payload: str | bytes) -> Any:
    try:
        return json.loads(payload)
    except ValueError:
        raise WebhookVerificationError("webhook payload is not JSON") from None


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name.lower())
    if not value:
        raise WebhookVerificationError(f"Missing required header {name!r}")
    return value


def _check_time(stamp: str, tolerance: float, now: float) -> None:
    try:
        sent = int(stamp)
    except ValueError:
        raise WebhookVerificationError("Invalid signature timestamp") from None
    if sent < now - tolerance:
        raise WebhookVerificationError("Message timestamp too old")
    if sent > now + tolerance:
        raise WebhookVerificationError("Message timestamp too new")


def _key(secret: str | bytes, signing: WebhookSigning) -> bytes:
    if isinstance(secret, bytes):
        return secret
    if signing.secret == "text":
        return secret.encode()
    encoded = secret.removeprefix(_STANDARD_PREFIX)
    try:
        return base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except binascii.Error:
        raise TypeError("secret= must be a base64 secret (whsec_...)") from None


def _encode(digest: bytes, encoding: str) -> str:
    return digest.hex() if encoding == "hex" else base64.b64encode(digest).decode()


def _signatures(header: str, signing: WebhookSigning) -> list[str]:
    """The signatures a header holds: Standard Webhooks' ``v1,`` entries, else the one value
    after its prefix (several, comma- or space-separated, while keys rotate)."""
    if signing.kind == "standard":
        entries = (entry.partition(",") for entry in header.split())
        return [sig for version, _, sig in entries if version == "v1"]
    values = header.replace(",", " ").split()
    return [v[len(signing.prefix) :] for v in values if v.startswith(signing.prefix)]
