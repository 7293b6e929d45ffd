"""The rules: what each difference between two surfaces means to a caller of the old SDK.

One function per part of the API (client, resources and methods, models, enums, aliases); each
adds its changes to a `Compare`. The README lists the same rules, one line each.
"""

from __future__ import annotations

from typing import Any

from .compare import SEVERITIES, Change, Compare, on_sides
from .renames import Renames, find_renames, renamed_surface

Json = dict[str, Any]


def compare(old: Json, new: Json, renames: Renames | None = None) -> list[Change]:
    """Every change from `old` to `new`, breaking first, then by path. A method or schema
    renamed (`renames`, found if not given) is one change, and is compared with its new self."""
    renames = find_renames(old, new) if renames is None else renames
    run = Compare(renamed_surface(old, renames), new)
    run.package = new["package"]
    for rule in (package, client, resources, models, enums, aliases):
        rule(run)
    _renamed(run, renames, old["package"])
    return sorted(set(run.changes), key=lambda c: (SEVERITIES.index(c.severity), c.path, c.message))


def _renamed(run: Compare, renames: Renames, old_package: str) -> None:
    """A renamed method or class breaks code that names it; the config can keep the old name."""
    for (old_path, old_name), (new_path, new_name) in renames.methods.items():
        http = renames.http.get((new_path, new_name), "")
        run.add("breaking", f"{new_path}.{new_name}", f"method renamed from {old_path}.{old_name} ({http})")
    for old_name, new_name in renames.schemas.items():
        run.add("breaking", f"{run.package}.models.{new_name}", f"class renamed from {old_package}.models.{old_name}")


# --- the package and its client --------------------------------------------------------------


def package(run: Compare) -> None:
    old, new = run.old, run.new
    if old["package"] != new["package"]:
        run.add("breaking", new["package"], f"package renamed from {old['package']}")
    run.keyed(f"{run.package}.", dict.fromkeys(old["errors"]), dict.fromkeys(new["errors"]), "error class")


def client(run: Compare) -> None:
    old, new = run.old["client"], run.new["client"]
    path = f"{run.package}.{new['name']}"
    if old["name"] != new["name"]:
        run.add("breaking", path, f"client class renamed from {old['name']}")
    old_args = {c["name"]: c for c in old["credentials"]}
    new_args = {c["name"]: c for c in new["credentials"]}
    for name in run.keyed(f"{path}.", old_args, new_args, "credential argument"):
        if old_args[name]["annotation"] != new_args[name]["annotation"]:
            narrowed = "tuple" in old_args[name]["annotation"]  # basic auth's (user, password)
            message = f"credential argument {name}: type {old_args[name]['annotation']} -> {new_args[name]['annotation']}"
            run.add("breaking" if narrowed else "feature", path, message)
    _servers(run, path, old["servers"], new["servers"])


def _servers(run: Compare, path: str, old: list[Json], new: list[Json]) -> None:
    """Servers are chosen by name (or index): one gone breaks callers that chose it."""
    old_by = {s["name"] or s["url"]: s for s in old}
    new_by = {s["name"] or s["url"]: s for s in new}
    for key in old_by.keys() - new_by.keys():
        run.add("breaking", path, f"server {key} removed")
    for key in new_by.keys() - old_by.keys():
        run.add("feature", path, f"server {key} added")
    for key in sorted(old_by.keys() & new_by.keys()):
        if old_by[key] != new_by[key]:
            run.add("feature", path, f"server {key}: URL or variables changed to {new_by[key]['url']}")


# --- resources and methods -------------------------------------------------------------------


def resources(run: Compare) -> None:
    """A resource gone or added (with its children) is one change, not one per method."""
    old, new = run.old["resources"], run.new["resources"]
    for path in _outermost(old.keys() - new.keys()):
        run.add("breaking", path, f"resource {path} removed ({_methods(old, path)})")
    for path in _outermost(new.keys() - old.keys()):
        run.add("feature", path, f"resource {path} added ({_methods(new, path)})")
    for path in sorted(old.keys() & new.keys()):
        run.docs(path, old[path], new[path], "resource ")
        before, after = old[path]["methods"], new[path]["methods"]
        for name in run.keyed(f"{path}.", before, after, "method"):
            method(run, f"{path}.{name}", before[name], after[name])


def _outermost(paths: set[str]) -> list[str]:
    """The resources in `paths` whose parent is not: a resource comes and goes with its children."""
    return [p for p in paths if p.rsplit(".", 1)[0] not in paths]


def _methods(resources: Json, path: str) -> str:
    """How many methods the resource at `path` and its children have."""
    count = sum(len(r["methods"]) for p, r in resources.items() if p == path or p.startswith(f"{path}."))
    return f"{count} method{'' if count == 1 else 's'}"


