"""The validation run in a forked child, beside the later stages (`ValidationBeside`)."""

from __future__ import annotations

import os
import pickle
import select
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from types import TracebackType

from ..diagnostics import Diagnostic
from ..load import Spec
from ..output import parallel
from .check import validate


class ValidationBeside:
    """Validate the spec in a child while the rest of the `with` body (the later stages) runs here.

    The child is forked on entering, before the spec is loaded: it imports the validator (which
    takes longer than loading) while this process loads the spec, then validates the spec that
    `check` hands it; a thread of the child takes the spec in as it comes, so that `check` does
    not wait for the import to end. With `late` (a large spec, whose pickle would cost this
    process more than the import costs the child), the child is forked by `check` instead and
    has the spec as loaded. An error raised before `check` (loading the spec or the config) ends the
    child and is the run's outcome, as it would be had the stages run one after the other; after
    `check`, a validation error wins over whatever the body raised, and the validation's warnings
    go into `warnings` where they would have gone had it run first. The body calls
    `stop_if_failed` between pieces of its work: once the child has found errors, they are raised
    there, and the work left is not done. Where forking is not possible or does not pay (one
    CPU), `check` validates here and raises at once. `stage("validate")` spans the validation,
    from `check` until its outcome is in.
    """

    def __init__(
        self,
        *,
        lenient: bool,
        warnings: list[Diagnostic],
        stage: Callable[[str], AbstractContextManager[None]] = lambda name: nullcontext(),
        late: bool = False,
    ) -> None:
        self.lenient, self.warnings, self._stage, self._late = lenient, warnings, stage, late
        self.seconds = 0.0  # the validation's own time
        self.parallel = parallel.can_fork() and parallel.cpus() > 1
        self._forked: parallel.Forked | None = None
        self._send = -1  # the pipe the spec goes to the child through
        self._failing = -1  # the pipe the child says through that it found an error
        self._spec: Spec | None = None  # set by `check`
        self._found: list[Diagnostic] = []
        self._at = 0
        self._running = ExitStack()  # the stage, while the validation runs

    def __enter__(self) -> ValidationBeside:
        if self.parallel and not self._late:
            receive, self._send = os.pipe()
            _widen(self._send)
            self._failing, failing = os.pipe()
            self._forked = parallel.Forked(_validate_received, receive, self._send, failing, self.lenient)
            os.close(receive)
            os.close(failing)
        return self

    def check(self, spec: Spec) -> None:
        """Validate `spec`: hand it to the child, or (no child) validate it here and now."""
        self._at, self._spec = len(self.warnings), spec
        self._running.enter_context(self._stage("validate"))
        if self.parallel and self._late:
            self._failing, failing = os.pipe()
            self._forked = parallel.Forked(_validate_loaded, spec, failing, self.lenient)
            os.close(failing)
            return
        if self._forked is not None:
            try:
                with os.fdopen(self._send, "wb") as pipe:
                    self._send = -1
                    pickle.dump(spec, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                return
            except BrokenPipeError:  # the child is gone (killed): validate here instead
                self._forked.cancel()
                self._forked = None
        with self._running:
            start = time.perf_counter()
            self._found = validate(spec, lenient=self.lenient)  # raises here, before the body goes on
            self.seconds = time.perf_counter() - start

    def stop_if_failed(self) -> None:
        """Raise the validation's errors if the child has finished and found some (its warnings
        are kept for the end); while it runs, or when it is done already, nothing."""
        if self._forked is not None and self._spec is not None and (self._forked.done() or self._failed()):
            self._collect(self._forked, self._spec)

    def cpus_busy(self) -> int:
        """The CPUs the validation holds: 1 while the child validates, else 0."""
        return int(self._forked is not None and self._spec is not None and not self._forked.done())

    def _failed(self) -> bool:
        """Whether the child has found an error: the work here stops, and waits for the rest."""
        waiting = select.poll()
        waiting.register(self._failing, select.POLLIN)
        return bool(waiting.poll(0))

    def _collect(self, forked: parallel.Forked, spec: Spec) -> None:
        """The child's outcome (its errors raised); a child that died is done again here."""
        self._forked = None
        with self._running:
            try:
                self._found = forked.result()
            except RuntimeError:  # the child died without an answer: validate here
                self._found = validate(spec, lenient=self.lenient)
            finally:
                self.seconds = forked.seconds
                forked.cancel()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._send >= 0:
            os.close(self._send)
        if self._failing >= 0:
            os.close(self._failing)
            self._failing = -1
        if self._forked is not None:
            interrupted = kind is not None and not issubclass(kind, Exception)
            if interrupted or self._spec is None:  # nothing to validate, or not worth the wait
                self._forked.cancel()
                self._running.close()
                return
            self._collect(self._forked, self._spec)
        self.warnings[self._at : self._at] = self._found


def _validate_received(receive: int, send: int, failing: int, lenient: bool) -> list[Diagnostic]:
    """In the child: import the validator while the parent loads the spec, then validate it.
    The first error is said at once through `failing`: the parent stops its work, and waits
    for the whole list."""
    os.close(send)  # the parent's end: only the parent may write (and end) the spec
    received: list[bytes] = []
    reading = threading.Thread(target=lambda: received.append(_read_all(receive)), name="spec-reader")
    reading.start()  # the spec is taken as it comes: the parent does not wait on a full pipe
    import jsonschema  # type: ignore[import-untyped]  # noqa: F401  (both slow to import: now, while the parent loads)
    import openapi_spec_validator  # noqa: F401

    reading.join()
    data = received[0] if received else b""
    if not data:
        raise RuntimeError("the spec never came")  # the parent stopped before `check`
    return _validate_loaded(pickle.loads(data), failing, lenient)


def _validate_loaded(spec: Spec, failing: int, lenient: bool) -> list[Diagnostic]:
    """In the child: validate `spec`, its first error said at once through `failing`."""

    def say_failing() -> None:
        os.write(failing, b"!")

    return validate(spec, lenient=lenient, failing=say_failing)


def _read_all(receive: int) -> bytes:
    """Everything the parent writes (nothing if the pipe fails: the parent validates itself)."""
    try:
        with os.fdopen(receive, "rb") as pipe:
            return pipe.read()
    except OSError:
        return b""


PIPE_BYTES = 1 << 20  # the spec of a small API in one write, while the child still imports


def _widen(pipe: int) -> None:
    """Make `pipe` hold `PIPE_BYTES` (Linux, where alone the child is forked); as it is
    where the system refuses."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass
