"""The fields of a response body that pagination looks for (pass 5, for `pagination`): every
field down to three levels, by path, with its type, never into lists; and finding the list
of items, or a field by a set of names, only when exactly one fits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .types import (
    AliasSchema,
    ListType,
    NullableType,
    ObjectSchema,
    PrimitiveType,
    Schema,
    TypeNode,
    TypeRef,
)

_DEPTH = 3
_LIST_NAMES = frozenset({"data", "items", "results", "records", "entries", "values", "elements", "objects", "list", "content", "nodes"})
_KINDS = {
    "bool": frozenset({"bool"}),
    "number": frozenset({"int", "float"}),
    "str": frozenset({"str"}),
    "token": frozenset({"str", "int"}),
}

Path = tuple[str, ...]


_IGNORED = str.maketrans("", "", "_-@.")


@lru_cache(maxsize=1 << 14)  # the same field names in every response (GitHub: 58k calls)
def normal(name: str) -> str:
    """A name compared without case, `_`, `-`, `@` or `.`: `next_page_token` ~ `nextPageToken`."""
    return name.lower().translate(_IGNORED)


@dataclass(frozen=True)
class Fields:
    """A response body's fields by path; `top_list` when the body itself is a list."""

    by_path: Mapping[Path, TypeNode]
    top_list: TypeNode | None = None  # the item type of a body that is a list

    def path(self, written: str) -> Path | None:
        """The field a `$.a.b` path names (a key may itself hold dots)."""
        wanted = written.removeprefix("$").removeprefix(".")
        return next((p for p in sorted(self.by_path) if ".".join(p) == wanted), None)

    def list_at(self, written: str) -> tuple[Path, TypeNode] | None:
        """The list a `$.a.b` results path leads to; a path naming a key past a list (Novu:
        `$.data.resultArray` where `data` is the list) stops at the list."""
        wanted = written.removeprefix("$").removeprefix(".")
        if not wanted and self.top_list is not None:
            return (), self.top_list
        for path, node in sorted(self.by_path.items()):
            joined = ".".join(path)
            if isinstance(node, ListType) and (wanted == joined or wanted.startswith(joined + ".")):
                return path, node.items
        return None

    def only_list(self) -> tuple[Path, TypeNode] | None:
        """The list of items: the body itself, its one list field at the shallowest level
        that has any (two at most), or the one of those named like a list of items."""
        if self.top_list is not None:
            return (), self.top_list
        lists = [(p, n) for p, n in sorted(self.by_path.items()) if isinstance(n, ListType)]
        shallow = _shallowest(lists)
        if len(shallow) > 1:
            shallow = [(p, n) for p, n in shallow if p[-1].lower() in _LIST_NAMES]
        if len(shallow) != 1 or len(shallow[0][0]) > 2:
            return None
        path, node = shallow[0]
        assert isinstance(node, ListType)
        return path, node.items

    def unique(self, names: frozenset[str], kind: str) -> Path | None:
        """The one field named one of `names` (compared by `normal`) of the kind given, at
        the shallowest level that has one; None when there is none, or more than one."""
        fits = [p for p, node in self.by_path.items() if normal(p[-1]) in names and _is(node, kind)]
        if not fits:
            return None
        depth = min(len(p) for p in fits)
        shallow = [p for p in fits if len(p) == depth]
        return shallow[0] if len(shallow) == 1 else None

    def cursor_under_cursors(self) -> Path | None:
        """`cursors.next` or `cursors.after` (Apideck, Facebook), when it is the only one."""
        fits = [
            p
            for p, node in self.by_path.items()
            if len(p) >= 2 and normal(p[-2]) == "cursors" and normal(p[-1]) in ("next", "after") and _is(node, "token")
        ]
        return fits[0] if len(fits) == 1 else None


    def under_next(self, param: str) -> Path | None:
        """A field named like the request's parameter inside the next page's description
        (Asana: `offset` <- `next_page.offset`)."""
        fits = [
            p
            for p, node in self.by_path.items()
            if len(p) >= 2 and normal(p[-2]) in ("next", "nextpage") and p[-1] == param and _is(node, "token")
        ]
        return fits[0] if len(fits) == 1 else None


def _shallowest(found: Sequence[tuple[Path, TypeNode]]) -> list[tuple[Path, TypeNode]]:
    depth = min((len(p) for p, _ in found), default=0)
    return [(p, n) for p, n in found if len(p) == depth]


def _is(node: TypeNode, kind: str) -> bool:
    node = node.inner if isinstance(node, NullableType) else node
    if not isinstance(node, PrimitiveType):
        return False
    if kind == "url":
        return node.kind == "str" and node.format in ("uri", "url", "uri-reference")
    return node.kind in _KINDS[kind]


def fields_of(node: TypeNode | None, table: Mapping[str, Schema]) -> Fields:
    """The fields of a body of type `node`."""
    node = _named(node, table)
    if isinstance(node, ListType):
        return Fields({}, node.items)
    found: dict[Path, TypeNode] = {}
    _collect(node, (), table, found, set())
    return Fields(found)


def _named(node: TypeNode | None, table: Mapping[str, Schema]) -> TypeNode | None:
    """Through nullability and aliases to what the type is."""
    for _ in range(8):
        if isinstance(node, NullableType):
            node = node.inner
        elif isinstance(node, TypeRef) and isinstance(table.get(node.name), AliasSchema):
            alias = table[node.name]
            assert isinstance(alias, AliasSchema)
            node = alias.target
        else:
            break
    return node


def _collect(node: TypeNode | None, at: Path, table: Mapping[str, Schema], found: dict[Path, TypeNode], seen: set[str]) -> None:
    model = table.get(node.name) if isinstance(node, TypeRef) else None
    if not isinstance(model, ObjectSchema) or len(at) >= _DEPTH or model.name in seen:
        return
    for prop in model.properties:
        path = (*at, prop.wire_name)
        typed = _named(prop.type, table)
        if typed is None:
            continue
        found[path] = typed
        if not isinstance(typed, ListType):
            _collect(typed, path, table, found, seen | {model.name})
