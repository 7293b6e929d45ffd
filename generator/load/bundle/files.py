"""The files `$ref`s name, and what is taken out of them.

Which file and pointer a `$ref` names (a `Target`), refused unless the file may be read: a
regular file inside the spec's directory, never a URL. Each file is read and parsed once. What
a `$ref` takes out of one is checked against what is expected where the `$ref` is written, and
taken from the spec's budget: a copy counts once per place it is put.
"""

from __future__ import annotations

import copy
import errno
import os
import re
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, unquote

from ... import pointer
from ...diagnostics import Diagnostic, GenerationError
from .. import grammar
from ..limits import MAX_NODES, Budget
from ..normalize import normalize
from ..source import Spec, Unreadable, parse, read_source

_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")
DATA_SUFFIXES = (".yaml", ".yml", ".json")
_FAILED = object()  # a target that could not be read (reported where it was first met)


class Site(NamedTuple):
    """Where a node is: the file it is written in, its place in the root document (or in a
    component not yet placed), and its place in that file."""

    base: Path
    at: str
    there: str

    def join(self, key: str | int) -> Site:
        return Site(self.base, pointer.join(self.at, key), pointer.join(self.there, key))


Target = tuple[Path, str]  # (file, pointer): what a `$ref` names


class Refusal(Exception):
    """A `$ref` that cannot be followed: its message, and whether --lenient may drop it."""

    def __init__(self, message: str, *, hard: bool = False) -> None:
        super().__init__(message)
        self.hard = hard


