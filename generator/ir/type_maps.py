"""A function applied to every node of a type, or to every type in a schema (passes 3 and 4).

What the function leaves as it is stays the same object: a type, property or schema is rebuilt
only when something in it changed. Most of a table's types hold nothing a pass changes (a
primitive, a list of strings), so a pass over the whole table costs a walk, not a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .types import (
    AliasSchema,
    AnyType,
    ListType,
    MapType,
    NullableType,
    ObjectSchema,
    Property,
    Schema,
    TypeNode,
    UnionType,
)

TypeMap = Callable[[TypeNode], TypeNode]
_CONTAINERS = frozenset({ListType, MapType, UnionType})  # the nodes with parts


def map_type(node: TypeNode, f: TypeMap) -> TypeNode:
    """`f` applied to every node of a type, inner nodes first (not to a `NullableType` itself)."""
    if isinstance(node, NullableType):
        inner = map_type(node.inner, f)
        if isinstance(inner, (NullableType, AnyType)):
            return inner
        return node if inner is node.inner else NullableType(inner)
    return f(_map_parts(node, f) if type(node) in _CONTAINERS else node)  # most nodes are leaves


def _map_parts(node: TypeNode, f: TypeMap) -> TypeNode:
    """The node with `map_type` applied to its parts; itself when none of them changed."""
    if isinstance(node, ListType):
        items = map_type(node.items, f)
        return node if items is node.items else ListType(items)
    if isinstance(node, MapType):
        values = map_type(node.values, f)
        return node if values is node.values else MapType(values)
    if isinstance(node, UnionType):
        members = tuple(map_type(m, f) for m in node.members)
        return node if _same(members, node.members) else UnionType(members, node.discriminator)
    return node


def map_schema(schema: Schema, f: TypeMap, **changes: Any) -> Schema:
    """`f` applied to a schema's types, and `changes` (its name) made; unchanged, the schema itself."""
    if isinstance(schema, AliasSchema):
        target = f(schema.target)
        if target is not schema.target:
            changes["target"] = target
    elif isinstance(schema, ObjectSchema):
        properties = tuple(map_property(p, f) for p in schema.properties)
        if not _same(properties, schema.properties):
            changes["properties"] = properties
        extra = f(schema.extra) if schema.extra is not None else None
        if extra is not schema.extra:
            changes["extra"] = extra
    return replace(schema, **changes) if changes else schema


def map_property(prop: Property, f: TypeMap) -> Property:
    """A property with `f` applied to its type; a type that became `X | None` sets `nullable`."""
    node = f(prop.type)
    if isinstance(node, NullableType):
        return replace(prop, type=node.inner, nullable=True)
    return prop if node is prop.type else replace(prop, type=node)


def _same(new: tuple[Any, ...], old: tuple[Any, ...]) -> bool:
    return all(a is b for a, b in zip(new, old, strict=True))

