"""Check the document against the OpenAPI schema (openapi-spec-validator), every error at once."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import (
    OpenAPIV2SpecValidator,
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
)

from .diagnostics import Diagnostic, GenerationError, pointer_of
from .load import Spec

_VALIDATORS: dict[str, Any] = {
    "2.0": OpenAPIV2SpecValidator,
    "3.0": OpenAPIV30SpecValidator,
    "3.1": OpenAPIV31SpecValidator,
}
MAX_ERRORS = 50


def spec_version(spec: Spec) -> str:
    """"2.0", "3.0" or "3.1"; an unsupported version is an error whatever --lenient says."""
    raw = spec.document.get("openapi", spec.document.get("swagger"))
    key = "openapi" if "openapi" in spec.document else "swagger"
    version = str(raw)
    for supported in _VALIDATORS:
        if version == supported or version.startswith(supported + "."):
            return supported
    raise GenerationError(
        [spec.diagnostic(f"/{key}", f"unsupported version {version!r}: use OpenAPI 3.0, 3.1 or Swagger 2.0")]
    )


def validate(spec: Spec, *, lenient: bool) -> list[Diagnostic]:
    """Warnings to print; raises GenerationError listing every error unless `lenient`."""
    validator = _VALIDATORS[spec_version(spec)](spec.document)
    found: list[Diagnostic] = []
    for error in validator.iter_errors():
        path = getattr(error, "absolute_path", None) or getattr(error, "path", None) or ()
        message = str(getattr(error, "message", error)).splitlines()[0]
        if len(message) > 300:
            message = message[:300] + "..."
        found.append(spec.diagnostic(pointer_of(path), message, "warning" if lenient else "error"))
        if len(found) >= MAX_ERRORS:
            break
    found.sort()
    if found and not lenient:
        raise GenerationError(found)
    return found
