"""Pass 1: what each operation says, before any schema has a type.

`read_operations` reads each operation's parameters, body and responses, each with the schema
it uses, where that schema is written and what an inline schema there would be called; its
method names to try and its resource. `finish.finish_operation` gives them their types once
the schema table is resolved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import pointer as jp
from . import extensions, identifiers, paths
from .media_types import form_encoding, is_binary, pick_content_type
from .operation_names import controller_tail, name_candidates, resource_group
from .paths import PATH_PARAMETER
from .schema_names import SchemaUse
from .settings import security_alternatives
from .shapes import Hint, Report, text_or_none
from .types import Docs, ParameterLocation

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header", "cookie")


@dataclass(frozen=True)
class ParameterSpec:
    wire_name: str
    location: ParameterLocation
    use: SchemaUse
    required: bool
    description: str | None
    style: str
    explode: bool
    deprecated: bool
    default: tuple[object] | None = None  # (the schema's default,) when it has one


@dataclass(frozen=True)
class BodySpec:
    content_type: str
    use: SchemaUse
    required: bool
    description: str | None
    encoding: tuple[tuple[str, str, bool], ...] = ()  # a form's (property, style, explode)


@dataclass(frozen=True)
class ResponseSpec:
    status: str
    content_type: str | None
    use: SchemaUse | None  # None: no body, or bytes
    description: str | None


@dataclass(frozen=True)
class OperationSpec:
    """One operation as the spec writes it, before schemas have types."""

    pointer: str
    path: str
    method: str
    operation_id: str
    group: tuple[str, ...]
    candidates: tuple[str, ...]  # method names to try, best first
    parameters: tuple[ParameterSpec, ...]
    body: BodySpec | None
    responses: tuple[ResponseSpec, ...]
    security: tuple[tuple[str, ...], ...] | None
    docs: Docs
    pagination: extensions.OffsetLimit | None

    def uses(self) -> Iterator[SchemaUse]:
        yield from (p.use for p in self.parameters)
        if self.body is not None:
            yield self.body.use
        yield from (r.use for r in self.responses if r.use is not None)


def read_operations(
    document: dict[str, Any], report: Report, idempotency_header: str | None, resources: str = "auto"
) -> list[OperationSpec]:
    """Every operation under `paths`, in the order the spec lists them. `resources` says where
    resources come from: `tags` (and groups), `paths`, or `auto` (paths when the spec names no groups)."""
    reader = _Reader(document, report, idempotency_header, resources)
    paths = document.get("paths")
    found: list[OperationSpec] = []
    for path, item in paths.items() if isinstance(paths, dict) else ():
        if isinstance(item, dict):
            found.extend(reader.path_item(str(path), item))
    _warn_duplicate_ids(document, found, report)
    return found


def read_webhooks(document: dict[str, Any], report: Report) -> list[SchemaUse]:
    """Webhooks (3.1) are requests the API sends: their payloads become models, not methods."""
    reader = _Reader(document, report, None, "tags")
    webhooks = document.get("webhooks")
    uses: list[SchemaUse] = []
    for name, item in webhooks.items() if isinstance(webhooks, dict) else ():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if isinstance(op, dict):
                pointer = jp.join("/webhooks", name, method)
                body = reader.body(op, pointer, f"{name} Webhook Payload")
                uses.extend([body.use] if body else [])
    return uses


def _warn_duplicate_ids(document: dict[str, Any], operations: list[OperationSpec], report: Report) -> None:
    """Each operationId the spec writes twice, reported at every use after the first by pointer."""
    first: dict[str, str] = {}
    for op in sorted(operations, key=lambda o: o.pointer):
        if not isinstance(jp.resolve(document, op.pointer).get("operationId"), str):
            continue
        if op.operation_id in first:
            report(op.pointer, f"operationId {op.operation_id!r} is also used at {first[op.operation_id]}", "warning")
        first.setdefault(op.operation_id, op.pointer)


class _Reader:
    def __init__(self, document: dict[str, Any], report: Report, idempotency_header: str | None, resources: str) -> None:
        self.document, self.report = document, report
        self.runtime_headers = {"accept", "content-type", "authorization"}
        if idempotency_header:
            self.runtime_headers.add(idempotency_header.lower())
        self.name_rules = extensions.naming_rules(document, report)
        self.by_path = paths.from_paths(document.get("paths"), HTTP_METHODS, resources)

    def path_item(self, path: str, item: dict[str, Any]) -> Iterator[OperationSpec]:
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                yield self.operation(path, method, item, op)

    def operation(self, path: str, method: str, item: dict[str, Any], op: dict[str, Any]) -> OperationSpec:
        pointer = jp.join("/paths", path, method)
        placed = self.by_path.place(path, method) if self.by_path else None
        candidates = name_candidates(path, method, op, self.name_rules, placed.method if placed else None)
        op_id = op.get("operationId")
        hint = identifiers.pascal(controller_tail(op_id) or candidates[-1])
        docs = Docs(text_or_none(op.get("summary")), text_or_none(op.get("description")), op.get("deprecated") is True)
        return OperationSpec(
            pointer=pointer,
            path=path,
            method=method.upper(),
            operation_id=str(op_id or candidates[-1]),
            group=placed.group if placed else resource_group(op),
            candidates=candidates,
            parameters=self.parameters(path, item, op, pointer, hint),
            body=self.body(op, pointer, f"{hint} Body"),
            responses=self.responses(op, pointer, hint),
            security=security_alternatives(op["security"]) if isinstance(op.get("security"), list) else None,
            docs=docs,
            pagination=extensions.pagination(op, pointer),
        )

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `$ref`s (parameters, bodies, responses) to the object they name."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            target = jp.from_ref(ref)
            if ref in seen or target is None:
                self.report(pointer, f"$ref {ref!r} cannot be resolved (loop or not local)", "error")
                return None, pointer
            seen.add(ref)
            found, problem = jp.follow(self.document, target)
            if problem is not None:
                self.report(pointer, f"unresolved $ref {ref!r}", "error")
                return None, pointer
            node, pointer = found, target
        return node, pointer

    def parameters(
        self, path: str, item: dict[str, Any], op: dict[str, Any], pointer: str, hint: str
    ) -> tuple[ParameterSpec, ...]:
        merged = self._declared_parameters(item, op, pointer)
        self._check_path_parameters(path, {name for name, location in merged if location == "path"}, pointer)
        params = [
            self._parameter(name, location, param, param_pointer, pointer, hint)
            for (name, location), (param, param_pointer) in merged.items()
            if location in _LOCATIONS and not (location == "header" and name.lower() in self.runtime_headers)
        ]
        path_order = {name: i for i, name in enumerate(PATH_PARAMETER.findall(path))}
        params.sort(key=lambda p: (not p.required, _LOCATIONS.index(p.location), path_order.get(p.wire_name, 0)))
        return tuple(params)

    def _declared_parameters(
        self, item: dict[str, Any], op: dict[str, Any], pointer: str
    ) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
        """The path item's parameters, overridden by the operation's, by (name, location)."""
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for owner, owner_pointer in ((item, jp.parent(pointer)), (op, pointer)):
            declared = owner.get("parameters")
            for i, raw in enumerate(declared if isinstance(declared, list) else []):
                param, param_pointer = self.deref(raw, f"{owner_pointer}/parameters/{i}")
                if isinstance(param, dict) and isinstance(param.get("name"), str):
                    merged[(param["name"], str(param.get("in")))] = (param, param_pointer)
        return merged

    def _check_path_parameters(self, path: str, declared: set[str], pointer: str) -> None:
        templated = set(PATH_PARAMETER.findall(path))
        for missing in sorted(templated - declared):
            self.report(pointer, f"path parameter {{{missing}}} is in the path but not declared", "error")
        for extra in sorted(declared - templated):
            self.report(pointer, f"path parameter {extra!r} is declared but not in the path {path!r}", "error")

    def _parameter(
        self, name: str, location: str, param: dict[str, Any], param_pointer: str, op_pointer: str, hint: str
    ) -> ParameterSpec:
        schema, schema_pointer = param.get("schema"), f"{param_pointer}/schema"
        if schema is None and isinstance(param.get("content"), dict) and param["content"]:
            media_type = pick_content_type(param["content"])
            media = param["content"][media_type]
            schema = media.get("schema") if isinstance(media, dict) else None
            schema_pointer = jp.join(param_pointer, "content", media_type, "schema")
        style = str(param.get("style") or ("simple" if location in ("path", "header") else "form"))
        return ParameterSpec(
            wire_name=name,
            location=location,  # type: ignore[arg-type]
            use=_use(schema, schema_pointer, op_pointer, f"{hint} {name}", name),
            required=location == "path" or param.get("required") is True,
            description=text_or_none(param.get("description")),
            style=style,
            explode=bool(param.get("explode", style == "form")),
            deprecated=param.get("deprecated") is True,
            default=(schema["default"],) if isinstance(schema, dict) and "default" in schema else None,
        )

    def body(self, op: dict[str, Any], pointer: str, hint: str) -> BodySpec | None:
        body, body_pointer = self.deref(op.get("requestBody"), f"{pointer}/requestBody")
        if not isinstance(body, dict) or not isinstance(body.get("content"), dict) or not body["content"]:
            return None
        content_type = pick_content_type(body["content"])
        media = body["content"][content_type]
        schema = media.get("schema") if isinstance(media, dict) else None
        schema_pointer = jp.join(body_pointer, "content", content_type, "schema")
        return BodySpec(
            content_type=content_type,
            use=_use(schema, schema_pointer, pointer, hint, "Body"),
            required=body.get("required") is True,
            description=text_or_none(body.get("description")),
            encoding=form_encoding(content_type, media),
        )

    def responses(self, op: dict[str, Any], pointer: str, hint: str) -> tuple[ResponseSpec, ...]:
        raw = op.get("responses")
        if not isinstance(raw, dict):
            return ()
        found = []
        for code in sorted(raw, key=lambda c: str(c).upper()):  # by status, not as listed
            status = str(code).upper()
            response, response_pointer = self.deref(raw[code], jp.join(pointer, "responses", code))
            if isinstance(response, dict):
                suffix = "Response" if status.startswith("2") else f"Error {status}"
                found.append(self._response(status, response, response_pointer, pointer, f"{hint} {suffix}"))
        return tuple(found)

    def _response(self, status: str, response: dict[str, Any], where: str, op_pointer: str, hint: str) -> ResponseSpec:
        content = response.get("content")
        description = text_or_none(response.get("description"))
        if not isinstance(content, dict) or not content:
            return ResponseSpec(status, None, None, description)
        content_type = pick_content_type(content)
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        if is_binary(content_type, media.get("schema")):
            return ResponseSpec(status, content_type, None, description)
        schema_pointer = jp.join(where, "content", content_type, "schema")
        use = _use(media.get("schema"), schema_pointer, op_pointer, hint, "Response")
        return ResponseSpec(status, content_type, use, description)


def _use(schema: Any, pointer: str, op_pointer: str, local_hint: str, kind: str) -> SchemaUse:
    """A schema an operation uses. Written inside the operation, it is named after the operation;
    shared through components, after the component (`NotFound Response`), whoever uses it."""
    tokens = jp.tokens(pointer)
    if pointer.startswith(op_pointer + "/") or len(tokens) < 3 or tokens[0] != "components":
        return SchemaUse(schema, pointer, Hint(None, local_hint))
    key = tokens[2]
    shared = key if tokens[1] == "parameters" or key.lower().endswith(kind.lower()) else f"{key} {kind}"
    return SchemaUse(schema, pointer, Hint(None, shared))


