"""openapi-spec-validator run on the document as written, every error at once.

The version decides the validator; jsonschema-rs gives its verdict first (`fast_verdicts`); the
validator walks the document through `fast_paths` and visits schemas by `schema_walk`; it
follows `$ref` chains by recursion, so a long one is run again with a deeper stack.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any, Literal

from ..diagnostics import Diagnostic, GenerationError
from ..load import Spec
from .fast_verdicts import FastVerdicts, SchemaCheck
from .report import MAX_ERRORS, as_diagnostics

# openapi-spec-validator takes over a second to import: it is imported where validation runs.
_VALIDATORS = {
    "2.0": "OpenAPIV2SpecValidator",
    "3.0": "OpenAPIV30SpecValidator",
    "3.1": "OpenAPIV31SpecValidator",
}
LENIENT_HINT = "--lenient generates anyway, with validation errors as warnings"


def spec_version(spec: Spec) -> str:
    """"2.0", "3.0" or "3.1"; an unsupported version is an error whatever --lenient says."""
    key = "openapi" if "openapi" in spec.document else "swagger"
    raw = spec.document.get(key)
    version = str(raw)
    if isinstance(raw, str) or (isinstance(raw, float) and key == "openapi") or version == "2.0":
        for supported in _VALIDATORS:
            if version == supported or version.startswith(supported + "."):
                return supported
    shown = version if len(version) <= 40 else version[:40] + "..."
    raise GenerationError(
        [spec.diagnostic(f"/{key}", f"unsupported version {shown!r}: use OpenAPI 3.0, 3.1 or Swagger 2.0 (as a string, e.g. \"3.0.3\")")]
    )


def validate(spec: Spec, *, lenient: bool, failing: Callable[[], None] | None = None) -> list[Diagnostic]:
    """Warnings to print; raises GenerationError listing every error unless `lenient`.

    `failing` is called once, as soon as the first error is found (unless `lenient`): the
    stages beside can stop their work while the rest of the errors are collected."""
    level: Literal["error", "warning"] = "warning" if lenient else "error"
    found = as_diagnostics(spec, _validator_errors(spec, None if lenient else failing), level)
    if any(d.level == "error" for d in found) and not lenient:
        raise GenerationError(found, hint=LENIENT_HINT)
    return found


def _validator_errors(spec: Spec, failing: Callable[[], None] | None) -> list[Any]:
    """The validator's errors; ones of its own (a RecursionError, a bug) come as exceptions."""
    version = spec_version(spec)
    import openapi_spec_validator  # slow: see _VALIDATORS

    from .schema_walk import with_fast_schema_walk  # imports the validator's modules

    verdicts = FastVerdicts()
    validator_class = getattr(openapi_spec_validator, _VALIDATORS[version])
    validator_class = with_fast_schema_walk(validator_class, verdicts)
    validator = validator_class(_walked(spec.document, validator_class.resolver_handlers))
    validator.schema_validator = SchemaCheck(version, verdicts)
    try:
        return _errors(validator, failing)
    except RecursionError:  # long $ref chains: the validator follows them by recursion
        return _with_deep_stack(lambda: _errors(validator, failing))


def _walked(document: Any, handlers: Any) -> Any:
    """What the validator is given: the document through `fast_paths` where it can be."""
    try:
        from .fast_paths import fast_schema_path
    except ImportError:  # a jsonschema-path of another shape: the validator's own paths
        return document
    walked = fast_schema_path(document, handlers)
    return document if walked is None else walked


def _errors(validator: Any, failing: Callable[[], None] | None = None) -> list[Any]:
    """The validator's errors (at most a few more than are shown); a failure of its own ends the list.

    A RecursionError is raised, for the caller to retry with a deeper stack.
    """
    found: list[Any] = []
    errors = validator.iter_errors()
    while len(found) <= 2 * MAX_ERRORS:
        try:
            found.append(next(errors))
            if failing is not None and len(found) == 1:
                failing()
        except StopIteration:
            break
        except RecursionError:
            raise
        except Exception as exc:  # the validator's own bug on odd input: report it, do not crash
            found.append(exc)
            break
    return found


DEEP_STACK_BYTES = 512 * 1024 * 1024  # address space only: pages are touched as the stack grows
DEEP_RECURSION_LIMIT = 60_000


def _with_deep_stack(work: Callable[[], list[Any]]) -> list[Any]:
    """Run `work` in a thread with a large stack and recursion limit; a RecursionError is returned."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.extend(work())
        except RecursionError as exc:
            outcome.append(exc)

    old_size, old_limit = threading.stack_size(), sys.getrecursionlimit()
    try:
        threading.stack_size(DEEP_STACK_BYTES)
        sys.setrecursionlimit(max(old_limit, DEEP_RECURSION_LIMIT))
        worker = threading.Thread(target=run, name="validate-deep")
        worker.start()
        worker.join()
    except (ValueError, RuntimeError, MemoryError):  # no thread of that size here
        return [RecursionError("no deeper stack available")]
    finally:
        sys.setrecursionlimit(old_limit)
        threading.stack_size(old_size)
    return outcome
