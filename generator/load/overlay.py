"""OpenAPI Overlays (Overlay Specification 1.0.0), applied in order to a loaded `Spec`.

An overlay is a file of `actions`, each a `target` (an RFC 9535 JSONPath, evaluated with
`jsonpath-rfc9535`) and either `update` (merged into each node selected: an object's keys
replace or, for objects, merge recursively; an array gets the value appended) or
`remove: true` (each node selected is deleted). They run after the load and before
validation, so the spec checked and generated is the spec as the overlays leave it.

A target that selects nothing is an error located in the overlay (a warning with
`--lenient`): the spec has changed under the overlay, which then quietly does nothing. Each
value an overlay writes is recorded in `Spec.origins`, so that a problem in it is reported at
its line in the overlay, not in the spec.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import pointer as jp
from ..diagnostics import GenerationError
from .limits import Budget
from .normalize import normalize
from .refs import check_refs
from .source import Spec, fail, parse, read_source

_VERSIONS = ("1.0.0",)


@dataclass(frozen=True)
class _Action:
    at: str  # the action's pointer in the overlay: `/actions/3`
    target: str
    update: Any
    remove: bool


def apply_overlays(spec: Spec, paths: list[Path], lenient: bool) -> None:
    """Apply each overlay in `paths`, in order, to `spec`; the document's local `$ref`s are
    checked again afterwards. Problems raise GenerationError; with `lenient`, a stale target is
    a warning in `spec.warnings`."""
    for path in paths:
        _Overlay(spec, path, lenient).apply()
    if paths:
        check_refs(spec)


class _Overlay:
    def __init__(self, spec: Spec, path: Path, lenient: bool) -> None:
        self.spec, self.path, self.lenient = spec, path, lenient
        self.source = read_source(path, Budget())
        spec.sources[path] = self.source
        spec.inputs.append((str(path.absolute()), str(path.resolve()), self.source.digest))

    def apply(self) -> None:
        for action in self._actions():
            self._run(action)

    def _actions(self) -> list[_Action]:
        document = parse(self.path, self.source.text, self.spec.warnings if self.lenient else None)
        if not isinstance(document, dict):
            raise fail(self.path, "not an overlay: the top level is not a mapping", 1, 1)
        problems = normalize(document, self.source.text, Budget())
        if problems:
            raise GenerationError([self.source.diagnostic(at, message) for at, message in problems])
        self._check_header(document)
        actions = document.get("actions")
        if not isinstance(actions, list) or not actions:
            raise self._error("/actions" if "actions" in document else "", "an overlay needs `actions`: a non-empty list")
        return [self._action(jp.join("/actions", i), raw) for i, raw in enumerate(actions)]

    def _check_header(self, document: dict[str, Any]) -> None:
        version = document.get("overlay")
        if not isinstance(version, str) or version not in _VERSIONS:
            where = "/overlay" if "overlay" in document else ""
            raise self._error(where, f"not an OpenAPI Overlay 1.0.0 document: `overlay: 1.0.0` is required; got {version!r}")
        info = document.get("info")
        if not isinstance(info, dict) or not all(isinstance(info.get(k), str) for k in ("title", "version")):
            raise self._error("/info" if "info" in document else "", "an overlay needs `info` with a `title` and a `version`")

    def _action(self, at: str, raw: Any) -> _Action:
        if not isinstance(raw, dict):
            raise self._error(at, "an action must be a mapping with `target` and `update` or `remove`")
        target = raw.get("target")
        if not isinstance(target, str) or not target.strip():
            raise self._error(at, "an action needs a `target`: a JSONPath such as $.paths['/pets'].get")
        remove = raw.get("remove", False)
        if not isinstance(remove, bool):
            raise self._error(jp.join(at, "remove"), "`remove` must be true or false")
        if remove == ("update" in raw):
            raise self._error(at, "an action needs either `update` or `remove: true`, not both or neither")
        return _Action(at, target, raw.get("update"), remove)

    def _run(self, action: _Action) -> None:
        import jsonpath_rfc9535 as jsonpath  # only runs that have overlays import it

        try:
            query = jsonpath.compile(action.target)
        except jsonpath.JSONPathError as exc:
            raise self._error(jp.join(action.at, "target"), f"invalid JSONPath: {exc}") from None
        places = [node.location for node in query.finditer(self.spec.document)]
        if not places:
            self._stale(action)
        elif action.remove:
            self._remove(action, places)
        else:
            for location in places:
                self._update(action, jp.from_tokens(location))

    def _stale(self, action: _Action) -> None:
        message = f"target {action.target} selects nothing in {self.spec.path.name}: has the spec changed under this overlay?"
        diagnostic = self.source.diagnostic(jp.join(action.at, "target"), message, "warning" if self.lenient else "error")
        if not self.lenient:
            raise GenerationError([diagnostic])
        self.spec.warnings.append(diagnostic)

    def _remove(self, action: _Action, places: list[tuple[str | int, ...]]) -> None:
        """Deepest and last first, so that removing one node never moves another selected."""
        for location in sorted(places, key=lambda loc: (len(loc), loc), reverse=True):
            if not location:
                raise self._error(jp.join(action.at, "target"), "the whole document cannot be removed")
            parent = self._node(location[:-1])
            del parent[location[-1]]  # a key of a dict, an index of a list
            self._forget(jp.from_tokens(location))

    def _update(self, action: _Action, at: str) -> None:
        target = self._node(jp.tokens(at))
        origin = jp.join(action.at, "update")
        if isinstance(target, list):
            self._record(jp.join(at, len(target)), origin)
            target.append(copy.deepcopy(action.update))
        elif isinstance(target, dict) and isinstance(action.update, dict):
            self._merge(target, action.update, at, origin)
        else:
            kind = "an object" if isinstance(target, dict) else "a value"
            raise self._error(origin, f"cannot update {kind} at {at or '/'} with this: `update` merges an object into an object, or appends to an array")

    def _merge(self, target: dict[str, Any], update: dict[str, Any], at: str, origin: str) -> None:
        for key, value in update.items():
            here, there = jp.join(at, key), jp.join(origin, key)
            if isinstance(target.get(key), dict) and isinstance(value, dict):
                self._merge(target[key], value, here, there)
            else:
                self._forget(here)
                target[key] = copy.deepcopy(value)
                self._record(here, there)

    def _node(self, location: tuple[str | int, ...] | list[str]) -> Any:
        node: Any = self.spec.document
        for token in location:
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def _record(self, at: str, there: str) -> None:
        self.spec.origins[at] = (self.path, there)

    def _forget(self, at: str) -> None:
        """What was written at `at` is gone: its parts no longer come from where they did."""
        for place in [p for p in self.spec.origins if p == at or p.startswith(at + "/")]:
            del self.spec.origins[place]

    def _error(self, at: str, message: str) -> GenerationError:
        return GenerationError([self.source.diagnostic(at, message)])

