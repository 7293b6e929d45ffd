"""Pass 2: schema objects -> IR shapes, one named schema at a time.

`Shapes.named(pointer)` builds the schema at `pointer` and `Shapes.type_of` the type
of a schema an operation uses. Neither follows a reference into another named
schema: a `$ref`, an inline object or an inline enum is a `TypeRef` to a name the
`Namer` gives, and is built on its own. That keeps recursive schemas finite and
makes every shape a function of its own part of the document.

It runs once, in pass 2, with a namer that records which places need a name and
what they hint at, and hands out each place's pointer for its name (`schema_names.py`);
pass 3 puts the settled names in (`named_shapes.py`). Unions and discriminators come
out as written; `resolve.py` (pass 4) decides them once every shape exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from .. import pointer as jp
from . import identifiers
from .refs import Targets
from .schema_object import (
    additional_schema,
    boolean_enum,
    declares_null,
    docs_of,
    enum_text,
    enum_values,
    field_names,
    is_component,
    model_property,
    non_null_types,
    primitive,
    required_names,
    with_null,
)
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
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)

MAX_DEPTH = 64  # inline nesting inside one named schema
Report = Callable[[str, str, Literal["error", "warning"]], None]

_DOC_ONLY_KEYS = {"allOf", "description", "title", "nullable", "example", "default"}
_COMPOSING = frozenset({"enum", "const", "oneOf", "anyOf", "allOf"})  # read before `type`
_NOT_PLAIN = _COMPOSING | {"properties", "additionalProperties"}  # a `type` may not say it all


@dataclass(frozen=True, slots=True)
class Hint:
    """What a place would like to be called: the name of `anchor` (a named schema) + `text`.

    `Hint(None, "CreateUser Body")`, or `Hint("/components/schemas/User", " address")`
    for `User.address`, which becomes `UserAddress` once `User` has its name.
    """

    anchor: str | None
    text: str

    def then(self, suffix: str) -> Hint:
        return Hint(self.anchor, self.text + suffix)


class Namer(Protocol):
    """Gives the name of a named schema; `keyed` places are named after their own key."""

    def name(self, pointer: str, hint: Hint, *, keyed: bool = False) -> str: ...

    def known(self, pointer: str) -> str | None: ...


@dataclass
class Shapes:
    """Builds shapes over one document; `named` and `type_of` are the entry points."""

    document: dict[str, Any]
    namer: Namer
    report: Report
    _root: str | None = None
    _built: Schema | None = None
    fields_renamed: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # by model pointer
    _targets: Targets = field(init=False)
    _merged: dict[str, dict[str, Any] | None] = field(default_factory=dict)  # allOf objects, by pointer
    _met: dict[str, Any] = field(default_factory=dict)  # the schema written at each place walked
    _refs: dict[str, tuple[TypeNode, bool]] = field(default_factory=dict)  # by `$ref`: see `_ref`

    def __post_init__(self) -> None:
        self._targets = Targets(self.document)

    def named(self, pointer: str) -> Schema:
        """The named schema at `pointer`: a model, an enum, or an alias of another type."""
        schema = self._met[pointer] if pointer in self._met else jp.resolve(self.document, pointer)
        self._root, self._built = pointer, None
        own = Hint(pointer, "")
        name = self.namer.name(pointer, own)
        target = self.type_of(schema, pointer, own)
        self._root = None
        if isinstance(target, NullableType) and target.inner == TypeRef(name):
            target = target.inner  # a nullable model or enum: references carry the `| None`
        if self._built is not None and target == TypeRef(name):
            return self._built
        return AliasSchema(name, pointer, target, docs_of(schema if isinstance(schema, dict) else {}))

    def type_of(self, schema: Any, pointer: str, hint: Hint, depth: int = 0) -> TypeNode:
        """The IR type of the schema at `pointer`."""
        if depth > MAX_DEPTH:
            self.report(pointer, f"schema nested deeper than {MAX_DEPTH} levels; typed as Any", "error")
            return AnyType()
        if not isinstance(schema, dict):  # `true`, or not a schema
            return AnyType()
        self._met.setdefault(pointer, schema)  # the first visit reads the schema written there
        if "$ref" in schema:
            return self._ref(schema, pointer)
        return with_null(self._shape(schema, pointer, hint, depth), declares_null(schema))

    # --- one function per construct ---

    def _shape(self, schema: dict[str, Any], pointer: str, hint: Hint, depth: int) -> TypeNode:
        kind = schema.get("type")
        if type(kind) is str and kind not in ("array", "object") and _NOT_PLAIN.isdisjoint(schema):
            return primitive(kind, schema.get("format"))  # most schemas: what `_typed` would say
        types = non_null_types(schema)
        if len(types) > 1 and not any(k in schema for k in ("properties", "items", "enum")):
            return self._multi_type(schema, types, pointer, hint, depth)
        composed = None if _COMPOSING.isdisjoint(schema) else self._composed(schema, pointer, hint, depth)
        if composed is not None:
            return composed
        return self._typed(schema, types[0] if types else None, pointer, hint, depth)

    def _composed(self, schema: dict[str, Any], pointer: str, hint: Hint, depth: int) -> TypeNode | None:
        """What a schema is made of, which comes before its `type`: enum, const, oneOf/anyOf, allOf."""
        enumerated = self._enumerated(schema, pointer, hint)
        return enumerated if enumerated is not None else self._combined(schema, pointer, hint, depth)

    def _enumerated(self, schema: dict[str, Any], pointer: str, hint: Hint) -> TypeNode | None:
        """An enum (of booleans: `bool` or a constant) or a `const`."""
        values = enum_values(schema)
        if values and all(isinstance(v, bool) for v in values):
            return boolean_enum(values)
        if values:
            return self._enum(schema, pointer, hint)
        if "const" in schema and isinstance(schema["const"], (str, int, float, bool)):
            return LiteralType(schema["const"])
        return None

    def _combined(self, schema: dict[str, Any], pointer: str, hint: Hint, depth: int) -> TypeNode | None:
        """oneOf/anyOf (unless the schema has properties of its own), then allOf."""
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key] and not schema.get("properties"):
                return self._union(schema, key, pointer, hint, depth)
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            return self._all_of(schema, pointer, hint, depth)
        return None

    def _typed(self, schema: dict[str, Any], kind: Any, pointer: str, hint: Hint, depth: int) -> TypeNode:
        """What the schema's (first non-null) `type` says: a list, an object or a primitive."""
        if kind == "array" or ("items" in schema and kind is None):
            items = self.type_of(schema.get("items"), f"{pointer}/items", hint.then("Item"), depth + 1)
            # Without `type: array`, `items` only constrains arrays (JSON Schema): Swagger-era
            # specs list there the variants of an object the API sends, so one of them fits too.
            return ListType(items) if kind == "array" else UnionType((ListType(items), items))
        if kind == "object" or "properties" in schema or "additionalProperties" in schema:
            return self._object(schema, pointer, hint, depth)
        return primitive(kind, schema.get("format"))

    def _multi_type(
        self, schema: dict[str, Any], types: list[Any], pointer: str, hint: Hint, depth: int
    ) -> TypeNode:
        """`type: [string, integer]`: a union of the schema read once per type."""
        members = tuple(
            self.type_of({**schema, "type": t, "nullable": False}, pointer, hint, depth + 1) for t in types
        )
        return UnionType(members)

    def _ref(self, schema: dict[str, Any], pointer: str) -> TypeNode:
        """A `$ref` is a reference to the named schema at its target, named after the target's key;
        each `$ref` text is followed and named once (GitHub writes `simple-user` 300 times)."""
        ref = schema["$ref"]
        if not isinstance(ref, str) or ref not in self._refs:
            found = self._ref_target(ref, pointer)
            if found is None:
                return AnyType()
            self._refs[ref] = found
        node, nullable = self._refs[ref]
        return with_null(node, nullable or schema.get("nullable") is True)

    def _ref_target(self, ref: Any, pointer: str) -> tuple[TypeNode, bool] | None:
        """The type a `$ref` names and whether its target is nullable; None (after reporting
        any problem) when it names no schema."""
        target_pointer, target, problem = self._target(ref)
        if target_pointer is None:
            self.report(pointer, f"$ref {ref!r} cannot be resolved here", "error")
            return None
        if problem is not None:
            self.report(f"{pointer}/$ref", f"unresolved $ref {ref!r}: nothing at {target_pointer}", "error")
            return None
        if not isinstance(target, dict):
            return None
        name = self.namer.name(target_pointer, Hint(None, jp.last(target_pointer)), keyed=True)
        return TypeRef(name), declares_null(target)

    def _target(self, ref: Any) -> tuple[str | None, Any, str | None]:
        return self._targets(ref) if isinstance(ref, str) else (None, None, None)

    def _named(self, pointer: str, hint: Hint, make: Callable[[str], Schema]) -> TypeRef:
        """A place that is a schema of its own: built here when it is the root, else referenced."""
        name = self.namer.name(pointer, hint)
        if pointer == self._root and self._built is None:
            self._built = make(name)
        return TypeRef(name)

    def _enum(self, schema: dict[str, Any], pointer: str, hint: Hint) -> TypeRef:
        return self._named(pointer, hint, lambda name: self._enum_schema(name, schema, pointer))

    def _enum_schema(self, name: str, schema: dict[str, Any], pointer: str) -> EnumSchema:
        values: list[Any] = []
        for value in enum_values(schema):
            if value in values:
                self.report(pointer, f"enum value {value!r} listed twice; kept once", "warning")
            else:
                values.append(value)
        kinds = {type(v) for v in values}
        kind: Literal["str", "int", "float"] = (
            "int" if kinds <= {int} else "float" if kinds <= {int, float} else "str"
        )
        if kind == "str":
            values = list(dict.fromkeys(enum_text(v) for v in values))
        taken: set[str] = set()
        members = tuple(
            EnumMember(identifiers.unique(identifiers.constant(str(v)), taken, sep="_"), v) for v in values
        )
        return EnumSchema(name, pointer, kind, members, docs_of(schema))

    def _union(self, schema: dict[str, Any], key: str, pointer: str, hint: Hint, depth: int) -> TypeNode:
        """oneOf / anyOf as written; `resolve` flattens, orders and checks the discriminator."""
        members = tuple(
            self.type_of(member, f"{pointer}/{key}/{i}", hint.then(str(i + 1)), depth + 1)
            for i, member in enumerate(schema[key])
        )
        return UnionType(members, self._discriminator(schema.get("discriminator"), pointer))

    def _discriminator(self, raw: Any, pointer: str) -> Discriminator | None:
        """The discriminator as written: its property and the explicit mapping's targets by name."""
        if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
            return None
        explicit: dict[str, Any] = raw["mapping"] if isinstance(raw.get("mapping"), dict) else {}
        mapping = []
        for value, ref in sorted(explicit.items()):
            target = jp.from_ref(str(ref)) or jp.join("/components/schemas", ref)
            name = self.namer.known(target)
            if name is not None:
                mapping.append((str(value), name))
        return Discriminator(raw["propertyName"], tuple(mapping), pointer=f"{pointer}/discriminator")

    def _all_of(self, schema: dict[str, Any], pointer: str, hint: Hint, depth: int) -> TypeNode:
        """allOf of objects is one model with every part's properties; otherwise its first part."""
        parts = schema["allOf"]
        if len(parts) == 1 and not set(schema) - _DOC_ONLY_KEYS:
            return self.type_of(parts[0], f"{pointer}/allOf/0", hint, depth + 1)
        merged = self._merged_object(schema, pointer)
        if merged is None:
            first = next((i for i, p in enumerate(parts) if isinstance(p, dict)), 0)
            return self.type_of(parts[first], f"{pointer}/allOf/{first}", hint, depth + 1)
        return self._object(merged, pointer, hint, depth, docs_from=schema)

    def _merged_object(self, schema: dict[str, Any], pointer: str) -> dict[str, Any] | None:
        """The allOf at `pointer` as one object schema, or None if a part is not an object;
        merged once, though the place is met where it is written and again as a named schema."""
        if pointer not in self._merged:
            merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
            self._merged[pointer] = merged if self._merge_into(merged, schema, pointer, set()) else None
        return self._merged[pointer]

    def _merge_into(self, merged: dict[str, Any], schema: dict[str, Any], pointer: str, seen: set[str]) -> bool:
        """Fold an allOf tree into one object schema; False if a part is not an object.

        Each property keeps the place it is written, so an inline schema in a base model
        is the same named schema in every model that extends it.
        """
        for i, part in enumerate(schema.get("allOf", [])):
            part_pointer = f"{pointer}/allOf/{i}"
            if isinstance(part, dict) and "$ref" in part:
                part, part_pointer = self._merge_target(part["$ref"], part_pointer, seen)
                seen = seen | {part_pointer}
            if not isinstance(part, dict):
                continue
            if part.get("type") not in (None, "object") or "oneOf" in part or "anyOf" in part:
                return False
            if not self._merge_into(merged, part, part_pointer, seen):
                return False
        _merge_own(merged, schema, pointer)
        return True

    def _merge_target(self, ref: Any, where: str, seen: set[str]) -> tuple[Any, str]:
        """The schema an allOf part's `$ref` names, or None (already merged, or nothing there)."""
        target_pointer, target, problem = self._target(ref)
        if target_pointer is None or target_pointer in seen:
            return None, where
        if problem is not None:
            self.report(f"{where}/$ref", f"unresolved $ref {ref!r}", "error")
            return None, where
        return target, target_pointer

    def _object(
        self, schema: dict[str, Any], pointer: str, hint: Hint, depth: int, docs_from: dict[str, Any] | None = None
    ) -> TypeNode:
        """A model when it has properties (or is a component); else a dict of its extra values."""
        properties = schema.get("properties") or {}
        extra_schema, extra_pointer = additional_schema(schema, pointer)
        written = docs_from if docs_from is not None else schema  # docs read for the model alone
        if isinstance(properties, dict) and properties:
            return self._named(pointer, hint, lambda name: self._model(name, schema, pointer, depth, docs_of(written)))
        if is_component(pointer) and extra_schema in (None, True, {}):
            return self._named(pointer, hint, lambda name: ObjectSchema(name, pointer, (), docs_of(written)))
        if extra_schema is False:
            return MapType(AnyType())
        return MapType(self.type_of(extra_schema, extra_pointer, hint.then("Value"), depth + 1))

    def _model(self, name: str, schema: dict[str, Any], pointer: str, depth: int, docs: Docs) -> ObjectSchema:
        properties: dict[str, Any] = schema["properties"]
        python_names = field_names(properties, self.fields_renamed.get(pointer))
        required = set(required_names(schema))
        props = []
        at = jp.join(pointer, "properties")
        for wire_name, prop_schema in properties.items():
            if isinstance(prop_schema, tuple):  # from an allOf merge: (schema, where it is written)
                prop_schema, prop_pointer = prop_schema
            else:
                prop_pointer = f"{at}/{jp.escape(wire_name)}"  # `jp.join` of one token, inline
            prop_type = self.type_of(prop_schema, prop_pointer, Hint(pointer, f" {wire_name}"), depth + 1)
            props.append(model_property(wire_name, python_names[wire_name], prop_type, wire_name in required, prop_schema))
        extra = None
        extra_schema, extra_pointer = additional_schema(schema, pointer)
        if isinstance(extra_schema, dict) and extra_schema:
            extra = self.type_of(extra_schema, extra_pointer, Hint(pointer, "Value"), depth + 1)
        return ObjectSchema(name, pointer, tuple(props), docs, extra)


def _merge_own(merged: dict[str, Any], schema: dict[str, Any], pointer: str) -> None:
    """Add a part's own properties (with where they are written), required names and extras."""
    properties = schema.get("properties")
    for name, prop in properties.items() if isinstance(properties, dict) else ():
        merged["properties"][name] = (prop, jp.join(pointer, "properties", name))
    for name in required_names(schema):
        if name not in merged["required"]:
            merged["required"].append(name)
    if "additionalProperties" in schema:
        merged["additionalProperties"] = schema["additionalProperties"]
