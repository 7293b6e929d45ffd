"""Write the output tree: the generated files and the user's, staged beside the target, then
swapped in (`swap`), under a lock, after a killed run's leftovers are put right.

What the run may replace is what the manifest says it wrote (`manifest`); what the user added is
carried over (`carry`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, GenerationError
from . import carry, swap
from .tree import fail


def write_tree(target: Path, files: dict[str, str]) -> list[Diagnostic]:
    """Replace `target` with `files`; return warnings (user files carried over, a recovery)."""
    shown = target
    target = _target_path(target)
    _check_paths(files)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(shown, f"cannot create its parent directory: {exc.strerror}") from None
    with swap.locked(target):
        try:
            warnings = swap.recover(target)
        except OSError as exc:
            raise fail(shown, f"cannot clean up after an interrupted run: {exc}") from None
        users = carry.users_entries(target, files)
        late = _stage_and_swap(target, shown, files, users)
    return warnings + carry.kept_warnings(shown, [*users.files, *late])


def _target_path(target: Path) -> Path:
    """The absolute, normalized output path; a symbolic link to a directory is followed."""
    path = Path(os.path.abspath(target))
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if not real.is_dir():
            raise fail(target, "output path is a symbolic link to something that is not a directory")
        path = real
    if path.parent == path or not path.name:
        raise fail(target, "output path is a file system root; choose a directory of its own")
    return path


def _check_paths(files: dict[str, str]) -> None:
    """The last gate: every path stays inside the output directory and is unique on any file system."""
    problems: list[Diagnostic] = []
    folded: dict[str, str] = {}
    for relative in files:
        if _escapes(relative):
            problems.append(Diagnostic(relative, 0, 0, "", "a generated path escapes the output directory (a generator bug)"))
            continue
        key = relative.casefold()
        if key in folded and folded[key] != relative:
            problems.append(
                Diagnostic(relative, 0, 0, "", f"differs from {folded[key]!r} only in case (a generator bug)")
            )
        folded[key] = relative
    if problems:
        raise GenerationError(problems)


def _escapes(relative: str) -> bool:
    """Whether a path could name something outside the directory it is joined to, on any system."""
    return (
        not relative
        or relative.startswith("/")  # absolute (POSIX); a drive or a backslash is refused below
        or any(part in ("", ".", "..") for part in relative.split("/"))
        or "\\" in relative
        or "\0" in relative
        or ":" in relative
    )


def _stage_and_swap(target: Path, shown: Path, files: dict[str, str], users: carry.UsersEntries) -> list[str]:
    """Build the new tree beside `target` and swap it in; on any failure, remove it again.

    Returns the user's entries that appeared while it was built (moved into the new tree)."""
    try:
        work = swap.make_work_dir(target)
    except OSError as exc:
        raise fail(shown, f"cannot create a temporary directory beside it: {exc.strerror}") from None
    try:
        staging = work / "new"
        _build(staging, target, files, users)
        swap.crash_point("staged")
        previous = swap.swap_in(staging, target, work)
        return carry.settle(previous, target, users.owned) if previous is not None else []
    except OSError as exc:
        raise fail(shown, f"cannot write: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")) from None
    finally:
        swap.remove_work_dir(work)


def _build(staging: Path, target: Path, files: dict[str, str], users: carry.UsersEntries) -> None:
    """The new tree: the generated files, the user's carried over, every directory's mode as it was."""
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o777 & ~_umask()
    staging.mkdir(mode | 0o700)
    _write_files(staging, files)
    carry.carry_over(staging, users)
    staging.chmod(mode)


def _write_files(staging: Path, files: dict[str, str]) -> None:
    """Each directory made once, then each file in one open and one write (thousands of files:
    a directory made or a text stream opened per file was a third of the time)."""
    root = str(staging)
    for directory in sorted({os.path.dirname(relative) for relative in files} - {""}):
        os.makedirs(os.path.join(root, directory), exist_ok=True)
    half = len(files) // 2
    for i, (relative, text) in enumerate(files.items()):
        write_file(os.path.join(root, relative), text.encode("utf-8"))
        if i == half:
            swap.crash_point("writing")


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def write_file(path: str, data: bytes) -> None:
    """`data` as the file at `path` (made or emptied), in one open and as few writes as it takes."""
    fd = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
