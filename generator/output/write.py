"""Write the output tree atomically, own it through a manifest, or compare it (`--check`).

The new tree is built in a work directory beside the target (`.<name>.pyclient-XXXXXXXX/new`,
marked by a `.pyclient-work` file inside naming the target) and swapped in: in one step where
the system can exchange two directories (Linux `renameat2(RENAME_EXCHANGE)`, macOS
`renamex_np(RENAME_SWAP)`), else with two renames through the work directory's `old`. A run
killed at any point leaves either the previous tree or the new one; the next run (under the
same lock) puts a previous tree back if the kill fell between the two renames, and removes
its own work directories: those of exactly that name with the marker inside, nothing else.

A directory is only replaced if its manifest says we wrote it. Files and directories a user
added inside it are carried over (with their modes) and reported, never deleted; so is what
appears in it while the run writes (looked for again after the swap). A generated file the
user edited is never overwritten: the run stops and says which. One run at a time per
directory: a second one fails at once with a clear message.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import difflib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic, GenerationError
from ..regular import NotRegularFile, read_regular

MANIFEST = ".generated-by-pyclient.json"
_WORK_MARKER = ".pyclient-work"
_IGNORED_DIRS = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
_MAX_KEPT_WARNINGS = 20

# Test hooks (the SIGKILL tests): kill this process at a named point of a write, or
# swap with two renames even where an atomic exchange exists.
CRASH_ENV = "_PYCLIENT_CRASH_AT"
SWAP_ENV = "_PYCLIENT_SWAP"
CRASH_POINTS = ("writing", "staged", "retired", "swapped")


def with_manifest(files: dict[str, str], generator: str) -> dict[str, str]:
    """The files plus the manifest that lists them (with hashes, so edits are noticed), and
    `generator`, what wrote them (name and version)."""
    listing = {path: hashlib.sha256(text.encode()).hexdigest() for path, text in sorted(files.items())}
    manifest = json.dumps({"generator": generator, "files": listing}, indent=2, sort_keys=True) + "\n"
    return {**files, MANIFEST: manifest}


def manifest_matches(files: dict[str, str]) -> bool:
    """Whether `files` holds a manifest that lists exactly the other files, with their hashes."""
    if MANIFEST not in files:
        return False
    try:
        listing = json.loads(files[MANIFEST])["files"]
    except (ValueError, KeyError, TypeError):
        return False
    hashes = {path: hashlib.sha256(text.encode()).hexdigest() for path, text in files.items() if path != MANIFEST}
    return isinstance(listing, dict) and listing == hashes


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


def _entries(target: Path) -> tuple[dict[str, Path], list[str], dict[str, int]]:
    """Files and symbolic links (to files or directories) in `target`, its empty directories,
    and the mode of each directory in it. Nothing is left out: caches and build metadata a
    user keeps there are theirs too."""
    found: dict[str, Path] = {}
    empty: list[str] = []
    modes: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(target):
        here = Path(dirpath)
        links = [d for d in dirnames if (here / d).is_symlink()]
        dirnames[:] = sorted(d for d in dirnames if d not in links)
        entries = [*filenames, *links]
        for name in entries:
            found[(here / name).relative_to(target).as_posix()] = here / name
        if here != target:
            relative = here.relative_to(target).as_posix()
            modes[relative] = here.lstat().st_mode & 0o7777
            if not (dirnames or entries):
                empty.append(relative)
    return found, empty, modes


def _quiet(relative: str) -> bool:
    """Inside a tool cache or build metadata: kept without a warning each time."""
    return any(part in _IGNORED_DIRS or part.endswith(".egg-info") for part in relative.split("/")[:-1])


def _fail(path: Path | str, message: str) -> GenerationError:
    return GenerationError([Diagnostic(str(path), 0, 0, "", message)])


def _target_path(target: Path) -> Path:
    """The absolute, normalized output path; a symbolic link to a directory is followed."""
    path = Path(os.path.abspath(target))
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if not real.is_dir():
            raise _fail(target, "output path is a symbolic link to something that is not a directory")
        path = real
    if path.parent == path or not path.name:
        raise _fail(target, "output path is a file system root; choose a directory of its own")
    return path


def _owned(target: Path) -> dict[str, str | None]:
    """The files our manifest lists (with their hashes); raises if `target` is not ours to replace."""
    if not target.exists():
        if target.is_symlink():
            raise _fail(target, "output path is a dangling symbolic link")
        return {}
    if not target.is_dir():
        raise _fail(target, "output path exists and is not a directory; choose a directory")
    if not os.access(target, os.W_OK | os.X_OK):
        raise _fail(target, "output directory is not writable")
    manifest = target / MANIFEST
    if manifest.is_file():
        return _manifest_files(manifest)
    _refuse_if_not_empty(target)
    return {}


def _refuse_if_not_empty(target: Path) -> None:
    """A directory without our manifest may be replaced only when there is nothing in it to lose."""
    try:
        has_content = any(target.iterdir())
    except OSError as exc:
        raise _fail(target, f"cannot list the output directory: {exc.strerror}") from None
    if has_content:
        raise _fail(
            target,
            f"output directory is not empty and was not generated by us (no {MANIFEST}); "
            "choose an empty or new directory",
        )


def _manifest_files(manifest: Path) -> dict[str, str | None]:
    """Path -> hash of what the manifest lists (a manifest from before hashes has paths only)."""
    try:
        listing = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        listing = None
    if isinstance(listing, list) and all(isinstance(p, str) for p in listing):
        return dict.fromkeys(listing)
    if isinstance(listing, dict) and all(isinstance(p, str) and isinstance(h, str) for p, h in listing.items()):
        return dict(listing)
    raise _fail(manifest, f"{MANIFEST} is unreadable; restore it, or remove the directory to start afresh")


def _edited(target: Path, owned: dict[str, str | None]) -> list[Diagnostic]:
    """Generated files whose content is no longer what we wrote: never overwritten."""
    problems: list[Diagnostic] = []
    for relative, digest in sorted(owned.items()):
        path = target / relative
        if digest is None or not (path.exists() or path.is_symlink()):
            continue  # an old manifest without hashes, or a file the user removed
        actual = _digest(path)
        if actual == "not regular":
            problems.append(Diagnostic(str(path), 0, 0, "", "not a regular file where a generated file was: move it and run again"))
        elif actual != digest:
            problems.append(
                Diagnostic(
                    str(path), 0, 0, "",
                    "edited since it was generated: not overwritten; move your changes out of the output "
                    "directory (or delete the file) and run again",
                )
            )
    return problems


def _digest(path: Path) -> str:
    """The manifest's hash of a file; "link", "not regular" or "unreadable" when it has none."""
    if path.is_symlink():
        return "link"
    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except NotRegularFile:
        return "not regular"
    except OSError:
        return "unreadable"


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
        or PurePosixPath(relative).is_absolute()
        or any(part in ("", ".", "..") for part in relative.split("/"))
        or any(c in relative for c in "\\\0:")
    )


