"""Resources and method names from the paths, for specs that do not group their operations.

A spec with no `x-speakeasy-group` and at most one distinct tag says nothing about how its
operations group, so its paths do: `GET /v1/accounts/{account}/bank_accounts/{id}` is
`accounts.bank_accounts.retrieve`. Every decision here reads the set of paths, never their
order, so the same API in another key order gives the same tree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import extensions, identifiers

# Leading segments that version or mount an API rather than name a resource: `api`, `v1`,
# `v2beta1`, `2.0`, `v1.1`, `2010-04-01`. Only a leading run of them is dropped.
_MOUNT = re.compile(r"api|v?\d+(?:\.\d+)*(?:[a-z]+\d*)?|\d{4}-\d{2}-\d{2}", re.IGNORECASE)
# A parameter in a path template: `{id}`, whose name is group 1.
PATH_PARAMETER = re.compile(r"{([^{}]+)}")
_ON_ITEM = {"get": "retrieve", "put": "update", "patch": "update", "post": "update", "delete": "delete"}
_ON_COLLECTION = {"get": "list", "post": "create", "put": "update", "patch": "update", "delete": "delete"}


@dataclass(frozen=True)
class Placement:
    """Where an operation goes: its resource path and its method name there (None: the path
    names no resource, so the operation sits on the client, named as its other candidates say)."""

    group: tuple[str, ...]
    method: str | None


def from_paths(paths: Any, methods: Sequence[str], resources: str) -> PathResources | None:
    """Placements for a spec's `paths` object, or None where tags and groups name the resources:
    with `resources: tags`, or with `auto` (the default) when the spec names groups."""
    operations = _operations(paths, methods)
    ungrouped = resources == "auto" and _names_no_groups([op for ops in operations.values() for op in ops.values()])
    if resources == "paths" or ungrouped:
        return PathResources({path: set(ops) for path, ops in operations.items()})
    return None


def _operations(paths: Any, methods: Sequence[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Each path's operations by HTTP method."""
    items = paths.items() if isinstance(paths, dict) else ()
    return {
        str(path): {m: item[m] for m in methods if isinstance(item.get(m), dict)}
        for path, item in items
        if isinstance(item, dict)
    }


def _names_no_groups(operations: list[dict[str, Any]]) -> bool:
    """True when no operation has `x-speakeasy-group` and the tagged ones share one first tag."""
    tags: set[str] = set()
    for op in operations:
        op_tags = op.get("tags")
        if extensions.group(op) is not None:
            return False
        first = op_tags[0] if isinstance(op_tags, list) and op_tags else None
        if isinstance(first, str) and first.strip():
            tags.add(identifiers.attribute_name(first))
    return len(tags) <= 1


class PathResources:
    """Placements for one spec's paths; `methods` gives the operations each path has."""

    def __init__(self, methods: dict[str, set[str]]) -> None:
        self.methods = methods
        self.shapes = {_shape(path) for path, found in methods.items() if found}
        self.prefixes = {shape[:i] for shape in self.shapes for i in range(1, len(shape))}

    def place(self, path: str, method: str) -> Placement:
        """The operation's resource and method."""
        segments = _segments(path)
        statics = [s for s in segments if not _is_parameter(s)]
        if not statics:
            return Placement((), None)
        if self._is_action(path, method):
            return Placement(_attributes(statics[:-1]), identifiers.attribute_name(statics[-1]))
        table = _ON_ITEM if _is_parameter(segments[-1]) else _ON_COLLECTION
        return Placement(_attributes(statics), table.get(method, method))

    def _is_action(self, path: str, method: str) -> bool:
        """A last static segment is a verb (`/payment_intents/{intent}/confirm`, `/charges/search`)
        when it follows a parameter or a path that has operations itself, nothing lies beneath it,
        and it has one operation, a GET or a POST. Anything else is a resource of its own."""
        shape = _shape(path)
        return (
            len(shape) > 1
            and shape[-1] != "{}"
            and (shape[-2] == "{}" or shape[:-1] in self.shapes)
            and shape not in self.prefixes
            and self.methods.get(path) == {method}
            and method in ("get", "post")
        )


def _segments(path: str) -> list[str]:
    """The path's segments without its leading version or mount segments."""
    segments = [s for s in path.split("/") if s]
    while segments and _MOUNT.fullmatch(segments[0]):
        segments.pop(0)
    return segments


def _shape(path: str) -> tuple[str, ...]:
    """Segments with every parameter alike, so `{id}` and `{account}` name the same place."""
    return tuple("{}" if _is_parameter(s) else s for s in _segments(path))


def _is_parameter(segment: str) -> bool:
    return "{" in segment


def _attributes(segments: list[str]) -> tuple[str, ...]:
    return tuple(identifiers.resource_name(s) for s in segments)
