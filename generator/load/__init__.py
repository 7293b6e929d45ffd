"""The load stage: a spec path -> one plain document (`Spec`), or located errors.

What goes in is the path of the spec's root file (YAML or JSON, OpenAPI 3.x or Swagger 2.0).
What comes out is a `Spec` (defined in `source`): one document of plain JSON data in which the
`$ref`s to other files are bundled, with the files read (`sources`, and `inputs` for the run
cache) and where each part came from (`origins`), so that a problem found by any later stage is
reported in the file and at the line it is written; with --lenient, what was passed over is in
`Spec.warnings`. Or a `GenerationError` listing located errors.

Everything here treats the input as hostile, one step at a time:

1. `source`: read the bytes under a size limit, parse YAML or JSON (`duplicates`: a key
   written twice).
2. `normalize`: make the document plain JSON data, bounded in values and nesting depth. A
   quick pass first (`census`) counts what it must and notes the `$ref`s: when every one is
   local and none stands for text, the walks of steps 3 and 4 have nothing to find and are
   skipped (a `$ref` chain is still followed from each).
3. `bundle`: bring in what `$ref`s to other files point at, as components or copies (only
   files inside the spec's directory; URLs are refused), remembering where each part came from;
   `grammar` says what each place of a document holds.
4. `refs`: every local `$ref` points at something, and no chain of them loops.

The limits are in `limits`. Each problem is a located `Diagnostic`. `upgrade` (Swagger 2.0 ->
OpenAPI 3.0) is not part of `load`: the driver upgrades the loaded `Spec` for the IR, while
validation checks the document as written.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic, GenerationError
from .bundle import bundle, nothing_to_bundle
from .limits import Budget
from .normalize import normalized
from .refs import check_refs
from .source import Spec, fail, parse, read_source

__all__ = ["Spec", "load"]


def load(path: Path, *, lenient: bool = False) -> Spec:
    """Read, parse and bundle a spec; raise GenerationError with a located message on failure.

    With `lenient`, what can be passed over (a `$ref` to another file that leads nowhere, a key
    written twice) is a warning in `Spec.warnings`. `Spec.inputs` lists every file read, for
    the run cache.
    """
    budget = Budget()
    source = read_source(path, budget)
    text = source.text
    passed_over: list[Diagnostic] = []
    document = parse(path, text, passed_over if lenient else None)
    if not isinstance(document, dict):
        raise fail(path, "not an OpenAPI document: the top level is not a mapping", 1, 1)
    spec = Spec(path, document, text, _root=source)
    spec.inputs.append((str(path.absolute()), str(path.resolve()), source.digest))
    spec.warnings += passed_over
    problems, census = normalized(document, text, budget)
    if problems:
        raise GenerationError([spec.diagnostic(at, message) for at, message in problems])
    if "openapi" not in document and "swagger" not in document:
        raise GenerationError(
            [spec.diagnostic("", "not an OpenAPI document: no `openapi` or `swagger` key")]
        )
    if census is not None and nothing_to_bundle(spec, census):
        check_refs(spec, census.refs)  # the document is as the census saw it
    else:
        bundle(spec, budget, lenient=lenient)
        check_refs(spec)
    return spec
