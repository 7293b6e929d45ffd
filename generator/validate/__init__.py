"""Check the document against the OpenAPI schema (openapi-spec-validator), every error at once.

`ValidationBeside` runs the check in another process while the later stages go on.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from types import TracebackType
from typing import Any, Literal

from .. import pointer
from ..diagnostics import Diagnostic, GenerationError
from ..load.source import Spec
from ..output import parallel
from .fast_verdicts import FastVerdicts, SchemaCheck, with_fast_meta_checks

# openapi-spec-validator takes over a second to import: it is imported where validation runs.
_VALIDATORS = {
    "2.0": "OpenAPIV2SpecValidator",
    "3.0": "OpenAPIV30SpecValidator",
    "3.1": "OpenAPIV31SpecValidator",
}
MAX_ERRORS = 50
LENIENT_HINT = "--lenient generates anyway, with validation errors as warnings"

# Errors the validator reports without a path: where they are, from what they say.
_OPERATION_ID = re.compile(r"Operation ID '.*' for '(\w+)' in '(.*)' is not unique")
# jsonschema's words for a keyword this OpenAPI version does not have (`const` in 3.0).
_EXTENSIONS_ONLY = re.compile(r"'([^']*)' does not match any of the regexes: '\^x-'$")
_PATH_PARAMETER = re.compile(r"Path parameter '.*' for '(\w+)' operation in '(.*)' was not resolved")


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


def validate(spec: Spec, *, lenient: bool) -> list[Diagnostic]:
    """Warnings to print; raises GenerationError listing every error unless `lenient`."""
    level: Literal["error", "warning"] = "warning" if lenient else "error"
    found = _diagnostics(spec, _validator_errors(spec), level)
    if any(d.level == "error" for d in found) and not lenient:
        raise GenerationError(found, hint=LENIENT_HINT)
    return found


def _validator_errors(spec: Spec) -> list[Any]:
    """The validator's errors; ones of its own (a RecursionError, a bug) come as exceptions."""
    version = spec_version(spec)
    import openapi_spec_validator  # slow: see _VALIDATORS

    verdicts = FastVerdicts()
    validator_class = getattr(openapi_spec_validator, _VALIDATORS[version])
    validator = with_fast_meta_checks(validator_class, verdicts)(spec.document)
    validator.schema_validator = SchemaCheck(version, verdicts)
    try:
        return _errors(validator)
    except RecursionError:  # long $ref chains: the validator follows them by recursion
        return _with_deep_stack(lambda: _errors(validator))


def _diagnostics(
    spec: Spec, errors: list[Any], level: Literal["error", "warning"]
) -> list[Diagnostic]:
    """The validator's errors as diagnostics, each once, in document order; at most `MAX_ERRORS`."""
    found: list[Diagnostic] = []
    seen: set[tuple[str | None, str]] = set()
    for error in _with_causes(errors):
        diagnostic = _failure(spec, error, level) or _diagnostic(spec, error, level, seen)
        if diagnostic is None:
            continue
        found.append(diagnostic)
        if len(found) >= MAX_ERRORS:
            found.append(spec.diagnostic("", f"stopped after {MAX_ERRORS} problems", level))
            break
    return sorted(found)


def _failure(spec: Spec, error: Any, level: Literal["error", "warning"]) -> Diagnostic | None:
    """The validator's own failure (out of stack, a bug of its own), said about the document."""
    if isinstance(error, RecursionError):
        return spec.diagnostic("", "the validator ran out of stack: the document nests too deeply", level)
    if isinstance(error, Exception) and not hasattr(error, "message"):
        detail = str(error).splitlines()[0][:200] if str(error) else ""
        return spec.diagnostic("", f"the validator failed ({type(error).__name__}: {detail})", level)
    return None


def _diagnostic(
    spec: Spec, error: Any, level: Literal["error", "warning"], seen: set[tuple[str | None, str]]
) -> Diagnostic | None:
    """One validation error, located; None when it was said already or is not said here."""
    at, message = _locate(spec, error, {p for p, _ in seen})
    if (at, message) in seen or _false_alarm(spec, at, error) or _reported_later(at, error):
        return None
    seen.add((at, message))
    beside = _beside_ref(spec, at, error)
    if beside is not None:
        return spec.diagnostic(at or "", beside, "warning")
    this_level: Literal["error", "warning"] = "warning" if _tolerated(at, error) else level
    if at is None:  # somewhere in a schema, but where cannot be told
        return Diagnostic(str(spec.path), 0, 0, "", f"in a schema: {message}", this_level)
    return spec.diagnostic(at, message, this_level)


_FILE_RESPONSE = re.compile(r"/paths/[^/]+/[^/]+/responses/[^/]+/schema/type")


def _false_alarm(spec: Spec, at: str | None, error: Any) -> bool:
    """An error the validator reports on a valid document.

    Swagger 2.0 allows `type: file` as a response schema; the validator checks response
    schemas as plain JSON Schema, which has no `file` type.
    """
    return (
        spec.document.get("swagger") is not None
        and getattr(error, "instance", None) == "file"
        and at is not None
        and _FILE_RESPONSE.fullmatch(at) is not None
    )


