"""Where in the document a validator error is.

The validator gives a path inside the schema it checked on its own, or no path at all: the
place is found from the value the error is about and from what its message says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .. import pointer
from ..load import Spec

# Errors the validator reports without a path: where they are, from what they say.
_OPERATION_ID = re.compile(r"Operation ID '.*' for '(\w+)' in '(.*)' is not unique")
# jsonschema's words for a keyword this OpenAPI version does not have (`const` in 3.0).
_EXTENSIONS_ONLY = re.compile(r"'([^']*)' does not match any of the regexes: '\^x-'$")
_PATH_PARAMETER = re.compile(r"Path parameter '.*' for '(\w+)' operation in '(.*)' was not resolved")

_MISSING = object()
_SEARCH_LIMIT = 200_000
_SCHEMA_PLACE = re.compile(
    r".*/(schema|schemas/[^/]+|definitions/[^/]+|properties/[^/]+|items|additionalProperties|(allOf|anyOf|oneOf)/\d+)"
)


def locate(spec: Spec, error: Any, taken: set[str | None]) -> tuple[str | None, str]:
    """The error's JSON pointer in the document (None when it cannot be found) and its message."""
    tokens = list(getattr(error, "absolute_path", None) or getattr(error, "path", None) or ())
    lines = str(getattr(error, "message", error)).splitlines()
    message = lines[0] if lines else type(error).__name__
    if len(message) > 300:
        message = message[:300] + "..."
    message = _EXTENSIONS_ONLY.sub(r"unexpected keyword '\1': only x- extensions may be added here", message)
    instance = getattr(error, "instance", _MISSING)
    if tokens:
        at = pointer.from_tokens(tokens)
        if pointer.follow(spec.document, at)[1] is None:
            return at, message
        # The validator checks schemas one by one and gives paths inside the schema it checked.
        return _find(spec.document, at, instance, taken), message
    return _pointer_in_message(spec, message, instance, error, taken), message


def _pointer_in_message(spec: Spec, message: str, instance: Any, error: Any, taken: set[str | None]) -> str | None:
    """Where an error the validator gives without a path is, from what it says."""
    match = _OPERATION_ID.fullmatch(message) or _PATH_PARAMETER.fullmatch(message)
    if match:
        method, url = match.groups()
        operation = pointer.join("/paths", url, method)
        return pointer.join(operation, "operationId") if match.re is _OPERATION_ID else operation
    if instance is _MISSING or instance is spec.document or (isinstance(instance, dict) and "info" in instance):
        return ""  # about the document as a whole
    return _value_place(spec.document, error, taken)


_VALUE_KEYS = ("default", "example")


def _value_place(document: Any, error: Any, taken: set[str | None]) -> str | None:
    """A schema's `default` or `example` that does not fit it: the validator checks the value on
    its own and gives no path. Found as the first schema (in document order, not yet reported)
    holding that value under one of those keys and the keyword the value breaks."""
    schema_path = list(getattr(error, "schema_path", ()))
    broken = (schema_path[0], error.validator_value) if len(schema_path) == 1 else None
    instance = getattr(error, "instance", _MISSING)
    for where, node in _PLACES.holding_values(document):
        place = _holding(where, node, instance, broken)
        if place is not None and place not in taken:
            return place
    return None


def _holding(where: str, node: Any, instance: Any, broken: tuple[str, Any] | None) -> str | None:
    """`where`'s `default` or `example`, if it is `instance` and `node` has the `broken` keyword."""
    if not isinstance(node, dict) or (broken is not None and node.get(broken[0]) != broken[1]):
        return None
    for key in _VALUE_KEYS:
        value = node.get(key, _MISSING)
        if type(value) is type(instance) and value == instance:
            return pointer.join(where, key)
    return None


def _find(document: Any, suffix: str, instance: Any, taken: set[str | None]) -> str | None:
    """The first schema (in document order, not yet reported) where `suffix` leads to `instance`.

    The validator only does this for schemas, so a place that is a schema wins over
    one that merely looks the same (a Swagger 2.0 parameter also has a `type`). A schema
    used in two places through a YAML alias is a candidate in both.
    """
    fallback: str | None = None
    for where, node in _PLACES.holding(document, pointer.tokens(suffix)[0] if suffix else None):
        found, missing = pointer.follow(node, suffix)
        place = where + suffix
        same = missing is None and type(found) is type(instance) and found == instance
        if same and place not in taken:
            if _SCHEMA_PLACE.fullmatch(where):
                return place
            fallback = fallback or place
    return fallback


class _Places:
    """The places searched (the first `_SEARCH_LIMIT` containers of the document, in document
    order, one shared through a YAML alias at every place it appears), listed once per document
    rather than walked again for every error: those holding a key, and those holding a
    `default` or an `example`. A place's pointer is spelled only when it is asked for: most
    are never."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.document: Any = None
        self.nodes: list[Any] = []
        self.parents: list[int] = []  # each place's parent's index (-1: none)
        self.tokens: list[Any] = []  # and its key there
        self.pointers: dict[int, str] = {}
        self.by_keys: dict[tuple[str, ...] | None, list[tuple[str, Any]]] = {}

    def holding(self, document: Any, key: str | None) -> list[tuple[str, Any]]:
        """The places that are mappings holding `key` (every place for None, or a digit: lists)."""
        return self._listed(document, None if key is None or key.isdigit() else (key,))

    def holding_values(self, document: Any) -> list[tuple[str, Any]]:
        return self._listed(document, _VALUE_KEYS)

    def _listed(self, document: Any, keys: tuple[str, ...] | None) -> list[tuple[str, Any]]:
        if document is not self.document:
            self.forget()
            self.document = document
            self._walk(document)
        if keys not in self.by_keys:
            self.by_keys[keys] = [
                (self._pointer(i), n)
                for i, n in enumerate(self.nodes)
                if keys is None or (isinstance(n, dict) and any(k in n for k in keys))
            ]
        return self.by_keys[keys]

    def _walk(self, document: Any) -> None:
        """The places, parents first and in document order, without their pointers."""
        stack: list[tuple[int, Any, Any]] = [(-1, None, document)]
        while stack and len(self.nodes) < _SEARCH_LIMIT:
            parent, token, current = stack.pop()
            if not isinstance(current, (dict, list)):
                continue
            at = len(self.nodes)
            self.nodes.append(current)
            self.parents.append(parent)
            self.tokens.append(token)
            items = current.items() if isinstance(current, dict) else enumerate(current)
            stack.extend(reversed([(at, key, value) for key, value in items if isinstance(value, (dict, list))]))

    def _pointer(self, at: int) -> str:
        if self.parents[at] < 0:  # the document
            return ""
        if at not in self.pointers:
            self.pointers[at] = pointer.join(self._pointer(self.parents[at]), self.tokens[at])
        return self.pointers[at]


_PLACES = _Places()  # one document at a time: the one being validated


@contextmanager
def searching(document: Any) -> Iterator[None]:
    """While errors in `document` are located: its places are listed once, then let go."""
    try:
        yield
    finally:
        if _PLACES.document is document:
            _PLACES.forget()
