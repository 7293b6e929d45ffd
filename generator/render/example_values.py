"""Placeholder argument values for the README's calls, decided by the IR types.

A string is the argument's or key's own name (or an example of its format), a number 1, a list
one item, a model a dict of its required keys (mypy checks it as the model's TypedDict), an enum
its first value. Values are data: the templates print them with `pyliteral`. A type no literal
can stand for without an import (a datetime, a file) has no placeholder, nor has a dict that
two members of a union would both take (mypy could not tell which one it is).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import EllipsisType
from typing import TypeAlias

from ..ir.types import (
    AliasSchema,
    AnyType,
    EnumSchema,
    ListType,
    LiteralType,
    MapType,
    NullableType,
    ObjectSchema,
    Operation,
    PrimitiveType,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)

Value: TypeAlias = str | int | float | bool | None | list["Value"] | dict[str, "Value"] | EllipsisType

_MAX_DEPTH = 4  # nested models: deeper than this, the example would not help a reader
_NUMBERS: dict[str, Value] = {"int": 1, "float": 1.0, "bool": True}
_FORMATTED: dict[str, Value] = {
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
}


class NoPlaceholder(Exception):
    """The type has no placeholder: the call is not used as an example."""


def argument_types(op: Operation) -> dict[str, TypeNode]:
    """Each argument's IR type, by the argument's name (a body not flattened is `body`)."""
    found = {p.python_name: p.type for p in op.parameters}
    if op.body is not None and op.body.flattened:
        found.update({p.python_name: p.type for p in op.body.properties})
    elif op.body is not None:
        found["body"] = op.body.type
    return found


class Placeholders:
    """Placeholder values for the types of one API (`schemas`: its named schemas by name)."""

    def __init__(self, schemas: Mapping[str, Schema]) -> None:
        self._schemas = schemas

    def value(self, node: TypeNode, name: str, depth: int = 0) -> Value:
        """A value for `node`, a type written where `name` is; raises NoPlaceholder."""
        if depth > _MAX_DEPTH:
            raise NoPlaceholder(name)
        if isinstance(node, PrimitiveType):
            return self._primitive(node, name)
        if isinstance(node, (AnyType, MapType)):
            return {}
        if isinstance(node, LiteralType):
            return node.value
        if isinstance(node, NullableType):
            return self.value(node.inner, name, depth)
        if isinstance(node, ListType):
            return [self.value(node.items, name, depth + 1)]
        if isinstance(node, UnionType):
            return self._union(node, name, depth)
        return self._named(self._schemas[node.name], name, depth)

    @staticmethod
    def _primitive(node: PrimitiveType, name: str) -> Value:
        if node.kind in _NUMBERS:
            return _NUMBERS[node.kind]
        if node.kind not in ("str", "uuid"):
            raise NoPlaceholder(name)  # datetime, date, bytes, files: they need an import
        return _FORMATTED.get(node.format or node.kind, name)

    def _named(self, schema: Schema, name: str, depth: int) -> Value:
        if isinstance(schema, AliasSchema):
            return self.value(schema.target, name, depth + 1)
        if isinstance(schema, EnumSchema):
            if schema.kind == "float":  # taken as the enum class only
                raise NoPlaceholder(name)
            return schema.members[0].value
        if schema.param_name is None:
            raise NoPlaceholder(name)
        sent = [p for p in schema.properties if p.required and not p.read_only]
        return {p.wire_name: self.value(p.type, p.python_name, depth + 1) for p in sent}

    def _union(self, union: UnionType, name: str, depth: int) -> Value:
        """The first member with a placeholder (not None) that no other member's TypedDict would
        take."""
        for member in union.members:
            try:
                value = self.value(member, name, depth)
            except NoPlaceholder:
                continue
            if value is not None and not any(self._takes(other, value) for other in union.members if other != member):
                return value
        raise NoPlaceholder(name)

    def _takes(self, node: TypeNode, value: Value) -> bool:
        """Whether `node`'s TypedDict might take the dict `value`: it has every required key."""
        schema = self._schemas.get(node.name) if isinstance(node, TypeRef) else None
        if not isinstance(value, dict) or not isinstance(schema, ObjectSchema):
            return False
        return all(p.wire_name in value for p in schema.properties if p.required and not p.read_only)
