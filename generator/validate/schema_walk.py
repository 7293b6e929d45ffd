"""The validator's visit of every schema object, stepping through resolved nodes.

openapi-spec-validator's `SchemaValidator` visits each schema object once (by id): it checks
it against its dialect's meta-schema (here jsonschema-rs first, `fast_verdicts`), descends
into `allOf`, `anyOf`, `oneOf`, `not`, `items` and `properties`, reports `required` names an
`allOf` defines nowhere, and checks each `default` against its schema. Through `SchemaPath`s
each of those steps resolved the path anew; `_SchemaWalk.visit` takes the same steps, in the
same order, with the same errors, on the nodes `fast_paths` has resolved already. It mirrors
`SchemaValidator.__call__` of the versions in `MIRRORED`; under any other version, or for a
path `fast_paths` did not make, the library's own visit runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from openapi_spec_validator.validation.exceptions import (
    ExtraParametersError,
    OpenAPIValidationError,
)

from .fast_verdicts import FastVerdicts, MetaCheck

try:
    from .fast_paths import FastSchemaAccessor

    _WALKABLE: tuple[type, ...] = (FastSchemaAccessor,)
except ImportError:  # a jsonschema-path of another shape: the library visits on its own
    _WALKABLE = ()

MIRRORED = frozenset({"0.9.0"})  # openapi-spec-validator versions whose visit `visit` repeats


def with_fast_schema_walk(validator_class: type[Any], verdicts: FastVerdicts) -> type[Any]:
    """`validator_class` (an openapi-spec-validator class) whose schema keyword validator
    asks jsonschema-rs first and, where it can, visits schemas by `_SchemaWalk.visit`."""
    import openapi_spec_validator

    keywords = dict(validator_class.keyword_validators)
    if "schema" not in keywords:
        return validator_class
    mirrored = getattr(openapi_spec_validator, "__version__", None) in MIRRORED
    attributes = {"verdicts": verdicts, "mirrored": mirrored}
    keywords["schema"] = type("FastSchemaValidator", (_SchemaWalk, keywords["schema"]), attributes)
    return type(validator_class.__name__, (validator_class,), {"keyword_validators": keywords})


class _SchemaWalk:
    """Mixed into the version's schema keyword validator. A `default` is checked as data,
    last: the library would follow a `$ref` key in it."""

    verdicts: FastVerdicts
    mirrored: bool
    visited_schema_ids: Any
    meta_checked_schema_ids: Any
    default_validator: Any
    _validate_schema_meta: Any

    def __init__(self, registry: Any) -> None:
        super().__init__(registry)  # type: ignore[call-arg]
        # Lists in the library, searched for every schema: validation grew as the square of
        # the number of schemas (most of GitHub's and Cloudflare's).
        self.visited_schema_ids = _IdSet()
        self.meta_checked_schema_ids = _IdSet()

    def _get_schema_checker(self, schema: Any, schema_value: Any) -> Any:
        return MetaCheck(super()._get_schema_checker(schema, schema_value), self.verdicts)  # type: ignore[misc]

    def __call__(self, schema: Any, require_properties: bool = True, meta_checked: bool = False) -> Iterator[Any]:
        accessor: Any = getattr(schema, "accessor", None)
        if self.mirrored and type(accessor) in _WALKABLE and accessor.remembering:
            resolved = accessor.get_resolved(schema.parts)  # raises as the library's read would
            at = _At(schema, accessor, schema.parts, resolved.contents, resolved.resolver)
            return self.visit(at, require_properties, meta_checked)
        return self._library_visit(schema, require_properties, meta_checked)

    def _library_visit(self, schema: Any, require_properties: bool, meta_checked: bool) -> Iterator[Any]:
        read = _DefaultAsData(schema, self.visited_schema_ids)
        yield from super().__call__(read, require_properties, meta_checked)  # type: ignore[misc]
        value = read.value
        if read.fresh and id(value) in self.visited_schema_ids and "default" in value:
            yield from self._default(schema, value)

    def visit(self, at: _At, require_properties: bool, meta_checked: bool) -> Iterator[Any]:
        """The library's visit of the schema `at`."""
        value = at.node
        if not isinstance(value, (Mapping, bool)):
            yield OpenAPIValidationError(f"{value!r} is not of type 'object', 'boolean'")
            return
        if not meta_checked and id(value) not in self.meta_checked_schema_ids:
            self.meta_checked_schema_ids.append(id(value))
            error = self._validate_schema_meta(at.path(), value)
            if error is not None:
                yield error
                return
        if id(value) in self.visited_schema_ids:
            return
        self.visited_schema_ids.append(id(value))
        if isinstance(value, dict):  # a boolean schema holds nothing (the library's `in` says so)
            yield from self._inside(at, value, require_properties)
            if "default" in value:
                yield from self._default(at.path(), value)

    def _inside(self, at: _At, value: dict[str, Any], require_properties: bool) -> Iterator[Any]:
        """What the library checks within a schema it visits first, in its order."""
        nested_properties: list[Any] = []
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in at.children(keyword):
                yield from self.visit(inner, False, True)
                if keyword == "allOf":
                    nested_properties += list(inner.properties())
        for keyword in ("not", "items"):
            if keyword in value:
                yield from self.visit(at / keyword, False, True)
        for inner in at.children("properties"):
            yield from self.visit(inner, False, True)
        extra_properties = _undefined_required(at, value, nested_properties)
        if extra_properties and require_properties:
            yield ExtraParametersError(f"Required list has not defined properties: {extra_properties}")

    def _default(self, schema: Any, value: dict[str, Any]) -> Iterator[Any]:
        if value["default"] is not None or value.get("nullable") is not True:
            yield from self.default_validator(schema, value["default"])


