"""A spec file -> its IR: load, validate (beside the next stages), upgrade, build.

Shared by generation and `diff`, so both read a spec the same way and stop on the same errors.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Literal, TypeVar

from .diagnostics import Diagnostic
from .ir.types import Api

Stage = Callable[[str], AbstractContextManager[None]]
T = TypeVar("T")


def _untimed(name: str) -> AbstractContextManager[None]:
    return nullcontext()


@contextmanager
def _loading() -> Iterator[None]:
    """The cyclic garbage collector off while loading, which makes many objects and next to no
    garbage: each collection would walk every object made so far again (half of Stripe's load).
    What is loaded is then frozen out of later collections, until `gc.unfreeze()`."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.freeze()


def through_spec(
    spec_path: Path,
    config_path: Path | None,
    then: Callable[[Api, Callable[[], None]], T],
    *,
    lenient: bool,
    warnings: list[Diagnostic],
    stage: Stage = _untimed,
    read: list[tuple[str, str, str]] | None = None,
    config_mismatch: Literal["error", "warning"] = "error",
) -> tuple[T, float, bool]:
    """`then` applied to the spec's IR (while validation runs beside it), with validation's
    seconds and whether it ran in parallel. Warnings go to `warnings`, and the files the load
    read to `read` (for the run cache); errors raise GenerationError, validation's first.
    `config_mismatch` is the level of what the config names that the spec lacks (`ir.build`).

    `then` is also given a function to call between pieces of its work: it raises validation's
    errors as soon as they are found, so that a long render stops early."""
    from . import ir
    from .config import load_config
    from .load import load
    from .load.upgrade import upgrade
    from .validate import ValidationBeside

    # Validation runs in another process beside the other stages (one after the other where that
    # cannot be), forked before loading so that importing the validator overlaps it; its warnings
    # and errors come out as if it had run first. It checks the spec as written; the IR reads it
    # upgraded (Swagger 2.0 -> OpenAPI 3.0).
    validation = ValidationBeside(lenient=lenient, warnings=warnings, stage=stage)
    with validation:
        try:
            with stage("load"), _loading():
                spec = load(spec_path, lenient=lenient)
                warnings += spec.warnings
                if read is not None:
                    read += spec.inputs
                config = load_config(config_path, spec_path, warnings if lenient else None)
                if read is not None and config.license_file is not None:
                    read.append(config.license_file.input)  # its text is written out
            validation.check(spec)
            upgraded, approximated = upgrade(spec)
            warnings += approximated
            with stage("IR"):
                api, found = ir.build(upgraded, config, config_mismatch)
                warnings += found
            validation.stop_if_failed()
            result = then(api, validation.stop_if_failed)
        finally:
            gc.unfreeze()
    return result, validation.seconds, validation.parallel
