"""A parsed document made plain JSON data, and checked for size, before anything reads it.

YAML reads `200:` as an int key and `yes:` as a bool; OpenAPI keys are always strings.
Values must be JSON scalars (no `!!binary`, `!!set`, `!!timestamp`). Mappings, lists and
strings may be shared (YAML aliases) but not contain themselves, and count once per place
they appear, both as values and as characters of text: a "billion laughs" document, or a
long string aliased many times, is refused before anything expands it. Strings are checked for lone UTF-16
surrogates (JSON `"\\ud800"`), which are not text and could not be written out.
"""

from __future__ import annotations

import re
from typing import Any

from .. import pointer
from .census import Census, take_census
from .limits import MAX_DEPTH, MAX_ERRORS, MAX_INT_BITS, MAX_NODES, MAX_TEXT, Budget

_JSON_SCALARS = (str, int, float, bool, type(None))
_LONG_INT = f"an integer of more than {int(MAX_INT_BITS * 0.30103)} digits; quote it as a string"
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")

# Where a value is, as a chain of links to its parents: (parent's link, key in the parent,
# the parent). Pointers are only built for the few values that have a problem.
_Link = tuple[Any, object, Any]


def normalize(document: Any, text: str, budget: Budget) -> list[tuple[str, str]]:
    """Make `document` (parsed from `text`) plain JSON data in place; (pointer, message) problems.

    Its values are taken from `budget`. Only a JSON escape can make a lone surrogate, so
    strings are searched for one only when `text` has such an escape.
    """
    return normalized(document, text, budget)[0]


def normalized(document: Any, text: str, budget: Budget) -> tuple[list[tuple[str, str]], Census | None]:
    """`normalize`, and the document's census when the quick pass could take it (None when the
    full pass had to look: the later walks then find out for themselves)."""
    surrogates = bool(_ESCAPED_SURROGATE.search(text))
    census = None if surrogates else take_census(document, budget)
    if census is not None and not any(map(_key_problem, census.keyed)):
        for mapping in census.keyed:
            _string_keys(mapping)
        budget.nodes -= census.nodes
        budget.text -= census.text
        return [], census
    return _Normalizer(budget, surrogates).run(document), None


def _pointer(link: _Link | None) -> str:
    keys: list[object] = []
    while link is not None:
        link, key, _ = link
        keys.append(key)
    return pointer.from_tokens(reversed(keys))


class _Normalizer:
    """One pass over every value (a stack, not recursion: the document may be deep)."""

    def __init__(self, budget: Budget, surrogates: bool) -> None:
        self.budget = budget
        self.surrogates = surrogates
        self.problems: list[tuple[str, str]] = []
        self.reported_depth = False
        self.seen: set[int] = set()
        self.stack: list[tuple[Any, _Link | None, int]] = []

    def run(self, document: Any) -> list[tuple[str, str]]:
        self.stack.append((document, None, 0))
        while self.stack and len(self.problems) < MAX_ERRORS:
            value, link, depth = self.stack.pop()
            if not self._count(value, link):
                break
            if isinstance(value, (dict, list)):
                problem = self._container(value, link, depth)
            else:
                problem = self._scalar(value)
            if problem is not None:
                self.problems.append((_pointer(link), problem))
        return self.problems

    def _count(self, value: Any, link: _Link | None) -> bool:
        """One more value, and its text, from the budget; False, with the problem, once it is spent."""
        self.budget.nodes -= 1
        if isinstance(value, str):
            self.budget.text -= len(value)
        elif isinstance(value, dict):
            self.budget.text -= sum(len(k) for k in value if isinstance(k, str))
        if self.budget.nodes < 0:
            message = f"too large: more than {MAX_NODES} values (YAML aliases count once per use)"
        elif self.budget.text < 0:
            message = f"too large: more than {MAX_TEXT // (1024 * 1024)} M characters of text (YAML aliases count once per use)"
        else:
            return True
        self.problems.append((_pointer(link), message))
        return False

    def _container(
        self, value: dict[Any, Any] | list[Any], link: _Link | None, depth: int
    ) -> str | None:
        """Check a mapping or list and queue its values; what is wrong with it, if anything."""
        if id(value) in self.seen and _inside_itself(value, link):
            return "a YAML alias that contains itself: the document would be infinite"
        self.seen.add(id(value))
        if depth >= MAX_DEPTH:
            return self._too_deep()
        if isinstance(value, dict):
            problem = self._keys(value)
            if problem is not None:
                return problem
            items: Any = value.items()
        else:
            items = enumerate(value)
        self.stack.extend((item, (link, key, value), depth + 1) for key, item in items)
        return None

    def _too_deep(self) -> str | None:
        """Said once: whatever else is too deep is as deep or deeper."""
        if self.reported_depth:
            return None
        self.reported_depth = True
        return f"nested deeper than {MAX_DEPTH} levels; move inner schemas to components"

    def _keys(self, mapping: dict[Any, Any]) -> str | None:
        """Make every key a string (`200` -> "200", `true` -> "true"), or say why one cannot be."""
        if self.surrogates and _has_surrogate_key(mapping):
            return "a key holds a lone UTF-16 surrogate (\\ud800-\\udfff): not text"
        if all(isinstance(k, str) for k in mapping):
            return None
        problem = _key_problem(mapping)
        if problem is None:
            _string_keys(mapping)
        return problem

    def _scalar(self, value: object) -> str | None:
        if self.surrogates and isinstance(value, str) and _SURROGATE.search(value):
            return "a string holds a lone UTF-16 surrogate (\\ud800-\\udfff): not text"
        if not isinstance(value, _JSON_SCALARS):
            kind = type(value).__name__
            tags = "a !!binary, !!set or !!timestamp tag?"
            return f"a YAML {kind} value is not JSON data ({tags}); quote it"
        if _too_long(value):
            return _LONG_INT
        return None


def _key_problem(mapping: dict[Any, Any]) -> str | None:
    """Why a key of `mapping` cannot be made a string, if one cannot."""
    bad = next((k for k in mapping if not isinstance(k, _JSON_SCALARS)), None)
    if bad is not None:
        return f"a key of type {type(bad).__name__} is not allowed: {bad!r}"
    if any(map(_too_long, mapping)):
        return f"a key is {_LONG_INT}"
    return None


def _string_keys(mapping: dict[Any, Any]) -> None:
    """Every key of `mapping` as JSON spells it (`200` -> "200", `true` -> "true"), in place."""
    items = list(mapping.items())
    mapping.clear()
    mapping.update((yaml_key(key), item) for key, item in items)


def _too_long(value: object) -> bool:
    return isinstance(value, int) and value.bit_length() > MAX_INT_BITS


def _has_surrogate_key(mapping: dict[Any, Any]) -> bool:
    return any(_SURROGATE.search(k) for k in mapping if isinstance(k, str))


def _inside_itself(value: object, link: _Link | None) -> bool:
    """Whether `value` is one of its own ancestors: an alias used inside its own anchor."""
    while link is not None and link[2] is not value:
        link = link[0]
    return link is not None


def yaml_key(key: object) -> str:
    """A scalar key as JSON would spell it."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)
