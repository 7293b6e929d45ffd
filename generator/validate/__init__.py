"""The validate stage: a loaded `Spec` -> the warnings to print, or every error at once.

What goes in is the document as written (before a Swagger 2.0 document is upgraded), checked
against the OpenAPI schema of its version by openapi-spec-validator. What comes out is a list
of located warnings, or a `GenerationError` listing every error (with --lenient, the errors
are warnings too). `validate` checks here and now; `ValidationBeside` checks in a child
process while the later stages go on.

`check` runs the validator (`fast_verdicts`: jsonschema-rs decides first; `fast_paths`: each
path of the document resolved once; `schema_walk`: its visit of schema objects on resolved
nodes); `report` turns its errors into diagnostics, `locate` says where each is; `beside` is
the child process.
"""

from __future__ import annotations

from .beside import ValidationBeside
from .check import validate

__all__ = ["ValidationBeside", "validate"]