def _reported_later(at: str | None, error: Any) -> bool:
    """Invalid in 3.0, but the generator copes and says so itself: duplicate enum values are
    kept once, with a warning of its own. (Duplicate operationIds stay errors: --lenient.)"""
    return at is not None and at.endswith("/enum") and "non-unique" in str(getattr(error, "message", ""))


def _tolerated(at: str | None, error: Any) -> bool:
    """A 3.0 habit inside a 3.1 document: boolean `exclusiveMinimum`; constraints do not shape the client."""
    return (
        at is not None
        and at.endswith(("/exclusiveMinimum", "/exclusiveMaximum"))
        and isinstance(getattr(error, "instance", None), bool)
    )


_UNEXPECTED = re.compile(r"(?:Unevaluated|Additional) properties are not allowed \((.*) (?:was|were) unexpected\)")


def _beside_ref(spec: Spec, at: str | None, error: Any) -> str | None:
    """Keys written beside a `$ref` where the spec allows none (a parameter's `required: true`
    next to its `$ref`): OpenAPI says they SHALL be ignored, and so does the generator (Redocly
    warns too). What to say instead of an error; None for any other error."""
    match = _UNEXPECTED.match(str(getattr(error, "message", "")))
    if match is None or at is None:
        return None
    node = pointer.follow(spec.document, at)[0]
    if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
        return None
    return f"{match.group(1)} beside $ref: ignored, as OpenAPI ignores what is written beside a $ref here; move it into what the $ref points at"


def _errors(validator: Any) -> list[Any]:
    """The validator's errors (at most a few more than are shown); a failure of its own ends the list.

    A RecursionError is raised, for the caller to retry with a deeper stack.
    """
    found: list[Any] = []
    errors = validator.iter_errors()
    while len(found) <= 2 * MAX_ERRORS:
        try:
            found.append(next(errors))
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


def _locate(spec: Spec, error: Any, taken: set[str | None]) -> tuple[str | None, str]:
    """The error's JSON pointer in the document (None when it cannot be found) and its message."""
    tokens = list(getattr(error, "absolute_path", None) or getattr(error, "path", None) or ())
    lines = str(getattr(error, "message", error)).splitlines()
    message = lines[0] if lines else type(error).__name__
    if len(message) > 300:
        message = message[:300] + "..."
    message = _EXTENSIONS_ONLY.sub(r"unexpected keyword '\1': only x- extensions may be added here", message)
    instance = getattr(error, "instance", _MISSING)
    if tokens:
        at = pointer.from_tokens(tokens)
        if pointer.follow(spec.document, at)[1] is None:
            return at, message
        # The validator checks schemas one by one and gives paths inside the schema it checked.
        return _find(spec.document, at, instance, taken), message
    return _pointer_in_message(spec, message, instance, error, taken), message


def _pointer_in_message(spec: Spec, message: str, instance: Any, error: Any, taken: set[str | None]) -> str | None:
    """Where an error the validator gives without a path is, from what it says."""
    match = _OPERATION_ID.fullmatch(message) or _PATH_PARAMETER.fullmatch(message)
    if match:
        method, url = match.groups()
        operation = pointer.join("/paths", url, method)
        return pointer.join(operation, "operationId") if match.re is _OPERATION_ID else operation
    if instance is _MISSING or instance is spec.document or (isinstance(instance, dict) and "info" in instance):
        return ""  # about the document as a whole
    return _value_place(spec.document, error, taken)


_VALUE_KEYS = ("default", "example")


def _value_place(document: Any, error: Any, taken: set[str | None]) -> str | None:
    """A schema's `default` or `example` that does not fit it: the validator checks the value on
    its own and gives no path. Found as the first schema (in document order, not yet reported)
    holding that value under one of those keys and the keyword the value breaks."""
    schema_path = list(getattr(error, "schema_path", ()))
    broken = (schema_path[0], error.validator_value) if len(schema_path) == 1 else None
    instance = getattr(error, "instance", _MISSING)
    for visited, (where, node) in enumerate(pointer.walk(document, once=False)):
        if visited >= _SEARCH_LIMIT:
            break
        place = _holding(where, node, instance, broken)
        if place is not None and place not in taken:
            return place
    return None


def _holding(where: str, node: Any, instance: Any, broken: tuple[str, Any] | None) -> str | None:
    """`where`'s `default` or `example`, if it is `instance` and `node` has the `broken` keyword."""
    if not isinstance(node, dict) or (broken is not None and node.get(broken[0]) != broken[1]):
        return None
    for key in _VALUE_KEYS:
        value = node.get(key, _MISSING)
        if type(value) is type(instance) and value == instance:
            return pointer.join(where, key)
    return None


