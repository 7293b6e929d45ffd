"""The walk that bundles: the root's component maps first, then the rest of the document, then
each component met; what each `$ref` into another file is replaced by."""

from __future__ import annotations

import copy
import errno
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, unquote

from ... import pointer
from ...diagnostics import Diagnostic, GenerationError
from .. import grammar
from ..limits import MAX_ERRORS, MAX_NODES, MAX_REF_DEPTH, Budget
from ..normalize import normalize
from ..source import Spec, Unreadable, parse, read_source

_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")
_DATA_SUFFIXES = (".yaml", ".yml", ".json")
_NOT_A_KEY = re.compile(r"[^A-Za-z0-9._-]+")  # what a component key may not hold (OpenAPI 3)
_DROP = object()  # a `$ref` dropped under --lenient: its node is removed
_FAILED = object()  # a target that could not be read (reported where it was first met)


class _Site(NamedTuple):
    """Where a node is: the file it is written in, its place in the root document (or in a
    component not yet placed), and its place in that file."""

    base: Path
    at: str
    there: str

    def join(self, key: str | int) -> _Site:
        return _Site(self.base, pointer.join(self.at, key), pointer.join(self.there, key))


_Target = tuple[Path, str]  # (file, pointer): what a `$ref` names


@dataclass(eq=False)
class _Component:
    """A target bundled as a component: its content, and the `$ref`s and mappings naming it."""

    kind: str
    target: _Target
    prefix: str  # where its content is, until it is placed and named
    content: Any = None
    name: str = ""
    uses: list[dict[str, Any]] = field(default_factory=list)
    mappings: list[tuple[dict[str, Any], str]] = field(default_factory=list)


class _Refusal(Exception):
    """A `$ref` that cannot be followed: its message, and whether --lenient may drop it."""

    def __init__(self, message: str, *, hard: bool = False) -> None:
        super().__init__(message)
        self.hard = hard


