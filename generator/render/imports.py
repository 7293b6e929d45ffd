"""Imports as data: what a piece of generated code needs, and the lines a module prints for it.

The type spelling reports what each type expression needs; the views add what their own
layout uses (a `cast`, an `Endpoint`); a module imports the union, so it imports only what
it uses. The templates print the lines, never choose them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from ..reserved import STDLIB_MODULES


@dataclass(frozen=True)
class Imports:
    """(module, name) pairs. Module "" is `import name`; "." modules are package-relative."""

    pairs: frozenset[tuple[str, str]] = frozenset()

    def __or__(self, other: Imports) -> Imports:
        if other.pairs <= self.pairs:  # most unions add nothing new: no new set
            return self
        return other if self.pairs <= other.pairs else Imports(self.pairs | other.pairs)


@functools.cache
def needs(module: str, *names: str) -> Imports:
    """`needs("typing", "Any")`: the code uses `Any` from `typing`. Cached: the views ask for
    the same few imports tens of thousands of times, and `Imports` is immutable."""
    return Imports(frozenset((module, name) for name in names))


def merge(parts: Iterable[Imports]) -> Imports:
    return Imports(frozenset().union(*(part.pairs for part in parts)))


@dataclass(frozen=True)
class ImportLine:
    """`import <names[0]>` when `module` is empty, else `from <module> import <names>`."""

    module: str
    names: tuple[str, ...]


ImportBlock = tuple[tuple[ImportLine, ...], ...]


@functools.lru_cache(maxsize=1 << 14)
def import_block(imports: Imports, depth: int, within: str = "") -> ImportBlock:
    """The lines of a module `depth` packages below the root, in isort's groups and order:
    standard library, third party, the package itself; `import x` before `from x import y`.
    Modules of the subpackage `within` (`.models`) are written as siblings (`.customer`).
    Cached: many models import the same few names."""
    by_module: dict[str, list[str]] = {}
    for module, name in imports.pairs:
        by_module.setdefault(module, []).append(name)
    lines = [ImportLine("", (name,)) for name in by_module.pop("", [])]
    lines += [
        ImportLine(_relative(module, depth, within), tuple(sorted(names, key=_name_order)))
        for module, names in by_module.items()
    ]
    lines.sort(key=_line_order)
    return tuple(tuple(group) for _, group in groupby(lines, key=_group))


def _relative(module: str, depth: int, within: str) -> str:
    """`._runtime` as written `depth` packages below the root (`.._runtime` in resources/)."""
    if within and module.startswith(f"{within}."):
        return module[len(within) :]
    return "." * depth + module if module.startswith(".") else module


def _group(line: ImportLine) -> int:
    return _module_group(line.module or line.names[0])


@functools.cache
def _module_group(module: str) -> int:
    """Standard library, third party, the package itself (cached: a few dozen modules)."""
    if module.startswith("."):
        return 2
    return 0 if module.split(".")[0] in STDLIB_MODULES else 1


def _line_order(line: ImportLine) -> tuple[int, bool, str]:
    return _group(line), bool(line.module), line.module or line.names[0]


@functools.cache
def _name_order(name: str) -> tuple[int, str]:
    """isort's order by type: CONSTANTS, then Classes, then functions and modules."""
    if name.isupper() and len(name) > 1:
        return 0, name
    return (1 if name[:1].isupper() else 2), name