def method(run: Compare, path: str, old: Json, new: Json) -> None:
    _arguments(run, path, old["arguments"], new["arguments"])
    _returns(run, path, old, new)
    _streams(run, path, old.get("streams"), new.get("streams"))
    if old["deprecated"] != new["deprecated"]:
        run.add("feature", path, "deprecated" if new["deprecated"] else "no longer deprecated")
    run.docs(path, old, new)


def _returns(run: Compare, path: str, old: Json, new: Json) -> None:
    """A method that starts or stops paging breaks its callers (a page is not the model);
    one that pages another way (cursor -> offset) keeps its signature and is a feature."""
    if old["paged"] != new["paged"]:
        shape = "a page of items" if new["paged"] else "one response, not a page"
        run.add("breaking", path, f"now returns {shape}: {new['annotation']}")
        return
    if old.get("paging") != new.get("paging") and old.get("paging") and new.get("paging"):
        run.add("feature", path, f"pages by {new['paging']} (was {old['paging']})")
    what = "page item type" if new["paged"] else "return type"
    severity = run.received(old["returns"], new["returns"])
    run.add(severity, path, f"{what} {_shown(old['annotation'])} -> {_shown(new['annotation'])}")


def _streams(run: Compare, path: str, old: Json | None, new: Json | None) -> None:
    """A method that starts or stops streaming (or streams another way) returns something else
    to callers that iterate it, or that read its body: breaking either way."""
    if old == new:
        return
    if new is None:
        run.add("breaking", path, f"no longer streams ({old['kind'] if old else ''})")
    elif old is None:
        run.add("breaking", path, f"now streams ({new['kind']}, {new['mode']})")
    elif (old["kind"], old["mode"]) != (new["kind"], new["mode"]):
        run.add("breaking", path, f"streams {old['kind']} ({old['mode']}) -> {new['kind']} ({new['mode']})")
    else:
        run.add(run.received(old["item"], new["item"]), path, "stream item type changed")


def _shown(annotation: str | None) -> str:
    return "None" if annotation is None else annotation


def _arguments(run: Compare, path: str, old: list[Json], new: list[Json]) -> None:
    old_by = {a["name"]: a for a in old}
    new_by = {a["name"]: a for a in new}
    _arguments_gone_or_added(run, path, old_by, new_by)
    before, after = _positions(old), _positions(new)
    for name in sorted(old_by.keys() & new_by.keys()):
        _argument(run, path, old_by[name], new_by[name], before.get(name) != after.get(name))
        _deprecated(run, path, name, old_by[name].get("deprecated", False), new_by[name].get("deprecated", False))


def _deprecated(run: Compare, path: str, name: str, old: bool, new: bool) -> None:
    """An argument deprecated warns when given (an api.json older than this says nothing)."""
    if old != new:
        run.add("feature", path, f"argument {name} {'deprecated' if new else 'no longer deprecated'}")


def _positions(arguments: list[Json]) -> dict[str, int]:
    return {a["name"]: i for i, a in enumerate(a for a in arguments if a["kind"] == "positional")}


def _arguments_gone_or_added(run: Compare, path: str, old: dict[str, Json], new: dict[str, Json]) -> None:
    for name in old.keys() - new.keys():
        run.add("breaking", path, f"argument {name} removed")
    for name in new.keys() - old.keys():
        required = new[name]["required"]
        run.add("breaking" if required else "feature", path, f"{'required' if required else 'optional'} argument {name} added")


def _argument(run: Compare, path: str, old: Json, new: Json, moved: bool) -> None:
    name = new["name"]
    if old["kind"] != new["kind"]:
        run.add("breaking", path, f"argument {name} is now {new['kind']}")
    elif moved and new["kind"] == "positional":
        run.add("breaking", path, f"positional argument {name} moved")
    if old["required"] != new["required"]:
        became = "required" if new["required"] else "optional"
        run.add("breaking" if new["required"] else "feature", path, f"argument {name} became {became}")
    if old["nullable"] != new["nullable"]:
        run.add("feature" if new["nullable"] else "breaking", path, f"argument {name} {'now' if new['nullable'] else 'no longer'} accepts None")
    severity, shift = run.argument(old["type"], new["type"])
    run.add(severity, path, f"argument {name}: type {old['annotation']} -> {new['annotation']} ({shift})")


# --- models, enums, aliases ------------------------------------------------------------------


def models(run: Compare) -> None:
    old, new = run.old["models"], run.new["models"]
    prefix = f"{run.package}.models."
    for name in run.keyed(prefix, old, new, "model"):
        run.docs(f"{prefix}{name}", old[name], new[name])
        _param(run, prefix, old[name].get("param"), new[name].get("param"))
        sides = sorted(set(old[name]["sides"]) | set(new[name]["sides"]))
        before, after = old[name]["fields"], new[name]["fields"]
        for field in sorted(before.keys() - after.keys()):
            run.add("breaking", f"{prefix}{name}.{field}", f"field {field} removed")
        for field in sorted(after.keys() - before.keys()):
            _field_added(run, f"{prefix}{name}.{field}", sides, after[field])
        typed_dict = old[name].get("param") is not None and new[name].get("param") is not None
        for field in sorted(before.keys() & after.keys()):
            _field(run, f"{prefix}{name}.{field}", sides, before[field], after[field], typed_dict)


