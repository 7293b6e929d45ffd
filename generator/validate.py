"""Check the document against the OpenAPI schema (openapi-spec-validator), every error at once."""

from __future__ import annotations

import re
from typing import Any, Literal

from openapi_spec_validator import (
    OpenAPIV2SpecValidator,
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
)

from .diagnostics import Diagnostic, GenerationError, escape_pointer_token, pointer_of
from .load import Spec

_VALIDATORS: dict[str, Any] = {
    "2.0": OpenAPIV2SpecValidator,
    "3.0": OpenAPIV30SpecValidator,
    "3.1": OpenAPIV31SpecValidator,
}
MAX_ERRORS = 50
LENIENT_HINT = "--lenient generates anyway, with validation errors as warnings"

# Errors the validator reports without a path: where they are, from what they say.
_OPERATION_ID = re.compile(r"Operation ID '.*' for '(\w+)' in '(.*)' is not unique")
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
    validator = _VALIDATORS[spec_version(spec)](spec.document)
    found: list[Diagnostic] = []
    seen: set[tuple[str | None, str]] = set()
    errors = validator.iter_errors()
    while True:
        try:
            error = next(errors)
        except StopIteration:
            break
        except RecursionError:
            found.append(spec.diagnostic("", "the validator ran out of stack: the document nests too deeply", level))
            break
        except Exception as exc:  # the validator's own bug on odd input: report it, do not crash
            message = str(exc).splitlines()[0][:200] if str(exc) else ""
            found.append(spec.diagnostic("", f"the validator failed ({type(exc).__name__}: {message})", level))
            break
        pointer, message = _locate(spec, error, {p for p, _ in seen})
        if (pointer, message) in seen:
            continue
        seen.add((pointer, message))
        if pointer is None:  # somewhere in a schema, but where cannot be told
            found.append(Diagnostic(str(spec.path), 0, 0, "", f"in a schema: {message}", level))
        else:
            found.append(spec.diagnostic(pointer, message, level))
        if len(found) >= MAX_ERRORS:
            found.append(spec.diagnostic("", f"stopped after {MAX_ERRORS} problems", level))
            break
    found.sort()
    if found and not lenient:
        raise GenerationError(found, hint=LENIENT_HINT)
    return found


def _locate(spec: Spec, error: Any, taken: set[str | None]) -> tuple[str | None, str]:
    """The error's JSON pointer in the document (None when it cannot be found) and its message."""
    tokens = list(getattr(error, "absolute_path", None) or getattr(error, "path", None) or ())
    lines = str(getattr(error, "message", error)).splitlines()
    message = lines[0] if lines else type(error).__name__
    if len(message) > 300:
        message = message[:300] + "..."
    instance = getattr(error, "instance", _MISSING)
    if tokens:
        if _follow(spec.document, tokens) is not _MISSING:
            return pointer_of(tokens), message
        # The validator checks schemas one by one and gives paths inside the schema it checked.
        return _find(spec.document, tokens, instance, taken), message
    match = _OPERATION_ID.fullmatch(message) or _PATH_PARAMETER.fullmatch(message)
    if match:
        method, url = match.groups()
        pointer = f"/paths/{escape_pointer_token(url)}/{method}"
        return pointer + ("/operationId" if match.re is _OPERATION_ID else ""), message
    if instance is _MISSING or instance is spec.document or (isinstance(instance, dict) and "info" in instance):
        return "", message  # about the document as a whole
    return None, message


_MISSING = object()
_SEARCH_LIMIT = 200_000


def _follow(node: Any, tokens: list[Any]) -> Any:
    for token in tokens:
        if isinstance(node, dict) and str(token) in node:
            node = node[str(token)]
        elif isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node):
            node = node[token]
        else:
            return _MISSING
    return node


def _find(document: Any, tokens: list[Any], instance: Any, taken: set[str | None]) -> str | None:
    """The first place (in document order, not yet reported) where `tokens` lead to `instance`."""
    suffix = pointer_of(tokens)
    stack: list[tuple[Any, str]] = [(document, "")]
    visited = 0
    while stack and visited < _SEARCH_LIMIT:
        node, where = stack.pop()
        visited += 1
        found = _follow(node, tokens)
        if found is not _MISSING and type(found) is type(instance) and found == instance and where + suffix not in taken:
            return where + suffix
        if isinstance(node, dict):
            children = [(v, f"{where}/{escape_pointer_token(str(k))}") for k, v in node.items()]
        elif isinstance(node, list):
            children = [(v, f"{where}/{i}") for i, v in enumerate(node)]
        else:
            continue
        stack.extend(reversed([c for c in children if isinstance(c[0], (dict, list))]))
    return None
