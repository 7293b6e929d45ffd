"""Valid example arguments for an operation, built from the generator's IR.

Two readings of every value are built side by side: the *wire* value (the JSON
the server must receive) and the *argument* (what a user passes to the generated
method: model instances, enum members, datetimes). The contract test passes the
arguments and checks that the request carries exactly the wire values.

Two variants per operation: `required` fills in only what the spec requires,
`full` also every optional parameter and property (down to a small depth), so
that every name and type the generator printed travels over the wire once.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

from generator.ir.types import (
    AliasSchema,
    AnyType,
    Api,
    EnumSchema,
    ListType,
    LiteralType,
    MapType,
    NullableType,
    Operation,
    Parameter,
    PrimitiveType,
    Property,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)

Variant = Literal["required", "full"]

# Optional properties are filled in down to this many nested objects (the spec has
# recursive schemas; required properties are always filled in).
FULL_DEPTH = 3

_PRIMITIVE_WIRE: dict[str, Any] = {
    "str": "example",
    "int": 1,
    "float": 1,
    "bool": True,
    "datetime": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "uuid": "12345678-1234-5678-1234-567812345678",
}

_PRIMITIVE_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
    "bytes": bytes,
    "datetime": datetime.datetime,
    "date": datetime.date,
    "uuid": uuid.UUID,
}

_FORMATTED_STRINGS: dict[str, str] = {
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
}


@dataclass
class Call:
    """One call of a generated method and the request it must produce."""

    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)  # wire name -> value in the URL
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None  # the JSON body, or None when none is sent
    has_body: bool = False


class Examples:
    def __init__(self, api: Api, models: ModuleType) -> None:
        self.schemas: dict[str, Schema] = {schema.name: schema for schema in api.schemas}
        self.models = models

    # --- wire values ---------------------------------------------------------------

    def wire(self, node: TypeNode, variant: Variant = "required", depth: int = 0) -> Any:
        """A JSON value valid for `node`."""
        if isinstance(node, PrimitiveType):
            if node.kind == "str" and node.format in _FORMATTED_STRINGS:
                return _FORMATTED_STRINGS[node.format]
            if node.kind in ("bytes", "file"):
                return "example"
            return _PRIMITIVE_WIRE[node.kind]
        if isinstance(node, AnyType):
            return "example"
        if isinstance(node, LiteralType):
            return node.value
        if isinstance(node, NullableType):
            return self.wire(node.inner, variant, depth)
        if isinstance(node, ListType):
            return [self.wire(node.items, variant, depth)]
        if isinstance(node, MapType):
            return {"key": self.wire(node.values, variant, depth)}
        if isinstance(node, UnionType):
            return self.wire(self.pick(node, variant, depth), variant, depth)
        if isinstance(node, TypeRef):
            schema = self.schemas[node.name]
            if isinstance(schema, EnumSchema):
                return schema.members[0].value
            if isinstance(schema, AliasSchema):
                return self.wire(schema.target, variant, depth)
            return self.object_wire(schema.properties, variant, depth + 1)
        raise TypeError(f"no example for {node!r}")

    def object_wire(
        self, properties: tuple[Property, ...], variant: Variant, depth: int
    ) -> dict[str, Any]:
        return {
            prop.wire_name: self.wire(prop.type, variant, depth)
            for prop in self.chosen(properties, variant, depth)
        }

    @staticmethod
    def chosen(properties: tuple[Property, ...], variant: Variant, depth: int) -> list[Property]:
        full = variant == "full" and depth <= FULL_DEPTH
        return [p for p in properties if p.required or (full and not p.read_only)]

    def pick(self, union: UnionType, variant: Variant, depth: int) -> TypeNode:
        """The first member whose example no other member accepts.

        Union members are tried in order, but an example that two members of a
        `oneOf` accept is invalid (Novu's step metadata: `DigestRegularMetadata`
        and `DelayRegularMetadata` both accept `{"type": "regular"}`).
        """
        members = [m for m in union.members if m != LiteralType(None)]
        for member in members:
            example = self.wire(member, variant, depth)
            if not any(self.accepts(other, example) for other in members if other is not member):
                return member
        return members[0]

    def accepts(self, node: TypeNode, value: Any) -> bool:
        """A small structural check: types, enum values, required properties."""
        if isinstance(node, NullableType):
            return value is None or self.accepts(node.inner, value)
        if isinstance(node, AnyType):
            return True
        if isinstance(node, LiteralType):
            return bool(value == node.value)
        if isinstance(node, PrimitiveType):
            if node.kind == "bool":
                return isinstance(value, bool)
            if node.kind in ("int", "float"):
                return isinstance(value, (int, float)) and not isinstance(value, bool)
            return isinstance(value, str)
        if isinstance(node, ListType):
            return isinstance(value, list) and all(self.accepts(node.items, v) for v in value)
        if isinstance(node, MapType):
            return isinstance(value, dict) and all(
                self.accepts(node.values, v) for v in value.values()
            )
        if isinstance(node, UnionType):
            return any(self.accepts(m, value) for m in node.members)
        if isinstance(node, TypeRef):
            schema = self.schemas[node.name]
            if isinstance(schema, EnumSchema):
                return value in [m.value for m in schema.members]
            if isinstance(schema, AliasSchema):
                return self.accepts(schema.target, value)
            if not isinstance(value, dict):
                return False
            return all(
                (p.wire_name in value and self.accepts(p.type, value[p.wire_name]))
                if p.required
                else (p.wire_name not in value or self.accepts(p.type, value[p.wire_name]))
                for p in schema.properties
            )
        return False

    # --- arguments -----------------------------------------------------------------

    def argument(
        self, node: TypeNode, wire: Any, variant: Variant = "required", depth: int = 0
    ) -> Any:
        """The Python value a user passes for `node` to send `wire`."""
        if isinstance(node, PrimitiveType):
            if node.kind == "datetime":
                return datetime.datetime.fromisoformat(wire.replace("Z", "+00:00"))
            if node.kind == "date":
                return datetime.date.fromisoformat(wire)
            if node.kind == "uuid":
                return uuid.UUID(wire)
            if node.kind == "float":
                return float(wire)
            return wire
        if isinstance(node, NullableType):
            return self.argument(node.inner, wire, variant, depth)
        if isinstance(node, ListType):
            return [self.argument(node.items, item, variant, depth) for item in wire]
        if isinstance(node, MapType):
            return {k: self.argument(node.values, v, variant, depth) for k, v in wire.items()}
        if isinstance(node, UnionType):
            return self.argument(self.pick(node, variant, depth), wire, variant, depth)
        if isinstance(node, TypeRef):
            schema = self.schemas[node.name]
            cls = getattr(self.models, node.name)
            if isinstance(schema, EnumSchema):
                return cls(wire)
            if isinstance(schema, AliasSchema):
                return self.argument(schema.target, wire, variant, depth)
            return cls.model_validate(wire)
        return wire

    # --- calls ---------------------------------------------------------------------

    def call(self, operation: Operation, variant: Variant) -> Call:
        call = Call()
        for param in operation.parameters:
            if not (param.required or variant == "full"):
                continue
            wire = self.parameter_wire(param)
            value = self.argument(param.type, wire)
            if param.location == "path":
                call.args.append(value)
                call.path[param.wire_name] = _text(wire)
                continue
            call.kwargs[param.python_name] = value
            if param.location == "query":
                call.query.extend(_query_pairs(param, wire))
            elif param.location == "header":
                call.headers[param.wire_name.lower()] = _text(wire)
        body = operation.body
        if body is not None and body.flattened:
            properties = self.chosen(body.properties, variant, 0)
            wire_body = {}
            for prop in properties:
                wire = self.wire(prop.type, variant, 0)
                wire_body[prop.wire_name] = wire
                call.kwargs[prop.python_name] = self.argument(prop.type, wire, variant, 0)
            call.body, call.has_body = wire_body, True
        elif body is not None and (body.required or variant == "full"):
            wire = self.wire(body.type, variant, 0)
            call.kwargs["body"] = self.argument(body.type, wire, variant, 0)
            call.body, call.has_body = wire, True
        return call

    def parameter_wire(self, param: Parameter) -> Any:
        """Path values name their parameter, so a swapped pair shows in the URL."""
        node = param.type
        if param.location == "path" and node == PrimitiveType("str"):
            return f"{param.wire_name}-1"
        if param.location != "path" and node == PrimitiveType("str"):
            return f"{param.wire_name} example"
        return self.wire(node)

    # --- declared results ----------------------------------------------------------

    def python_type(self, node: TypeNode) -> type | tuple[type, ...] | None:
        """The class a returned value must be an instance of (None: not checked)."""
        if isinstance(node, PrimitiveType):
            return _PRIMITIVE_TYPES.get(node.kind)
        if isinstance(node, ListType):
            return list
        if isinstance(node, MapType):
            return dict
        if isinstance(node, TypeRef):
            schema = self.schemas[node.name]
            if isinstance(schema, AliasSchema):
                return self.python_type(schema.target)
            return getattr(self.models, node.name)  # type: ignore[no-any-return]
        return None

    def check_instance(self, node: TypeNode | None, value: Any, where: str = "result") -> None:
        """Asserts `value` is what `node` declares, into lists, maps and nullables."""
        if node is None:
            assert value is None, f"{where}: expected None, got {value!r}"
            return
        if isinstance(node, NullableType):
            if value is not None:
                self.check_instance(node.inner, value, where)
            return
        if isinstance(node, UnionType):
            for member in node.members:
                try:
                    self.check_instance(member, value, where)
                except AssertionError:
                    continue
                return
            raise AssertionError(f"{where}: {value!r} matches no member of {node}")
        expected = self.python_type(node)
        if expected is not None:
            assert isinstance(value, expected), (
                f"{where}: expected {expected}, got {type(value).__name__}: {value!r}"
            )
        if isinstance(node, ListType):
            for i, item in enumerate(value):
                self.check_instance(node.items, item, f"{where}[{i}]")
        elif isinstance(node, MapType):
            for key, item in value.items():
                self.check_instance(node.values, item, f"{where}[{key!r}]")
        elif isinstance(node, TypeRef):
            schema = self.schemas[node.name]
            if isinstance(schema, AliasSchema):
                self.check_instance(schema.target, value, where)


def _text(wire: Any) -> str:
    if isinstance(wire, bool):
        return "true" if wire else "false"
    if isinstance(wire, float) and wire.is_integer():
        return str(int(wire))
    return str(wire)


def _query_pairs(param: Parameter, wire: Any) -> list[tuple[str, str]]:
    if isinstance(wire, list):
        if param.style == "form" and param.explode:
            return [(param.wire_name, _text(item)) for item in wire]
        separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(param.style, ",")
        return [(param.wire_name, separator.join(_text(item) for item in wire))]
    if isinstance(wire, Mapping):
        if param.style == "deepObject":
            return [(f"{param.wire_name}[{k}]", _text(v)) for k, v in wire.items()]
        return [(str(k), _text(v)) for k, v in wire.items()]
    return [(param.wire_name, _text(wire))]
