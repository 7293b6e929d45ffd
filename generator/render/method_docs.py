"""A method's docstring: the operation's summary and description, then its arguments as the
spec describes them (description, allowed values, default, deprecation), in signature order."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..ir.types import EnumSchema, ListType, LiteralType, Operation, Schema, TypeNode, TypeRef
from .filters import SpecText, spec_doc
from .paging_docs import paging_sentence

_MOST_VALUES = 20  # an enum longer than this is listed up to here, then "..."


@dataclass(frozen=True)
class _Described:
    description: str | None
    type: TypeNode
    default: tuple[object] | None
    deprecated: bool


def method_doc(op: Operation, order: tuple[str, ...], schemas: Mapping[str, Schema]) -> SpecText:
    """The docstring's text; `order` is the arguments' names as the signature lists them."""
    described = _arguments(op)
    lines = [
        f"    {name}: {text}"
        for name in order
        if name in described and (text := _line(described[name], schemas))
    ]
    deprecated = "Deprecated." if op.docs.deprecated else None
    paging = paging_sentence(op.pagination) if op.pagination is not None else None
    text = spec_doc(op.docs.summary, op.docs.description, deprecated, paging)
    if not lines:
        return text
    # Not through `spec_doc`, whose dedent would take the arguments' indentation away.
    return SpecText("\n\n".join(part for part in (text, "Args:\n" + "\n".join(lines)) if part))


def _arguments(op: Operation) -> dict[str, _Described]:
    found = {
        p.python_name: _Described(
            p.description, p.type, (p.default,) if p.has_default else None, p.deprecated
        )
        for p in op.parameters
    }
    body = op.body
    if body is not None and body.flattened:
        for prop in body.properties:
            default = (prop.default,) if prop.has_default else None
            found[prop.python_name] = _Described(prop.description, prop.type, default, prop.deprecated)
    elif body is not None and body.description:
        found["body"] = _Described(body.description, body.type, None, False)
    return found


def _line(argument: _Described, schemas: Mapping[str, Schema]) -> str:
    """One argument's text on one line (the spec's line breaks become spaces)."""
    parts = ["Deprecated." if argument.deprecated else "", argument.description or ""]
    values = _allowed(argument.type, schemas)
    if values:
        shown = ", ".join(_json(v) for v in values[:_MOST_VALUES])
        parts.append(f"One of: {shown}{', ...' if len(values) > _MOST_VALUES else ''}.")
    if argument.default is not None:
        parts.append(f"Default: {_json(argument.default[0])}.")
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def _allowed(node: TypeNode, schemas: Mapping[str, Schema]) -> list[object]:
    """The values an enum (or a list of one) or a constant allows, else none."""
    if isinstance(node, ListType):
        return _allowed(node.items, schemas)
    if isinstance(node, LiteralType):
        return [node.value]
    schema = schemas.get(node.name) if isinstance(node, TypeRef) else None
    return [m.value for m in schema.members] if isinstance(schema, EnumSchema) else []


def _json(value: object) -> str:
    """A value as the JSON the API reads: `"email"`, `10`, `true`."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