class Bundler:
    def __init__(self, spec: Spec, budget: Budget, lenient: bool) -> None:
        self.spec = spec
        self.budget = budget
        self.lenient = lenient
        self.root = spec.path.resolve()
        self.top = self.root.parent
        self.documents: dict[Path, Any] = {self.root: spec.document}
        spec.sources[self.root] = spec.root
        self.places = grammar.SWAGGER2_COMPONENTS if "swagger" in spec.document else grammar.COMPONENTS
        self.components: dict[tuple[str, Path, str], _Component] = {}
        self.bound: dict[tuple[str, Path, str], str] = {}  # a target listed in the root's components
        self.bound_at: set[str] = set()  # where those entries are
        self.queue: list[_Component] = []
        self.inlining: list[_Target] = []  # the copies being walked, outermost first
        self.inlining_set: set[_Target] = set()
        self.visited: dict[int, Any] = {}  # by id, kept alive so that no id is reused
        self.named: dict[str, Path] = {}  # every file a `$ref` names, as named -> resolved
        self.files: dict[tuple[Path, str], tuple[Path | None, bool]] = {}  # by (base, location)
        self.errors: list[Diagnostic] = []

    def run(self) -> None:
        self._walk_root()
        self._walk_components()
        if not self._errors():
            self._place()
        for named, file in sorted(self.named.items()):
            source = self.spec.sources.get(file)
            self.spec.inputs.append((named, str(file), source.digest if source else ""))
        self.spec.warnings.extend(d for d in self.errors if d.level == "warning")
        if self._errors():
            raise GenerationError(self._errors()[:MAX_ERRORS])

    def _errors(self) -> list[Diagnostic]:
        return [d for d in self.errors if d.level == "error"]

    def _walk_root(self) -> None:
        """The root's component maps first (so that what they list is known by its key), then
        the rest of the root; the components met are queued."""
        holder, maps = self._component_maps()
        for parent, key, kind, site in maps:
            self._bind(parent[key], kind, site)
        for parent, key, kind, site in maps:
            self._walk(parent[key], kind, site)
        if holder is not None:
            self._walk(*holder)
        self._walk(self.spec.document, "Document", _Site(self.root, "", ""))

    def _walk_components(self) -> None:
        """Each component met, walked where it is until it is placed; those it meets are queued."""
        while self.queue and len(self.errors) < MAX_ERRORS:
            component = self.queue.pop()
            file, there = component.target
            self.spec.origins[component.prefix] = component.target
            site = _Site(file, component.prefix, there)
            content = self._walk_whole(component.content, component.kind, site)
            component.content = {} if content is _DROP else content  # its own `$ref`, dropped

    # --- the root's component maps, and the targets they list ---------------------------------

    def _component_maps(self) -> tuple[tuple[Any, str, _Site] | None, list[tuple[dict[str, Any], str, str, _Site]]]:
        """What holds the root's components (`components`, the document in 2.0) and each map of
        them (`components/schemas`, `definitions`...), read from its index file first when it is
        given by `$ref`."""
        document = self.spec.document
        swagger = "swagger" in document
        holder, site = document, _Site(self.root, "", "")
        if not swagger:
            holder, site = self._in_place(document, "components", "Components", site.join("components"))
        if not isinstance(holder, dict):
            return None, []
        fields = grammar.FIELDS["Document" if swagger else "Components"]
        maps = []
        for key in sorted(set(self.places.values()) | (set() if swagger else {"pathItems"})):
            node, place = self._in_place(holder, key, fields[key], site.join(key))
            if isinstance(node, dict):
                maps.append((holder, key, fields[key], place))
        return (holder, "Document" if swagger else "Components", site), maps

    def _in_place(self, parent: dict[str, Any], key: str, kind: str, site: _Site) -> tuple[Any, _Site]:
        """`parent[key]`, copied in from the file its `$ref` names when it is one (an index)."""
        node = parent.get(key)
        if isinstance(node, dict) and self._bundles(node, kind, site.base):
            parent[key] = self._resolve(node, kind, site, walk=False)
            if parent[key] is _DROP:
                del parent[key]
                return None, site
            if (origin := self.spec.origins.get(site.at)) is not None:
                return parent[key], _Site(origin[0], site.at, origin[1])
        return parent[key] if key in parent else None, site

    def _bind(self, entries: dict[str, Any], kind: str, site: _Site) -> None:
        """Note the entries that are just a `$ref` to another file: that file is this component
        (named by this key), wherever else it is referred to. Of two keys naming one target,
        the first in sorted order is it; the other becomes an alias of it."""
        item = grammar.child(kind, "")
        if item not in self.places:
            return
        for key in sorted(entries):
            entry = entries[key]
            if not (isinstance(entry, dict) and len(entry) == 1 and self._bundles(entry, item, site.base)):
                continue
            try:
                file, at = self._target(entry["$ref"], site.base)
            except _Refusal:
                continue  # reported when the entry is walked
            if file != self.root and (item, file, at) not in self.bound:
                self.bound[(item, file, at)] = key
                self.bound_at.add(pointer.join(site.at, key))

    # --- the walk -------------------------------------------------------------------------------

    def _walk(self, node: Any, kind: str, site: _Site) -> None:
        """Bundle the `$ref`s under `node` (of `kind`, at `site`), in place.

        Its own loop rather than `pointer.walk`: what a `$ref` is replaced by has been walked
        already, and a node shared through a YAML alias is walked once.
        """
        stack: list[tuple[Any, str, _Site]] = [(node, kind, site)]
        while stack and len(self.errors) < MAX_ERRORS:
            current, kind, site = stack.pop()
            if not isinstance(current, (dict, list)) or id(current) in self.visited:
                continue
            self.visited[id(current)] = current
            items: list[tuple[Any, Any]] = list(current.items() if isinstance(current, dict) else enumerate(current))
            for key, value in items:
                stack.extend(self._visit(current, key, value, kind, site))
            if any(value is _DROP for value in (current.values() if isinstance(current, dict) else current)):
                _remove_dropped(current)

    def _visit(self, parent: Any, key: Any, value: Any, kind: str, site: _Site) -> list[tuple[Any, str, _Site]]:
        """Bundle `parent[key]` if it is a `$ref` (or a mapping's reference); else what to walk."""
        if not isinstance(value, (dict, list)):  # most values: no pointer is built for them
            if kind == "Mapping" and isinstance(parent, dict) and isinstance(value, str):
                self._mapping(parent, key, value, site.join(key))
            return []
        child, place = grammar.child(kind, key), site.join(key)
        if isinstance(value, dict) and self._bundles(value, child, site.base):
            parent[key] = self._resolve(value, child, place)
            return []
        return [(value, child, place)]

    def _walk_whole(self, node: Any, kind: str, site: _Site) -> Any:
        """`node` bundled (`_walk`), or what replaces it when it is a `$ref` itself."""
        if isinstance(node, dict) and self._bundles(node, kind, site.base):
            return self._resolve(node, kind, site)
        self._walk(node, kind, site)
        return node

    def _bundles(self, node: dict[str, Any], kind: str, base: Path) -> bool:
        """Whether `node` is a `$ref` this stage follows: to another file, from another file,
        or to text (a local `$ref` in the root is left for the later stages otherwise)."""
        ref = node.get("$ref")
        return isinstance(ref, str) and (not ref.startswith("#") or base != self.root or kind == grammar.TEXT)

    def _resolve(self, node: dict[str, Any], kind: str, site: _Site, *, walk: bool = True) -> Any:
        """What the `$ref` in `node` (of `kind`, at `site`) is replaced by; `node` itself when
        it cannot be followed (the error is recorded), `_DROP` when --lenient drops it."""
        ref = node["$ref"]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        try:
            target = self._target(ref, site.base)
            if kind in self.places and site.at not in self.bound_at:
                replacement = self._reference(kind, target, site)
            elif kind == grammar.TEXT:
                return self._text(target, site)
            else:
                replacement = self._copy(kind, target, site, walk)
        except _Refusal as refusal:
            return self._refused(ref, refusal, site, node)
        if siblings and isinstance(replacement, dict):
            self._add_siblings(replacement, siblings, kind, site, walk)
        return replacement

    def _add_siblings(self, replacement: dict[str, Any], siblings: dict[str, Any], kind: str, site: _Site, walk: bool) -> None:
        """What is written beside a `$ref` stays beside what replaces it, located where written."""
        if walk:
            self._walk(siblings, kind, site)
        for key in siblings:
            self.spec.origins[pointer.join(site.at, key)] = (site.base, pointer.join(site.there, key))
        replacement.update(siblings)

    def _refused(self, ref: str, refusal: _Refusal, site: _Site, node: dict[str, Any]) -> Any:
        if not str(refusal):  # reported already, where the file was first referred to
            return node
        if self.lenient and not refusal.hard:
            self._report(site, f"{refusal}; the $ref {ref!r} is ignored (--lenient)", "warning")
            return _DROP
        self._report(site, str(refusal))
        return node

    def _report(self, site: _Site, message: str, level: str = "error") -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(self.spec.sources[site.base].diagnostic(site.there, message, level))

    # --- what a `$ref` names --------------------------------------------------------------------

    def _target(self, ref: str, base: Path) -> _Target:
        """The file and pointer `ref` (written in `base`) names, when that file may be read."""
        location, _, fragment = ref.partition("#")
        if _URL.match(location):
            raise _Refusal(
                f"$ref to a URL is refused, nothing is fetched: {ref!r}; "
                "save the file next to the spec and refer to it by a relative path",
                hard=True,
            )
        if fragment and not fragment.startswith("/"):
            raise _Refusal(f"$ref {ref!r}: the part after # must be a JSON pointer such as #/components/schemas/Name")
        if (base, location) not in self.files:
            self.files[(base, location)] = self._file(base, location)
        file, inside = self.files[(base, location)]
        if file is None:
            raise _Refusal(f"$ref {ref!r} does not name a file that can be read", hard=True)
        if not inside:
            raise _Refusal(
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

    def _value(self, target: _Target, ref_site: _Site) -> Any:
        """The node `target` names."""
        file, at = target
        document = self._document(file, ref_site)
        if document is _FAILED:
            raise _Refusal("", hard=True)  # reported where the file was first referred to
        if at and isinstance(document, str):
            raise _Refusal(f"{self._shown(file)} is text, not YAML or JSON: a $ref into it cannot have a #/fragment")
        value, missing = pointer.follow(document, at)
        if missing is not None:
            raise _Refusal(f"$ref points at nothing: {missing} of {file.name}")
        return value

    def _document(self, file: Path, ref_site: _Site) -> Any:
        """The parsed document of `file` (its text when it is not YAML or JSON), read once."""
        if file not in self.documents:
            self.documents[file] = self._read(file, ref_site)
        return self.documents[file]

    def _read(self, file: Path, ref_site: _Site) -> Any:
        shown = self._shown(file)
        _regular_file(file, shown)
        is_text = file.suffix.lower() not in _DATA_SUFFIXES
        try:
            source = read_source(file, self.budget, shown, text=is_text)
            self.spec.sources[file] = source
            if is_text:
                return source.text
            document = parse(shown, source.text)
        except Unreadable as exc:
            raise _Refusal(f"$ref to {shown}: {exc.diagnostics[0].message}", hard=True) from None
        except GenerationError as exc:
            self._read_error(exc.diagnostics[0], ref_site)
            return _FAILED
        problems = normalize(document, source.text, self.budget)
        if problems:
            self._read_error(source.diagnostic(*problems[0]), ref_site)
            return _FAILED
        return document

    def _read_error(self, diagnostic: Diagnostic, ref_site: _Site) -> None:
        """A file that cannot be read, reported where the problem is, saying who referred to it."""
        line, _ = self.spec.sources[ref_site.base].locate(ref_site.there)
        where = f"{self._shown(ref_site.base)}:{line}"
        self.errors.append(replace(diagnostic, message=f"{diagnostic.message} (read for the $ref at {where})"))

    def _shown(self, file: Path) -> Path:
        """A file as the user would name it: from the spec's path as given."""
        return self.spec.path.parent / file.relative_to(self.top) if file != self.root else self.spec.path

    # --- what a `$ref` is replaced by -----------------------------------------------------------

    def _reference(self, kind: str, target: _Target, site: _Site) -> dict[str, Any]:
        """A `$ref` to the component `target` becomes (its name is filled in by `_place`)."""
        file, at = target
        if file == self.root:
            return {"$ref": _local(at)}
        component = self._component(kind, target, site)
        use: dict[str, Any] = {"$ref": ""}
        component.uses.append(use)
        return use

    def _component(self, kind: str, target: _Target, site: _Site) -> _Component:
        key = (kind, *target)
        if key not in self.components:
            component = _Component(kind, target, f"\0{len(self.components)}", name=self.bound.get(key, ""))
            if not component.name:
                value = self._value(target, site)
                if not isinstance(value, dict):
                    raise _Refusal(_mismatch(value, kind))
                component.content = self._spend(copy.deepcopy(value))
                self.queue.append(component)
            self.components[key] = component
        return self.components[key]

    def _text(self, target: _Target, site: _Site) -> str:
        value = self._value(target, site)
        if not isinstance(value, str):
            raise _Refusal(_mismatch(value, grammar.TEXT))
        self.budget.bytes -= len(value)
        if self.budget.bytes < 0:
            raise _Refusal("too large: the text $refs copy in exceeds the spec's budget", hard=True)
        return value

    def _copy(self, kind: str, target: _Target, site: _Site, walk: bool) -> Any:
        """A copy of `target` in place of the `$ref`, its own `$ref`s bundled."""
        if target[0] == self.root:
            return {"$ref": _local(target[1])}  # the root is walked in place: no copy of it
        if target in self.inlining_set:
            raise _Refusal(f"$ref loops: {self._shown(target[0])}#{target[1]} is copied into itself", hard=True)
        if len(self.inlining) >= MAX_REF_DEPTH:
            raise _Refusal(f"$refs across files nest deeper than {MAX_REF_DEPTH} levels", hard=True)
        value = self._value(target, site)
        expected = dict if grammar.is_object(kind) else list if grammar.is_list(kind) else None
        if expected is not None and not isinstance(value, expected):
            raise _Refusal(_mismatch(value, kind))
        inlined = self._spend(copy.deepcopy(value))
        if isinstance(inlined, (dict, list)):
            self.spec.origins[site.at] = target
            if walk:
                self.inlining.append(target)
                self.inlining_set.add(target)
                try:
                    inlined = self._walk_whole(inlined, kind, _Site(target[0], site.at, target[1]))
                finally:
                    self.inlining_set.discard(self.inlining.pop())
        return inlined

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
            raise _Refusal(f"too large: more than {MAX_NODES} values (what a $ref copies in counts once per use)", hard=True)
        return value

    def _mapping(self, mapping: dict[str, Any], key: str, value: str, site: _Site) -> None:
        """A discriminator mapping's value that is a reference to a schema in another file."""
        if not ("#" in value or "/" in value or value.endswith(_DATA_SUFFIXES)):
            return  # a schema's name
        if value.startswith("#") and site.base == self.root:
            return
        try:
            target = self._target(value, site.base)
            if target[0] == self.root:
                mapping[key] = _local(target[1])
            else:
                self._component(grammar.SCHEMA, target, site).mappings.append((mapping, key))
        except _Refusal as refusal:
            self._refused(value, refusal, site, {})

    # --- the components, named and placed -------------------------------------------------------

    def _place(self) -> None:
        """Name each bundled component, put it into the root, and point its `$ref`s at it."""
        for kind, place in sorted(self.places.items()):
            components = [c for c in self.components.values() if c.kind == kind]
            if components:
                self._place_kind(place, components)

    def _place_kind(self, place: str, components: list[_Component]) -> None:
        container, at = self._container(place)
        if container is None:
            self._report(_Site(self.root, "", ""), f"{at} is not a mapping: nowhere to bundle {place} into")
            return
        for component, name in _names([c for c in components if not c.name], set(container), self.top).items():
            component.name = name
            container[name] = component.content
            self._relocate(component.prefix, pointer.join(at, name))
        for component in components:
            ref = "#" + pointer.join(at, component.name)
            for use in component.uses:
                use["$ref"] = ref
            for mapping, key in component.mappings:
                mapping[key] = ref

    def _container(self, place: str) -> tuple[dict[str, Any] | None, str]:
        document = self.spec.document
        if "swagger" in document:
            holder: Any = document
            at = pointer.join("", place)
        else:
            holder = document.setdefault("components", {})
            at = pointer.join("/components", place)
        if not isinstance(holder, dict):
            return None, at
        container = holder.setdefault(place, {})
        return (container if isinstance(container, dict) else None), at

    def _relocate(self, prefix: str, at: str) -> None:
        """Origins recorded under a component's provisional place, moved to where it is now."""
        origins = self.spec.origins
        for key in [k for k in origins if k == prefix or k.startswith(prefix + "/")]:
            origins[at + key[len(prefix) :]] = origins.pop(key)


def _regular_file(file: Path, shown: Path) -> None:
    """Refuse a `$ref`'s file that is missing, that the system will not look at (a name too
    long, a symlink loop, no permission) or that is not a regular file."""
    try:
        mode = file.stat().st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise _Refusal(f"$ref to {shown}: no such file") from None
        raise _Refusal(f"$ref to {shown}: cannot read: {exc.strerror or exc}", hard=True) from None
    if not stat.S_ISREG(mode):
        raise _Refusal(f"$ref to {shown}: not a regular file", hard=True)


def _names(components: list[_Component], taken: set[str], top: Path) -> dict[_Component, str]:
    """A name for each component, from the set alone: its fragment's last token or its file's
    name; when several (or a key already in the root) would share one, each is prefixed with
    its folders, innermost first, as few as make them distinct (`v1_Error`); past that, `_2`..."""
    groups: dict[str, list[_Component]] = {}
    for component in components:
        groups.setdefault(_candidate(component), []).append(component)
    names: dict[_Component, str] = {}
    for candidate in sorted(groups):
        group = sorted(groups[candidate], key=lambda c: (c.target[0].as_posix(), c.target[1]))
        chosen = _qualified(candidate, group, taken, top)
        taken.update(chosen.values())
        names.update(chosen)
    return names


def _candidate(component: _Component) -> str:
    file, at = component.target
    name = pointer.last(at) if at else file.stem
    return _NOT_A_KEY.sub("_", name) or "_"


def _qualified(candidate: str, group: list[_Component], taken: set[str], top: Path) -> dict[_Component, str]:
    qualifiers = [_qualifiers(c, top) for c in group]
    for depth in range(max(map(len, qualifiers)) + 1):
        names = ["_".join([*q[len(q) - min(depth, len(q)) :], candidate]) for q in qualifiers]
        if len(set(names)) == len(names) and not taken.intersection(names):
            return dict(zip(group, names, strict=True))
    names, n = [], 1
    for _ in group:
        while (name := f"{candidate}_{n}" if n > 1 else candidate) in taken or name in names:
            n += 1
        names.append(name)
    return dict(zip(group, names, strict=True))


def _qualifiers(component: _Component, top: Path) -> list[str]:
    """The folders (and file, for a fragment) that set a component apart: `v1` for `v1/Error.yaml`."""
    file, at = component.target
    relative = file.relative_to(top)
    parts = [*relative.parent.parts, relative.stem] if at else list(relative.parent.parts)
    return [_NOT_A_KEY.sub("_", part) for part in parts]


def _local(at: str) -> str:
    """A `$ref` to `at` in the root, percent-escaped as a URI fragment."""
    return "#" + quote(at, safe="/~!$&'()*+,;=:@")


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


def _remove_dropped(node: dict[str, Any] | list[Any]) -> None:
    if isinstance(node, dict):
        for key in [k for k, v in node.items() if v is _DROP]:
            del node[key]
    else:
        node[:] = [v for v in node if v is not _DROP]