def _undefined_required(at: _At, value: dict[str, Any], nested_properties: list[Any]) -> list[Any]:
    """The library's `required` names that neither the schema nor its `allOf` define (none
    without an `allOf`); both keywords are read whatever, as the library reads them."""
    required = "required" in value and (at / "required").node or []
    properties = "properties" in value and (at / "properties").keys() or []
    return list(set(required) - set(properties) - set(nested_properties)) if "allOf" in value else []


class _At:
    """A place in the document as the walk holds it: its path, and its node resolved as the
    library's `SchemaPath` resolves it, with the resolver for the `$ref`s under it."""

    __slots__ = ("origin", "accessor", "parts", "node", "resolver")

    def __init__(self, origin: Any, accessor: Any, parts: tuple[Any, ...], node: Any, resolver: Any) -> None:
        self.origin, self.accessor, self.parts, self.node, self.resolver = origin, accessor, parts, node, resolver

    def __truediv__(self, key: Any) -> _At:
        node, resolver = self.accessor.step(self.node, self.resolver, key)
        return _At(self.origin, self.accessor, (*self.parts, key), node, resolver)

    def has(self, key: str) -> bool:
        """The library's `key in path`, for a key that is a string."""
        return isinstance(self.node, dict) and key in self.node

    def keys(self) -> Any:
        """The library's `keys()`: a mapping's keys, a list's indexes; KeyError for anything else."""
        if isinstance(self.node, dict):
            return self.node.keys()
        if isinstance(self.node, list):
            return range(len(self.node))
        raise KeyError(self.parts[-1]) if self.parts else KeyError

    def children(self, keyword: str) -> Iterator[_At]:
        """The schemas under `keyword` (the library iterates the keys of what is there)."""
        if self.has(keyword):
            under = self / keyword
            for key in under.keys():
                yield under / key

    def properties(self) -> set[Any]:
        """The library's `_collect_properties`: every property name reachable from here."""
        props: set[Any] = set()
        if self.has("properties"):
            props.update((self / "properties").keys())
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in self.children(keyword):
                props.update(inner.properties())
        for keyword in ("items", "not"):
            if self.has(keyword):
                props.update((self / keyword).properties())
        return props

    def path(self) -> Any:
        """The `SchemaPath` of this place, for the library's checks that take one."""
        return self.origin if self.parts == self.origin.parts else self.origin._clone_with_parts(self.parts)


class _IdSet(set[int]):
    """The library's lists of schema ids, as a set: `in` without a search."""

    def append(self, item: int) -> None:
        self.add(item)


class _DefaultAsData:
    """A schema's path as the library's own visit is given it: its `default` hidden, and what
    the visit read of it remembered: the schema, and whether it was new to the visit."""

    def __init__(self, path: Any, visited: set[int]) -> None:
        self._path, self._visited = path, visited
        self.value: Any = None
        self.fresh = False

    def read_value(self) -> Any:
        self.value = self._path.read_value()
        self.fresh = isinstance(self.value, dict) and id(self.value) not in self._visited
        return self.value

    def __contains__(self, key: object) -> bool:
        return key != "default" and key in self._path

    def __truediv__(self, key: Any) -> Any:
        return self._path / key

    def __getattr__(self, name: str) -> Any:
        return getattr(self._path, name)