@contextmanager
def _locked(target: Path) -> Iterator[None]:
    """One generator run per output directory at a time: an flock on `.<name>.lock` beside it.

    The lock file is removed when the run ends. A run that opened it just before holds a lock
    on a file no longer there; it notices (the path is another file now, or none) and retries.
    """
    lock_path = target.parent / f".{target.name}.lock"
    fd = _take_lock(lock_path, target)
    try:
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
        yield
    finally:
        try:
            os.unlink(lock_path)  # while still holding the lock: see above
        except OSError:
            pass
        os.close(fd)


def _take_lock(lock_path: Path, target: Path) -> int:
    """A locked descriptor of the file now at `lock_path`."""
    for _ in range(100):
        fd = _lock(lock_path, target)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock_path, follow_symlinks=False))
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)  # locked a lock file that its holder removed meanwhile: take the new one
    raise _fail(lock_path, "cannot take the lock: the lock file keeps changing")


def _lock(lock_path: Path, target: Path) -> int:
    """Open (or create) the lock file and lock it; another run holding it is an error at once."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, 0o666)
    except OSError as exc:
        raise _fail(lock_path, f"cannot create the lock file beside the output directory: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        os.close(fd)
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise _fail(lock_path, f"cannot lock: {exc.strerror}") from None
        who = f" (process {holder})" if holder.isdigit() else ""
        raise _fail(target, f"another generator run{who} is writing this directory; run again when it is done") from None
    return fd


def _work_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{target.name}.pyclient-") + r"[a-z0-9_]{8}")


def _marker(target: Path) -> bytes:
    return b"a work directory of openapi-pyclient-generator for " + os.fsencode(target.name) + b"\n"


def _make_work_dir(target: Path) -> Path:
    """A new work directory beside `target`, marked as ours (see `_own_work_dirs`)."""
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.pyclient-", dir=target.parent))
    (work / _WORK_MARKER).write_bytes(_marker(target))
    return work


def _own_work_dirs(target: Path) -> list[Path]:
    """Work directories interrupted runs left beside `target`: the exact name, and our marker inside."""
    pattern, marker = _work_pattern(target), _marker(target)
    try:
        names = sorted(os.listdir(target.parent))
    except OSError:
        return []
    found = []
    for name in filter(pattern.fullmatch, names):
        path = target.parent / name
        try:
            ours = not path.is_symlink() and path.is_dir() and read_regular(path / _WORK_MARKER, len(marker)) == marker
        except OSError:
            ours = False
        if ours:
            found.append(path)
    return found


def _recover(target: Path) -> list[Diagnostic]:
    """Undo what a killed run left: put the previous tree back if it was moved aside, drop the rest."""
    warnings: list[Diagnostic] = []
    for work in _own_work_dirs(target):
        previous = work / "old"
        if not os.path.lexists(target) and previous.is_dir() and not previous.is_symlink():
            previous.rename(target)
            warnings.append(
                Diagnostic(str(target), 0, 0, "", "an interrupted run had moved this directory aside: restored it", "warning")
            )
        shutil.rmtree(work, ignore_errors=True)
    return warnings


def _crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)


def write_tree(target: Path, files: dict[str, str]) -> list[Diagnostic]:
    """Replace `target` with `files`; return warnings (user files carried over, a recovery)."""
    shown = target
    target = _target_path(target)
    _check_paths(files)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(shown, f"cannot create its parent directory: {exc.strerror}") from None
    with _locked(target):
        try:
            warnings = _recover(target)
        except OSError as exc:
            raise _fail(shown, f"cannot clean up after an interrupted run: {exc}") from None
        users = _users_entries(target, files)
        late = _stage_and_swap(target, shown, files, users)
    return warnings + _kept_warnings(shown, [r for r in [*users.files, *late] if not _quiet(r)])


@dataclass
class _UsersEntries:
    """What the user put into the output directory: carried over into the new tree."""

    paths: dict[str, Path]  # every entry in the directory now, by relative path
    files: list[str]  # those not generated by us (files and links)
    empty_dirs: list[str]  # not generated by us either
    modes: dict[str, int]  # of every directory in it
    owned: dict[str, str | None]  # what the manifest lists, with hashes


def _users_entries(target: Path, files: dict[str, str]) -> _UsersEntries:
    """The user's entries in `target`; raises when one would be lost (edited, or in the way)."""
    owned = _owned(target)
    edited = _edited(target, owned)
    if edited:
        raise GenerationError(edited)
    current, empty_dirs, modes = _entries(target) if target.exists() else ({}, [], {})
    kept = sorted(r for r in current if r not in owned and r != MANIFEST)
    _refuse_clashes(kept, current, files)
    return _UsersEntries(current, kept, [d for d in empty_dirs if d not in owned], modes, owned)


