"""The names of schemas: class names (pass 2) and their modules, their TypedDicts (pass 7).

Pass 2 walks every schema once with the shape builder (`shapes.py`), with a namer that hands out
each named place's pointer for its name and records, for each place that becomes a named schema
(a component, a `$ref` target, an inline object or enum), what it would like to be called. The
shapes it builds are kept as drafts; pass 3 (`named_shapes.py`) puts the names in. Names are
given in an order that depends only on those places: nearer the top first (an inline schema is
named after the schema it sits in), then components before other `$ref` targets before inline
schemas, then by JSON pointer. Reordering the spec's mappings changes none of that, so it renames
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .. import pointer as jp
from ..reserved import MODELS_MODULE_NAMES
from . import identifiers
from .shapes import Hint, Report, Shapes
from .types import (
    AliasSchema,
    EnumSchema,
    ListType,
    MapType,
    NullableType,
    ObjectSchema,
    Operation,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)

_COMPONENT, _KEYED, _INLINE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class _Claim:
    """One reason to name a place; the smallest claim on a place (by `rank_key`) decides its hint."""

    rank: int
    foreign: bool  # an inline schema seen through another model's allOf, not where it is written
    hint: Hint

    @staticmethod
    def of(pointer: str, hint: Hint, rank: int) -> _Claim:
        foreign = hint.anchor is not None and not pointer.startswith(hint.anchor + "/")
        return _Claim(rank, foreign, hint)

    def rank_key(self) -> tuple[int, bool, str, str]:
        return self.rank, self.foreign, self.hint.anchor or "", self.hint.text


@dataclass
class _Recorder:
    """A namer that hands out each place's pointer for its name and remembers every place that
    asked, with the smallest claim on it so far."""

    claims: dict[str, _Claim] = field(default_factory=dict)
    queue: list[str] = field(default_factory=list)

    def name(self, pointer: str, hint: Hint, *, keyed: bool = False) -> str:
        if hint.anchor != pointer:  # a named schema asking for its own name while being built
            self.claim(pointer, hint, _KEYED if keyed else _INLINE)
        return pointer

    def known(self, pointer: str) -> str | None:
        return pointer  # pass 3 drops a discriminator's target that is no named schema

    def claim(self, pointer: str, hint: Hint, rank: int) -> None:
        claim, smallest = _Claim.of(pointer, hint, rank), self.claims.get(pointer)
        if smallest is None:
            self.queue.append(pointer)
        if smallest is None or claim.rank_key() < smallest.rank_key():
            self.claims[pointer] = claim


@dataclass(frozen=True)
class SchemaUse:
    """A schema an operation or webhook uses: where it is written and what it would be called."""

    schema: Any
    pointer: str
    hint: Hint

    @staticmethod
    def in_operation(schema: Any, pointer: str, op_pointer: str, local_hint: str, kind: str) -> SchemaUse:
        """A schema an operation uses. Written inside the operation, it is named after the operation;
        shared through components, after the component (`NotFound Response`), whoever uses it."""
        tokens = jp.tokens(pointer) if pointer.startswith("/components/") else []  # not the long paths
        if pointer.startswith(op_pointer + "/") or len(tokens) < 3 or tokens[0] != "components":
            return SchemaUse(schema, pointer, Hint(None, local_hint))
        key = tokens[2]
        shared = key if tokens[1] == "parameters" or key.lower().endswith(kind.lower()) else f"{key} {kind}"
        return SchemaUse(schema, pointer, Hint(None, shared))


@dataclass(frozen=True)
class Drafts:
    """Pass 2's walk: each named schema's shape and the type of each place a schema is used
    (by pointer), with pointers for names; and the class name each named place gets."""

    shapes: dict[str, Schema]
    written: dict[str, TypeNode]
    names: dict[str, str]


def name_schemas(
    document: dict[str, Any],
    uses: Iterable[SchemaUse],
    report: Report,
    renamed: Mapping[str, str] | None = None,
    fields_renamed: Mapping[str, Mapping[str, str]] | None = None,
) -> Drafts:
    """Find every named schema (walking components and the schemas operations use), draft its
    shape and name it; a component in `renamed` (the config's `rename.models`) is named from its
    new name, a property in `fields_renamed` (by model pointer) gets its new attribute name."""
    recorder = _Recorder()
    for pointer in _component_pointers(document):
        key = jp.last(pointer)
        recorder.claim(pointer, Hint(None, (renamed or {}).get(key, key)), _COMPONENT)
    shapes = Shapes(document, recorder, report, fields_renamed=fields_renamed or {})
    written: dict[str, TypeNode] = {}
    for (pointer, hint), schema in {(use.pointer, use.hint): use.schema for use in uses}.items():
        written[pointer] = shapes.type_of(schema, pointer, hint)  # a shared response read once
    drafts: dict[str, Schema] = {}
    while len(drafts) < len(recorder.queue):  # every named schema found is walked once
        pointer = recorder.queue[len(drafts)]
        drafts[pointer] = shapes.named(pointer)
    return Drafts(drafts, written, _settle(recorder.claims))


def _component_pointers(document: dict[str, Any]) -> list[str]:
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict):
        return []
    return [jp.join("/components/schemas", key) for key, value in schemas.items() if isinstance(value, dict)]


def _settle(chosen: dict[str, _Claim]) -> dict[str, str]:
    """Give names outermost first, then by rank and pointer: never by the order places were met
    (the smallest claim on a place is the same whichever came first)."""
    depths = _depths({pointer: claim.hint.anchor for pointer, claim in chosen.items()})
    taken = {n.lower() for n in MODELS_MODULE_NAMES}
    names: dict[str, str] = {}
    for pointer in sorted(chosen, key=lambda p: (depths[p], chosen[p].rank, p)):
        hint = chosen[pointer].hint
        anchor = names.get(hint.anchor) if hint.anchor is not None else ""
        text = hint.text if anchor is not None else jp.last(pointer)
        names[pointer] = identifiers.unique(identifiers.class_name(f"{anchor or ''}{text}"), taken, fold_case=True)
    return names


def _depths(anchors: dict[str, str | None]) -> dict[str, int]:
    """How many named schemas each place sits in; a place in a loop of anchors counts as top level."""
    depths: dict[str, int] = {}
    for start in anchors:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current not in depths and current not in chain:
            chain.append(current)
            current = anchors.get(current)
        base = depths.get(current, -1) if current is not None and current not in chain else -1
        for offset, pointer in enumerate(reversed(chain)):
            depths[pointer] = base + 1 + offset
    return depths


def name_params(schemas: tuple[Schema, ...], operations: Iterable[Operation]) -> tuple[Schema, ...]:
    """Pass 7: the `TypedDict` a caller may pass instead of a model (`StepFilterParam`).

    Every object schema an argument can hold (directly, or inside another such object) and
    that has properties a request sends gets one, named after its model; a name some other
    schema has (or already got) takes the next number. Those no response holds are
    `request_only`: their models refuse fields the spec does not list (a misspelled name).
    """
    table = {s.name: s for s in schemas}
    operations = list(operations)
    reachable = _reachable(table, _roots(operations, _argument_types))
    request_only = reachable - _reachable(table, _roots(operations, _response_types), every=True)
    taken = {s.name.lower() for s in schemas} | {n.lower() for n in MODELS_MODULE_NAMES}
    params = {
        name: identifiers.unique(f"{name}Param", taken, fold_case=True)
        for name in sorted(reachable)
        if _sends_properties(table[name])
    }
    aliases = _values_aliases(schemas, taken)
    named = (_with_param(s, params.get(s.name), s.name in request_only) for s in schemas)
    return tuple(_with_values_alias(s, aliases.get(s.name)) for s in named)


def _with_values_alias(schema: Schema, alias: str | None) -> Schema:
    return replace(schema, values_alias=alias) if isinstance(schema, EnumSchema) and alias else schema


# An enum of more values than this is not written out in every signature that takes it (as
# `models.Color | Literal[...]`): its values get a name of their own (`models.ColorValues`).
MOST_INLINE_VALUES = 20


def _values_aliases(schemas: tuple[Schema, ...], taken: set[str]) -> dict[str, str]:
    """The `Literal` alias of each long str or int enum, named after it (`ColorValues`)."""
    return {
        s.name: identifiers.unique(f"{s.name}Values", taken, fold_case=True)
        for s in sorted(schemas, key=lambda s: s.name)
        if isinstance(s, EnumSchema) and s.kind != "float" and len(s.members) > MOST_INLINE_VALUES
    }


def _roots(operations: list[Operation], types: Callable[[Operation], Iterable[TypeNode]]) -> list[TypeNode]:
    return [node for op in operations for node in types(op)]


def module_names(class_names: Iterable[str]) -> dict[str, str]:
    """Each schema's module in the models package, by class name: its class name in snake case
    (pass 3 puts it in with the name, so no later pass rebuilds every schema for it).

    Class names differ, but their snake forms may not (`V1Error`, `V1error`, or two long names
    kept to the same last words): the first by class name keeps the name, the next takes a number.
    """
    taken: set[str] = set()
    return {
        name: identifiers.unique(identifiers.model_module(name), taken, sep="_", fold_case=True)
        for name in sorted(class_names)
    }


def _sends_properties(schema: Schema) -> bool:
    return isinstance(schema, ObjectSchema) and any(not p.read_only for p in schema.properties)


def _with_param(schema: Schema, param_name: str | None, request_only: bool) -> Schema:
    if not isinstance(schema, ObjectSchema) or not (param_name or request_only):
        return schema
    return replace(schema, param_name=param_name, request_only=request_only)


def _argument_types(op: Operation) -> Iterable[TypeNode]:
    yield from (p.type for p in op.parameters)
    if op.body is not None:
        yield from (p.type for p in op.body.properties) if op.body.flattened else (op.body.type,)


def _response_types(op: Operation) -> Iterable[TypeNode]:
    yield from (r.type for r in (*op.responses, *op.errors) if r.type is not None)
    if op.return_type is not None:
        yield op.return_type


def _reachable(table: dict[str, Schema], roots: list[TypeNode], *, every: bool = False) -> set[str]:
    """The named schemas `roots` refer to, and those they refer to in turn (request side:
    through the properties a request sends; `every`: through all of them)."""
    found: set[str] = set()
    stack = list(roots)
    while stack:
        for name in _references(stack.pop()):
            schema = table.get(name)
            if schema is None or name in found:
                continue
            found.add(name)
            if isinstance(schema, ObjectSchema):
                stack.extend(p.type for p in schema.properties if every or not p.read_only)
            elif isinstance(schema, AliasSchema):
                stack.append(schema.target)
    return found


def _references(node: TypeNode) -> Iterable[str]:
    """The names of the schemas a type refers to, through lists, maps, nullables and unions."""
    inner: tuple[TypeNode, ...] = ()
    if isinstance(node, TypeRef):
        yield node.name
    elif isinstance(node, ListType):
        inner = (node.items,)
    elif isinstance(node, MapType):
        inner = (node.values,)
    elif isinstance(node, NullableType):
        inner = (node.inner,)
    elif isinstance(node, UnionType):
        inner = node.members
    for member in inner:
        yield from _references(member)
