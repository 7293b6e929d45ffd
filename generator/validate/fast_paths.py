"""The document as openapi-spec-validator walks it: a `SchemaPath` whose lookups are remembered.

The validator reaches every node through a jsonschema-path `SchemaPath`, which resolves the
path from the root (following each `$ref` on the way) on every `in`, `/` and read: over four
hundred thousand lookups on GitHub's spec, each through a bounded cache and a `typing`
Protocol check that is slow on Python 3.11. `FastSchemaAccessor` gives the same answers
(the library's own steps, in the same order) but remembers every resolved path and every
`$ref` lookup for the run. The validator is given it through its documented door: a
`SchemaPath` in place of the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jsonschema_path.accessors import SchemaAccessor
from jsonschema_path.nodes import SchemaNode
from jsonschema_path.paths import SchemaPath
from jsonschema_path.utils import is_ref
from referencing._core import Resolved


class FastSchemaAccessor(SchemaAccessor):
    """`SchemaAccessor` remembering every resolved path, for one validation run.

    A subclass rather than a patch: only the validator given this accessor is affected.
    Where the run leaves what it can answer (a `$ref` to another document, which grows the
    registry), it hands every later lookup to the library's own code.
    """

    def __init__(self, schema: Any, resolver: Any, resolved_cache_maxsize: int = 0) -> None:
        super().__init__(schema, resolver, resolved_cache_maxsize=resolved_cache_maxsize)
        self._resolved: dict[tuple[Any, ...], Any] = {}
        self._lookups: dict[tuple[Any, ...], Any] = {}
        root = self._path_resolver.resolver  # the library's parts this class relies on, read
        self._registry = root._registry  # now: of another shape, the library builds its own path
        self._lookup_key(root, "#")
        self._fast = True
        self._resolved[()] = self._resolve_node(self.node, root)

    def get_resolved(self, parts: Sequence[Any]) -> Any:
        key = parts if type(parts) is tuple else tuple(parts)
        found = self._resolved.get(key)
        if found is not None or not self._fast:
            return found if found is not None else super().get_resolved(parts)
        known = len(key) - 1  # the longest prefix resolved already (the root always is)
        while key[:known] not in self._resolved:
            known -= 1
        resolved = self._resolved[key[:known]]
        for end in range(known + 1, len(key) + 1):
            resolved = self._resolve_child(resolved, key[end - 1])
            if resolved.resolver._registry is not self._registry:  # another document was fetched
                self._fast = False
                self._resolved.clear()
                return super().get_resolved(parts)
            self._resolved[key[:end]] = resolved
        return resolved

    def contains(self, parts: Sequence[Any], key: Any) -> bool:
        """The library's answer, straight from what is remembered for a mapping."""
        try:
            node = self.get_resolved(parts).contents
        except (KeyError, IndexError, TypeError):
            return False
        return key in node if type(node) is dict else bool(super().contains(parts, key))

    @property
    def remembering(self) -> bool:
        """False once a `$ref` has fetched another document: the library's own code answers."""
        return self._fast

    def step(self, node: Any, resolver: Any, part: Any) -> tuple[Any, Any]:
        """The library's step from a resolved node to its `part`, resolved: (node, resolver).
        For a walk that keeps the nodes it is on rather than asking by path."""
        child = self._get_subnode(node, part)
        if not is_ref(child):
            return child, resolver
        found = self._resolve_node(child, resolver)
        if found.resolver._registry is not self._registry:
            self._fast = False
        return found.contents, found.resolver

    def _resolve_child(self, parent: Any, part: Any) -> Any:
        return self._resolve_node(self._get_subnode(parent.contents, part), parent.resolver)

    def _resolve_node(self, node: Any, resolver: Any) -> Any:
        """The library's `SchemaNode._resolve_node`, each `$ref` looked up once per resolver."""
        if not is_ref(node):
            return Resolved(node, resolver)  # type: ignore[call-arg]  # attrs fields, positional
        key = self._lookup_key(resolver, node["$ref"])
        found = self._lookups.get(key)
        if found is None:
            found = SchemaNode._resolve_node(node, resolver)
            self._lookups[key] = found
        return found

    @staticmethod
    def _lookup_key(resolver: Any, ref: str) -> tuple[Any, ...]:
        """What a `$ref`'s target depends on (the registry is `self._registry` while remembering)."""
        return (resolver._base_uri, resolver._previous, ref)

    @classmethod
    def _get_subnode(cls, node: Any, part: Any) -> Any:
        """The library's step, without its Protocol check for the dicts and lists of a document."""
        if type(node) is dict or type(node) is list:
            try:
                return node[part]
            except (KeyError, IndexError, TypeError) as exc:
                raise KeyError(part) from exc
        return super()._get_subnode(node, part)


def fast_schema_path(document: Any, handlers: Any) -> SchemaPath | None:
    """The validator's view of `document` through `FastSchemaAccessor`; None where the library
    should build its own (a document that is itself a `$ref`, or a library of another shape)."""
    if is_ref(document):
        return None
    try:
        return SchemaPath(FastSchemaAccessor.from_schema(document, handlers=handlers))
    except (AttributeError, TypeError):
        return None
