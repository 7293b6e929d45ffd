"""Document schemas -> IR types.

Component schemas become named schemas (models, enums, aliases); a `$ref` to one is
a `TypeRef` by name, which is what keeps recursive schemas finite. Inline objects
and enums get names from where they sit (`CreateSubscriberRequestDtoData`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..diagnostics import Diagnostic, escape_pointer_token
from ..load import Spec, resolve_pointer
from . import naming
from .types import (
    AliasSchema,
    AnyType,
    Discriminator,
    Docs,
    EnumMember,
    EnumSchema,
    ListType,
    LiteralType,
    MapType,
    NullableType,
    ObjectSchema,
    PrimitiveType,
    Property,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)

_STRING_FORMATS: dict[str, PrimitiveType] = {
    "date-time": PrimitiveType("datetime", "date-time"),
    "date": PrimitiveType("date", "date"),
    "binary": PrimitiveType("file", "binary"),
}
MAX_DEPTH = 64
_EAGER_DEPTH = 32  # models built inside one another before the rest are deferred
# Names models.py imports: a schema may not take them.
_MODULE_NAMES = (
    "BaseModel", "Field", "Any", "ClassVar", "Literal", "Annotated", "Union", "Tag", "Discriminator",
    "OpenStrEnum", "OpenIntEnum", "OpenFloatEnum", "discriminate", "datetime",
)  # fmt: skip


@dataclass
class SchemaBuilder:
    """Builds named schemas on demand; one instance per document."""

    spec: Spec
    diagnostics: list[Diagnostic]
    schemas: dict[str, Schema] = field(default_factory=dict)  # by class name
    _names: dict[str, str] = field(default_factory=dict)  # pointer -> class name
    _taken: set[str] = field(default_factory=lambda: {n.lower() for n in _MODULE_NAMES})
    _building: set[str] = field(default_factory=set)
    _pending: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def build_components(self) -> None:
        """Name every component schema first, so names do not depend on use order."""
        components = self.spec.document.get("components", {}) or {}
        definitions = components.get("schemas", {}) if isinstance(components, dict) else {}
        if not isinstance(definitions, dict):
            return
        pointers = [f"/components/schemas/{escape_pointer_token(k)}" for k in definitions]
        for key, pointer in zip(definitions, pointers, strict=True):
            self._name_for(pointer, key)
        for key, pointer in zip(definitions, pointers, strict=True):
            if isinstance(definitions[key], dict):
                self._build_named(pointer, definitions[key])

    def finish(self) -> None:
        """Build what deep `$ref` chains deferred, then refuse `$ref` loops with no schema in them."""
        while self._pending:
            pointer, deferred = self._pending.pop()
            self._build_named(pointer, deferred)
        for schema in list(self.schemas.values()):
            if isinstance(schema, AliasSchema) and self._alias_loops(schema.name):
                self._error(schema.pointer, "$ref chain loops with no schema in it")
                self.schemas[schema.name] = AliasSchema(schema.name, schema.pointer, AnyType())

    # --- entry point for everything else ---

    def type_of(self, schema: Any, pointer: str, hint: str, depth: int = 0) -> TypeNode:
        """The IR type of `schema`; inline objects and enums are registered as `hint`."""
        if depth > MAX_DEPTH:
            self._error(pointer, f"schema nested deeper than {MAX_DEPTH} levels; typed as Any")
            return AnyType()
        if isinstance(schema, bool) or not isinstance(schema, dict):
            return AnyType()
        if "$ref" in schema:
            return self._ref(schema, pointer, depth)
        nullable = schema.get("nullable") is True
        types = schema.get("type")
        if isinstance(types, list):
            nullable = nullable or "null" in types
            types = [t for t in types if t != "null"]
            if len(types) > 1 and not any(k in schema for k in ("properties", "items", "enum")):
                members = tuple(
                    self.type_of({**schema, "type": t, "nullable": False}, pointer, hint, depth + 1)
                    for t in types
                )
                return _nullable(UnionType(members), nullable)
            types = types[0] if types else None
        if "enum" in schema and isinstance(schema["enum"], list):
            values = schema["enum"]
            if None in values:
                nullable = True
            if [v for v in values if v is not None]:
                return _nullable(self._inline_enum(schema, pointer, hint), nullable)
        if "const" in schema and isinstance(schema["const"], (str, int, float, bool)):
            return _nullable(LiteralType(schema["const"]), nullable)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key] and not schema.get("properties"):
                return _nullable(self._union(schema, key, pointer, hint, depth), nullable)
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            return _nullable(self._all_of(schema, pointer, hint, depth), nullable)
        if types == "array" or "items" in schema and types is None:
            item = self.type_of(schema.get("items"), f"{pointer}/items", f"{hint}Item", depth + 1)
            return _nullable(ListType(item), nullable)
        if types == "object" or "properties" in schema or "additionalProperties" in schema:
            return _nullable(self._object(schema, pointer, hint, depth), nullable)
        return _nullable(_primitive(types, schema.get("format")), nullable)

    # --- named schemas ---

    def _name_for(self, pointer: str, hint: str) -> str:
        if pointer not in self._names:
            self._names[pointer] = naming.unique(naming.class_name(hint), self._taken, fold_case=True)
        return self._names[pointer]

    def _build_named(self, pointer: str, schema: dict[str, Any]) -> str:
        """Build the schema at `pointer` under its class name (once) and return the name."""
        name = self._name_for(pointer, pointer.rsplit("/", 1)[-1])
        if name in self.schemas or name in self._building:
            return name
        self._building.add(name)
        docs = _docs(schema)
        target = self.type_of(schema, pointer, name)
        if isinstance(target, NullableType) and target.inner == TypeRef(name):
            target = target.inner  # a nullable model or enum: references carry the `| None`
        if not (isinstance(target, TypeRef) and target.name == name and name in self.schemas):
            self.schemas[name] = AliasSchema(name, pointer, target, docs)
        self._building.discard(name)
        return name

    def _register(self, schema: Schema) -> TypeRef:
        self.schemas[schema.name] = schema
        return TypeRef(schema.name)

    def _ref(self, schema: dict[str, Any], pointer: str, depth: int) -> TypeNode:
        ref = schema["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            self._error(pointer, f"$ref {ref!r} cannot be resolved here")
            return AnyType()
        target_pointer = ref[1:]
        try:
            target = resolve_pointer(self.spec.document, target_pointer)
        except KeyError:
            self._error(f"{pointer}/$ref", f"unresolved $ref {ref!r}: nothing at {target_pointer}")
            return AnyType()
        if not isinstance(target, dict):
            return AnyType()
        if len(self._building) < _EAGER_DEPTH:
            name = self._build_named(target_pointer, target)
        else:  # a long chain of models: build the rest later, not on a deeper stack
            name = self._name_for(target_pointer, target_pointer.rsplit("/", 1)[-1])
            self._pending.append((target_pointer, target))
        nullable = schema.get("nullable") is True or _declares_null(target) or self._nullable_alias(name)
        return _nullable(TypeRef(name), nullable)

    def _nullable_alias(self, name: str) -> bool:
        """A named schema that is `X | None` through other names (a union with a null member)."""
        seen: set[str] = set()
        schema = self.schemas.get(name)
        while isinstance(schema, AliasSchema) and schema.name not in seen:
            if isinstance(schema.target, NullableType):
                return True
            if not isinstance(schema.target, TypeRef):
                return False
            seen.add(schema.name)
            schema = self.schemas.get(schema.target.name)
        return False

    def _alias_loops(self, name: str) -> bool:
        seen: set[str] = set()
        while True:
            schema = self.schemas.get(name)
            if not isinstance(schema, AliasSchema) or not isinstance(schema.target, TypeRef):
                return False
            if name in seen:
                return True
            seen.add(name)
            name = schema.target.name

    def _inline_enum(self, schema: dict[str, Any], pointer: str, hint: str) -> TypeRef:
        name = self._name_for(pointer, hint)
        if name in self.schemas:
            return TypeRef(name)
        values: list[Any] = []
        for value in schema["enum"]:
            if value is None:
                continue
            if value in values:
                self.diagnostics.append(
                    self.spec.diagnostic(pointer, f"enum value {value!r} listed twice; kept once", "warning")
                )
                continue
            values.append(value)
        kinds = {type(v) for v in values}
        kind: Literal["str", "int", "float"]
        if kinds <= {int}:
            kind = "int"
        elif kinds <= {int, float}:
            kind = "float"
        else:
            kind = "str"
            values = list(dict.fromkeys(_enum_text(v) for v in values))
        taken: set[str] = set()
        members = tuple(
            EnumMember(naming.unique(naming.constant(str(v)), taken, sep="_"), v) for v in values
        )
        return self._register(EnumSchema(name, pointer, kind, members, _docs(schema)))

    def _union(self, schema: dict[str, Any], key: str, pointer: str, hint: str, depth: int) -> TypeNode:
        members: list[TypeNode] = []
        for i, member in enumerate(schema[key]):
            node = self.type_of(member, f"{pointer}/{key}/{i}", f"{hint}{i + 1}", depth + 1)
            inner = node.inner if isinstance(node, NullableType) else node
            flat = inner.members if isinstance(inner, UnionType) and inner.discriminator is None else (inner,)
            for part in flat:
                part = NullableType(part) if isinstance(node, NullableType) and not isinstance(part, AnyType) else part
                if part not in members:
                    members.append(part)
        if len(members) == 1:
            return members[0]
        nullable = any(isinstance(m, NullableType) for m in members)
        plain = tuple(m.inner if isinstance(m, NullableType) else m for m in members)
        discriminator = self._discriminator(schema.get("discriminator"), plain)
        ordered = plain if discriminator else tuple(sorted(plain, key=_specificity))
        return _nullable(UnionType(ordered, discriminator), nullable)

    def _discriminator(self, raw: Any, members: tuple[TypeNode, ...]) -> Discriminator | None:
        """A discriminator we can honour: every member a model that has the property."""
        if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
            return None
        wire_name = raw["propertyName"]
        found = [self.schemas.get(m.name) if isinstance(m, TypeRef) else None for m in members]
        models = [m for m in found if isinstance(m, ObjectSchema) and any(p.wire_name == wire_name for p in m.properties)]
        if len(models) != len(members):
            return None
        by_pointer = {m.pointer: m.name for m in models}
        mapping: list[tuple[str, str]] = []
        explicit: dict[str, Any] = raw["mapping"] if isinstance(raw.get("mapping"), dict) else {}
        for value, ref in explicit.items():
            target = by_pointer.get(str(ref)[1:]) or by_pointer.get(f"/components/schemas/{ref}")
            if target is not None:
                mapping.append((str(value), target))
        for model in models:
            if any(name == model.name for _, name in mapping):
                continue
            tags = self._tag_values(model, wire_name)
            tags.append(model.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~"))
            mapping.extend((tag, model.name) for tag in dict.fromkeys(tags))
        return Discriminator(wire_name, tuple(mapping))

    def _tag_values(self, model: ObjectSchema, wire_name: str) -> list[str]:
        """The values a member's own schema allows for the tag: a `const` or a one-value enum."""
        prop = next(p for p in model.properties if p.wire_name == wire_name)
        if isinstance(prop.type, LiteralType) and isinstance(prop.type.value, str):
            return [prop.type.value]
        enum = self.schemas.get(prop.type.name) if isinstance(prop.type, TypeRef) else None
        if isinstance(enum, EnumSchema) and len(enum.members) == 1:
            return [str(enum.members[0].value)]
        return []

    def _all_of(self, schema: dict[str, Any], pointer: str, hint: str, depth: int) -> TypeNode:
        parts = schema["allOf"]
        own_keys = set(schema) - {"allOf", "description", "title", "nullable", "example", "default"}
        if len(parts) == 1 and not own_keys:
            return self.type_of(parts[0], f"{pointer}/allOf/0", hint, depth + 1)
        merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        if not self._merge_into(merged, schema, pointer, set()):
            refs = [p for p in parts if isinstance(p, dict)]
            return self.type_of(refs[0], f"{pointer}/allOf/0", hint, depth + 1)
        return self._object(merged, pointer, hint, depth, docs_from=schema)

    def _merge_into(self, merged: dict[str, Any], schema: dict[str, Any], pointer: str, seen: set[str]) -> bool:
        """Fold an allOf tree into one object schema; False if a part is not an object."""
        for i, part in enumerate(schema.get("allOf", [])):
            part_pointer = f"{pointer}/allOf/{i}"
            if isinstance(part, dict) and "$ref" in part:
                ref = part["$ref"]
                if ref in seen or not isinstance(ref, str) or not ref.startswith("#"):
                    continue
                try:
                    target = resolve_pointer(self.spec.document, ref[1:])
                except KeyError:
                    self._error(f"{part_pointer}/$ref", f"unresolved $ref {ref!r}")
                    continue
                part, part_pointer, seen = target, ref[1:], seen | {ref}
            if not isinstance(part, dict):
                continue
            if part.get("type") not in (None, "object") or "oneOf" in part or "anyOf" in part:
                return False
            if not self._merge_into(merged, part, part_pointer, seen):
                return False
        properties = schema.get("properties")
        for name, prop in properties.items() if isinstance(properties, dict) else ():
            merged["properties"][name] = (prop, f"{pointer}/properties/{escape_pointer_token(name)}")
        for name in _required(schema):
            if name not in merged["required"]:
                merged["required"].append(name)
        if "additionalProperties" in schema:
            merged["additionalProperties"] = schema["additionalProperties"]
        return True

    def _object(
        self,
        schema: dict[str, Any],
        pointer: str,
        hint: str,
        depth: int,
        docs_from: dict[str, Any] | None = None,
    ) -> TypeNode:
        properties = schema.get("properties") or {}
        extra_schema = schema.get("additionalProperties", schema.get("patternProperties"))
        if isinstance(extra_schema, dict) and "patternProperties" in schema and "additionalProperties" not in schema:
            values = [v for v in extra_schema.values() if isinstance(v, dict)]
            extra_schema = values[0] if len(values) == 1 else True
        is_component = pointer.count("/") == 3 and pointer.startswith("/components/schemas/")
        if not isinstance(properties, dict) or not properties:
            if is_component and extra_schema in (None, True, {}):
                return self._register(ObjectSchema(self._name_for(pointer, hint), pointer, (), _docs(schema)))
            if extra_schema is False:
                return MapType(AnyType())
            return MapType(self.type_of(extra_schema, f"{pointer}/additionalProperties", f"{hint}Value", depth + 1))
        name = self._name_for(pointer, hint)
        if name in self.schemas:
            return TypeRef(name)
        required = set(_required(schema))
        # A wire name that is already its own Python name keeps it; others give way.
        taken: set[str] = {w for w in properties if isinstance(w, str) and naming.field_name(w) == w}
        props: list[Property] = []
        for wire_name, prop_schema in properties.items():
            prop_pointer = f"{pointer}/properties/{escape_pointer_token(wire_name)}"
            if isinstance(prop_schema, tuple):  # from an allOf merge: (schema, where it came from)
                prop_schema, prop_pointer = prop_schema
            prop_type = self.type_of(prop_schema, prop_pointer, f"{name} {wire_name}", depth + 1)
            nullable = isinstance(prop_type, NullableType)
            flags = prop_schema if isinstance(prop_schema, dict) else {}
            props.append(
                Property(
                    wire_name=wire_name,
                    python_name=(
                        wire_name
                        if naming.field_name(wire_name) == wire_name
                        else naming.unique(naming.field_name(wire_name), taken, sep="_")
                    ),
                    type=prop_type.inner if isinstance(prop_type, NullableType) else prop_type,
                    required=wire_name in required,
                    nullable=nullable,
                    description=text_or_none(flags.get("description")),
                    read_only=flags.get("readOnly") is True,
                    write_only=flags.get("writeOnly") is True,
                )
            )
        extra = None
        if isinstance(extra_schema, dict) and extra_schema:
            extra = self.type_of(extra_schema, f"{pointer}/additionalProperties", f"{name}Value", depth + 1)
        docs = _docs(docs_from if docs_from is not None else schema)
        return self._register(ObjectSchema(name, pointer, tuple(props), docs, extra))

    def _error(self, pointer: str, message: str) -> None:
        self.diagnostics.append(self.spec.diagnostic(pointer, message))


