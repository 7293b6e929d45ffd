"""Python identifiers from spec text: the only place names are made.

Every identifier in the output passes through here, so nothing in a spec can
become code. File and module names are made from these identifiers only.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..reserved import (
    CLIENT_RESERVED,
    KEYWORDS,
    MODEL_RESERVED,
    PARAMETER_RESERVED,
    PER_CALL_OPTIONS,
)

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+[a-z]*")

_MAX_CLASS_NAME = 60
_CONSTANTS = frozenset({"None", "True", "False"})  # names no class may take
# A module or package is a file name too: file systems allow 255 bytes, with room left for
# `.py`, `.cpython-313.pyc` and a `.orig` a user may add.
_MAX_FILE_NAME = 100


@lru_cache(maxsize=1 << 16)  # the same names come back again and again (Stripe: 62k calls)
def words(text: str) -> tuple[str, ...]:
    """Split camelCase, snake_case, kebab-case and dotted text into lowercase words."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return tuple(map(str.lower, _WORD.findall(text)))


def snake(text: str) -> str:
    """`setAsPrimary` -> `set_as_primary`; never empty, never starts with a digit."""
    return _snake_words(words(text))


def _snake_words(parts: Iterable[str]) -> str:
    name = "_".join(parts)
    if not name:
        return "value"
    if name[0].isdigit():
        return f"n{name}"
    return name


def pascal(text: str) -> str:
    """`integration response dto` -> `IntegrationResponseDto`; never starts with a digit."""
    name = "".join(map(str.capitalize, words(text)))  # words are lowercase ASCII
    if not name:
        return "Model"
    if name[0].isdigit():
        return f"N{name}"
    return name


def constant(text: str) -> str:
    """An enum member name: `in_app` -> `IN_APP`, `1st` -> `VALUE_1ST`, `` -> `EMPTY`."""
    name = "_".join(words(text)).upper()
    if not name:
        return "EMPTY"
    if name[0].isdigit():
        return f"VALUE_{name}"
    return name


def escape_keyword(name: str, reserved: Iterable[str] = ()) -> str:
    """Append `_` to Python keywords (`KEYWORDS`) and to names the caller reserves."""
    while name in KEYWORDS or name in reserved:
        name = f"{name}_"
    return name


@lru_cache(maxsize=1 << 16)  # `id`, `name`, `url` in every model (GitHub: 38k calls, 2k names)
def field_name(wire_name: str) -> str:
    """A model attribute: snake case, not clashing with pydantic or a type name."""
    return escape_keyword(snake(wire_name), MODEL_RESERVED)


def parameter_name(wire_name: str) -> str:
    """A method argument: snake case, not shadowing what the method body uses."""
    return escape_keyword(snake(wire_name), PARAMETER_RESERVED)


def argument_name(wire_name: str, location: str) -> str:
    """A parameter's or body field's argument; one named like a per-call option ends in where
    it goes (`timeout` in the query -> `timeout_query`, in the body -> `timeout_body`)."""
    name = parameter_name(wire_name)
    return f"{name}_{location}" if name in PER_CALL_OPTIONS else name


def attribute_name(text: str) -> str:
    """A resource attribute or method name: snake case, not a keyword, not the client's own API."""
    return escape_keyword(snake(text), CLIENT_RESERVED)


def resource_name(text: str) -> str:
    """A resource attribute; a top-level one names its module too."""
    return module_name(attribute_name(text))


def module_name(name: str) -> str:
    """`name` (an identifier), or if too long for a file name, its start and a hash of the whole."""
    if len(name) <= _MAX_FILE_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: _MAX_FILE_NAME - 9].rstrip('_')}_{digest}"


def model_module(class_name: str) -> str:
    """A model's module in the models package: its class name in snake case, kept to its last
    words when longer than a class name may be."""
    kept: list[str] = []
    size = -1  # of the kept words joined by `_`
    for word in reversed(words(class_name)):
        if kept and size + 1 + len(word) > _MAX_CLASS_NAME:
            break
        kept.append(word[:_MAX_CLASS_NAME])
        size += 1 + len(kept[-1])
    return escape_keyword(_snake_words(reversed(kept)))  # `words` of words joined by `_` are those words


def class_name(text: str) -> str:
    """A class name, kept readable: long inline-schema paths keep their last words."""
    name = pascal(text)
    if len(name) > _MAX_CLASS_NAME:
        parts = _WORD.findall(name)
        kept: list[str] = []
        for part in reversed(parts):
            if sum(map(len, kept)) + len(part) > _MAX_CLASS_NAME:
                break
            kept.insert(0, part)
        name = "".join(kept) or name[-_MAX_CLASS_NAME:]
        if name[0].isdigit():
            name = f"N{name}"
    return escape_keyword(name, _CONSTANTS)


def unique(name: str, taken: set[str], *, sep: str = "", fold_case: bool = False) -> str:
    """`name`, or `name2`, `name3`... whichever is not in `taken`; records the result.

    `fold_case` keeps names apart on case-insensitive file systems.
    """

    candidate, n = name, 2
    while (candidate.lower() if fold_case else candidate) in taken:
        candidate = f"{name}{sep}{n}"
        n += 1
    taken.add(candidate.lower() if fold_case else candidate)
    return candidate
