"""The JSON Schema checks inside validation, with jsonschema-rs giving the verdict first.

openapi-spec-validator checks the whole document against the OpenAPI JSON Schema, then every
schema object against its dialect's meta-schema, both with jsonschema (pure Python, most of the
validation's time). Here jsonschema-rs decides first; only what it finds invalid, or cannot
judge, is checked again by jsonschema, whose errors (messages, paths, order) are the ones
reported. So errors are the same with or without jsonschema-rs, and without it (no wheel for this
platform) everything is checked with jsonschema. The validator's own jsonschema-rs backend is not
used: its errors have other messages and no instance to locate them by.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

_SCHEMAS = {"2.0": "schema_v2", "3.0": "schema_v30", "3.1": "schema_v31"}

# Keys whose values jsonschema checks with the "regex" format in a meta-schema, which the fast
# verdict leaves unchecked (jsonschema-rs reads regexes as ECMA 262, jsonschema as Python's re).
_REGEX_KEYS = frozenset({"pattern", "patternProperties"})


class FastVerdicts:
    """jsonschema-rs's verdicts for one validation run, each schema compiled once."""

    def __init__(self) -> None:
        self._compiled: dict[int, Any] = {}  # by the id of a schema alive for the whole run
        self._schemas: list[Any] = []  # which keeps them alive

    def valid(self, schema: Any, instance: Any) -> bool:
        """True when jsonschema-rs is installed and finds `instance` valid; False when unsure.
        Formats are not checked."""
        if id(schema) not in self._compiled:
            self._schemas.append(schema)
            self._compiled[id(schema)] = _compiled(schema)
        validator = self._compiled[id(schema)]
        try:
            return validator is not None and bool(validator.is_valid(instance))
        except Exception:  # a value it cannot read: jsonschema decides
            return False

    def error_paths(self, schema: Any, instance: Any) -> list[list[Any]] | None:
        """Where jsonschema-rs finds `instance` invalid (each error's path in it); None when
        it cannot say (not installed, refuses the schema or the value)."""
        if id(schema) not in self._compiled:
            self.valid(schema, instance)
        validator = self._compiled[id(schema)]
        try:
            return None if validator is None else [list(e.instance_path) for e in validator.iter_errors(instance)]
        except Exception:
            return None


# The maps of a document whose entries the OpenAPI JSON Schema checks apart from each other:
# these at the top, and those in `components`.
_TOP_MAPS = frozenset({"paths", "webhooks", "definitions", "parameters", "responses"})
_ALL = None  # an error on the map itself: every entry kept


def only_failing(document: Any, error_paths: list[list[Any]]) -> Any:
    """`document` with only the entries of its maps of entries that an error is in (a copy:
    the document is not changed). Keys and order are kept elsewhere, so that jsonschema
    reports the same errors, at the same places, in the same order."""
    if not isinstance(document, dict):
        return document
    keep: dict[str, set[str] | None] = {}
    for path in error_paths:
        _mark_entry(keep, [str(token) for token in path])
    pruned = {key: _entries(value, keep.get(key, set())) if key in _TOP_MAPS else value for key, value in document.items()}
    if isinstance(pruned.get("components"), dict) and "components" not in keep:
        pruned["components"] = {
            name: _entries(inner, keep.get(f"components/{name}", set())) if not name.startswith("x-") else inner
            for name, inner in pruned["components"].items()
        }
    return pruned


def _mark_entry(keep: dict[str, set[str] | None], path: list[str]) -> None:
    """Note which entry of which map the error at `path` is in."""
    if not path:  # about the document as a whole: its keys are all kept
        return
    if path[0] == "components":
        if len(path) < 2:
            keep["components"] = _ALL
            return
        name, depth = f"components/{path[1]}", 2
    elif path[0] in _TOP_MAPS:
        name, depth = path[0], 1
    else:
        return
    if len(path) <= depth:
        keep[name] = _ALL
    elif (entries := keep.setdefault(name, set())) is not _ALL:
        entries.add(path[depth])


def _entries(mapping: Any, keys: set[str] | None) -> Any:
    if not isinstance(mapping, dict):
        return mapping
    return dict(mapping) if keys is _ALL else {k: v for k, v in mapping.items() if k in keys}


