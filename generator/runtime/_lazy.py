"""Model modules that load when first needed.

Each model lives in its own module. A field naming a model of another module would, imported
eagerly, load most of a big API with its first model (an expandable `string | Invoice` field
reaches the invoice, which reaches the customer...). Instead the name is bound, at run time,
to a placeholder class whose pydantic schema imports the real one when a value first needs it:
a value another member of a union takes (an id string) never loads it. Type checkers see the
real class (the generated modules import it under `TYPE_CHECKING`).
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
from collections.abc import Callable, Mapping
from typing import Any, Union, cast, get_args

import pydantic
from pydantic_core import PydanticKnownError, core_schema

__all__ = ["LazyUnion", "lazy_exports", "lazy_model", "lazy_type", "resolved"]

_LOCK = threading.RLock()
_DRAWING: set[tuple[str, str]] = set()  # placeholders whose JSON schema is being drawn


class _Placeholder:
    """The stand-in for `lazy_module.lazy_name`: validates as the real type once imported."""

    lazy_module: str
    lazy_name: str
    lazy_validator: Any = None
    # A model takes a mapping or an instance only: anything else (an id string) is refused as
    # pydantic refuses it, without loading the model (pydantic's JSON mode tries every member
    # of a union, even after a string member took the value).
    lazy_mappings_only: bool = False

    @classmethod
    def lazy_target(cls) -> Any:
        return getattr(importlib.import_module(cls.lazy_module), cls.lazy_name)

    @classmethod
    def lazy_validate(cls) -> Any:
        """The target's validator, made once (a model's own, or a type alias's adapter)."""
        validator = cls.lazy_validator
        if validator is None:
            with _LOCK:
                target = cls.lazy_target()
                if isinstance(target, type) and issubclass(target, pydantic.BaseModel):
                    validator = target.__pydantic_validator__
                else:
                    validator = pydantic.TypeAdapter[Any](cast(Any, target)).validator
                cls.lazy_validator = validator
        return validator

    @classmethod
    def lazy_schema(cls) -> core_schema.CoreSchema | None:
        """The target's core schema once a value has loaded it; None before (nothing loads)."""
        if cls.lazy_validator is None:
            return None
        target = cls.lazy_target()
        if isinstance(target, type) and issubclass(target, pydantic.BaseModel):
            return target.__pydantic_core_schema__
        return pydantic.TypeAdapter[Any](cast(Any, target)).core_schema

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: pydantic.GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # The JSON schema as an annotation's (pydantic keeps a `$ref` from those as it is).
        metadata = {"pydantic_js_annotation_functions": [_json_schema_of(cls)]}
        return core_schema.with_info_plain_validator_function(_validator_of(cls), metadata=metadata)


def _json_schema_of(placeholder: type[_Placeholder]) -> Callable[[Any, Any], Any]:
    """The target's JSON schema: a model is drawn once per generation, a `$ref` to its
    definition after that and inside itself."""
    key = (placeholder.lazy_module, placeholder.lazy_name)

    def json_schema(schema: core_schema.CoreSchema, handler: pydantic.GetJsonSchemaHandler) -> Any:
        generator = getattr(handler, "generate_json_schema", None)
        draw = generator.generate_inner if generator is not None else handler
        target = pydantic.TypeAdapter(placeholder.lazy_target()).core_schema
        if key not in _DRAWING:
            _DRAWING.add(key)
            try:
                return draw(target)
            finally:
                _DRAWING.discard(key)
        if "ref" in target:
            return draw(core_schema.definition_reference_schema(target["ref"]))
        return {"title": placeholder.lazy_name}

    return json_schema


def _validator_of(placeholder: type[_Placeholder]) -> Callable[[Any, Any], Any]:
    mappings_only, name = placeholder.lazy_mappings_only, placeholder.lazy_name
    made: list[Any] = []  # the target's validator, once made (read on every value)

    def validate(value: Any, info: core_schema.ValidationInfo) -> Any:
        if mappings_only and type(value) is not dict:
            _refuse_unless_a_mapping(value, name)
        if not made:
            made.append(placeholder.lazy_validate())
        return made[0].validate_python(value, context=info.context)

    validate.__name__ = validate.__qualname__ = placeholder.lazy_name  # read in union errors
    validate.lazy_placeholder = placeholder  # type: ignore[attr-defined]  # read by `resolved`
    return validate


# Targets a reader's schema takes in place of placeholders, at most: a copy is inlined where
# each placeholder stood, so models shared along many paths would otherwise multiply.
_INLINED = 64


def resolved(schema: core_schema.CoreSchema) -> core_schema.CoreSchema:
    """A copy of ``schema`` with placeholders whose targets are loaded replaced by the
    targets' own schemas, so that pydantic validates those nested models without calling
    back into Python.

    Targets not loaded stay placeholders (nothing loads here), as do placeholders inside
    smart unions (which may pick a model member otherwise than a function one), a target's
    inside itself, and any after the first ``_INLINED``. Every dict and list is copied:
    pydantic may change the schema it is given, and the models' own must stay as they are.
    (pydantic-core would reuse a plain model's own validator, placeholders and all, where it
    meets the class; the generated models' strict-mode after-validator keeps them from that.)
    """
    return cast(core_schema.CoreSchema, _Resolver().resolve(schema, (), substitute=True))