def _refuse_clashes(kept: list[str], current: dict[str, Path], files: dict[str, str]) -> None:
    """A file of the user's where the new output has a file (or a directory) is never replaced."""
    clashes = [r for r in kept if r in files or any(f.startswith(r + "/") for f in files)]
    if clashes:
        raise GenerationError(
            [
                Diagnostic(str(current[r]), 0, 0, "", "not generated by us, and the new output has a file of that name: move it and run again")
                for r in clashes
            ]
        )


def _stage_and_swap(target: Path, shown: Path, files: dict[str, str], users: _UsersEntries) -> list[str]:
    """Build the new tree beside `target` and swap it in; on any failure, remove it again.

    Returns the user's entries that appeared while it was built (moved into the new tree)."""
    try:
        work = _make_work_dir(target)
    except OSError as exc:
        raise _fail(shown, f"cannot create a temporary directory beside it: {exc.strerror}") from None
    try:
        staging = work / "new"
        _build(staging, target, files, users)
        _crash_point("staged")
        previous = _swap(staging, target, work)
        return _settle(previous, target, users.owned) if previous is not None else []
    except OSError as exc:
        raise _fail(shown, f"cannot write: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _build(staging: Path, target: Path, files: dict[str, str], users: _UsersEntries) -> None:
    """The new tree: the generated files, the user's carried over, every directory's mode as it was."""
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o777 & ~_umask()
    staging.mkdir(mode | 0o700)
    _write_files(staging, files)
    for relative in users.files:
        _carry(users.paths[relative], staging / relative)
    for relative in users.empty_dirs:
        (staging / relative).mkdir(parents=True, exist_ok=True)
    _apply_modes(staging, users.modes)
    staging.chmod(mode)


def _apply_modes(root: Path, modes: dict[str, int]) -> None:
    """Directories get the modes they had (innermost first: an outer one may forbid going in)."""
    for relative in sorted(modes, key=lambda r: r.count("/"), reverse=True):
        path = root / relative
        if path.is_dir() and not path.is_symlink():
            path.chmod(modes[relative])


def _settle(previous: Path, target: Path, owned: dict[str, str | None]) -> list[str]:
    """Look again at the tree just swapped out: what appeared in it since it was read goes into
    the new tree. Where the new tree has a file there (or a generated file was edited meanwhile),
    the previous tree is kept whole beside `target` and the run stops, saying where."""
    entries, empty, modes = _entries(previous)
    moved, conflicts = [], []
    for relative, path in entries.items():
        if _accounted(relative, path, target / relative, owned):
            continue
        if _move_in(previous, target, relative, modes):
            moved.append(relative)
        else:
            conflicts.append(relative)
    for relative in empty:
        if not os.path.lexists(target / relative):
            _make_parents(target, relative + "/.", modes)
    if conflicts:
        _keep_previous(previous, target, conflicts)
    return moved


def _accounted(relative: str, path: Path, now: Path, owned: dict[str, str | None]) -> bool:
    """Whether the new tree already has this entry of the previous one, or it was ours unchanged."""
    if relative == MANIFEST:
        return True
    if relative in owned and owned[relative] in (None, _digest(path)):
        return True
    return _same_entry(path, now)


def _same_entry(path: Path, now: Path) -> bool:
    """The same file (a hard link carried over), the same bytes, or links to the same place."""
    try:
        if path.is_symlink() or now.is_symlink():
            return path.is_symlink() and now.is_symlink() and os.readlink(path) == os.readlink(now)
        return os.path.samefile(path, now) or read_regular(path) == read_regular(now)
    except OSError:
        return False


def _move_in(previous: Path, target: Path, relative: str, modes: dict[str, int]) -> bool:
    """Move an entry of the previous tree to the same place in the new one, if that place is free."""
    destination = target / relative
    try:
        _make_parents(target, relative, modes)
        if os.path.lexists(destination):
            return False
        os.rename(previous / relative, destination)
    except OSError:
        return False
    return True


def _make_parents(target: Path, relative: str, modes: dict[str, int]) -> None:
    """The directories above `relative` in the new tree, with the modes they had in the previous one."""
    parts = relative.split("/")[:-1]
    for i in range(1, len(parts) + 1):
        here = "/".join(parts[:i])
        if not os.path.lexists(target / here):
            (target / here).mkdir()
            if here in modes:
                (target / here).chmod(modes[here])


def _keep_previous(previous: Path, target: Path, conflicts: list[str]) -> None:
    kept = Path(tempfile.mkdtemp(prefix=f"{target.name}.previous-", dir=target.parent))
    kept.rmdir()
    previous.rename(kept)
    message = (
        "changed while this run was writing, and the new output has a file there: kept here, with the "
        "rest of the previous output; the new output is in place: move what you need back and delete this copy"
    )
    raise GenerationError([Diagnostic(str(kept / relative), 0, 0, "", message) for relative in conflicts])


def _write_files(staging: Path, files: dict[str, str]) -> None:
    for i, (relative, text) in enumerate(files.items()):
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        if i == len(files) // 2:
            _crash_point("writing")


def _kept_warnings(shown: Path, kept: list[str]) -> list[Diagnostic]:
    """One warning per file of the user's carried over, up to a number; then how many more."""
    warnings = [
        Diagnostic(str(shown / relative), 0, 0, "", "not generated by us: kept", "warning")
        for relative in kept[:_MAX_KEPT_WARNINGS]
    ]
    if len(kept) > _MAX_KEPT_WARNINGS:
        more = len(kept) - _MAX_KEPT_WARNINGS
        warnings.append(Diagnostic(str(shown), 0, 0, "", f"and {more} more files not generated by us: kept", "warning"))
    return warnings


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _carry(source: Path, destination: Path) -> None:
    """A user's file into the new tree: a hard link (no copy, no window), else a copy; links stay links."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), destination)
        return
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _swap(staging: Path, target: Path, work: Path) -> Path | None:
    """Put `staging` at `target`; the previous tree (if any) is left in `work`: where is returned."""
    if not target.exists():
        staging.rename(target)
        return None
    if os.environ.get(SWAP_ENV) != "rename" and _exchange(staging, target):
        _crash_point("swapped")
        return staging  # the previous tree, now under the staging name
    previous = work / "old"
    target.rename(previous)
    _crash_point("retired")
    staging.rename(target)
    _crash_point("swapped")
    return previous


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two directories; False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return False
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        result = libc.renamex_np(os.fsencode(a), os.fsencode(b), rename_swap)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # not on this file system: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def check_tree(target: Path, files: dict[str, str], max_lines: int = 40) -> list[str]:
    """A short unified diff of `target` against `files`; empty when they match.

    Files a user added (not in the directory's manifest) are not drift: a write keeps them.
    The manifest's hashes only mirror the other files: when they differ it gets one line, last.
    """
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_dir():
        raise _fail(target, "output path exists and is not a directory")
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
        return _owned(target) if (target / MANIFEST).is_file() else dict.fromkeys(current)
    except GenerationError:
        return dict.fromkeys(current)


def _drift(target: Path, relative: str, path: Path, text: str) -> list[str]:
    """How the file at `path` differs from `text`, as diff lines; none when it does not."""
    try:
        old_bytes = read_regular(path)
    except NotRegularFile:
        return [f"{target.name}/{relative}: not a regular file"]
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror}") from None
    if old_bytes == text.encode("utf-8"):
        return []
    old = old_bytes.decode("utf-8", errors="replace")
    lines = list(
        difflib.unified_diff(old.splitlines(), text.splitlines(), f"{target.name}/{relative}", "generated", lineterm="", n=1)
    )
    if old.splitlines() == text.splitlines():
        lines.append(f"{target.name}/{relative}: differs in line endings or a final newline")
    return lines
