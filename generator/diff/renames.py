"""Renames between two surfaces: the same HTTP operation under another method name, the same
schema under another class name, so that `diff` reports a rename (and what else changed in
it), not a removal plus an addition, and can say which `rename:` config entries keep the old
names.

A method is matched by its HTTP method and path. A model, enum or alias is matched by where it
is defined (its JSON pointer: an inline schema named after a renamed operation), or else by
where it is used: an old name and a new one found at the same place of a matched method's
arguments or return, or of a matched model's field, when the old name is gone, the new one is
new, and neither pairs with anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import pointer as jp

Json = dict[str, Any]
Method = tuple[str, str]  # resource path, method name
_KINDS = ("models", "enums", "aliases")


@dataclass(frozen=True)
class Renames:
    methods: dict[Method, Method] = field(default_factory=dict)  # old -> new
    schemas: dict[str, str] = field(default_factory=dict)  # old class name -> new
    http: dict[Method, str] = field(default_factory=dict)  # new method -> `GET /path`

    def config(self, new: Json) -> dict[str, dict[str, str]]:
        """The `rename:` entries that would give the new spec's SDK the old names."""
        found: dict[str, dict[str, str]] = {}
        ids = {(path, name): m.get("operation_id") for path, r in new["resources"].items() for name, m in r["methods"].items()}
        for old, renamed in sorted(self.methods.items()):
            entry = _method_entry(old, renamed, ids.get(renamed))
            if entry is not None:
                found.setdefault(entry[0], {})[entry[1]] = entry[2]
        for old_name, new_name in sorted(self.schemas.items()):
            key = _component(_defined(new, new_name))
            if key is not None:
                found.setdefault("models", {})[key] = old_name
        return found


def _method_entry(old: Method, new: Method, operation_id: str | None) -> tuple[str, str, str] | None:
    """(kind, name in the new spec, old name): the operation's, in the same resource; else the
    resource's, when only its last part changed; else none (the config cannot move a method)."""
    (old_path, old_name), (new_path, new_name) = old, new
    if old_path == new_path:
        return ("operations", operation_id, old_name) if operation_id else None
    old_parent, _, old_last = old_path.rpartition(".")
    new_parent, _, new_last = new_path.rpartition(".")
    if old_parent == new_parent and old_name == new_name:
        return "resources", new_last, old_last
    return None


def find_renames(old: Json, new: Json) -> Renames:
    methods, http = _method_renames(old, new)
    return Renames(methods, _schema_renames(old, new, methods), http)


def _by_http(surface: Json) -> dict[str, Method]:
    found: dict[str, Method] = {}
    for path, resource in surface["resources"].items():
        for name, method in resource["methods"].items():
            if method.get("http"):
                found[method["http"]] = (path, name)
    return found


def _method_renames(old: Json, new: Json) -> tuple[dict[Method, Method], dict[Method, str]]:
    before, after = _by_http(old), _by_http(new)
    renamed = {before[h]: after[h] for h in sorted(before.keys() & after.keys()) if before[h] != after[h]}
    return renamed, {after[h]: h for h in before.keys() & after.keys()}


def _names(surface: Json) -> dict[str, str]:
    """Every named schema's kind (`models`, `enums`, `aliases`), by class name."""
    return {name: kind for kind in _KINDS for name in surface.get(kind, {})}


def _defined(surface: Json, name: str) -> str | None:
    kind = _names(surface).get(name)
    return surface[kind][name].get("pointer") if kind else None


def _component(pointer: str | None) -> str | None:
    tokens = jp.tokens(pointer) if pointer else []
    return tokens[2] if len(tokens) == 3 and tokens[:2] == ["components", "schemas"] else None


def _schema_renames(old: Json, new: Json, methods: dict[Method, Method]) -> dict[str, str]:
    old_kinds, new_kinds = _names(old), _names(new)
    gone = {n for n in old_kinds if n not in new_kinds}
    came = {n for n in new_kinds if n not in old_kinds}
    renamed = _same_place(old, new, gone, came)
    candidates: dict[str, set[str]] = {}
    for a, b in _used_alike(old, new, methods, renamed):
        if a in gone and b in came and old_kinds[a] == new_kinds[b]:
            candidates.setdefault(a, set()).add(b)
    return {**_one_to_one(candidates, renamed), **renamed}


def _one_to_one(candidates: dict[str, set[str]], known: dict[str, str]) -> dict[str, str]:
    """The old names with one candidate that no other old name has, and not already known."""
    taken = [b for bs in candidates.values() for b in bs] + list(known.values())
    found = {}
    for a, bs in sorted(candidates.items()):
        if a not in known and len(bs) == 1:
            [b] = bs
            if taken.count(b) == 1:
                found[a] = b
    return found


