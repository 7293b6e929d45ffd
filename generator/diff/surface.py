"""The public Python API of a generated SDK as plain JSON data: the `api.json` snapshot.

`diff` compares two of these, whether built from a spec now or read from an output directory
generated earlier, so both go through the same JSON. Every name is the IR's; arguments come in
the order and with the annotations the method views print, and each carries its IR type as a
tree (`{"kind": "ref", "name": ...}`) so that a change can be judged narrower or wider. Models,
enums and aliases say on which `sides` they travel: request (arguments) or response (returns);
a model arguments take also names its `param`, the TypedDict callers may pass instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import Any

from .. import PROVENANCE
from ..ir.types import (
    AliasSchema,
    AnyType,
    Api,
    Docs,
    EnumSchema,
    ListType,
    LiteralType,
    MapType,
    NullableType,
    ObjectSchema,
    Operation,
    PrimitiveType,
    Resource,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)
from ..paths import runtime_dir
from ..render import python_types
from ..render.method_views import MethodView, ResourceView, resource_view
from ..render.views import method_types

FORMAT = 1
Json = dict[str, Any]


def error_classes() -> list[str]:
    """The exceptions the package exports: the runtime's `_errors.__all__`, as shipped."""
    source = (runtime_dir() / "_errors.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return sorted(ast.literal_eval(node.value))
    return []

# Formats that do not change the Python type are not part of the API.
_PYTHON_KIND = {"uuid": "str"}


def type_tree(node: TypeNode | None) -> Json | None:
    """An IR type as JSON, as Python sees it: `uuid` is `str`, discriminators do not show."""
    if node is None:
        return None
    if isinstance(node, PrimitiveType):
        return {"kind": _PYTHON_KIND.get(node.kind, node.kind)}
    if isinstance(node, AnyType):
        return {"kind": "any"}
    if isinstance(node, ListType):
        return {"kind": "list", "items": type_tree(node.items)}
    if isinstance(node, MapType):
        return {"kind": "map", "values": type_tree(node.values)}
    if isinstance(node, LiteralType):
        return {"kind": "literal", "value": node.value}
    if isinstance(node, UnionType):
        return {"kind": "union", "members": [type_tree(m) for m in node.members]}
    if isinstance(node, NullableType):
        return {"kind": "nullable", "inner": type_tree(node.inner)}
    return {"kind": "ref", "name": node.name}


def _docs(docs: Docs) -> Json:
    return {"summary": docs.summary or "", "description": docs.description or ""}


# --- which side of a call each named schema travels on --------------------------------------


def _refs(node: TypeNode | None) -> Iterator[str]:
    if isinstance(node, TypeRef):
        yield node.name
    elif isinstance(node, ListType):
        yield from _refs(node.items)
    elif isinstance(node, MapType):
        yield from _refs(node.values)
    elif isinstance(node, NullableType):
        yield from _refs(node.inner)
    elif isinstance(node, UnionType):
        for member in node.members:
            yield from _refs(member)


def _schema_types(schema: Schema) -> list[TypeNode | None]:
    if isinstance(schema, ObjectSchema):
        return [p.type for p in schema.properties] + [schema.extra]
    if isinstance(schema, AliasSchema):
        return [schema.target]
    return []


def _reached(roots: Iterable[TypeNode | None], table: dict[str, Schema]) -> set[str]:
    """The named schemas `roots` name, and those they name in turn."""
    seen: set[str] = set()
    todo = [name for root in roots for name in _refs(root)]
    while todo:
        name = todo.pop()
        if name in seen or name not in table:
            continue
        seen.add(name)
        todo.extend(n for t in _schema_types(table[name]) for n in _refs(t))
    return seen


def _request_types(op: Operation) -> list[TypeNode | None]:
    found: list[TypeNode | None] = [p.type for p in op.parameters]
    if op.body is not None:
        found += [op.body.type, *(p.type for p in op.body.properties)]
    return found


def _response_types(op: Operation) -> list[TypeNode | None]:
    found = [op.return_type, *(r.type for r in op.responses), *(r.type for r in op.errors)]
    found += [op.stream.item_type] if op.stream is not None else []
    return found + ([op.pagination.item_type] if op.pagination is not None else [])


def sides(api: Api) -> dict[str, list[str]]:
    """For each named schema, the sides it travels on: `request`, `response`, both or neither."""
    table = {s.name: s for s in api.schemas}
    operations = api.operations()
    request = _reached((t for op in operations for t in _request_types(op)), table)
    response = _reached((t for op in operations for t in _response_types(op)), table)
    return {
        name: [side for side, names in (("request", request), ("response", response)) if name in names]
        for name in table
    }


# --- the surface ---------------------------------------------------------------------------


def _argument_types(op: Operation) -> dict[str, tuple[TypeNode, bool, bool]]:
    """Each argument's IR type, nullability and deprecation, by the argument's name."""
    found = {p.python_name: (p.type, p.nullable, p.deprecated) for p in op.parameters}
    body = op.body
    if body is not None and body.flattened:
        found.update({p.python_name: (p.type, p.nullable, p.deprecated) for p in body.properties})
    elif body is not None:
        found["body"] = (body.type, not body.required, False)
    return found


def _method(op: Operation, view: MethodView) -> Json:
    typed = _argument_types(op)
    arguments = [
        {
            "name": arg.name,
            "kind": kind,
            "required": arg.default is None,
            "nullable": typed[arg.name][1],
            "type": type_tree(typed[arg.name][0]),
            "annotation": arg.annotation,
            "deprecated": typed[arg.name][2],
        }
        for kind, args in (("positional", view.positional), ("keyword", view.keyword))
        for arg in args
    ]
    page = op.pagination
    returns = page.item_type if page is not None else op.return_type
    return {
        "arguments": arguments,
        "returns": type_tree(returns),
        "annotation": view.endpoint.pagination.item_type if view.endpoint.pagination else view.returns,
        "paged": page is not None,
        "paging": page.style if page is not None else None,
        "streams": _stream(op),
        "deprecated": op.docs.deprecated,
        "http": f"{op.method.upper()} {op.path}",  # what a renamed method is matched by
        "operation_id": op.operation_id,
        **_docs(op.docs),
    }


def _stream(op: Operation) -> Json | None:
    """What the method may stream: its kind, item type and what decides (None: it never does)."""
    stream = op.stream
    if stream is None:
        return None
    return {"kind": stream.kind, "item": type_tree(stream.item_type), "mode": stream.mode}


def _resources(resource: Resource, view: ResourceView, path: str) -> Iterator[tuple[str, Json]]:
    """`view` is `resource`'s, as the templates print it: the same tree, in the same order."""
    methods = {op.python_name: _method(op, m) for op, m in zip(resource.operations, view.methods, strict=True)}
    yield path, {"description": resource.description or "", "methods": methods}
    for child, child_view in zip(resource.children, view.children, strict=True):
        yield from _resources(child, child_view, f"{path}.{child.python_name}")


def _model(schema: ObjectSchema, on: list[str], types: python_types.PythonTypes) -> Json:
    fields = {  # a write-only field is optional in the class: servers never send it back
        p.python_name: {
            "wire_name": p.wire_name,
            "type": type_tree(p.type),
            "annotation": types.spell(p.type).text,
            "required": p.required and not p.write_only,
            "nullable": p.nullable,
            "description": p.description or "",
        }
        for p in schema.properties
    }
    return {"sides": on, "fields": fields, "param": schema.param_name, "pointer": schema.pointer, **_docs(schema.docs)}


def _enum(schema: EnumSchema, on: list[str]) -> Json:
    members = {m.python_name: m.value for m in schema.members}
    return {"sides": on, "kind": schema.kind, "members": members, "pointer": schema.pointer, **_docs(schema.docs)}


def _alias(schema: AliasSchema, on: list[str], types: python_types.PythonTypes) -> Json:
    target = {"type": type_tree(schema.target), "annotation": types.spell(schema.target).text}
    return {"sides": on, **target, "pointer": schema.pointer, **_docs(schema.docs)}


def _client(api: Api) -> Json:
    credentials = []
    for s in api.security_schemes:
        spelled = python_types.credential(s.kind, basic=s.scheme == "basic").text
        credentials.append({"name": s.python_name, "annotation": spelled})
        flow = s.client_credentials
        if flow is not None:
            credentials += [{"name": n, "annotation": "str | None"} for n in (flow.client_id, flow.client_secret)]
    servers = [
        {"name": s.name, "url": s.url, "variables": {v.name: v.default for v in s.variables}}
        for s in api.servers
    ]
    return {"name": api.naming.client, "credentials": credentials, "servers": servers}


def surface(api: Api, version: str, root: ResourceView | None = None) -> Json:
    """The public API of the SDK `api` generates; `version` is the package's version; `root`
    the client's view, when the renderer has it already (else built here)."""
    on = sides(api)
    types = method_types(api)  # messages show types as methods spell them
    root = resource_view(api.root, types) if root is None else root
    return {
        "format": FORMAT,
        "package": api.naming.package,
        "version": version,
        "generator": PROVENANCE,  # not compared by `diff`: the API is what changes, not what wrote it
        "client": _client(api),
        "errors": error_classes(),
        "resources": dict(_resources(api.root, root, "client")),
        "models": {s.name: _model(s, on[s.name], types) for s in api.schemas if isinstance(s, ObjectSchema)},
        "enums": {s.name: _enum(s, on[s.name]) for s in api.schemas if isinstance(s, EnumSchema)},
        "aliases": {
            s.name: _alias(s, on[s.name], types) for s in api.schemas if isinstance(s, AliasSchema)
        },
    }
