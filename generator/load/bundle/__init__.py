"""`$ref`s into other files, bundled into the root document so that later stages see one document.

What a `$ref` becomes depends on what the spec expects where it is written (`grammar`):

- a schema, parameter, response, request body, header, example, link, callback or security
  scheme: a component of the root (`#/components/schemas/Name`; `#/definitions/Name` in Swagger
  2.0), one per file and pointer however many `$ref`s reach it. Its name is its key where the
  root's components list it (`Pet: {$ref: schemas/pet.yaml}`, also through an index file),
  else the last token of the `$ref`'s fragment, else the file's name. Targets that would share
  a name are told apart by their folders (`v1/Error.yaml`, `v2/Error.yaml` -> `v1_Error`,
  `v2_Error`), the rule depending on the set of targets only, never on the order they are met;
- text (a description, a code sample's source): the string it points at. A file that is not
  YAML or JSON (`.md`, `.php`...) is read as text; a `$ref` to text where an object is expected
  is refused;
- anything else (path items, a whole `components` map, extensions): a copy, inlined in place.

A `$ref` in a file is relative to that file. Only files inside the spec's directory are read:
URLs, files elsewhere and anything but regular files are refused, nothing is fetched. Every file
read and every copy counts against the spec's budget. A problem is reported in the file where
the `$ref` is written, at its line, with a pointer into that file; `lenient` drops a `$ref` that
leads nowhere or to the wrong kind of thing, with a warning. Refusals and unreadable files stay
errors.

`walk` walks the document and replaces each `$ref`; `files` says what a `$ref` names and reads
it; `components` keeps the components met and places them into the root; `names` names them.
"""

from __future__ import annotations

from .. import grammar
from ..census import Census, Link, path
from ..limits import Budget
from ..source import Spec
from .files import DATA_SUFFIXES
from .walk import Bundler


def bundle(spec: Spec, budget: Budget, *, lenient: bool = False) -> None:
    """Replace each `$ref` into another file in `spec.document`; raise what could not be.

    Fills in `spec.sources`, `spec.origins` and `spec.inputs`; warnings go to `spec.warnings`.
    """
    Bundler(spec, budget, lenient).run()


def nothing_to_bundle(spec: Spec, census: Census) -> bool:
    """Whether the walk would change nothing in the document `census` describes (a single file,
    the common case): every `$ref` is local, none is where text may be expected, and no
    discriminator mapping may name a file. Then only the root is recorded as read."""
    if not _all_local(census) or _reads_text(census):
        return False
    if any(_may_name_a_file(value) for mapping in census.mappings for value in mapping.values()):
        return False
    spec.sources[spec.path.resolve()] = spec.root
    return True


def _all_local(census: Census) -> bool:
    refs = (node["$ref"] for node in census.refs)
    return not any(isinstance(ref, str) and not ref.startswith("#") for ref in refs)


def _reads_text(census: Census) -> bool:
    """Whether a `$ref` may stand where text is expected (with keys still to be made strings,
    the places are not known yet: it may)."""
    return bool(census.text_refs) and (bool(census.keyed) or any(map(_holds_text, census.text_refs)))


def _holds_text(link: Link) -> bool:
    """Whether the place `link` names holds text (the walk reads a `$ref` there as text)."""
    kind = "Document"
    for key in path(link):
        kind = grammar.child(kind, key)
    return kind == grammar.TEXT


def _may_name_a_file(value: object) -> bool:
    """A discriminator mapping's value the walk would look at (`Bundler._mapping`)."""
    if not isinstance(value, str) or value.startswith("#"):
        return False
    return "#" in value or "/" in value or value.endswith(DATA_SUFFIXES)
