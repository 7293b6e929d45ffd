"""The walk that bundles: the root's component maps first (what they list is known by its key),
then the rest of the document, then each component met; what each `$ref` it meets is replaced
by (a component's `$ref`, text, or a copy walked in turn), and what --lenient drops."""

from __future__ import annotations

from typing import Any

from ... import pointer
from ...diagnostics import Diagnostic, GenerationError
from .. import grammar
from ..limits import MAX_ERRORS, MAX_REF_DEPTH, Budget
from ..source import Spec
from .components import Components
from .files import DATA_SUFFIXES, Files, Refusal, Site, Target, local

_DROP = object()  # a `$ref` dropped under --lenient: its node is removed


class Bundler:
    """One bundle of one spec: the walk, and what each `$ref` it meets is replaced by."""

    def __init__(self, spec: Spec, budget: Budget, lenient: bool) -> None:
        self.spec = spec
        self.lenient = lenient
        self.errors: list[Diagnostic] = []
        self.files = Files(spec, budget, self.errors)
        self.root = self.files.root
        self.components = Components(spec, self.files)
        self.inlining: list[Target] = []  # the copies being walked, outermost first
        self.inlining_set: set[Target] = set()
        self.visited: dict[int, Any] = {}  # by id, kept alive so that no id is reused

    def run(self) -> None:
        self._walk_root()
        self._walk_components()
        if not self._errors():
            for problem in self.components.place():
                self._report(Site(self.root, "", ""), problem)
        self.files.record_inputs()
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
            self.components.bind(parent[key], kind, site)
        for parent, key, kind, site in maps:
            self._walk(parent[key], kind, site)
        if holder is not None:
            self._walk(*holder)
        self._walk(self.spec.document, "Document", Site(self.root, "", ""))

    def _walk_components(self) -> None:
        """Each component met, walked where it is until it is placed; those it meets are queued."""
        while self.components.queue and len(self.errors) < MAX_ERRORS:
            component = self.components.queue.pop()
            file, there = component.target
            self.spec.origins[component.prefix] = component.target
            site = Site(file, component.prefix, there)
            content = self._walk_whole(component.content, component.kind, site)
            component.content = {} if content is _DROP else content  # its own `$ref`, dropped

    # --- the root's component maps, and the targets they list ---------------------------------

    def _component_maps(self) -> tuple[tuple[Any, str, Site] | None, list[tuple[dict[str, Any], str, str, Site]]]:
        """What holds the root's components (`components`, the document in 2.0) and each map of
        them (`components/schemas`, `definitions`...), read from its index file first when it is
        given by `$ref`."""
        document = self.spec.document
        swagger = "swagger" in document
        holder, site = document, Site(self.root, "", "")
        if not swagger:
            holder, site = self._in_place(document, "components", "Components", site.join("components"))
        if not isinstance(holder, dict):
            return None, []
        fields = grammar.FIELDS["Document" if swagger else "Components"]
        maps = []
        for key in sorted(set(self.components.places.values()) | (set() if swagger else {"pathItems"})):
            node, place = self._in_place(holder, key, fields[key], site.join(key))
            if isinstance(node, dict):
                maps.append((holder, key, fields[key], place))
        return (holder, "Document" if swagger else "Components", site), maps

    def _in_place(self, parent: dict[str, Any], key: str, kind: str, site: Site) -> tuple[Any, Site]:
        """`parent[key]`, copied in from the file its `$ref` names when it is one (an index)."""
        node = parent.get(key)
        if isinstance(node, dict) and self.files.follows(node, kind, site.base):
            parent[key] = self._resolve(node, kind, site, walk=False)
            if parent[key] is _DROP:
                del parent[key]
                return None, site
            if (origin := self.spec.origins.get(site.at)) is not None:
                return parent[key], Site(origin[0], site.at, origin[1])
        return parent[key] if key in parent else None, site

    # --- the walk -------------------------------------------------------------------------------

    def _walk(self, node: Any, kind: str, site: Site) -> None:
        """Bundle the `$ref`s under `node` (of `kind`, at `site`), in place.

        Its own loop rather than `pointer.walk`: what a `$ref` is replaced by has been walked
        already, and a node shared through a YAML alias is walked once.
        """
        stack: list[tuple[Any, str, Site]] = [(node, kind, site)]
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

    def _visit(self, parent: Any, key: Any, value: Any, kind: str, site: Site) -> list[tuple[Any, str, Site]]:
        """Bundle `parent[key]` if it is a `$ref` (or a mapping's reference); else what to walk."""
        if not isinstance(value, (dict, list)):  # most values: no pointer is built for them
            if kind == "Mapping" and isinstance(parent, dict) and isinstance(value, str):
                self._mapping(parent, key, value, site.join(key))
            return []
        child, place = grammar.child(kind, key), site.join(key)
        if not grammar.holds_references(child):  # example data: its `$ref` keys are data
            return []
        if isinstance(value, dict) and self.files.follows(value, child, site.base):
            parent[key] = self._resolve(value, child, place)
            return []
        return [(value, child, place)]

    def _walk_whole(self, node: Any, kind: str, site: Site) -> Any:
        """`node` bundled (`_walk`), or what replaces it when it is a `$ref` itself."""
        if isinstance(node, dict) and self.files.follows(node, kind, site.base):
            return self._resolve(node, kind, site)
        self._walk(node, kind, site)
        return node

    def _resolve(self, node: dict[str, Any], kind: str, site: Site, *, walk: bool = True) -> Any:
        """What the `$ref` in `node` (of `kind`, at `site`) is replaced by; `node` itself when
        it cannot be followed (the error is recorded), `_DROP` when --lenient drops it."""
        ref = node["$ref"]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        try:
            target = self.files.target(ref, site.base)
            if kind in self.components.places and site.at not in self.components.bound_at:
                replacement = self.components.reference(kind, target, site)
            elif kind == grammar.TEXT:
                return self.files.text(target, site)
            else:
                replacement = self._copy(kind, target, site, walk)
        except Refusal as refusal:
            return self._refused(ref, refusal, site, node)
        if siblings and isinstance(replacement, dict):
            self._add_siblings(replacement, siblings, kind, site, walk)
        return replacement

    def _add_siblings(self, replacement: dict[str, Any], siblings: dict[str, Any], kind: str, site: Site, walk: bool) -> None:
        """What is written beside a `$ref` stays beside what replaces it, located where written."""
        if walk:
            self._walk(siblings, kind, site)
        for key in siblings:
            self.spec.origins[pointer.join(site.at, key)] = (site.base, pointer.join(site.there, key))
        replacement.update(siblings)

    def _refused(self, ref: str, refusal: Refusal, site: Site, node: dict[str, Any]) -> Any:
        if not str(refusal):  # reported already, where the file was first referred to
            return node
        if self.lenient and not refusal.hard:
            self._report(site, f"{refusal}; the $ref {ref!r} is ignored (--lenient)", "warning")
            return _DROP
        self._report(site, str(refusal))
        return node

    def _report(self, site: Site, message: str, level: str = "error") -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(self.spec.sources[site.base].diagnostic(site.there, message, level))

    # --- what a `$ref` is replaced by -----------------------------------------------------------

    def _copy(self, kind: str, target: Target, site: Site, walk: bool) -> Any:
        """A copy of `target` in place of the `$ref`, its own `$ref`s bundled."""
        if target[0] == self.root:
            return {"$ref": local(target[1])}  # the root is walked in place: no copy of it
        if target in self.inlining_set:
            raise Refusal(f"$ref loops: {self.files.shown(target[0])}#{target[1]} is copied into itself", hard=True)
        if len(self.inlining) >= MAX_REF_DEPTH:
            raise Refusal(f"$refs across files nest deeper than {MAX_REF_DEPTH} levels", hard=True)
        inlined = self.files.copied(kind, target, site)
        if isinstance(inlined, (dict, list)):
            self.spec.origins[site.at] = target
            if walk:
                self.inlining.append(target)
                self.inlining_set.add(target)
                try:
                    inlined = self._walk_whole(inlined, kind, Site(target[0], site.at, target[1]))
                finally:
                    self.inlining_set.discard(self.inlining.pop())
        return inlined

    def _mapping(self, mapping: dict[str, Any], key: str, value: str, site: Site) -> None:
        """A discriminator mapping's value that is a reference to a schema in another file."""
        if not ("#" in value or "/" in value or value.endswith(DATA_SUFFIXES)):
            return  # a schema's name
        if value.startswith("#") and site.base == self.root:
            return
        try:
            target = self.files.target(value, site.base)
            if target[0] == self.root:
                mapping[key] = local(target[1])
            else:
                self.components.component(grammar.SCHEMA, target, site).mappings.append((mapping, key))
        except Refusal as refusal:
            self._refused(value, refusal, site, {})


def _remove_dropped(node: dict[str, Any] | list[Any]) -> None:
    if isinstance(node, dict):
        for key in [k for k, v in node.items() if v is _DROP]:
            del node[key]
    else:
        node[:] = [v for v in node if v is not _DROP]

