"""The components a bundle adds to the root, and the `$ref`s pointed at them.

One component per kind and target, however many `$ref`s reach it. A target that the root's
components list by a `$ref` (`Pet: {$ref: schemas/pet.yaml}`) is that entry, known by its key;
any other is walked where it is until every file has been, then named (`names`), put into the
root, and each `$ref` and discriminator mapping that reaches it pointed at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import pointer
from .. import grammar
from ..source import Spec
from .files import Files, Refusal, Site, Target, local
from .names import names


@dataclass(eq=False)
class Component:
    """A target bundled as a component: its content, and the `$ref`s and mappings naming it."""

    kind: str
    target: Target
    prefix: str  # where its content is, until it is placed and named
    content: Any = None
    name: str = ""
    uses: list[dict[str, Any]] = field(default_factory=list)
    mappings: list[tuple[dict[str, Any], str]] = field(default_factory=list)


class Components:
    """The components met so far (`queue`: those whose content is still to be walked)."""

    def __init__(self, spec: Spec, files: Files) -> None:
        self.spec, self.files = spec, files
        self.places = grammar.SWAGGER2_COMPONENTS if "swagger" in spec.document else grammar.COMPONENTS
        self.met: dict[tuple[str, Path, str], Component] = {}
        self.bound: dict[tuple[str, Path, str], str] = {}  # a target listed in the root's components
        self.bound_at: set[str] = set()  # where those entries are
        self.queue: list[Component] = []

    def bind(self, entries: dict[str, Any], kind: str, site: Site) -> None:
        """Note the entries that are just a `$ref` to another file: that file is this component
        (named by this key), wherever else it is referred to. Of two keys naming one target,
        the first in sorted order is it; the other becomes an alias of it."""
        item = grammar.child(kind, "")
        if item not in self.places:
            return
        for key in sorted(entries):
            entry = entries[key]
            if not (isinstance(entry, dict) and len(entry) == 1 and self.files.follows(entry, item, site.base)):
                continue
            try:
                file, at = self.files.target(entry["$ref"], site.base)
            except Refusal:
                continue  # reported when the entry is walked
            if file != self.files.root and (item, file, at) not in self.bound:
                self.bound[(item, file, at)] = key
                self.bound_at.add(pointer.join(site.at, key))

    def reference(self, kind: str, target: Target, site: Site) -> dict[str, Any]:
        """A `$ref` to the component `target` becomes (its name is filled in by `place`)."""
        file, at = target
        if file == self.files.root:
            return {"$ref": local(at)}
        component = self.component(kind, target, site)
        use: dict[str, Any] = {"$ref": ""}
        component.uses.append(use)
        return use

    def component(self, kind: str, target: Target, site: Site) -> Component:
        """The component of `kind` that `target` is; its content is copied in when first met."""
        key = (kind, *target)
        if key not in self.met:
            component = Component(kind, target, f"\0{len(self.met)}", name=self.bound.get(key, ""))
            if not component.name:
                component.content = self.files.copied(kind, target, site)
                self.queue.append(component)
            self.met[key] = component
        return self.met[key]

    # --- the components, named and placed -------------------------------------------------------

    def place(self) -> list[str]:
        """Name each bundled component, put it into the root, and point its `$ref`s at it; the
        problems met (a kind with nowhere to go)."""
        problems = []
        for kind, place in sorted(self.places.items()):
            components = [c for c in self.met.values() if c.kind == kind]
            if not components:
                continue
            container, at = self._container(place)
            if container is None:
                problems.append(f"{at} is not a mapping: nowhere to bundle {place} into")
            else:
                self._place_kind(container, at, components)
        return problems

    def _place_kind(self, container: dict[str, Any], at: str, components: list[Component]) -> None:
        unnamed = {c.target: c for c in components if not c.name}
        for target, name in names(list(unnamed), set(container), self.files.top).items():
            component = unnamed[target]
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