class Files:
    """The root and every file a `$ref` names: resolved, read and parsed once each.

    A file that cannot be parsed is reported (in `errors`) where it was first referred to.
    """

    def __init__(self, spec: Spec, budget: Budget, errors: list[Diagnostic]) -> None:
        self.spec, self.budget, self.errors = spec, budget, errors
        self.root = spec.path.resolve()
        self.top = self.root.parent
        self.documents: dict[Path, Any] = {self.root: spec.document}
        spec.sources[self.root] = spec.root
        self.named: dict[str, Path] = {}  # every file a `$ref` names, as named -> resolved
        self.resolved: dict[tuple[Path, str], tuple[Path | None, bool]] = {}  # by (base, location)

    def follows(self, node: dict[str, Any], kind: str, base: Path) -> bool:
        """Whether `node` is a `$ref` this stage follows: to another file, from another file,
        or to text (a local `$ref` in the root is left for the later stages otherwise)."""
        ref = node.get("$ref")
        return isinstance(ref, str) and (not ref.startswith("#") or base != self.root or kind == grammar.TEXT)

    def record_inputs(self) -> None:
        """Each file a `$ref` named, in `spec.inputs` (for the run cache)."""
        for named, file in sorted(self.named.items()):
            source = self.spec.sources.get(file)
            self.spec.inputs.append((named, str(file), source.digest if source else ""))

    # --- what a `$ref` names --------------------------------------------------------------------

    def target(self, ref: str, base: Path) -> Target:
        """The file and pointer `ref` (written in `base`) names, when that file may be read."""
        location, _, fragment = ref.partition("#")
        if _URL.match(location):
            raise Refusal(
                f"$ref to a URL is refused, nothing is fetched: {ref!r}; "
                "save the file next to the spec and refer to it by a relative path",
                hard=True,
            )
        if fragment and not fragment.startswith("/"):
            raise Refusal(f"$ref {ref!r}: the part after # must be a JSON pointer such as #/components/schemas/Name")
        if (base, location) not in self.resolved:
            self.resolved[(base, location)] = self._file(base, location)
        file, inside = self.resolved[(base, location)]
        if file is None:
            raise Refusal(f"$ref {ref!r} does not name a file that can be read", hard=True)
        if not inside:
            raise Refusal(
                f"$ref {ref!r} leaves the spec's directory; only files beside the spec or below it are read",
                hard=True,
            )
        return file, pointer.from_fragment(fragment)

    def _file(self, base: Path, location: str) -> tuple[Path | None, bool]:
        """The file `location` names from `base`, and whether it is inside the spec's tree
        (resolved once: a tree refers to few files, often)."""
        named = base.parent / unquote(location) if location else base
        try:  # realpath: a symlink loop stays unresolved on every Python (and is refused when read)
            file = Path(os.path.realpath(named))
        except (OSError, ValueError):  # a NUL byte
            return None, False
        inside = file.is_relative_to(self.top)
        if inside:
            self.named.setdefault(str(named), file)
        return file, inside

    def shown(self, file: Path) -> Path:
        """A file as the user would name it: from the spec's path as given."""
        return self.spec.path.parent / file.relative_to(self.top) if file != self.root else self.spec.path

    # --- what is taken out of them --------------------------------------------------------------

    def copied(self, kind: str, target: Target, ref_site: Site) -> Any:
        """A copy of the node `target` names, which must be what `kind` expects."""
        value = self._value(target, ref_site)
        expected = dict if grammar.is_object(kind) else list if grammar.is_list(kind) else None
        if expected is not None and not isinstance(value, expected):
            raise Refusal(_mismatch(value, kind))
        return self._spend(copy.deepcopy(value))

    def text(self, target: Target, ref_site: Site) -> str:
        """The string `target` names (a description's text)."""
        value = self._value(target, ref_site)
        if not isinstance(value, str):
            raise Refusal(_mismatch(value, grammar.TEXT))
        self.budget.bytes -= len(value)
        if self.budget.bytes < 0:
            raise Refusal("too large: the text $refs copy in exceeds the spec's budget", hard=True)
        return value

    def _spend(self, value: Any) -> Any:
        """`value`, its values taken from the budget: a copy counts once per place it is put."""
        stack, count = [value], 0
        while stack:
            node = stack.pop()
            count += 1
            if isinstance(node, dict):
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        self.budget.nodes -= count
        if self.budget.nodes < 0:
            raise Refusal(f"too large: more than {MAX_NODES} values (what a $ref copies in counts once per use)", hard=True)
        return value

    def _value(self, target: Target, ref_site: Site) -> Any:
        """The node `target` names."""
        file, at = target
        document = self._document(file, ref_site)
        if document is _FAILED:
            raise Refusal("", hard=True)  # reported where the file was first referred to
        if at and isinstance(document, str):
            raise Refusal(f"{self.shown(file)} is text, not YAML or JSON: a $ref into it cannot have a #/fragment")
        value, missing = pointer.follow(document, at)
        if missing is not None:
            raise Refusal(f"$ref points at nothing: {missing} of {file.name}")
        return value

    # --- reading them ---------------------------------------------------------------------------

    def _document(self, file: Path, ref_site: Site) -> Any:
        """The parsed document of `file` (its text when it is not YAML or JSON), read once."""
        if file not in self.documents:
            self.documents[file] = self._read(file, ref_site)
        return self.documents[file]

    def _read(self, file: Path, ref_site: Site) -> Any:
        shown = self.shown(file)
        _regular_file(file, shown)
        is_text = file.suffix.lower() not in DATA_SUFFIXES
        try:
            source = read_source(file, self.budget, shown, text=is_text)
            self.spec.sources[file] = source
            if is_text:
                return source.text
            document = parse(shown, source.text)
        except Unreadable as exc:
            raise Refusal(f"$ref to {shown}: {exc.diagnostics[0].message}", hard=True) from None
        except GenerationError as exc:
            self._read_error(exc.diagnostics[0], ref_site)
            return _FAILED
        problems = normalize(document, source.text, self.budget)
        if problems:
            self._read_error(source.diagnostic(*problems[0]), ref_site)
            return _FAILED
        return document

    def _read_error(self, diagnostic: Diagnostic, ref_site: Site) -> None:
        """A file that cannot be read, reported where the problem is, saying who referred to it."""
        line, _ = self.spec.sources[ref_site.base].locate(ref_site.there)
        where = f"{self.shown(ref_site.base)}:{line}"
        self.errors.append(replace(diagnostic, message=f"{diagnostic.message} (read for the $ref at {where})"))


def local(at: str) -> str:
    """A `$ref` to `at` in the root, percent-escaped as a URI fragment."""
    return "#" + quote(at, safe="/~!$&'()*+,;=:@")


def _regular_file(file: Path, shown: Path) -> None:
    """Refuse a `$ref`'s file that is missing, that the system will not look at (a name too
    long, a symlink loop, no permission) or that is not a regular file."""
    try:
        mode = file.stat().st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise Refusal(f"$ref to {shown}: no such file") from None
        raise Refusal(f"$ref to {shown}: cannot read: {exc.strerror or exc}", hard=True) from None
    if not stat.S_ISREG(mode):
        raise Refusal(f"$ref to {shown}: not a regular file", hard=True)


def _mismatch(value: Any, kind: str) -> str:
    """`$ref points at text, not an object (a schema is expected here)`."""
    expected = "text" if kind == grammar.TEXT else "a list" if grammar.is_list(kind) else "an object"
    return f"$ref points at {_what(value)}, not {expected} ({grammar.describe(kind)} is expected here)"


def _what(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a boolean" if isinstance(value, bool) else "null" if value is None else "a number"
