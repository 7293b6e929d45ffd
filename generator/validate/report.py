"""The validator's errors as diagnostics: each said once, in document order, and at most
`MAX_ERRORS` of them; a failed `oneOf`/`anyOf` said as its likely cause; its false alarms left
out, and what the generator copes with said as a warning.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from .. import pointer
from ..diagnostics import Diagnostic
from ..load import Spec
from .locate import locate, searching

MAX_ERRORS = 50


def as_diagnostics(
    spec: Spec, errors: list[Any], level: Literal["error", "warning"]
) -> list[Diagnostic]:
    """The validator's errors as diagnostics, each once, in document order; at most `MAX_ERRORS`."""
    found: list[Diagnostic] = []
    seen: set[tuple[str | None, str]] = set()
    with searching(spec.document):
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
    at, message = locate(spec, error, {p for p, _ in seen})
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
