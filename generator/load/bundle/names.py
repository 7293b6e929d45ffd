"""The names bundled components are given, from the set of their targets alone.

A component is named by its fragment's last token, else by its file's name. Targets that would
share a name (or take a key the root has already) are told apart by their folders, innermost
first, as few as make them distinct (`v1/Error.yaml`, `v2/Error.yaml` -> `v1_Error`,
`v2_Error`); past that, by a number (`Error_2`). The order the targets were met in never
matters.
"""

from __future__ import annotations

import re
from pathlib import Path

from ... import pointer
from .files import Target

_NOT_A_KEY = re.compile(r"[^A-Za-z0-9._-]+")  # what a component key may not hold (OpenAPI 3)


def names(targets: list[Target], taken: set[str], top: Path) -> dict[Target, str]:
    """A name for each target (of one kind), none of them in `taken`, files relative to `top`."""
    groups: dict[str, list[Target]] = {}
    for target in targets:
        groups.setdefault(_candidate(target), []).append(target)
    found: dict[Target, str] = {}
    for candidate in sorted(groups):
        group = sorted(groups[candidate], key=lambda t: (t[0].as_posix(), t[1]))
        chosen = _qualified(candidate, group, taken, top)
        taken.update(chosen.values())
        found.update(chosen)
    return found


def _candidate(target: Target) -> str:
    file, at = target
    name = pointer.last(at) if at else file.stem
    return _NOT_A_KEY.sub("_", name) or "_"


def _qualified(candidate: str, group: list[Target], taken: set[str], top: Path) -> dict[Target, str]:
    qualifiers = [_qualifiers(t, top) for t in group]
    for depth in range(max(map(len, qualifiers)) + 1):
        tried = ["_".join([*q[len(q) - min(depth, len(q)) :], candidate]) for q in qualifiers]
        if len(set(tried)) == len(tried) and not taken.intersection(tried):
            return dict(zip(group, tried, strict=True))
    numbered, n = [], 1
    for _ in group:
        while (name := f"{candidate}_{n}" if n > 1 else candidate) in taken or name in numbered:
            n += 1
        numbered.append(name)
    return dict(zip(group, numbered, strict=True))


def _qualifiers(target: Target, top: Path) -> list[str]:
    """The folders (and file, for a fragment) that set a target apart: `v1` for `v1/Error.yaml`."""
    file, at = target
    relative = file.relative_to(top)
    parts = [*relative.parent.parts, relative.stem] if at else list(relative.parent.parts)
    return [_NOT_A_KEY.sub("_", part) for part in parts]