def _with_causes(errors: list[Any]) -> list[Any]:
    """A failed `oneOf`/`anyOf` said as its most likely cause, not as the whole value it rejects.

    The cause is the deepest error among its alternatives that is not the `$ref` alternative's
    ("'$ref' is a required property") and not reported on its own already (`const` in a 3.0
    schema, say). A failure every cause of which is reported already is left out.
    """
    own = [_key(e) for e in errors if not _is_alternatives(e)]
    found = []
    for error in errors:
        if not _is_alternatives(error):
            found.append(error)
            continue
        causes = [leaf for leaf in _leaves(error) if not _is_reference(leaf) and not _said(leaf, own)]
        if causes:
            found.append(max(causes, key=lambda leaf: len(leaf.absolute_path)))
    return found


def _said(leaf: Any, own: list[tuple[tuple[Any, ...], str]]) -> bool:
    """Whether an error reported on its own says what `leaf` says, at the same place (the
    validator gives errors inside a schema it checks separately with paths from that schema)."""
    path, message = _key(leaf)
    return any(message == said and path[len(path) - len(at) :] == at for at, said in own if at)


def _is_alternatives(error: Any) -> bool:
    return getattr(error, "validator", None) in ("oneOf", "anyOf") and bool(getattr(error, "context", None))


def _leaves(error: Any) -> list[Any]:
    if not _is_alternatives(error):
        return [error]
    return [leaf for child in error.context for leaf in _leaves(child)]


def _is_reference(error: Any) -> bool:
    """The error of the `Reference` alternative of a place that also takes a `$ref`."""
    return getattr(error, "validator", None) == "required" and getattr(error, "validator_value", None) == ["$ref"]


def _key(error: Any) -> tuple[tuple[Any, ...], str]:
    return tuple(getattr(error, "absolute_path", ())), str(getattr(error, "message", error))


_MISSING = object()
_SEARCH_LIMIT = 200_000
_SCHEMA_PLACE = re.compile(
    r".*/(schema|schemas/[^/]+|definitions/[^/]+|properties/[^/]+|items|additionalProperties|(allOf|anyOf|oneOf)/\d+)"
)


def _find(document: Any, suffix: str, instance: Any, taken: set[str | None]) -> str | None:
    """The first schema (in document order, not yet reported) where `suffix` leads to `instance`.

    The validator only does this for schemas, so a place that is a schema wins over
    one that merely looks the same (a Swagger 2.0 parameter also has a `type`). A schema
    used in two places through a YAML alias is a candidate in both.
    """
    fallback: str | None = None
    for visited, (where, node) in enumerate(pointer.walk(document, once=False)):
        if visited >= _SEARCH_LIMIT:
            break
        found, missing = pointer.follow(node, suffix)
        place = where + suffix
        same = missing is None and type(found) is type(instance) and found == instance
        if same and place not in taken:
            if _SCHEMA_PLACE.fullmatch(where):
                return place
            fallback = fallback or place
    return fallback


class ValidationBeside:
    """Validate the spec in a child while the rest of the `with` body (the later stages) runs here.

    The child is forked on entering, before the spec is loaded: it imports the validator (which
    takes longer than loading) while this process loads the spec, then validates the spec that
    `check` hands it. An error raised before `check` (loading the spec or the config) ends the
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
    ) -> None:
        self.lenient, self.warnings, self._stage = lenient, warnings, stage
        self.seconds = 0.0  # the validation's own time
        self.parallel = parallel.can_fork() and parallel.cpus() > 1
        self._forked: parallel.Forked | None = None
        self._send = -1  # the pipe the spec goes to the child through
        self._spec: Spec | None = None  # set by `check`
        self._found: list[Diagnostic] = []
        self._at = 0
        self._running = ExitStack()  # the stage, while the validation runs

    def __enter__(self) -> ValidationBeside:
        if self.parallel:
            receive, self._send = os.pipe()
            self._forked = parallel.Forked(_validate_received, receive, self._send, self.lenient)
            os.close(receive)
        return self

    def check(self, spec: Spec) -> None:
        """Validate `spec`: hand it to the child, or (no child) validate it here and now."""
        self._at, self._spec = len(self.warnings), spec
        self._running.enter_context(self._stage("validate"))
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
        if self._forked is not None and self._spec is not None and self._forked.done():
            self._collect(self._forked, self._spec)

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
        if self._forked is not None:
            interrupted = kind is not None and not issubclass(kind, Exception)
            if interrupted or self._spec is None:  # nothing to validate, or not worth the wait
                self._forked.cancel()
                self._running.close()
                return
            self._collect(self._forked, self._spec)
        self.warnings[self._at : self._at] = self._found


def _validate_received(receive: int, send: int, lenient: bool) -> list[Diagnostic]:
    """In the child: import the validator while the parent loads the spec, then validate it."""
    os.close(send)  # the parent's end: only the parent may write (and end) the spec
    import jsonschema  # type: ignore[import-untyped]  # noqa: F401  (both slow to import: now, while the parent loads)
    import openapi_spec_validator  # noqa: F401

    with os.fdopen(receive, "rb") as pipe:
        data = pipe.read()
    if not data:
        raise RuntimeError("the spec never came")  # the parent stopped before `check`
    spec: Spec = pickle.loads(data)
    return validate(spec, lenient=lenient)
