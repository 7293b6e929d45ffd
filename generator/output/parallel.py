"""Work beside the main process: a forked child computes one call and sends back its outcome.

Used where it pays on a machine with more than one core: spec validation runs while loading,
the IR, rendering and formatting go on (`validate.ValidationBeside`), and rendering and black's
work are shared between processes (`schedule`). Forking is used on Linux only (elsewhere everything runs in this process,
in the same order); the child inherits the parent's data as it was at the fork and never runs
the parent's exit code. A child ends when its parent does, however the parent ended (a SIGKILL
included): it asks the kernel for SIGKILL on its parent's death, or else watches its parent id.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import select
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from ..diagnostics import GenerationError


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Forked:
    """`fn(*args)` in a forked child; `result()` returns its value or raises what it raised."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        read_end, write_end = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child
            status = 1
            try:
                _end_with_parent(parent)
                os.close(read_end)
                gc.freeze()  # the parent's objects: neither scanned nor copied by this process
                outcome = _outcome(fn, args)
                with os.fdopen(write_end, "wb") as out:
                    out.write(outcome)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self.pid, self.read_end = pid, read_end
        self.seconds = 0.0  # how long the child worked

    def done(self) -> bool:
        """Whether the child has finished, so that `result()` would not wait for its work: its
        answer has started to arrive (it writes it when done), or it ended without one."""
        if self.read_end < 0:
            return False
        waiting = select.poll()  # Linux, where alone children are forked; any fd number
        waiting.register(self.read_end, select.POLLIN)
        return bool(waiting.poll(0))

    def result(self) -> Any:
        with os.fdopen(self.read_end, "rb") as pipe:
            data = pipe.read()
        self.read_end = -1
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0 or not data:
            raise RuntimeError(f"a worker process ended without an answer (wait status {status})")
        kind, value, self.seconds = pickle.loads(data)
        if kind == "value":
            return value
        raise value

    def cancel(self) -> None:
        """Stop the child if it is still there (after an error in the parent)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
        if self.read_end >= 0:
            os.close(self.read_end)
            self.read_end = -1


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """Have this forked process end when `parent` ends; at once if it already has."""
    if not _parent_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)


def _parent_death_signal() -> bool:
    """prctl(PR_SET_PDEATHSIG, SIGKILL) (Linux); False where it cannot be asked for."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """The fallback: a child whose parent died is adopted by another process."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _outcome(fn: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
    start = time.perf_counter()
    try:
        outcome: tuple[str, Any] = ("value", fn(*args))
    except Exception as exc:  # GenerationError included: it pickles whole, hint and all
        if not isinstance(exc, GenerationError) and hasattr(exc, "add_note"):
            exc.add_note("in a worker process:\n" + traceback.format_exc().rstrip())
        outcome = ("raise", exc)
    seconds = time.perf_counter() - start
    try:
        return pickle.dumps((*outcome, seconds), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        error = RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")
        return pickle.dumps(("raise", error, seconds), protocol=pickle.HIGHEST_PROTOCOL)
