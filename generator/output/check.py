"""`--check`: how an output directory differs from the files a run would write, as a short diff."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from ..diagnostics import GenerationError
from ..regular import NotRegularFile, read_regular
from .manifest import MANIFEST, owned_files
from .tree import existing_files, fail


def check_tree(target: Path, files: dict[str, str], max_lines: int = 40) -> list[str]:
    """A short unified diff of `target` against `files`; empty when they match.

    Files a user added (not in the directory's manifest) are not drift: a write keeps them.
    The manifest's hashes only mirror the other files: when they differ it gets one line, last.
    """
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_dir():
        raise fail(target, "output path exists and is not a directory")
    current = existing_files(target) if target.is_dir() else {}
    owned = _owned_for_check(target, current)
    lines: list[str] = []
    for relative in sorted((set(current) | set(files)) - {MANIFEST}):
        lines.extend(_file_drift(target, relative, current, files, owned))
    manifest = _file_drift(target, MANIFEST, current, files, owned)
    if not lines:
        lines, manifest = manifest, []
    elif manifest:
        manifest = [f"{target.name}/{MANIFEST}: differs too (it lists the files' hashes)"]
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"... ({len(lines) - max_lines} more lines)"]
    return lines + manifest


def _file_drift(
    target: Path, relative: str, current: dict[str, Path], files: dict[str, str], owned: dict[str, str | None]
) -> list[str]:
    """How one file of `target` differs from the one generated, as diff lines."""
    if relative not in files:
        return [f"only in {target}: {relative}"] if relative in owned else []
    if relative not in current:
        return [f"missing from {target}: {relative}"]
    return _drift(target, relative, current[relative], files[relative])


def _owned_for_check(target: Path, current: dict[str, Path]) -> dict[str, str | None]:
    """The files the manifest lists; every file there when it has none or cannot be read."""
    try:
        return owned_files(target) if (target / MANIFEST).is_file() else dict.fromkeys(current)
    except GenerationError:
        return dict.fromkeys(current)


def _drift(target: Path, relative: str, path: Path, text: str) -> list[str]:
    """How the file at `path` differs from `text`, as diff lines; none when it does not."""
    try:
        old_bytes = read_regular(path)
    except NotRegularFile:
        return [f"{target.name}/{relative}: not a regular file"]
    except OSError as exc:
        raise fail(path, f"cannot read: {exc.strerror}") from None
    if old_bytes == text.encode("utf-8"):
        return []
    old = old_bytes.decode("utf-8", errors="replace")
    lines = list(
        difflib.unified_diff(old.splitlines(), text.splitlines(), f"{target.name}/{relative}", "generated", lineterm="", n=1)
    )
    if old.splitlines() == text.splitlines():
        lines.append(f"{target.name}/{relative}: differs in line endings or a final newline")
    return lines