def _param(run: Compare, prefix: str, old: str | None, new: str | None) -> None:
    """The TypedDict a model's arguments also take: code that names it breaks when it goes."""
    if old is not None and old != new:
        run.add("breaking", f"{prefix}{old}", f"TypedDict {old} removed")
    if new is not None and old != new:
        run.add("feature", f"{prefix}{new}", f"TypedDict {new} added")


def _field_added(run: Compare, path: str, sides: list[str], new: Json) -> None:
    """A required field is a new required constructor argument when callers build the model."""
    field = path.rsplit(".", 1)[1]
    breaks = new["required"] and "request" in on_sides(sides)
    run.add("breaking" if breaks else "feature", path, f"{'required ' if breaks else ''}field {field} added")


def _field(run: Compare, path: str, sides: list[str], old: Json, new: Json, typed_dict: bool) -> None:
    field = path.rsplit(".", 1)[1]
    if old["wire_name"] != new["wire_name"]:  # a TypedDict's keys are the wire names
        breaks = "request" in on_sides(sides) and typed_dict
        message = f"field {field}: wire name {old['wire_name']} -> {new['wire_name']}"
        run.add("breaking" if breaks else "feature", path, message + (" (a TypedDict key)" if breaks else ""))
    for side in on_sides(sides):
        (_sent_field if side == "request" else _received_field)(run, path, old, new)
    severity = run.typed(sides, old["type"], new["type"])
    shift = run.shift(old["type"], new["type"])
    run.add(severity, path, f"field {field}: type {old['annotation']} -> {new['annotation']} ({shift})")
    if old["description"] != new["description"]:
        run.add("docs", path, f"field {field}: description changed")


def _sent_field(run: Compare, path: str, old: Json, new: Json) -> None:
    """Callers build the model: a field may become optional or nullable, not the reverse."""
    field = path.rsplit(".", 1)[1]
    if old["required"] != new["required"]:
        became = "required" if new["required"] else "optional"
        run.add("breaking" if new["required"] else "feature", path, f"field {field} became {became} (request)")
    if old["nullable"] != new["nullable"]:
        run.add("feature" if new["nullable"] else "breaking", path, f"field {field} {'now' if new['nullable'] else 'no longer'} accepts None (request)")


def _received_field(run: Compare, path: str, old: Json, new: Json) -> None:
    """Callers read the model: a field that may now be None (left out or null) breaks them."""
    field = path.rsplit(".", 1)[1]
    was = not old["required"] or old["nullable"]
    now = not new["required"] or new["nullable"]
    if was != now:
        message = f"field {field} {'may now be None' if now else 'is never None now'} (response)"
        run.add("breaking" if now else "feature", path, message)


def enums(run: Compare) -> None:
    """Enums are open: a value added is a feature anywhere; a member gone breaks code naming it."""
    old, new = run.old["enums"], run.new["enums"]
    prefix = f"{run.package}.models."
    for name in run.keyed(prefix, old, new, "enum"):
        path = f"{prefix}{name}"
        run.docs(path, old[name], new[name])
        if old[name]["kind"] != new[name]["kind"]:
            run.add("breaking", path, f"enum {name}: values are {new[name]['kind']} now, not {old[name]['kind']}")
        side = "request enum" if "request" in new[name]["sides"] else "enum"
        before, after = old[name]["members"], new[name]["members"]
        for member in sorted(before.keys() - after.keys()):
            run.add("breaking", f"{path}.{member}", f"{side} {name} lost value {before[member]!r} ({member})")
        for member in sorted(after.keys() - before.keys()):
            run.add("feature", f"{path}.{member}", f"enum {name} gained value {after[member]!r} ({member})")
        for member in sorted(before.keys() & after.keys()):
            if before[member] != after[member]:
                run.add("feature", f"{path}.{member}", f"{member}: value {before[member]!r} -> {after[member]!r}")


def aliases(run: Compare) -> None:
    old, new = run.old["aliases"], run.new["aliases"]
    prefix = f"{run.package}.models."
    for name in run.keyed(prefix, old, new, "type alias"):
        path = f"{prefix}{name}"
        run.docs(path, old[name], new[name])
        sides = sorted(set(old[name]["sides"]) | set(new[name]["sides"]))
        severity = run.typed(sides, old[name]["type"], new[name]["type"])
        run.add(severity, path, f"type alias {name}: {old[name]['annotation']} -> {new[name]['annotation']}")