def _same_place(old: Json, new: Json, gone: set[str], came: set[str]) -> dict[str, str]:
    where = {_defined(new, n): n for n in came}
    found = {n: where[_defined(old, n)] for n in gone if _defined(old, n) in where}
    return {a: b for a, b in found.items() if _names(old)[a] == _names(new)[b]}


def _used_alike(old: Json, new: Json, methods: dict[Method, Method], known: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(old name, new name) found at the same place of the matched methods, then of the fields
    of the models so paired (until no new pair turns up)."""
    pairs: set[tuple[str, str]] = set()
    for old_key, new_key in _matched_methods(old, new, methods):
        pairs |= set(_method_pairs(_method(old, old_key), _method(new, new_key)))
    pending = sorted(pairs | set(known.items()))
    seen: set[tuple[str, str]] = set()
    while pending:
        pair = pending.pop()
        if pair in seen:
            continue
        seen.add(pair)
        pending += sorted(set(_field_pairs(old.get("models", {}).get(pair[0]), new.get("models", {}).get(pair[1]))) - seen)
    return iter(sorted(seen))


def _matched_methods(old: Json, new: Json, methods: dict[Method, Method]) -> Iterator[tuple[Method, Method]]:
    before, after = _by_http(old), _by_http(new)
    for h in sorted(before.keys() & after.keys()):
        yield before[h], methods.get(before[h], after[h])


def _method(surface: Json, key: Method) -> Json:
    method: Json = surface["resources"][key[0]]["methods"][key[1]]
    return method


def _method_pairs(old: Json, new: Json) -> Iterator[tuple[str, str]]:
    yield from _tree_pairs(old.get("returns"), new.get("returns"))
    new_args = {a["name"]: a for a in new["arguments"]}
    for argument in old["arguments"]:
        if argument["name"] in new_args:
            yield from _tree_pairs(argument["type"], new_args[argument["name"]]["type"])


def _field_pairs(old: Json | None, new: Json | None) -> Iterator[tuple[str, str]]:
    if old is None or new is None:
        return
    for name in sorted(old["fields"].keys() & new["fields"].keys()):
        yield from _tree_pairs(old["fields"][name]["type"], new["fields"][name]["type"])


def _tree_pairs(old: Json | None, new: Json | None) -> Iterator[tuple[str, str]]:
    """The names at the same place of two type trees of the same shape."""
    if old is None or new is None or old["kind"] != new["kind"]:
        return
    if old["kind"] == "ref":
        yield old["name"], new["name"]
    for key in ("items", "values", "inner"):
        yield from _tree_pairs(old.get(key), new.get(key))
    members, others = old.get("members") or [], new.get("members") or []
    if len(members) == len(others):
        for a, b in zip(members, others, strict=True):
            yield from _tree_pairs(a, b)


def renamed_surface(old: Json, renames: Renames) -> Json:
    """`old` under the new names: methods moved to where they are now, schemas re-keyed and every
    reference to them rewritten, so that the rules compare each with its new self."""
    surface: Json = _rewrite(old, renames.schemas)
    resources = {path: {**r, "methods": dict(r["methods"])} for path, r in surface["resources"].items()}
    moving = sorted(renames.methods.items())
    moved = [resources[path]["methods"].pop(name) for (path, name), _ in moving]  # all out, then in: names may swap
    for ((old_path, _), (new_path, new_name)), method in zip(moving, moved, strict=True):
        resources.setdefault(new_path, {"description": resources[old_path]["description"], "methods": {}})
        resources[new_path]["methods"][new_name] = method
    emptied = {path for path in old["resources"] if not _has_methods(resources, path)}
    surface["resources"] = {path: r for path, r in resources.items() if path not in emptied}
    for kind in _KINDS:
        surface[kind] = {renames.schemas.get(name, name): s for name, s in surface.get(kind, {}).items()}
    return surface


def _has_methods(resources: Json, path: str) -> bool:
    return any(r["methods"] for p, r in resources.items() if p == path or p.startswith(f"{path}."))


def _rewrite(node: Any, names: dict[str, str]) -> Any:
    """A copy of `node` with each `{"kind": "ref", "name": old}` naming the new class."""
    if isinstance(node, list):
        return [_rewrite(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    copied = {key: _rewrite(value, names) for key, value in node.items()}
    if copied.get("kind") == "ref" and copied.get("name") in names:
        copied["name"] = names[copied["name"]]
    return copied
