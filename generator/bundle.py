"""`$ref`s into other files, pulled into the root document so that later stages see one document.

A schema from another file becomes a component schema of the root (named after its own
component name, or after the file); anything else is inlined where the `$ref` was. Only
files inside the spec's own directory are read: URLs and files elsewhere are refused,
nothing is fetched. Every file read counts against the spec's budget.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from . import pointer
from .diagnostics import Diagnostic, GenerationError
from .limits import MAX_ERRORS, MAX_REF_DEPTH, Budget
from .normalize import normalize
from .source import Spec, parse, read_text

_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")


def bundle(spec: Spec, budget: Budget) -> None:
    """Replace each `$ref` into another file in `spec.document`; raise what could not be."""
    _Bundler(spec, budget).run()


def _is_schema(tokens: list[str]) -> bool:
    """A whole file, or a component schema: `/components/schemas/X` (`/definitions/X` in 2.0)."""
    if len(tokens) == 3:
        return tokens[:2] == ["components", "schemas"]
    return not tokens or (len(tokens) == 2 and tokens[0] == "definitions")


class _Site(NamedTuple):
    """Where a `$ref` is written: its pointer in the root document, and the file it came from."""

    where: str
    base: Path


_Target = tuple[Path, str]  # (file, pointer): what a `$ref` names


class _Bundler:
    def __init__(self, spec: Spec, budget: Budget) -> None:
        self.spec = spec
        self.budget = budget
        self.root = spec.path.resolve()
        self.files: dict[Path, Any] = {self.root: spec.document}  # None: could not be read
        self.bundled: dict[_Target, str] = {}  # -> its component name in the root
        self.inlining: list[_Target] = []  # the targets being copied in, outermost first
        self.errors: list[Diagnostic] = []

    def run(self) -> None:
        self._walk(self.spec.document, self.root, "")
        if self.errors:
            raise GenerationError(self.errors[:MAX_ERRORS])

    def _walk(self, node: Any, base: Path, at: str) -> None:
        """Replace the `$ref`s to other files under `node` (written in `base`), in place.

        Its own loop rather than `pointer.walk`: a replaced node is not descended into (what
        was copied in has been walked already), and a node shared through a YAML alias is
        visited at every place. Children go last first, as `source.positions` visits them; the
        order also decides which of two bundled schemas of one name keeps the name.
        """
        stack: list[tuple[Any, str]] = [(node, at)]
        while stack:
            current, where = stack.pop()
            if isinstance(current, dict):
                ref = current.get("$ref")
                if isinstance(ref, str) and (not ref.startswith("#") or base != self.root):
                    replacement = self._replacement(ref, _Site(where, base))
                    if replacement is not None:  # else: a local $ref, or reported
                        current.clear()
                        current.update(replacement)
                    continue
                items: Any = current.items()
            elif isinstance(current, list):
                items = enumerate(current)
            else:
                continue
            stack.extend(
                (value, pointer.join(where, key))
                for key, value in items
                if isinstance(value, (dict, list))
            )

    def _error(self, site: _Site, message: str) -> None:
        if site.base != self.root:
            message += f" (in {site.base.name})"
        self.errors.append(self.spec.diagnostic(site.where, message))

    def _replacement(self, ref: str, site: _Site) -> dict[str, Any] | None:
        """What the `$ref` at `site` becomes: a `$ref` into the root document, or the target
        inlined; None when it cannot be followed (the error is recorded)."""
        location, _, fragment = ref.partition("#")
        file = self._file(ref, location, fragment, site)
        if file is None:
            return None
        if file == self.root:
            return {"$ref": "#" + fragment}
        at = pointer.from_fragment(fragment)
        target = self._target(ref, file, at, site)
        if target is None:
            return None
        tokens = pointer.tokens(at)
        if _is_schema(tokens) or (file, at) in self.inlining:
            # Bundled once: a schema, or anything that refers to itself (which only a schema can).
            name = tokens[-1] if tokens else file.stem
            return self._component((file, at), target, name or "Schema", site)
        inlined = copy.deepcopy(target)
        self._nested((file, at), inlined, site.where, site)
        return inlined

    def _file(self, ref: str, location: str, fragment: str, site: _Site) -> Path | None:
        """The file `ref` names, when it is one that may be read."""
        if _URL.match(location):
            self._error(
                site,
                f"$ref to a URL is refused, nothing is fetched: {ref!r}; "
                "save the file next to the spec and refer to it by a relative path",
            )
            return None
        if fragment and not fragment.startswith("/"):
            self._error(
                site,
                f"$ref {ref!r}: the part after # must be a JSON pointer "
                "such as #/components/schemas/Name",
            )
            return None
        try:
            file = (site.base.parent / unquote(location)).resolve() if location else site.base
        except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop, a name too long
            self._error(site, f"$ref {ref!r} does not name a file that can be read")
            return None
        if not file.is_relative_to(self.root.parent):
            self._error(
                site,
                f"$ref {ref!r} leaves the spec's directory; "
                "only files beside the spec or below it are read",
            )
            return None
        return file

    def _target(self, ref: str, file: Path, at: str, site: _Site) -> dict[str, Any] | None:
        """The mapping `ref` points at in `file`."""
        if file not in self.files:
            self.files[file] = self._read(ref, file, site)
        document = self.files[file]
        if document is None:  # reported where it was first referred to
            return None
        target, missing = pointer.follow(document, at)
        if missing is not None:
            self._error(site, f"$ref {ref!r} points at nothing: {missing} of {file.name}")
            return None
        if not isinstance(target, dict):
            self._error(site, f"$ref {ref!r} points at a {type(target).__name__}, not an object")
            return None
        return target

    def _read(self, ref: str, file: Path, site: _Site) -> Any:
        """Another file's document, made plain data as the spec's own was; None on a problem."""
        try:
            text = read_text(file, self.budget)
            document = parse(file, text)
        except GenerationError as exc:
            self._error(site, f"$ref {ref!r}: {exc.diagnostics[0]}")
            return None
        problems = normalize(document, text, self.budget)
        if problems:
            at, message = problems[0]
            self._error(site, f"$ref {ref!r}: {file.name} at {at or '/'}: {message}")
            return None
        return document

    def _component(
        self, key: _Target, target: dict[str, Any], name: str, site: _Site
    ) -> dict[str, Any] | None:
        """A `$ref` to `target` copied in as a component schema of the root, once.

        It keeps its name unless the root has a schema of that name already: then `_` is
        added until it is free.
        """
        if key not in self.bundled:
            schemas = self.spec.document.setdefault("components", {}).setdefault("schemas", {})
            if not isinstance(schemas, dict):
                self._error(site, "components/schemas is not a mapping")
                return None
            while name in schemas:
                name += "_"
            self.bundled[key] = name
            schemas[name] = copy.deepcopy(target)
            self._nested(key, schemas[name], pointer.join("/components/schemas", name), site)
        return {"$ref": "#" + pointer.join("/components/schemas", self.bundled[key])}

    def _nested(self, key: _Target, node: Any, at: str, site: _Site) -> None:
        """Bundle the `$ref`s in what was just copied in from `key`'s file, now at `at`."""
        if len(self.inlining) >= MAX_REF_DEPTH:
            self._error(site, f"$refs across files nest deeper than {MAX_REF_DEPTH} levels")
            return
        self.inlining.append(key)
        try:
            self._walk(node, key[0], at)
        finally:
            self.inlining.pop()
