"""Webhooks: the requests the API sends to its users (OpenAPI 3.1 `webhooks`, and the
`x-webhooks` extension in 3.0), each with its payload's schema and what tells its deliveries
apart. Read in pass 1 beside the operations (the payloads become models); typed in `finish`.

A delivery names its event in one of three ways, tried in this order:
1. a header the operation declares whose name is also an extension of the operation giving the
   value (Apideck: `x-apideck-event-type: crm.activity.created`);
2. a payload property (`type`, `event`, `event_type`, `eventType`, or the schema's discriminator)
   with one constant value;
3. with several webhooks, a `type`/`event` string property holding the webhook's name.
Otherwise the payload's model alone tells it (the first model it fits).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from .. import pointer as jp
from .operations import HTTP_METHODS, _Reader
from .schema_names import SchemaUse
from .schema_object import text_or_none
from .shapes import Report
from .types import TypeNode, Webhook

_EVENT_PROPERTIES = ("type", "event", "event_type", "eventType")


@dataclass(frozen=True)
class WebhookSpec:
    """One webhook as the spec writes it, before its payload has a type."""

    name: str
    use: SchemaUse
    description: str | None
    where: Literal["body", "header"] | None
    key: str | None
    value: str | None

    def typed(self, type_of: TypeNode) -> Webhook:
        return Webhook(self.name, type_of, self.description, self.where, self.key, self.value)


def read_webhooks(document: dict[str, Any], report: Report, signing_configured: bool) -> list[WebhookSpec]:
    """Every webhook with a request body, by name within `webhooks` then `x-webhooks`.

    A webhook that declares a signature header other than Standard Webhooks' gets a warning
    when the config does not say how it is signed (`webhook_signing`): verification would fail."""
    reader = _Reader(document, report, None, "tags")
    found: list[WebhookSpec] = []
    warned, several = signing_configured, _many(document)
    for name, op, pointer in _operations(document, reader):
        header = None if warned else _signature_header(op, reader)
        if header is not None:
            warned = True
            message = f"webhook {name!r} is signed in the {header!r} header, not as Standard Webhooks;"
            report(pointer, f"{message} describe it with `webhook_signing` in the generator config", "warning")
        body = reader.body(op, pointer, f"{name} Webhook Payload")
        if body is None:
            continue
        schema, _ = reader.deref(body.use.schema, body.use.pointer)
        description = text_or_none(op.get("description")) or text_or_none(op.get("summary"))
        where, key, value = _announced(name, op, reader, schema, several)
        found.append(WebhookSpec(name, body.use, description, where, key, value))
    return found


def _operations(document: dict[str, Any], reader: _Reader) -> Iterator[tuple[str, dict[str, Any], str]]:
    for section in ("webhooks", "x-webhooks"):
        webhooks = document.get(section)
        for name, item in sorted(webhooks.items()) if isinstance(webhooks, dict) else ():
            if str(name).startswith("x-"):
                continue  # an extension inside the map (`x-sdk-exclude`), not a webhook
            item, item_pointer = reader.deref(item, jp.join(f"/{section}", name))
            for method in HTTP_METHODS:
                op = item.get(method) if isinstance(item, dict) else None
                if isinstance(op, dict):
                    yield str(name), op, jp.join(f"/{section}", name, method)


def _many(document: dict[str, Any]) -> bool:
    count = 0
    for section in ("webhooks", "x-webhooks"):
        hooks = document.get(section)
        count += sum(1 for k in hooks if not str(k).startswith("x-")) if isinstance(hooks, dict) else 0
    return count > 1


def _announced(
    name: str, op: dict[str, Any], reader: _Reader, schema: Any, several: bool
) -> tuple[Literal["body", "header"] | None, str | None, str | None]:
    """Where a delivery of this webhook names its event, and the value it writes there."""
    header = _event_header(op, reader)
    if header is not None:
        return "header", header[0], header[1]
    properties = _properties(schema, reader)
    for key in _event_keys(schema):
        value = _constant(properties.get(key), reader)
        if value is not None:
            return "body", key, value
    for key in _EVENT_PROPERTIES[:2]:
        if several and _is_string(properties.get(key), reader):
            return "body", key, name
    return None, None, None


def _event_header(op: dict[str, Any], reader: _Reader) -> tuple[str, str] | None:
    """A declared header parameter named like an `x-...-event-type` extension of the operation."""
    headers = set()
    for raw in op.get("parameters") or []:
        param, _ = reader.deref(raw, "")
        if isinstance(param, dict) and param.get("in") == "header" and isinstance(param.get("name"), str):
            headers.add(param["name"].lower())
    for key, value in sorted(op.items()):
        if str(key).lower().endswith("event-type") and str(key).lower() in headers and isinstance(value, str):
            return str(key), value
    return None


def _signature_header(op: dict[str, Any], reader: _Reader) -> str | None:
    for raw in op.get("parameters") or []:
        param, _ = reader.deref(raw, "")
        name = param.get("name") if isinstance(param, dict) and param.get("in") == "header" else None
        if isinstance(name, str) and "signature" in name.lower() and name.lower() != "webhook-signature":
            return name
    return None


def _event_keys(schema: Any) -> list[str]:
    discriminator = schema.get("discriminator") if isinstance(schema, dict) else None
    named = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    return ([named] if isinstance(named, str) else []) + list(_EVENT_PROPERTIES)


def _properties(schema: Any, reader: _Reader) -> dict[str, Any]:
    """The properties of an object schema, with those of its `allOf` members."""
    found: dict[str, Any] = {}
    for part in [schema, *(schema.get("allOf") or [] if isinstance(schema, dict) else [])]:
        part, _ = reader.deref(part, "")
        if isinstance(part, dict) and isinstance(part.get("properties"), dict):
            found.update(part["properties"])
    return found


def _constant(schema: Any, reader: _Reader) -> str | None:
    schema, _ = reader.deref(schema, "")
    if not isinstance(schema, dict):
        return None
    if isinstance(schema.get("const"), str):
        return str(schema["const"])
    enum = schema.get("enum")
    return enum[0] if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str) else None


def _is_string(schema: Any, reader: _Reader) -> bool:
    schema, _ = reader.deref(schema, "")
    return isinstance(schema, dict) and schema.get("type") == "string"
