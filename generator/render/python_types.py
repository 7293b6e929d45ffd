"""How an IR type is written as a Python type expression, and what that spelling imports.

The one place that writes type expressions (the role of datamodel-code-generator's
`DataTypeManager`): the views hold the finished text and the `Imports` it needs, and the
templates print both. Two places spell types differently:

- the models package: bare class names, `list[...]`/`dict[...]`, files as `bytes`, and a union with a
  discriminator as a pydantic tagged union, so a body validates as the member its tag names.
- methods (resources and the client): `models.`-qualified names (`_models.` when a resource or
  method is itself called `models`), `List[...]`/`Dict[...]` (a
  resource may have a method called `list`, which would shadow the builtin in its class body),
  files as the runtime's `FileTypes`, and unions as plain `A | B`.

Either spells what a caller may pass (`accepting`): method arguments and the TypedDicts take
an enum's values as `Literal` strings, a model's TypedDict beside the model, and `Sequence`/
`Mapping` (covariant, so a `list[Model]` still fits).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..ir.types import (
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
from .filters import pyliteral
from .imports import Imports, merge, needs


@dataclass(frozen=True)
class Spelled:
    """A type expression and the imports it needs."""

    text: str
    imports: Imports = Imports()


ANY = Spelled("Any", needs("typing", "Any"))
NONE = Spelled("None")

_BYTES = Spelled("bytes")
_DATETIME = needs("", "datetime")
_PRIMITIVES = {
    "str": Spelled("str"),
    "int": Spelled("int"),
    "float": Spelled("float"),
    "bool": Spelled("bool"),
    "bytes": _BYTES,
    "datetime": Spelled("datetime.datetime", _DATETIME),
    "date": Spelled("datetime.date", _DATETIME),
    "uuid": Spelled("str"),
}
_TAGGED = (
    needs("typing", "Annotated", "Union")
    | needs("pydantic", "Discriminator", "Tag")
    | needs("._runtime._unions", "discriminate")
)


_COVARIANT = {"list": "Sequence", "dict": "Mapping"}
_LAZY_UNION = needs("typing", "Annotated", "Union") | needs("._runtime", "LazyUnion")

# Where a model's references are imported from: `.models.<module>` is the model's own module.
MODELS_PACKAGE = ".models"


class PythonTypes:
    """Spells IR types for one kind of generated module; see `for_models` and `for_methods`."""

    def __init__(
        self,
        *,
        qualified: bool,
        models: Mapping[str, ObjectSchema] | None,
        models_module: str = "models",
        schemas: Mapping[str, Schema] | None = None,
        accepts: bool = False,
        marks_lazy_unions: bool = False,
    ) -> None:
        self._qualified = qualified
        self._models_module = models_module
        self._schemas: Mapping[str, Schema] = schemas or {}
        self._accepts = accepts  # spell what a caller may pass (see `accepting`)
        self._models = models
        self._marks = marks_lazy_unions and not qualified and not accepts
        self._file = Spelled("FileTypes", needs("._runtime", "FileTypes")) if qualified else _BYTES
        self._shown: PythonTypes | None = None
        self._accepting: PythonTypes | None = None
        self._spellers: dict[type, Callable[[Any], Spelled]] = {
            PrimitiveType: self._primitive,
            AnyType: lambda _: ANY,
            TypeRef: self._ref,
            ListType: self._list,
            MapType: self._map,
            LiteralType: self._literal,
            NullableType: self._nullable,
            UnionType: self._union,
        }

    def spell(self, node: TypeNode | None) -> Spelled:
        """`node` as a type expression; no node (no body, no return value) is `None`."""
        return NONE if node is None else self._spellers[type(node)](node)

    def _primitive(self, node: PrimitiveType) -> Spelled:
        return self._file if node.kind == "file" else _PRIMITIVES[node.kind]

    @property
    def schemas(self) -> Mapping[str, Schema]:
        """The named schemas, by class name (empty when not given)."""
        return self._schemas

    def shown(self) -> PythonTypes:
        """The same types without `LazyUnion` marks: as a reader sees them (api.md). Made once:
        each field asks for it."""
        if self._shown is None:
            self._shown = PythonTypes(
                qualified=self._qualified,
                models=self._models,
                models_module=self._models_module,
                schemas=self._schemas,
                accepts=self._accepts,
            )
        return self._shown

    def accepting(self) -> PythonTypes:
        """Types as a caller may pass them: an enum also as its values (`Literal["email"]`),
        a model also as its TypedDict (`StepFilterParam`), wherever they sit in the type.
        Made once: each method asks for it."""
        if self._accepting is None:
            self._accepting = PythonTypes(
                qualified=self._qualified,
                models=None,
                models_module=self._models_module,
                schemas=self._schemas,
                accepts=True,
            )
        return self._accepting

    def _named(self, name: str, schema: Schema | None) -> Spelled:
        """`models.X` in methods; in the models package `X`, imported from its module."""
        if self._qualified:
            module = self._models_module
            imported = "models" if module == "models" else f"models as {module}"
            return Spelled(f"{module}.{name}", needs(".", imported))
        if schema is not None and schema.module:
            return Spelled(name, needs(f"{MODELS_PACKAGE}.{schema.module}", name))
        return Spelled(name)

    def _ref(self, node: TypeRef) -> Spelled:
        schema = self._schemas.get(node.name)
        spelled = self._named(node.name, schema)
        if not self._accepts:
            return spelled
        if isinstance(schema, EnumSchema) and schema.values_alias is not None:
            return _either(spelled, self._named(schema.values_alias, schema))
        if isinstance(schema, EnumSchema) and schema.kind != "float":
            values = ", ".join(pyliteral(m.value) for m in schema.members)
            literal = Spelled(f"Literal[{values}]", needs("typing", "Literal"))
            return _either(spelled, literal)
        if isinstance(schema, ObjectSchema) and schema.param_name is not None:
            return _either(spelled, self._named(schema.param_name, schema))
        return spelled

    def _generic(self, name: str, *args: Spelled) -> Spelled:
        imports = merge(a.imports for a in args)
        if self._accepts:  # covariant: a `list[Model]` is also a sequence of `Model | ModelParam`
            name = _COVARIANT[name]
            imports |= needs("typing", name)
        elif self._qualified:
            name = name.capitalize()
            imports |= needs("typing", name)
        return Spelled(f"{name}[{', '.join(a.text for a in args)}]", imports)

    def _list(self, node: ListType) -> Spelled:
        return self._generic("list", self.spell(node.items))

    def _map(self, node: MapType) -> Spelled:
        return self._generic("dict", Spelled("str"), self.spell(node.values))

    def _literal(self, node: LiteralType) -> Spelled:
        return Spelled(f"Literal[{pyliteral(node.value)}]", needs("typing", "Literal"))

    def _nullable(self, node: NullableType) -> Spelled:
        inner = self.spell(node.inner)
        return inner if inner == ANY else Spelled(f"{inner.text} | None", inner.imports)

    def _union(self, node: UnionType) -> Spelled:
        if self._marks:  # the lazily loaded members last: a value another takes loads nothing
            node = UnionType(tuple(sorted(node.members, key=self._loads_lazily)), node.discriminator)
        members = [self.spell(m) for m in node.members]
        if ANY in members:
            return ANY
        if node.discriminator is not None and self._models is not None:
            return self._tagged(node.discriminator, members, self._models)
        texts = dict.fromkeys(m.text for m in members)
        imports = merge(m.imports for m in members)
        if sum(map(self._loads_lazily, node.members)) >= 2:
            return Spelled(f"Annotated[Union[{', '.join(texts)}], LazyUnion]", imports | _LAZY_UNION)
        return Spelled(" | ".join(texts), imports)

    def _loads_lazily(self, node: TypeNode) -> bool:
        """In a model, a model or alias of the models package, loaded when a value first needs it.

        Pydantic tries a union's members in order, so such members go last; two or more are
        marked `LazyUnion`, so that they validate together and the best fit still wins."""
        return (
            self._marks
            and isinstance(node, TypeRef)
            and isinstance(self._schemas.get(node.name), ObjectSchema | AliasSchema)
        )

    @staticmethod
    def _tagged(
        discriminator: Discriminator, members: list[Spelled], models: Mapping[str, ObjectSchema]
    ) -> Spelled:
        wire = discriminator.wire_name
        first = models[discriminator.mapping[0][1]]
        attribute = next(p.python_name for p in first.properties if p.wire_name == wire)
        tagged = ", ".join(f"Annotated[{m.text}, Tag({pyliteral(m.text)})]" for m in members)
        mapping = ", ".join(
            f"{pyliteral(value)}: {pyliteral(name)}" for value, name in discriminator.mapping
        )
        call = f"discriminate({pyliteral(wire)}, {pyliteral(attribute)}, {{{mapping}}})"
        text = f"Annotated[Union[{tagged}], Discriminator({call})]"
        return Spelled(text, merge(m.imports for m in members) | _TAGGED)


def _either(first: Spelled, second: Spelled) -> Spelled:
    return Spelled(f"{first.text} | {second.text}", first.imports | second.imports)


def for_models(
    models: Mapping[str, ObjectSchema], schemas: Mapping[str, Schema] | None = None
) -> PythonTypes:
    """Types as the models package writes them."""
    return PythonTypes(qualified=False, models=models, schemas=schemas, marks_lazy_unions=True)


def for_methods(attributes: set[str], schemas: Mapping[str, Schema] | None = None) -> PythonTypes:
    """Types as methods and endpoint tables in resources and the client write them.

    `attributes` are the names the client and resource classes define: when one of them is
    `models` (a tag, as in OpenAI's API), it would shadow the models module inside the class,
    so the module is imported as `_models` (attribute names never start with `_`).
    """
    module = "_models" if "models" in attributes else "models"
    return PythonTypes(qualified=True, models=None, models_module=module, schemas=schemas)


def or_none(spelled: Spelled) -> Spelled:
    """`X | None`, unless `X` already admits None."""
    text = spelled.text
    if text.endswith("| None") or (text == "Any" and spelled == ANY):  # (text first: cheaper)
        return spelled
    return Spelled(f"{text} | None", spelled.imports)


def or_not_given(spelled: Spelled) -> Spelled:
    """`X | NotGiven`: an optional argument that is left out of the request unless passed."""
    return Spelled(f"{spelled.text} | NotGiven", spelled.imports | needs("._runtime", "NotGiven"))


def credential(kind: str, basic: bool) -> Spelled:
    """A client's credential argument: HTTP basic auth also takes a (user, password) pair, a
    token (bearer, OAuth2, OpenID Connect) a token provider (a callable, sync or async)."""
    if basic:
        return Spelled("str | tuple[str, str] | None")
    if kind in ("http", "oauth2", "openIdConnect"):
        return Spelled("str | TokenProvider | None", needs("._runtime", "TokenProvider"))
    return Spelled("str | None")
