"""The load stage: spec file -> one plain document (`Spec`), or located errors.

Everything here treats the input as hostile, one step at a time:

1. `source`: read the bytes under a size limit, parse YAML or JSON.
2. `normalize`: make the document plain JSON data, bounded in values and nesting depth.
3. `bundle`: copy in what `$ref`s to other files point at (only files inside the spec's
   directory; URLs are refused).
4. `refs`: every local `$ref` points at something, and no chain of them loops.

The limits are in `limits`. Each problem is a located `Diagnostic`.
"""

from __future__ import annotations

from pathlib import Path

from .bundle import bundle
from .diagnostics import Diagnostic, GenerationError
from .limits import Budget
from .normalize import normalize
from .refs import check_refs
from .source import Spec, fail, parse, read_text

__all__ = ["Spec", "load"]


def load(path: Path, warnings: list[Diagnostic] | None = None) -> Spec:
    """Read, parse and bundle a spec; raise GenerationError with a located message on failure.

    With `warnings` (`--lenient`), what can be passed over (a key written twice) is a warning there."""
    budget = Budget()
    text = read_text(path, budget)
    document = parse(path, text, warnings)
    if not isinstance(document, dict):
        raise fail(path, "not an OpenAPI document: the top level is not a mapping", 1, 1)
    spec = Spec(path, document, text)
    problems = normalize(document, text, budget)
    if problems:
        raise GenerationError([spec.diagnostic(at, message) for at, message in problems])
    if "openapi" not in document and "swagger" not in document:
        raise GenerationError(
            [spec.diagnostic("", "not an OpenAPI document: no `openapi` or `swagger` key")]
        )
    bundle(spec, budget)
    check_refs(spec)
    return spec
