"""The output directory as it is on disk: the files in it, every entry with the modes of its
directories, and a problem with it as a located error."""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, GenerationError

_IGNORED_DIRS = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def existing_files(target: Path) -> dict[str, Path]:
    """Relative path -> file, for what is in `target` now (caches left out)."""
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(target):
        dirnames[:] = _walked(dirnames)
        for name in filenames:
            path = Path(dirpath) / name
            found[path.relative_to(target).as_posix()] = path
    return found


def _walked(dirnames: list[str]) -> list[str]:
    """The directories to look into, in a stable order: not tool caches or build metadata."""
    return sorted(d for d in dirnames if d not in _IGNORED_DIRS and not d.endswith(".egg-info"))


def all_entries(target: Path) -> tuple[dict[str, str], list[str], dict[str, int]]:
    """Files and symbolic links (to files or directories) in `target` (relative path -> path),
    its empty directories, and the mode of each directory in it. Nothing is left out: caches
    and build metadata a user keeps there are theirs too. Paths as strings: thousands of
    entries on each run into the same place."""
    found: dict[str, str] = {}
    empty: list[str] = []
    modes: dict[str, int] = {}
    top = os.fspath(target)
    for dirpath, dirnames, filenames in os.walk(top):
        entries = _entries_walking_dirs(dirpath, dirnames, filenames)
        relative = os.path.relpath(dirpath, top).replace(os.sep, "/")
        if relative == ".":
            found.update((name, os.path.join(dirpath, name)) for name in entries)
            continue
        found.update((f"{relative}/{name}", os.path.join(dirpath, name)) for name in entries)
        modes[relative] = os.lstat(dirpath).st_mode & 0o7777
        if not (dirnames or entries):
            empty.append(relative)
    return found, empty, modes


def _entries_walking_dirs(dirpath: str, dirnames: list[str], filenames: list[str]) -> list[str]:
    """The names of a directory's files and symbolic links; `dirnames` left with the real
    directories, in order, for `os.walk` to go into."""
    links = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
    dirnames[:] = sorted(d for d in dirnames if d not in links)
    return [*filenames, *links]


def quiet(relative: str) -> bool:
    """Inside a tool cache or build metadata: kept without a warning each time."""
    return any(part in _IGNORED_DIRS or part.endswith(".egg-info") for part in relative.split("/")[:-1])


def fail(path: Path | str, message: str) -> GenerationError:
    """The error to raise about `path`: the output directory, or something in or beside it."""
    return GenerationError([Diagnostic(str(path), 0, 0, "", message)])
