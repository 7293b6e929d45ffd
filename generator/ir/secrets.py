"""Which model fields hold secrets: masked in `repr()` and `str()` of the generated models (readable
as attributes, sent as given). Decided here, once, by one rule the generated README states:

1. the spec says so: `format: password`, `writeOnly: true`, or the vendor extension
   `x-sensitive` / `x-secret` set to true (set to false, it keeps a field shown whatever its name);
2. the generator config lists it (`secret_fields`: `Schema.property` or a bare property name, by
   wire name);
3. its name says so (any type but a number, a boolean or a date): a last word `secret(s)`,
   `password`, `passwd`, `passphrase`, `token(s)`, `apikey(s)`; `secret` and one more word
   (`secretValue`, not `secretKeyRequestHeader`, which names a header); a last word `key(s)` after another word (`api_key`, `private_key`,
   `signingKeys`), but not the keys that name or point at something (`idempotency_key`,
   `public_key`, `topic_key`, `sort_key`...); `service_account`, `webhook_url`, `connection_string`; and a bare
   `key` (or `value`) in a model whose name is about keys (`ApiKey.key`).

A model holding secret fields masks them wherever it is printed, nested in another model too
(`EnvironmentResponseDto(api_keys=[ApiKey(key='**********')])`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from . import identifiers
from .types import LiteralType, ObjectSchema, PrimitiveType, Property, Schema, TypeNode

SENSITIVE = ("x-sensitive", "x-secret")

_LAST = frozenset({"secret", "secrets", "password", "passwd", "passphrase", "token", "tokens", "apikey", "apikeys"})
_NOT_SECRET_KEYS = frozenset(
    {"idempotency", "public", "primary", "foreign", "sort", "partition", "cache", "lookup", "object",
     "translation", "i18n", "template", "layout", "workflow", "step", "group", "map", "dedup", "deduplication",
     "ordering", "routing", "message", "event", "locale", "storage", "row", "hash", "search", "feature",
     "topic", "digest", "subscriber", "tenant", "environment", "integration", "provider", "channel", "category",
     "type", "name", "external", "resource", "entity", "record", "item", "product", "order", "field", "column",
     "attribute", "property", "index", "unique", "natural", "composite", "variable", "metadata", "label", "tag"}
)  # fmt: skip
_PAIRS = (("service", "account"), ("webhook", "url"), ("connection", "string"))
_SHOWN_TYPES = frozenset({"int", "float", "bool", "date", "datetime"})


def flagged(schema: dict[str, Any]) -> bool | None:
    """What the property's own schema says: True (a secret), False (shown, whatever its name),
    or None (it says nothing; the name decides)."""
    for key in SENSITIVE:
        if isinstance(schema.get(key), bool):
            return bool(schema[key])
    if schema.get("format") == "password" or schema.get("writeOnly") is True:
        return True
    return None


def named_secret(wire_name: str, prop_type: TypeNode, model_name: str = "") -> bool:
    """Rule 3: the property's name (and its model's) says it holds a secret."""
    if _shown_type(prop_type):
        return False
    said = _name_says(wire_name)
    return _about_keys(model_name) if said is None else said


@lru_cache(maxsize=1 << 16)  # `id`, `name`, `url` in every model
def _name_says(wire_name: str) -> bool | None:
    """Rule 3 on the property's name alone; None for a bare `key` or `value`, which its model's
    name decides."""
    words = identifiers.words(wire_name)
    if not words:
        return False
    if len(words) == 1 and words[0] in ("key", "value"):
        return None
    return _secret_words(words)


def _secret_words(words: tuple[str, ...]) -> bool:
    last = words[-1]
    if last in _LAST or (len(words) == 2 and words[0] == "secret"):
        return True
    if len(words) > 1 and last in ("key", "keys"):
        return words[-2] not in _NOT_SECRET_KEYS
    return tuple(words[-2:]) in _PAIRS


def _about_keys(model_name: str) -> bool:
    words = identifiers.words(model_name)
    return "key" in words or "keys" in words or "apikey" in words


def _shown_type(prop_type: TypeNode) -> bool:
    if isinstance(prop_type, PrimitiveType):
        return prop_type.kind in _SHOWN_TYPES
    return isinstance(prop_type, LiteralType)


def mark_secrets(schemas: dict[str, Schema], configured: tuple[str, ...]) -> dict[str, Schema]:
    """Every model's fields marked by rules 2 and 3, on top of what `model_property` read (rule 1)."""
    listed = frozenset(configured)
    return {
        name: _marked(schema, listed) if isinstance(schema, ObjectSchema) else schema
        for name, schema in schemas.items()
    }


def _marked(schema: ObjectSchema, listed: frozenset[str]) -> ObjectSchema:
    properties = tuple(_marked_property(schema.name, p, listed) for p in schema.properties)
    return schema if properties == schema.properties else replace(schema, properties=properties)


def _marked_property(model: str, prop: Property, listed: frozenset[str]) -> Property:
    if prop.secret or prop.marked is False:
        return prop
    chosen = bool(listed) and (prop.wire_name in listed or f"{model}.{prop.wire_name}" in listed)
    if chosen or named_secret(prop.wire_name, prop.type, model):
        return replace(prop, secret=True)
    return prop
