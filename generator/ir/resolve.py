"""Pass 4: decisions that need every shape at once, made on the finished table.

- `$ref` loops: an alias that names itself through other aliases is an error (typed Any).
- Discriminators: kept when every member is a model with the tag property, and completed
  with each member's tag values; otherwise dropped, with a warning.
- Unions: nested plain unions flattened, duplicates dropped, `None` hoisted out, members
  ordered most specific first (pydantic's lax pass takes the first member that fits).
- Nullable aliases: a reference to an alias of `X | None` is itself nullable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .. import pointer as jp
from .shapes import Report
from .type_maps import map_schema, map_type
from .types import (
    AliasSchema,
    AnyType,
    Discriminator,
    EnumSchema,
    ListType,
    LiteralType,
    MapType,
    NullableType,
    ObjectSchema,
    PrimitiveType,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)

Table = dict[str, Schema]  # by class name


def resolve(table: Table, report: Report) -> Callable[[TypeNode], TypeNode]:
    """Resolve the table in place; returns the same resolution for types outside it."""
    _break_alias_loops(table, report)
    unions = _Unions(dict(table), report)
    aliases = [name for name, schema in table.items() if isinstance(schema, AliasSchema)]
    for name in aliases:  # which aliases are `X | None` may take their unions resolved
        table[name] = map_schema(table[name], unions.resolve)
    nullable = _nullable_aliases(table)

    def mark(node: TypeNode) -> TypeNode:
        return _mark_nullable(node, nullable)

    def finish(node: TypeNode) -> TypeNode:
        return mark(unions.resolve(node))

    for name, schema in list(table.items()):
        table[name] = map_schema(schema, mark if isinstance(schema, AliasSchema) else finish)
    return finish


# --- $ref loops -------------------------------------------------------------------------------


def _break_alias_loops(table: Table, report: Report) -> None:
    for schema in list(table.values()):
        if isinstance(schema, AliasSchema) and _alias_loops(table, schema.name):
            report(schema.pointer, "$ref chain loops with no schema in it", "error")
            table[schema.name] = AliasSchema(schema.name, schema.pointer, AnyType(), schema.docs)


def _alias_loops(table: Table, name: str) -> bool:
    seen: set[str] = set()
    while True:
        schema = table.get(name)
        if not isinstance(schema, AliasSchema) or not isinstance(schema.target, TypeRef):
            return False
        if name in seen:
            return True
        seen.add(name)
        name = schema.target.name


# --- unions and discriminators -------------------------------------------------------------------


class _Unions:
    """Resolves every union in a type, inner unions first."""

    def __init__(self, shapes: Mapping[str, Schema], report: Report) -> None:
        self.shapes, self.report = shapes, report

    def resolve(self, node: TypeNode) -> TypeNode:
        return map_type(node, self._union)

    def _union(self, node: TypeNode) -> TypeNode:
        if not isinstance(node, UnionType):
            return node
        members = _flatten(node.members)
        if len(members) == 1:
            return members[0]
        nullable = any(isinstance(m, NullableType) for m in members)
        plain = tuple(dict.fromkeys(m.inner if isinstance(m, NullableType) else m for m in members))
        discriminator = self._discriminator(node.discriminator, plain)
        ordered = plain if discriminator else tuple(sorted(plain, key=_specificity))
        union = UnionType(ordered, discriminator)
        return NullableType(union) if nullable else union

    def _discriminator(self, written: Discriminator | None, members: tuple[TypeNode, ...]) -> Discriminator | None:
        """The written discriminator, completed, if every member is a model with the property."""
        if written is None:
            return None
        models = self._tagged_models(written.wire_name, members)
        if models is None:
            self.report(
                written.pointer,
                f"discriminator {written.wire_name!r} ignored: every member must be a model with that "
                "property; the union is matched member by member",
                "warning",
            )
            return None
        member_names = {m.name for m in models}
        mapping = [(value, name) for value, name in written.mapping if name in member_names]
        for model in models:
            if not any(name == model.name for _, name in mapping):
                tags = [*self._tag_values(model, written.wire_name), jp.last(model.pointer)]
                mapping.extend((tag, model.name) for tag in dict.fromkeys(tags))
        return Discriminator(written.wire_name, tuple(mapping), pointer=written.pointer)

    def _tagged_models(self, wire_name: str, members: tuple[TypeNode, ...]) -> list[ObjectSchema] | None:
        """The members as models that have the tag property; None if any is not."""
        models = []
        for member in members:
            model = self.shapes.get(member.name) if isinstance(member, TypeRef) else None
            if not isinstance(model, ObjectSchema) or all(p.wire_name != wire_name for p in model.properties):
                return None
            models.append(model)
        return models

    def _tag_values(self, model: ObjectSchema, wire_name: str) -> list[str]:
        """The values a member's own schema allows for the tag: a `const` or a one-value enum."""
        prop = next(p for p in model.properties if p.wire_name == wire_name)
        if isinstance(prop.type, LiteralType) and isinstance(prop.type.value, str):
            return [prop.type.value]
        enum = self.shapes.get(prop.type.name) if isinstance(prop.type, TypeRef) else None
        if isinstance(enum, EnumSchema) and len(enum.members) == 1:
            return [str(enum.members[0].value)]
        return []


def _flatten(members: tuple[TypeNode, ...]) -> list[TypeNode]:
    """Members of plain inner unions become members; each keeps its `| None`."""
    flat: list[TypeNode] = []
    for node in members:
        inner = node.inner if isinstance(node, NullableType) else node
        parts = inner.members if isinstance(inner, UnionType) and inner.discriminator is None else (inner,)
        for part in parts:
            if isinstance(node, NullableType) and not isinstance(part, (AnyType, NullableType)):
                part = NullableType(part)
            if part not in flat:
                flat.append(part)
    return flat


def _specificity(node: TypeNode) -> tuple[int, ...]:
    """Union member order, for pydantic's lax pass, which takes the first member that fits:
    models, enums and constants; then numbers before dates (a number is not a timestamp),
    dates before date-times (a date string is not midnight), strings; then lists and maps
    by their items."""
    if isinstance(node, (TypeRef, LiteralType)):
        return (0,)
    if isinstance(node, PrimitiveType):
        return ({"bool": 1, "int": 2, "float": 3, "date": 4, "datetime": 5, "str": 6}.get(node.kind, 7),)
    if isinstance(node, ListType):
        return (8, *_specificity(node.items))
    if isinstance(node, MapType):
        return (9, *_specificity(node.values))
    return (10,)


# --- nullable aliases ---------------------------------------------------------------------------


def _nullable_aliases(table: Table) -> frozenset[str]:
    """Aliases that are `X | None`, directly or through other aliases."""
    found: set[str] = set()
    for name in table:
        seen: set[str] = set()
        schema = table.get(name)
        while isinstance(schema, AliasSchema) and schema.name not in seen:
            if isinstance(schema.target, NullableType):
                found.add(name)
                break
            if not isinstance(schema.target, TypeRef):
                break
            seen.add(schema.name)
            schema = table.get(schema.target.name)
    return frozenset(found)


def _mark_nullable(node: TypeNode, nullable: frozenset[str]) -> TypeNode:
    def mark(n: TypeNode) -> TypeNode:
        return NullableType(n) if isinstance(n, TypeRef) and n.name in nullable else n

    return map_type(node, mark)
