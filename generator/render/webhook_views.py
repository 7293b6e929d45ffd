"""The webhooks module (`<package>/_webhooks.py`), the client's webhook methods and the docs'
event list: the events as data, their payload types spelled as methods spell them, and how
deliveries are signed (Standard Webhooks unless the config's `webhook_signing` says otherwise)."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir.types import Api, Webhook
from ..webhook_signing import WebhookSigning
from . import python_types
from .filters import SpecText
from .imports import ImportBlock, Imports, import_block, merge, needs

WEBHOOK_SECRET = "webhook_secret"  # the client's argument (and `<PREFIX>_WEBHOOK_SECRET`)


@dataclass(frozen=True)
class WebhookEventView:
    name: SpecText
    type: str  # the payload type, as methods spell it
    where: str | None  # `body` or `header`: where the delivery names its event
    key: SpecText | None
    value: SpecText | None
    doc: SpecText


@dataclass(frozen=True)
class WebhooksView:
    """Everything `_webhooks.py`, the client and the docs say about webhooks (empty: none)."""

    events: tuple[WebhookEventView, ...]
    members: tuple[str, ...]  # the event union's members, each payload type once, in order
    signing: tuple[tuple[str, object], ...]  # the runtime `WebhookSigning`'s arguments
    scheme: str  # how deliveries are signed, for the docs
    secret_env: str
    imports: ImportBlock

    @property
    def secret_argument(self) -> str:
        return WEBHOOK_SECRET


_MODULE = needs("._runtime", "UnknownWebhookEvent", "WebhookEventSpec", "WebhookSigning") | needs(
    "._runtime", "DEFAULT_WEBHOOK_TOLERANCE", "parse_webhook_event", "verify_webhook_signature"
) | needs("typing", "Mapping", "TypeAlias", "Union", "cast") | needs("", "functools")


def webhooks_view(api: Api, types: python_types.PythonTypes) -> WebhooksView:
    spelled = [(hook, types.spell(hook.type)) for hook in api.webhooks]
    members = tuple(dict.fromkeys(s.text for _, s in spelled))
    imports = merge(s.imports for _, s in spelled) | _MODULE
    return WebhooksView(
        events=tuple(_event(hook, s.text) for hook, s in spelled),
        members=members,
        signing=_signing(api.webhook_signing),
        scheme=_scheme(api.webhook_signing),
        secret_env=f"{api.naming.env_prefix}_WEBHOOK_SECRET",
        imports=import_block(imports, depth=0),
    )


def _event(hook: Webhook, type_text: str) -> WebhookEventView:
    return WebhookEventView(
        name=SpecText(hook.name),
        type=type_text,
        where=hook.where,
        key=SpecText(hook.key) if hook.key is not None else None,
        value=SpecText(hook.value) if hook.value is not None else None,
        doc=SpecText(hook.description or ""),
    )


def _signing(signing: WebhookSigning | None) -> tuple[tuple[str, object], ...]:
    """Standard Webhooks is the runtime's default; a custom HMAC names every setting."""
    if signing is None:
        return ()
    return (
        ("kind", "hmac"),
        ("header", SpecText(signing.header)),
        ("algorithm", signing.algorithm),
        ("encoding", signing.encoding),
        ("signed", signing.signed),
        ("timestamp_header", SpecText(signing.timestamp_header) if signing.timestamp_header else None),
        ("id_header", SpecText(signing.id_header) if signing.id_header else None),
        ("prefix", SpecText(signing.prefix)),
        ("secret", signing.secret),
    )


def _scheme(signing: WebhookSigning | None) -> str:
    if signing is None:
        return "Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` headers"
    return f"an HMAC-{signing.algorithm.upper()} of the {signing.signed} in the `{signing.header}` header ({signing.encoding})"


def webhook_imports(api: Api) -> Imports:
    """What the client module imports for its webhook methods (`_webhooks` itself, with its
    events' table, loads in them: the template imports it there and for the checker)."""
    if not api.webhooks:
        return Imports()
    return needs("._runtime", "DEFAULT_WEBHOOK_TOLERANCE") | needs("typing", "TYPE_CHECKING")
