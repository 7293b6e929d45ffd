"""A spec file -> its IR: load, validate (beside the next stages), upgrade, build.

Shared by generation and `diff`, so both read a spec the same way and stop on the same errors.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TypeVar

from .diagnostics import Diagnostic
from .ir.types import Api

Stage = Callable[[str], AbstractContextManager[None]]
T = TypeVar("T")


def _untimed(name: str) -> AbstractContextManager[None]:
    return nullcontext()


def through_spec(
    spec_path: Path,
    config_path: Path | None,
    then: Callable[[Api], T],
    *,
    lenient: bool,
    warnings: list[Diagnostic],
    stage: Stage = _untimed,
    read: list[tuple[str, str, str]] | None = None,
) -> tuple[T, float, bool]:
    """`then` applied to the spec's IR (while validation runs beside it), with validation's
    seconds and whether it ran in parallel. Warnings go to `warnings`, and the files the load
    read to `read` (for the run cache); errors raise GenerationError, validation's first."""
    from . import ir
    from .config import load_config
    from .load import load
    from .upgrade import upgrade
    from .validate import ValidationBeside

    # Validation runs in another process beside the other stages (one after the other where that
    # cannot be), forked before loading so that importing the validator overlaps it; its warnings
    # and errors come out as if it had run first. It checks the spec as written; the IR reads it
    # upgraded (Swagger 2.0 -> OpenAPI 3.0).
    validation = ValidationBeside(lenient=lenient, warnings=warnings)
    with validation:
        with stage("load"):
            spec = load(spec_path, lenient=lenient)
            warnings += spec.warnings
            if read is not None:
                read += spec.inputs
            config = load_config(config_path, spec_path, warnings if lenient else None)
        validation.check(spec)
        upgraded, approximated = upgrade(spec)
        warnings += approximated
        with stage("ir"):
            api, found = ir.build(upgraded, config)
            warnings += found
        result = then(api)
    return result, validation.seconds, validation.parallel