class _Resolver:
    def __init__(self) -> None:
        self.budget = _INLINED

    def resolve(
        self, node: object, inside: tuple[type[_Placeholder], ...], *, substitute: bool
    ) -> Any:
        if isinstance(node, list):
            items = cast("list[object]", node)
            return [self.resolve(item, inside, substitute=substitute) for item in items]
        if not isinstance(node, dict):
            return node
        schema = cast("dict[str, Any]", node)
        substitute = substitute and not _smart_union(schema)
        target = self.target(schema, inside) if substitute else None
        if target is not None:
            return self.resolve(target[1], (*inside, target[0]), substitute=True)
        return {
            key: self.resolve(value, inside, substitute=substitute) for key, value in schema.items()
        }

    def target(
        self, schema: dict[str, Any], inside: tuple[type[_Placeholder], ...]
    ) -> tuple[type[_Placeholder], core_schema.CoreSchema] | None:
        """The placeholder ``schema`` calls and its target's schema, if it is to be replaced."""
        placeholder = _placeholder_in(schema)
        if placeholder is None or placeholder in inside or not self.budget:
            return None
        loaded = placeholder.lazy_schema()
        if loaded is None:
            return None
        self.budget -= 1
        return placeholder, loaded


def _smart_union(schema: dict[str, Any]) -> bool:
    """Whether ``schema`` is a union that picks the member a value fits best (a union
    tried left to right, or by a discriminator, picks the same member either way)."""
    return schema.get("type") == "union" and schema.get("mode", "smart") == "smart"


def _placeholder_in(schema: dict[str, Any]) -> type[_Placeholder] | None:
    """The placeholder whose validator ``schema`` calls, if it is one's."""
    if schema.get("type") != "function-plain":
        return None
    return cast(
        "type[_Placeholder] | None",
        getattr(schema["function"]["function"], "lazy_placeholder", None),
    )


def _refuse_unless_a_mapping(value: Any, name: str) -> None:
    """A model takes a mapping or an instance: anything else is refused as pydantic refuses it,
    without loading the model."""
    if not isinstance(value, (Mapping, pydantic.BaseModel)):
        raise PydanticKnownError("model_type", {"class_name": name})


def lazy_type(module: str, name: str, package: str | None = None) -> Any:
    """A placeholder for the type alias `name` of `module` (relative to `package`)."""
    return _placeholder(module, name, package, mappings_only=False)


def lazy_model(module: str, name: str, package: str | None = None) -> Any:
    """A placeholder for the model `name` of `module` (relative to `package`)."""
    return _placeholder(module, name, package, mappings_only=True)


def _placeholder(module: str, name: str, package: str | None, *, mappings_only: bool) -> Any:
    absolute = importlib.util.resolve_name(module, package)
    namespace = {
        "__module__": absolute,
        "__qualname__": name,
        "lazy_module": absolute,
        "lazy_name": name,
        "lazy_mappings_only": mappings_only,
    }
    return type(name, (_Placeholder,), namespace)


class LazyUnion:
    """`Annotated[Union[str, A, B], LazyUnion]`: a union of two or more models of other modules.

    Their placeholders validate together, once imported, so that pydantic's smart union still
    picks the member that fits best; the other members (strings, None...) stay outside, so a
    value one of them takes imports nothing.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: pydantic.GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        members = get_args(source)
        lazy: list[type[_Placeholder]] = [
            m for m in members if isinstance(m, type) and issubclass(m, _Placeholder)
        ]
        others = [handler.generate_schema(m) for m in members if m not in lazy]
        metadata = {"pydantic_js_annotation_functions": [_group_json_schema(lazy)]}
        group = core_schema.with_info_plain_validator_function(
            _group_validator(lazy), metadata=metadata
        )
        choices: list[core_schema.CoreSchema | tuple[core_schema.CoreSchema, str]] = [
            *others,
            group,
        ]
        return core_schema.union_schema(choices)


def _group_validator(members: list[type[_Placeholder]]) -> Callable[[Any, Any], Any]:
    """Validates as the union of the placeholders' targets, in smart mode, once imported."""
    adapter: list[pydantic.TypeAdapter[Any]] = []
    name = " | ".join(m.lazy_name for m in members)
    mappings_only = all(m.lazy_mappings_only for m in members)

    def validate(value: Any, info: core_schema.ValidationInfo) -> Any:
        if mappings_only and type(value) is not dict:
            _refuse_unless_a_mapping(value, name)
        if not adapter:
            with _LOCK:
                union: Any = Union[tuple(m.lazy_target() for m in members)]  # noqa: UP007
                adapter[:] = [pydantic.TypeAdapter(union)]
        return adapter[0].validate_python(value, context=info.context)

    validate.__name__ = validate.__qualname__ = name
    return validate


def _group_json_schema(members: list[type[_Placeholder]]) -> Callable[[Any, Any], Any]:
    drawers = [_json_schema_of(m) for m in members]

    def json_schema(schema: core_schema.CoreSchema, handler: pydantic.GetJsonSchemaHandler) -> Any:
        return {"anyOf": [draw(schema, handler) for draw in drawers]}

    return json_schema


def lazy_exports(
    package: str, modules: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's `__getattr__` and `__dir__` (PEP 562): `name` loads from `modules[name]`."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *modules})

    return __getattr__, __dir__