def _nullable(node: TypeNode, nullable: bool) -> TypeNode:
    if not nullable or isinstance(node, (NullableType, AnyType)):
        return node
    return NullableType(node)


def _required(schema: dict[str, Any]) -> list[str]:
    """`required` as a list of names; anything else (`required: yes` in a lenient run) is ignored."""
    names = schema.get("required")
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _declares_null(schema: dict[str, Any]) -> bool:
    types = schema.get("type")
    enum = schema.get("enum")
    return (
        schema.get("nullable") is True
        or (isinstance(types, list) and "null" in types)
        or (isinstance(enum, list) and None in enum)
    )


def _primitive(kind: Any, fmt: Any) -> TypeNode:
    if kind == "string":
        return _STRING_FORMATS.get(fmt, PrimitiveType("str", fmt if isinstance(fmt, str) else None))
    if kind == "integer":
        return PrimitiveType("int", fmt if isinstance(fmt, str) else None)
    if kind == "number":
        return PrimitiveType("float", fmt if isinstance(fmt, str) else None)
    if kind == "boolean":
        return PrimitiveType("bool")
    return AnyType()


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


def _enum_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text_or_none(value: Any) -> str | None:
    """Spec prose (a description, a summary), or None when absent, blank or not a string."""
    return value if isinstance(value, str) and value.strip() else None


def _docs(schema: dict[str, Any]) -> Docs:
    return Docs(
        summary=text_or_none(schema.get("title")),
        description=text_or_none(schema.get("description")),
        deprecated=schema.get("deprecated") is True,
    )
