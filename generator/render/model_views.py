"""Schemas -> the views the models package prints: a module per schema (an enum, a pydantic
model or a type alias, with its TypedDict), and the names the package exports.

Type expressions come from `python_types` (models spell discriminated unions as tagged
unions); each module's imports are what its definition and its TypedDict use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..ir.types import (
    AliasSchema,
    Api,
    EnumSchema,
    ListType,
    MapType,
    NullableType,
    ObjectSchema,
    Property,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)
from . import python_types
from .filters import SpecText, spec_doc
from .imports import ImportBlock, Imports, import_block, merge, needs
from .python_types import MODELS_PACKAGE, PythonTypes, or_none

S = TypeVar("S", ObjectSchema, EnumSchema, AliasSchema)


@dataclass(frozen=True)
class EnumView:
    name: str
    base: str  # the runtime's open enum class for the values' kind
    members: tuple[tuple[str, str | int | float | bool], ...]  # (name, value)
    doc: SpecText
    values_alias: str | None = None  # `ColorValues = Literal[...]`, for a long enum


@dataclass(frozen=True)
class FieldView:
    name: str
    annotation: str
    shown: str  # the annotation for a reader (api.md): unions without their `LazyUnion` mark
    optional: bool  # defaults to None
    alias: SpecText | None  # the wire name, when it is not the field's name
    doc: SpecText | None


@dataclass(frozen=True)
class ModelView:
    name: str
    base: str  # `BaseModel`, or `RequestModel` (unknown fields refused) for a request-only model
    fields: tuple[FieldView, ...]
    nullable: tuple[str, ...]  # fields that send an explicit null
    secret: tuple[str, ...]  # fields masked in repr() and str()
    extra: str | None  # the type of `__pydantic_extra__`, when additional properties are typed
    doc: SpecText


@dataclass(frozen=True)
class ParamView:
    """The TypedDict a caller may pass instead of `model`: (wire name, type expression) keys."""

    name: str
    model: str
    keys: tuple[tuple[SpecText, str], ...]
    required: tuple[SpecText, ...]  # for the README


@dataclass(frozen=True)
class AliasView:
    name: str
    expr: str
    shown: str  # for a reader, as `FieldView.shown`
    doc: SpecText


@dataclass(frozen=True)
class ModelModuleView:
    """models/<module>.py: one schema (a model beside its TypedDict, an enum or an alias).

    `imports` load with the module (enums, which import nothing of the package, and what the
    code uses); `checking` are for type checkers only; each of `lazy` (name, module, the runtime's
    placeholder for a model or an alias) is bound at run time to a placeholder that loads its
    module when a value first needs it.
    """

    module: str
    name: str
    enum: EnumView | None
    model: ModelView | None
    alias: AliasView | None
    param: ParamView | None
    imports: ImportBlock
    checking: ImportBlock
    lazy: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class ModelsModuleView:
    """The models package: its modules, and every name it exports by module (for `__init__`)."""

    enums: tuple[EnumView, ...]
    models: tuple[ModelView, ...]
    aliases: tuple[AliasView, ...]  # each after the aliases it names
    params: tuple[ParamView, ...]
    modules: tuple[ModelModuleView, ...]
    exports: tuple[tuple[str, str], ...]  # (name, module), by name

    @property
    def reexports(self) -> ImportBlock:
        """`from .customer import Customer as Customer`: what type checkers see in `models`."""
        pairs = frozenset((f"{MODELS_PACKAGE}.{module}", f"{name} as {name}") for name, module in self.exports)
        return import_block(Imports(pairs), depth=1, within=MODELS_PACKAGE)


_ENUM_BASES = {"str": "OpenStrEnum", "int": "OpenIntEnum", "float": "OpenFloatEnum"}


def _enum_view(schema: EnumSchema) -> EnumView:
    members = tuple((m.python_name, m.value) for m in schema.members)
    return EnumView(
        schema.name,
        _ENUM_BASES[schema.kind],
        members,
        spec_doc(schema.docs.description),
        schema.values_alias,
    )


_FIELD = needs("pydantic", "Field")

# What of a property its field view is made from (`_field` reads nothing else of it).
_FieldKey = tuple[str, str, TypeNode, bool, bool, bool, str | None]
_Fields = dict[_FieldKey, tuple[FieldView, Imports]]


def _known_field(prop: Property, types: PythonTypes, known: _Fields) -> tuple[FieldView, Imports]:
    """`_field`, made once for each distinct field: most recur from model to model (GitHub's
    38,000 fields are 9,000 distinct ones: an `id`, a `url`, a `created_at`...)."""
    key = (prop.python_name, prop.wire_name, prop.type, prop.required, prop.write_only, prop.nullable, prop.description)
    found = known.get(key)
    if found is None:
        found = known[key] = _field(prop, types)
    return found


def _field(prop: Property, types: PythonTypes) -> tuple[FieldView, Imports]:
    optional = not prop.required or prop.write_only  # servers never send write-only fields back
    spelled = types.spell(prop.type)
    shown = types.shown().spell(prop.type) if _has_union(spelled) else None
    if prop.nullable or optional:
        spelled, shown = or_none(spelled), None if shown is None else or_none(shown)
    alias = SpecText(prop.wire_name) if prop.wire_name != prop.python_name else None
    doc = SpecText(prop.description) if prop.description else None
    shown_text = spelled.text if shown is None else shown.text
    view = FieldView(prop.python_name, spelled.text, shown_text, optional, alias, doc)
    return view, spelled.imports if alias is None else spelled.imports | _FIELD


def _has_union(spelled: python_types.Spelled) -> bool:
    """Whether the spelling may hold a union, the only type a reader sees spelled otherwise (no
    `LazyUnion` mark, members in the spec's order); a union is written with `|` or `Union[`."""
    return "|" in spelled.text or "Union[" in spelled.text


def _model(schema: ObjectSchema, types: PythonTypes, known: _Fields) -> tuple[ModelView, Imports]:
    fields = [_known_field(p, types, known) for p in schema.properties]
    nullable, secret = _flagged(schema, "nullable"), _flagged(schema, "secret")
    extra = types.spell(MapType(schema.extra)) if schema.extra is not None else None
    # A request-only model refuses unknown fields, unless the spec types additional ones.
    base = "RequestModel" if schema.request_only and extra is None else "BaseModel"
    imports = merge(i for _, i in fields) | needs("._runtime", base)
    if nullable or secret:  # the class-level sets are annotated ClassVar
        imports |= needs("typing", "ClassVar")
    view = ModelView(
        name=schema.name,
        base=base,
        fields=tuple(f for f, _ in fields),
        nullable=nullable,
        secret=secret,
        extra=extra.text if extra is not None else None,
        doc=spec_doc(schema.docs.summary, schema.docs.description),
    )
    return view, imports | _extra_imports(extra)


def _flagged(schema: ObjectSchema, flag: str) -> tuple[str, ...]:
    """The fields whose property has `flag` set (`nullable`, `secret`)."""
    return tuple(p.python_name for p in schema.properties if getattr(p, flag))


def _extra_imports(extra: python_types.Spelled | None) -> Imports:
    """`__pydantic_extra__: dict[...] = Field(init=False)`, when additional properties are typed."""
    return Imports() if extra is None else extra.imports | needs("pydantic", "Field")


def _param(schema: ObjectSchema, accepting: PythonTypes) -> tuple[ParamView, Imports]:
    """Keys as the request sends them (read-only ones left out); required ones `Required[...]`.
    The types are forward references (strings), so what they name in other modules of the models
    package is imported for type checkers only."""
    sent = [p for p in schema.properties if not p.read_only]
    spelled = [accepting.spell(p.type) for p in sent]
    keys = []
    for prop, value in zip(sent, spelled, strict=True):
        text = or_none(value).text if prop.nullable else value.text
        keys.append((SpecText(prop.wire_name), f"Required[{text}]" if prop.required else text))
    required = tuple(SpecText(p.wire_name) for p in sent if p.required)
    view = ParamView(str(schema.param_name), schema.name, tuple(keys), required)
    return view, merge(s.imports for s in spelled) | _typed_dict_imports(bool(required))


def _typed_dict_imports(required: bool) -> Imports:
    """`Required` only when some key is required (an unused import is an error in pyright)."""
    return needs("typing_extensions", "TypedDict", *(("Required",) if required else ()))


def _references(node: TypeNode) -> set[str]:
    if isinstance(node, TypeRef):
        return {node.name}
    if isinstance(node, ListType):
        return _references(node.items)
    if isinstance(node, MapType):
        return _references(node.values)
    if isinstance(node, NullableType):
        return _references(node.inner)
    if isinstance(node, UnionType):
        return set().union(*(_references(m) for m in node.members))
    return set()


def _ordered_aliases(
    aliases: list[AliasSchema], types: PythonTypes
) -> list[tuple[AliasView, Imports]]:
    """Aliases are evaluated at import: each comes after the aliases it names.

    An alias that names itself through other aliases is printed as `Any`.
    """
    by_name = {a.name: a for a in aliases}
    ordered: list[tuple[AliasView, Imports]] = []
    state: dict[str, str] = {}

    def visit(alias: AliasSchema) -> None:
        state[alias.name] = "visiting"
        cyclic = False
        for dep in sorted(_references(alias.target) & by_name.keys()):
            if state.get(dep) == "visiting":
                cyclic = True
            elif dep not in state:
                visit(by_name[dep])
        spelled = python_types.ANY if cyclic else types.spell(alias.target)
        shown = python_types.ANY if cyclic else types.shown().spell(alias.target)
        view = AliasView(alias.name, spelled.text, shown.text, spec_doc(alias.docs.description))
        ordered.append((view, spelled.imports))
        state[alias.name] = "done"

    for alias in aliases:
        if alias.name not in state:
            visit(alias)
    return ordered


def _of_kind(api: Api, kind: type[S]) -> list[S]:
    return [s for s in api.schemas if isinstance(s, kind)]


def _params(models: list[ObjectSchema], accepting: PythonTypes) -> list[tuple[ParamView, Imports]]:
    return [_param(s, accepting) for s in models if s.param_name is not None]


def models_module(api: Api) -> ModelsModuleView:
    """The models package: enums, models, aliases and the TypedDicts arguments take, each schema
    in its own module."""
    schemas = {s.name: s for s in api.schemas}
    models = {s.name: s for s in _of_kind(api, ObjectSchema)}
    types = python_types.for_models(models, schemas)
    enums = [_enum_definition(s) for s in _of_kind(api, EnumSchema)]
    known: _Fields = {}
    classes = [_model(s, types, known) for s in models.values()]
    aliases = _ordered_aliases(_of_kind(api, AliasSchema), types)
    params = {p.model: (p, i) for p, i in _params(list(models.values()), types.accepting())}
    defined: list[tuple[EnumView | ModelView | AliasView, Imports]] = [*enums, *classes, *aliases]
    parts = [_Parts(view, imports, *params.get(view.name, _NO_PARAM)) for view, imports in defined]
    modules = [_module_view(schemas[p.view.name], p, schemas) for p in parts]
    return ModelsModuleView(
        enums=_views(enums),
        models=_views(classes),
        aliases=_views(aliases),
        params=_views(list(params.values())),
        modules=tuple(sorted(modules, key=lambda m: m.module)),
        exports=_exports(modules),
    )


V = TypeVar("V")


def _views(pairs: list[tuple[V, Imports]]) -> tuple[V, ...]:
    return tuple(view for view, _ in pairs)


def _enum_definition(schema: EnumSchema) -> tuple[EnumView, Imports]:
    imports = needs("._runtime", _ENUM_BASES[schema.kind])
    if schema.values_alias is not None:
        imports |= needs("typing", "Literal", "TypeAlias")
    return _enum_view(schema), imports


def _exports(modules: list[ModelModuleView]) -> tuple[tuple[str, str], ...]:
    """Every name the package exports, with its module: each definition and TypedDict."""
    exports = [(m.name, m.module) for m in modules]
    exports += [(m.param.name, m.module) for m in modules if m.param is not None]
    exports += [(m.enum.values_alias, m.module) for m in modules if m.enum and m.enum.values_alias]
    return tuple(sorted(exports))


@dataclass(frozen=True)
class _Parts:
    """What one module defines, with what its definitions and its TypedDict import."""

    view: EnumView | ModelView | AliasView
    imports: Imports
    param: ParamView | None = None
    param_imports: Imports = Imports()


_NO_PARAM: tuple[None, Imports] = (None, Imports())


@dataclass(frozen=True)
class _Split:
    """A module's imports: at run time, for type checkers only, and the placeholders it binds."""

    runtime: Imports
    checking: Imports
    lazy: frozenset[tuple[str, str, str]]  # (name, module, placeholder)


def _split(own: str, parts: _Parts, schemas: Mapping[str, Schema]) -> _Split:
    """A leaf (an enum, an alias naming no schema) loads with the module; a model or another alias
    of another module only for type checkers, bound at run time to a placeholder; a TypedDict of another module only for type
    checkers (the TypedDict's types are strings)."""
    sibling = f"{MODELS_PACKAGE}."
    runtime: set[tuple[str, str]] = set()
    checking: set[tuple[str, str]] = set()
    lazy = set()
    for module, name in parts.imports.pairs - {(own, parts.view.name)}:
        if not module.startswith(sibling) or _is_leaf(schemas.get(name)):
            runtime.add((module, name))
        else:
            checking.add((module, name))
            placeholder = "lazy_model" if isinstance(schemas.get(name), ObjectSchema) else "lazy_type"
            lazy.add((name, module.removeprefix(sibling), placeholder))
    for module, name in parts.param_imports.pairs - runtime:
        if not module.startswith(sibling):
            runtime.add((module, name))
        elif module != own:
            checking.add((module, name))
    return _Split(Imports(frozenset(runtime)), Imports(frozenset(checking)), frozenset(lazy))


def _is_leaf(schema: Schema | None) -> bool:
    """Imports nothing of the package: cheap to load with the models that name it."""
    if isinstance(schema, AliasSchema):
        return not _references(schema.target)
    return isinstance(schema, EnumSchema)


def _module_view(schema: Schema, parts: _Parts, schemas: Mapping[str, Schema]) -> ModelModuleView:
    split = _split(f"{MODELS_PACKAGE}.{schema.module}", parts, schemas)
    runtime = split.runtime
    if split.checking.pairs:
        runtime |= needs("typing", "TYPE_CHECKING")
    for _, _, placeholder in split.lazy:
        runtime |= needs("._runtime", placeholder)
    view = parts.view
    return ModelModuleView(
        module=schema.module,
        name=view.name,
        enum=view if isinstance(view, EnumView) else None,
        model=view if isinstance(view, ModelView) else None,
        alias=view if isinstance(view, AliasView) else None,
        param=parts.param,
        imports=import_block(runtime, depth=1, within=MODELS_PACKAGE),
        checking=import_block(split.checking, depth=1, within=MODELS_PACKAGE),
        lazy=tuple(sorted(split.lazy)),
    )