class SchemaCheck:
    """The document against the OpenAPI JSON Schema, in place of the validator's own check."""

    def __init__(self, version: str, verdicts: FastVerdicts) -> None:
        from openapi_spec_validator import schemas

        self.schema: Any = getattr(schemas, _SCHEMAS[version])
        self.verdicts = verdicts

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        """jsonschema's errors, on the entries of `paths` and `components` that jsonschema-rs
        finds errors in (all of them without jsonschema-rs): the same errors, at the same
        places, without checking the thousands of valid entries again in pure Python."""
        # Formats unchecked, as jsonschema checks them here (it is given no format checker).
        if self.verdicts.valid(self.schema, instance):
            return iter(())
        from jsonschema.validators import validator_for  # type: ignore[import-untyped]

        failing = self.verdicts.error_paths(self.schema, instance)
        checked = instance if failing is None else only_failing(instance, failing)
        return iter(validator_for(self.schema)(self.schema).iter_errors(checked))


def with_fast_meta_checks(validator_class: type[Any], verdicts: FastVerdicts) -> type[Any]:
    """`validator_class` (an openapi-spec-validator class) whose check of each schema object
    against its meta-schema asks jsonschema-rs first."""
    keywords = dict(validator_class.keyword_validators)
    if "schema" not in keywords:
        return validator_class
    schema_keyword = keywords["schema"]

    class FastMetaSchemaValidator(schema_keyword):  # type: ignore[misc, valid-type]
        def __init__(self, registry: Any) -> None:
            super().__init__(registry)
            # Lists in the validator, searched for every schema: validation grew as the
            # square of the number of schemas (most of GitHub's and Cloudflare's).
            self.visited_schema_ids = _IdSet()
            self.meta_checked_schema_ids = _IdSet()

        def _get_schema_checker(self, schema: Any, schema_value: Any) -> Callable[[Any], None]:
            return _MetaCheck(super()._get_schema_checker(schema, schema_value), verdicts)

        def __call__(self, schema: Any, require_properties: bool = True, meta_checked: bool = False) -> Iterator[Any]:
            """The validator's checks, but a `default` is checked as data, after them: it may
            hold a `$ref` key, which the validator would follow."""
            read = _DefaultAsData(schema, self.visited_schema_ids)
            yield from super().__call__(read, require_properties, meta_checked)
            value = read.value
            if read.fresh and id(value) in self.visited_schema_ids and "default" in value:
                if value["default"] is not None or value.get("nullable") is not True:
                    yield from self.default_validator(schema, value["default"])

    keywords["schema"] = FastMetaSchemaValidator
    return type(validator_class.__name__, (validator_class,), {"keyword_validators": keywords})


class _IdSet(set[int]):
    """The validator's lists of schema ids, as a set: `in` without a search."""

    def append(self, item: int) -> None:
        self.add(item)


class _DefaultAsData:
    """A schema's path as the validator is given it: its `default` hidden (the validator
    would follow a `$ref` key in it), and what the validator read of it remembered: the
    schema, and whether it was new to the validator (it checks a schema once)."""

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


class _MetaCheck:
    """A meta-schema check (jsonschema's `check_schema`, raising on the first error), skipped
    when jsonschema-rs finds the schema valid and it holds no regex for jsonschema to check."""

    def __init__(self, check: Callable[[Any], None], verdicts: FastVerdicts) -> None:
        self.check, self.verdicts = check, verdicts
        owner = getattr(getattr(check, "func", check), "__self__", None)  # the jsonschema class
        self.meta_schema: Any = getattr(owner, "META_SCHEMA", None)

    def __call__(self, value: Any) -> None:
        fast = self.meta_schema is not None and not _has_regex(value)
        if not (fast and self.verdicts.valid(self.meta_schema, value)):
            self.check(value)


def _has_regex(node: Any) -> bool:
    if isinstance(node, dict):
        return any(key in _REGEX_KEYS or _has_regex(child) for key, child in node.items())
    if isinstance(node, list):
        return any(_has_regex(child) for child in node)
    return False


def _compiled(schema: Any) -> Any:
    """jsonschema-rs's validator for `schema`, formats unchecked; None without jsonschema-rs or
    when it refuses the schema."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        return jsonschema_rs.validator_for(dict(schema), validate_formats=False, registry=_registry())
    except Exception:
        return None


@cache
def _registry() -> Any:
    """The meta-schemas the OpenAPI dialects refer to, so that jsonschema-rs never fetches them."""
    import jsonschema_rs
    from openapi_schema_validator._specifications import REGISTRY

    return jsonschema_rs.Registry([(uri, REGISTRY[uri].contents) for uri in REGISTRY])
