"""The new tree swapped in for the previous one atomically, one run at a time per directory.

The new tree is built in a work directory beside the target (`.<name>.pyclient-XXXXXXXX/new`,
marked by a `.pyclient-work` file inside naming the target) and swapped in: in one step where
the system can exchange two directories (Linux `renameat2(RENAME_EXCHANGE)`, macOS
`renamex_np(RENAME_SWAP)`), else with two renames through the work directory's `old`. A run
killed at any point leaves either the previous tree or the new one; the next run (under the
same lock) puts a previous tree back if the kill fell between the two renames, and removes
its own work directories: those of exactly that name with the marker inside, nothing else.
A second run on the same directory fails at once with a clear message.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..diagnostics import Diagnostic
from ..regular import read_regular
from .tree import fail

_WORK_MARKER = ".pyclient-work"

# Test hooks (the SIGKILL tests): kill this process at a named point of a write, or
# swap with two renames even where an atomic exchange exists.
CRASH_ENV = "_PYCLIENT_CRASH_AT"
SWAP_ENV = "_PYCLIENT_SWAP"
CRASH_POINTS = ("writing", "staged", "retired", "swapped")


@contextmanager
def locked(target: Path) -> Iterator[None]:
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
    raise fail(lock_path, "cannot take the lock: the lock file keeps changing")


def _lock(lock_path: Path, target: Path) -> int:
    """Open (or create) the lock file and lock it; another run holding it is an error at once."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, 0o666)
    except OSError as exc:
        raise fail(lock_path, f"cannot create the lock file beside the output directory: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        os.close(fd)
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise fail(lock_path, f"cannot lock: {exc.strerror}") from None
        who = f" (process {holder})" if holder.isdigit() else ""
        raise fail(target, f"another generator run{who} is writing this directory; run again when it is done") from None
    return fd


def _work_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{target.name}.pyclient-") + r"[a-z0-9_]{8}")


def _marker(target: Path) -> bytes:
    return b"a work directory of openapi-pyclient-generator for " + os.fsencode(target.name) + b"\n"


def make_work_dir(target: Path) -> Path:
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


def recover(target: Path) -> list[Diagnostic]:
    """Undo what a killed run left: put the previous tree back if it was moved aside, drop the rest."""
    warnings: list[Diagnostic] = []
    for work in _own_work_dirs(target):
        previous = work / "old"
        if not os.path.lexists(target) and previous.is_dir() and not previous.is_symlink():
            previous.rename(target)
            warnings.append(
                Diagnostic(str(target), 0, 0, "", "an interrupted run had moved this directory aside: restored it", "warning")
            )
        remove_work_dir(work)
    return warnings


def remove_work_dir(work: Path) -> None:
    """A work directory and what is in it, its marker last: a run killed meanwhile leaves one
    that the next run still knows as ours, and removes (the marker went first as often as not
    in a whole-tree removal, and the rest stayed beside the output for good)."""
    try:
        names = os.listdir(work)
    except OSError:
        return
    for name in names:
        if name != _WORK_MARKER:
            path = work / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
    shutil.rmtree(work, ignore_errors=True)


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)


def swap_in(staging: Path, target: Path, work: Path) -> Path | None:
    """Put `staging` at `target`; the previous tree (if any) is left in `work`: where is returned."""
    if not target.exists():
        staging.rename(target)
        return None
    if os.environ.get(SWAP_ENV) != "rename" and _exchange(staging, target):
        crash_point("swapped")
        return staging  # the previous tree, now under the staging name
    previous = work / "old"
    target.rename(previous)
    crash_point("retired")
    staging.rename(target)
    crash_point("swapped")
    return previous


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two directories; False where the system cannot."""
    try:  # the process's own symbols, libc's among them (finding libc by name runs ldconfig: 17 ms)
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):
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
