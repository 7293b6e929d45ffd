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
from .parameters import ParameterReader, ParameterSpec
from .refs import Targets
from .schema_names import SchemaUse
from .schema_object import text_or_none
from .settings import security_alternatives, security_scopes
from .shapes import Report
from .streams import StreamRead, read_stream, stream_kind
from .types import Docs

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


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
    headers: frozenset[str] = frozenset()  # the response headers it declares, lower case
    stream: StreamRead | None = None  # a streamed media type beside (or instead of) the body
    stream_use: SchemaUse | None = None  # its item schema, when it declares one


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
    scopes: tuple[tuple[str, tuple[str, ...]], ...]  # the requirement's (own, else default)
    docs: Docs
    pagination: extensions.WrittenPagination | None

    def uses(self) -> Iterator[SchemaUse]:
        yield from (p.use for p in self.parameters)
        if self.body is not None:
            yield self.body.use
        yield from (r.use for r in self.responses if r.use is not None)
        yield from (r.stream_use for r in self.responses if r.stream_use is not None)


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
    """Reads the operations of one document, following `$ref`s to parameters, bodies and responses."""

    def __init__(self, document: dict[str, Any], report: Report, idempotency_header: str | None, resources: str) -> None:
        self.document, self.report = document, report
        self.targets = Targets(document)
        self.parameters = ParameterReader(self.deref, report, idempotency_header)
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
            parameters=self.parameters.read(path, item, op, pointer, hint),
            body=self.body(op, pointer, f"{hint} Body"),
            responses=self.responses(op, pointer, hint),
            security=security_alternatives(op["security"]) if isinstance(op.get("security"), list) else None,
            scopes=security_scopes(op.get("security", self.document.get("security"))),
            docs=docs,
            pagination=extensions.pagination(op, pointer, self.report),
        )

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `$ref`s (parameters, bodies, responses) to the object they name."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            target, found, problem = self.targets(ref)
            if ref in seen or target is None:
                self.report(pointer, f"$ref {ref!r} cannot be resolved (loop or not local)", "error")
                return None, pointer
            seen.add(ref)
            if problem is not None:
                self.report(pointer, f"unresolved $ref {ref!r}", "error")
                return None, pointer
            node, pointer = found, target
        return node, pointer

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
            use=SchemaUse.in_operation(schema, schema_pointer, pointer, hint, "Body"),
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
                found.append(self._response(status, response, response_pointer, (op, pointer), f"{hint} {suffix}"))
        return tuple(found)

    def _response(self, status: str, response: dict[str, Any], where: str, op: tuple[dict[str, Any], str], hint: str) -> ResponseSpec:
        """The body the response documents, and the stream it may send instead (or only)."""
        content = response.get("content")
        description = text_or_none(response.get("description"))
        declared = response.get("headers")
        headers = frozenset(str(h).lower() for h in declared) if isinstance(declared, dict) else frozenset()
        if not isinstance(content, dict) or not content:
            return ResponseSpec(status, None, None, description, headers)
        stream = read_stream(content, where, op[0], self.deref)
        stream_use = None
        if stream is not None and stream.schema is not None:
            stream_use = SchemaUse.in_operation(stream.schema, stream.pointer, op[1], f"{hint} Event", "Event")
        plain = {key: media for key, media in content.items() if stream_kind(key) is None}
        if not plain:
            return ResponseSpec(status, None, None, description, headers, stream, stream_use)
        content_type = pick_content_type(plain)
        media = plain[content_type] if isinstance(plain[content_type], dict) else {}
        if is_binary(content_type, media.get("schema")):
            return ResponseSpec(status, content_type, None, description, headers, stream, stream_use)
        schema_pointer = jp.join(where, "content", content_type, "schema")
        use = SchemaUse.in_operation(media.get("schema"), schema_pointer, op[1], hint, "Response")
        return ResponseSpec(status, content_type, use, description, headers, stream, stream_use)
