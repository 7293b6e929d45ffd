"""Changes -> the verdict (`bump`, the next version) and the three ways `diff` prints it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Literal

from ..diagnostics import printable
from ..render.filters import inline
from .compare import SEVERITIES, Change

Bump = Literal["major", "minor", "patch", "none"]
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")  # smallest first
_BUMP_OF: dict[str, Bump] = {"breaking": "major", "feature": "minor", "docs": "patch"}
_HEADINGS = {"breaking": "Breaking changes", "feature": "Features", "docs": "Documentation"}


def bump(changes: Sequence[Change]) -> Bump:
    """The highest level any change calls for."""
    levels = [BUMPS.index(_BUMP_OF[c.severity]) for c in changes]
    return BUMPS[max(levels, default=0)]


def release(version: str) -> tuple[int, int, int]:
    """`1.2` -> (1, 2, 0): the leading release numbers of a version, padded to three."""
    found = re.match(r"\d+(\.\d+)*", version)
    numbers = [int(n) for n in found.group().split(".")] if found else []
    major, minor, patch = (numbers + [0, 0, 0])[:3]
    return major, minor, patch


def next_version(version: str, level: Bump) -> str:
    """The version after `version` for a `level` bump; `none` keeps it."""
    if level == "none":
        return version
    major, minor, patch = release(version)
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def already_bumped(old_version: str, new_version: str, level: Bump) -> bool:
    """Whether the new package's version is at least the one `level` calls for."""
    return release(new_version) >= release(next_version(old_version, level))


def _counts(changes: Sequence[Change]) -> str:
    counts = {s: sum(c.severity == s for c in changes) for s in SEVERITIES}
    return f"{counts['breaking']} breaking, {counts['feature']} feature, {counts['docs']} docs"


Rename = Mapping[str, Mapping[str, str]]  # the `rename:` config entries that keep old names


def as_json(changes: Sequence[Change], rename: Rename | None = None) -> str:
    found = [{"severity": c.severity, "path": c.path, "message": c.message} for c in changes]
    body: dict[str, object] = {"bump": bump(changes), "changes": found}
    if rename:  # the `rename:` config entries that keep the old names
        body["rename"] = {kind: dict(names) for kind, names in rename.items()}
    return json.dumps(body, indent=2, ensure_ascii=False)


def as_text(changes: Sequence[Change], package: str, old_version: str, rename: Rename | None = None) -> str:
    level = bump(changes)
    lines = [f"bump: {level} ({package} {old_version} -> {next_version(old_version, level)})"]
    lines += [printable(f"{c.severity:<9} {c.path}: {c.message}") for c in changes]
    lines.append(_counts(changes))
    if rename:
        lines += ["", "To keep the old names, add to the new spec's generator config:", *rename_config(rename)]
    return "\n".join(lines)


def rename_config(rename: Rename) -> list[str]:
    """The `rename:` entries as YAML lines, the names quoted as JSON (valid YAML)."""
    lines = ["rename:"]
    for kind in sorted(rename):
        lines.append(f"  {kind}:")
        lines += [printable(f"    {json.dumps(old)}: {json.dumps(new)}") for old, new in sorted(rename[kind].items())]
    return lines


def as_markdown(changes: Sequence[Change], package: str, old_version: str, rename: Rename | None = None) -> str:
    """A changelog entry (and pull-request comment) headed by the suggested next version."""
    level = bump(changes)
    lines = [
        f"## {package} {next_version(old_version, level)}",
        "",
        f"Suggested bump: **{level}** (from {old_version}): {_counts(changes)} changes.",
    ]
    for severity in SEVERITIES:
        chosen = [c for c in changes if c.severity == severity]
        if chosen:
            lines += ["", f"### {_HEADINGS[severity]}", ""]
            lines += [f"- `{inline(c.path)}`: {inline(c.message)}" for c in chosen]
    if rename:
        lines += ["", "### Keeping the old names", "", "Add to the new spec's generator config:", "", "```yaml", *rename_config(rename), "```"]
    return "\n".join(lines)
