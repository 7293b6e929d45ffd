"""Pass 6: operations -> the resource tree (`client.subscribers.credentials`), with every name decided.

Resources and methods are listed in the order the spec lists them. Names that collide
are settled in an order of their own (resource paths, then operation pointers, sorted),
so which one keeps the plain name never depends on the order of the spec.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from . import identifiers
from .operations import OperationSpec
from .shapes import Report
from .types import Operation, Resource


@dataclass
class _Node:
    path: tuple[str, ...]
    operations: list[tuple[OperationSpec, Operation]] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)

    def walk(self) -> Iterator[_Node]:
        yield self
        for child in self.children.values():
            yield from child.walk()


def build_resources(
    operations: list[tuple[OperationSpec, Operation]], document: dict[str, Any], report: Report
) -> Resource:
    """The root resource: the client itself, with top-level resources as children."""
    root = _Node(())
    for spec, operation in operations:
        node = root
        for part in spec.group:
            node = node.children.setdefault(part, _Node((*node.path, part)))
        node.operations.append((spec, operation))
    named = {id(node): _method_names(node, report) for node in root.walk()}
    constants = _endpoint_constants(root, named)
    class_names = _class_names(root)
    descriptions = _tag_descriptions(document)

    def resource(node: _Node) -> Resource:
        ops = tuple(
            replace(op, python_name=named[id(node)][spec.pointer], endpoint_constant=constants[spec.pointer])
            for spec, op in node.operations
        )
        return Resource(
            python_name=node.path[-1] if node.path else "",
            class_name=class_names[node.path],
            operations=ops,
            children=tuple(resource(child) for child in node.children.values()),
            description=descriptions.get(node.path[0]) if len(node.path) == 1 else None,
        )

    return resource(root)


def _method_names(node: _Node, report: Report) -> dict[str, str]:
    """Method name by operation pointer: the first free candidate, given out by pointer order.

    Sub-resources keep their attribute names; a method that cannot have its first choice
    gets the next candidate, or a numbered one, with a warning.
    """
    taken = set(node.children)
    names: dict[str, str] = {}
    for spec, _ in sorted(node.operations, key=lambda pair: pair[0].pointer):
        name = next((c for c in spec.candidates if c not in taken), None)
        if name is None:
            name = identifiers.unique(spec.candidates[-1], taken, sep="_")
        taken.add(name)
        if name != spec.candidates[0]:
            where = ".".join(node.path) or "the client"
            report(spec.pointer, f"method name {spec.candidates[0]!r} is taken on {where}; named {name!r}", "warning")
        names[spec.pointer] = name
    return names


def _endpoint_constants(root: _Node, named: dict[int, dict[str, str]]) -> dict[str, str]:
    """`_SUBSCRIBERS_LIST` by operation pointer, unique in its module (one per top-level resource)."""
    constants: dict[str, str] = {}
    modules = [[root], *([*child.walk()] for child in root.children.values())]
    for module in modules:
        taken: set[str] = set()
        entries = [(spec.pointer, node) for node in module for spec, _ in node.operations]
        for pointer, node in sorted(entries, key=lambda entry: entry[0]):
            base = "_" + "_".join((*node.path, named[id(node)][pointer])).upper()
            constants[pointer] = identifiers.unique(base, taken, sep="_")
    return constants


def _class_names(root: _Node) -> dict[tuple[str, ...], str]:
    """`SubscribersCredentialsResource` by resource path; the client's own is `Client`.

    Each name comes with its async twin (`AsyncUsersResource`), which no other resource may
    take: tags `users` and `async users` give `UsersResource` and `AsyncUsers2Resource`.
    Paths that do not start with `async` choose first.
    """
    taken: set[str] = set()
    names: dict[tuple[str, ...], str] = {(): "Client"}
    paths = sorted((node.path for node in root.walk() if node.path), key=lambda p: (p[0].startswith("async"), p))
    for path in paths:
        stem, n = identifiers.class_name(" ".join(path)), 2
        name = f"{stem}Resource"
        while {name.lower(), f"async{name}".lower()} & taken:
            name, n = f"{stem}{n}Resource", n + 1
        taken |= {name.lower(), f"async{name}".lower()}
        names[path] = name
    return names


def _tag_descriptions(document: dict[str, Any]) -> dict[str, str]:
    """A top-level resource's description, from the tag it is named after (the first by name)."""
    tags = document.get("tags")
    found: dict[str, str] = {}
    named = [t for t in tags if isinstance(t, dict)] if isinstance(tags, list) else []
    for tag in sorted(named, key=lambda t: str(t.get("name", ""))):
        attribute = identifiers.resource_name(str(tag.get("name", "")))
        if attribute not in found and isinstance(tag.get("description"), str):
            found[attribute] = tag["description"]
    return found
