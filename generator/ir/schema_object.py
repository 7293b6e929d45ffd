"""One schema object read on its own, without following a `$ref`: its types, enum values,
required names, nullability, additional properties and docs, as plain values; the IR type of a
primitive; and a model's property from its schema and type.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .. import pointer as jp
from . import identifiers, secrets
from .types import AnyType, Docs, LiteralType, NullableType, PrimitiveType, Property, TypeNode

_STRING_FORMATS: dict[str, PrimitiveType] = {
    "date-time": PrimitiveType("datetime", "date-time"),
    "date": PrimitiveType("date", "date"),
    "binary": PrimitiveType("file", "binary"),
}


def field_names(properties: dict[str, Any], renamed: Mapping[str, str] | None = None) -> dict[str, str]:
    """Attribute names: one the config renames (`renamed`, by wire name) takes its new name first,
    a wire name that is already a Python name keeps it; the others give way in sorted order, so
    the result does not depend on the order properties are written in."""
    fixed = {w: identifiers.field_name(n) for w, n in (renamed or {}).items() if w in properties}
    names, claimed, rest = dict(fixed), set(fixed.values()), []
    for wire_name in properties:
        if wire_name in fixed:
            continue
        if identifiers.field_name(wire_name) == wire_name and wire_name not in claimed:
            names[wire_name] = wire_name
        else:
            rest.append(wire_name)
    taken = set(names.values())
    for wire_name in sorted(rest):
        names[wire_name] = identifiers.unique(identifiers.field_name(wire_name), taken, sep="_")
    return names


def model_property(wire_name: str, python_name: str, prop_type: TypeNode, required: bool, schema: Any) -> Property:
    """A model's property: a `| None` on its type becomes `nullable`; its schema's flags are read."""
    flags = schema if isinstance(schema, dict) else {}
    marked = secrets.flagged(flags)
    return Property(
        wire_name=wire_name,
        python_name=python_name,
        type=prop_type.inner if isinstance(prop_type, NullableType) else prop_type,
        required=required,
        nullable=isinstance(prop_type, NullableType),
        description=text_or_none(flags.get("description")),
        read_only=flags.get("readOnly") is True,
        write_only=flags.get("writeOnly") is True,
        secret=marked is True,  # the name and the config: `secrets.mark_secrets`
        marked=marked,
        deprecated=flags.get("deprecated") is True,
        default=flags.get("default"),
        has_default="default" in flags,
    )


def additional_schema(schema: dict[str, Any], pointer: str) -> tuple[Any, str]:
    """additionalProperties, or the one schema patternProperties gives (any value if several),
    with the pointer it is written at (a schema under it is named and located from there)."""
    if "additionalProperties" in schema or "patternProperties" not in schema:
        return schema.get("additionalProperties"), f"{pointer}/additionalProperties"
    patterns = schema["patternProperties"]
    values = [(k, v) for k, v in patterns.items() if isinstance(v, dict)] if isinstance(patterns, dict) else []
    if len(values) != 1:
        return True, f"{pointer}/patternProperties"
    key, value = values[0]
    return value, jp.join(pointer, "patternProperties", key)


def is_component(pointer: str) -> bool:
    return pointer.count("/") == 3 and pointer.startswith("/components/schemas/")


def non_null_types(schema: dict[str, Any]) -> list[Any]:
    types = schema.get("type")
    if isinstance(types, list):
        return [t for t in types if t != "null"]
    return [types]


def enum_values(schema: dict[str, Any]) -> list[Any]:
    """The non-null values of an `enum`; empty when there is none (a `null`-only enum included)."""
    values = schema.get("enum")
    return [v for v in values if v is not None] if isinstance(values, list) else []


def boolean_enum(values: list[Any]) -> TypeNode:
    """`enum: [true]` (Stripe's `deleted`) is the constant True, not an enum of the text "true"."""
    return LiteralType(values[0]) if len(set(values)) == 1 else PrimitiveType("bool")


def with_null(node: TypeNode, nullable: bool) -> TypeNode:
    if not nullable or isinstance(node, (NullableType, AnyType)):
        return node
    return NullableType(node)


def required_names(schema: dict[str, Any]) -> list[str]:
    """`required` as a list of names; anything else (`required: yes` in a lenient run) is ignored."""
    names = schema.get("required")
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def declares_null(schema: dict[str, Any]) -> bool:
    types = schema.get("type")
    enum = schema.get("enum")
    return (
        schema.get("nullable") is True
        or (isinstance(types, list) and "null" in types)
        or (isinstance(enum, list) and None in enum)
    )


def primitive(kind: Any, fmt: Any) -> TypeNode:
    if isinstance(kind, str) and kind in ("string", "integer", "number", "boolean"):
        return _primitive(kind, fmt if isinstance(fmt, str) else None)
    return AnyType()


@lru_cache(maxsize=1 << 10)
def _primitive(kind: str, fmt: str | None) -> PrimitiveType:
    """One instance per kind and format, shared: GitHub's 33k primitive types are 14 objects."""
    if kind == "string":
        return _STRING_FORMATS.get(fmt or "", PrimitiveType("str", fmt))
    if kind == "integer":
        return PrimitiveType("int", fmt)
    if kind == "number":
        return PrimitiveType("float", fmt)
    return PrimitiveType("bool")


def enum_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text_or_none(value: Any) -> str | None:
    """Spec prose (a description, a summary), or None when absent, blank or not a string."""
    return value if isinstance(value, str) and value.strip() else None


def docs_of(schema: dict[str, Any]) -> Docs:
    return Docs(
        summary=text_or_none(schema.get("title")),
        description=text_or_none(schema.get("description")),
        deprecated=schema.get("deprecated") is True,
    )
