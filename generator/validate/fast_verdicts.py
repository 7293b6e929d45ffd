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


class SchemaCheck:
    """The document against the OpenAPI JSON Schema, in place of the validator's own check."""

    def __init__(self, version: str, verdicts: FastVerdicts) -> None:
        from openapi_spec_validator import schemas

        self.schema: Any = getattr(schemas, _SCHEMAS[version])
        self.verdicts = verdicts

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        # Formats unchecked, as jsonschema checks them here (it is given no format checker).
        if self.verdicts.valid(self.schema, instance):
            return iter(())
        from jsonschema.validators import validator_for  # type: ignore[import-untyped]

        return iter(validator_for(self.schema)(self.schema).iter_errors(instance))


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
            """A `default` that holds a `$ref` key is data: the validator would follow it."""
            value = schema.read_value()
            default = value.get("default") if isinstance(value, dict) else None
            if not (isinstance(default, dict) and "$ref" in default):
                checks: Iterator[Any] = super().__call__(schema, require_properties, meta_checked)
                return checks
            return self._with_data_default(schema, value, default, require_properties, meta_checked)

        def _with_data_default(
            self, schema: Any, value: dict[str, Any], default: Any, require_properties: bool, meta_checked: bool
        ) -> Iterator[Any]:
            visited = id(value) in self.visited_schema_ids
            yield from super().__call__(_WithoutDefault(schema), require_properties, meta_checked)
            if not visited and id(value) in self.visited_schema_ids:  # checked, not refused
                yield from self.default_validator(schema, default)

    keywords["schema"] = FastMetaSchemaValidator
    return type(validator_class.__name__, (validator_class,), {"keyword_validators": keywords})


class _IdSet(set[int]):
    """The validator's lists of schema ids, as a set: `in` without a search."""

    def append(self, item: int) -> None:
        self.add(item)


class _WithoutDefault:
    """A schema's path whose `default` the validator does not read (it is checked apart)."""

    def __init__(self, path: Any) -> None:
        self._path = path

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
