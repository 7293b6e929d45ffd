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


class MetaCheck:
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
    """Whether a mapping anywhere in `node` has a key of `_REGEX_KEYS` (a loop: it is run on
    every schema the validator checks)."""
    waiting = [node]
    while waiting:
        current = waiting.pop()
        if isinstance(current, dict):
            if not _REGEX_KEYS.isdisjoint(current):
                return True
            waiting.extend(current.values())
        elif isinstance(current, list):
            waiting.extend(current)
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
