"""Paths -> operations, in two steps around the schema passes.

`read_operations` reads what each operation says: its parameters, body and responses,
each with the schema it uses, where that schema is written and what an inline schema
there would be called. `finish_operation` gives them their types once the schema table
is resolved, and flattens JSON and form bodies into keyword arguments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from .. import pointer as jp
from ..reserved import PER_CALL_OPTIONS
from . import extensions, identifiers, paths
from .schema_names import SchemaUse
from .shapes import Hint, Report, text_or_none
from .types import (
    Docs,
    ListType,
    NullableType,
    ObjectSchema,
    OffsetPagination,
    Operation,
    Parameter,
    ParameterLocation,
    PrimitiveType,
    Property,
    RequestBody,
    Response,
    Schema,
    TypeNode,
    TypeRef,
    UnionType,
)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_BODY_PREFERENCE = (
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
    "text/plain",
)
_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header", "cookie")
_PATH_PARAM = re.compile(r"{([^{}]+)}")
_BYTES = PrimitiveType("bytes")


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


# --- reading --------------------------------------------------------------------------------------


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
        candidates = _name_candidates(path, method, op, self.name_rules, placed.method if placed else None)
        op_id = op.get("operationId")
        hint = identifiers.pascal(_controller_tail(op_id) or candidates[-1])
        docs = Docs(text_or_none(op.get("summary")), text_or_none(op.get("description")), op.get("deprecated") is True)
        return OperationSpec(
            pointer=pointer,
            path=path,
            method=method.upper(),
            operation_id=str(op_id or candidates[-1]),
            group=placed.group if placed else _group(op),
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
        path_order = {name: i for i, name in enumerate(_PATH_PARAM.findall(path))}
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
        templated = set(_PATH_PARAM.findall(path))
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
            encoding=_form_encoding(content_type, media),
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
        if _is_binary(content_type, media.get("schema")):
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


def _controller_tail(op_id: Any) -> str | None:
    """`SubscribersController_list` -> `list`: NestJS prefixes every operationId with its controller."""
    if not isinstance(op_id, str):
        return None
    head, sep, tail = op_id.partition("_")
    return tail if sep and tail and head.lower().endswith("controller") else None


def _group(op: dict[str, Any]) -> tuple[str, ...]:
    """The resource path: `x-speakeasy-group` (dotted paths nest), else the first tag."""
    group = extensions.group(op)
    if group is not None:
        return tuple(identifiers.resource_name(part) for part in group)
    tags = op.get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str) and tags[0].strip():
        return (identifiers.resource_name(tags[0]),)
    return ()


def _name_candidates(
    path: str, method: str, op: dict[str, Any], rules: list[tuple[re.Pattern[str], str]], from_path: str | None
) -> tuple[str, ...]:
    """Method names to try, best first: explicit override, the name from the path (when the
    resources come from the paths), naming rules, operationId."""
    found: list[str] = []
    override = extensions.method_name(op)
    if override is not None:
        found.append(identifiers.attribute_name(override))
    found.extend([from_path] if from_path else [])
    op_id = op.get("operationId")
    if isinstance(op_id, str) and op_id.strip():
        found.extend(_operation_id_names(op_id, rules))
    else:
        words = [w for w in _PATH_PARAM.sub(lambda m: f"by {m.group(1)}", path).split("/") if w]
        found.append(identifiers.attribute_name(" ".join([method, *words])))
    return tuple(dict.fromkeys(found))


def _operation_id_names(op_id: str, rules: list[tuple[re.Pattern[str], str]]) -> list[str]:
    """Names from the operationId: a naming rule's replacement, its controller tail, itself."""
    replacement = next((r for pattern, r in rules if r and pattern.search(op_id)), "")
    tail = _controller_tail(op_id)
    return [identifiers.attribute_name(n) for n in (replacement, tail, op_id) if n]


# --- finishing --------------------------------------------------------------------------------------


TypeOf = Callable[[SchemaUse], TypeNode]


def finish_operation(spec: OperationSpec, type_of: TypeOf, table: Mapping[str, Schema], report: Report) -> Operation:
    """The operation with its types; its method name is still the first candidate."""
    parameters = _parameters(spec.parameters, type_of)
    body = _body(spec.body, type_of, table, {p.python_name for p in parameters})
    _warn_renamed_options(spec, parameters, body, report)
    success = tuple(r for r in spec.responses if _is_success(r.status, spec.responses))
    responses = tuple(_response(r, type_of) for r in success)
    errors = tuple(_response(r, type_of) for r in spec.responses if r not in success)
    return_type = _return_type(responses)
    return Operation(
        operation_id=spec.operation_id,
        python_name=spec.candidates[0],
        method=spec.method,
        path=spec.path,
        parameters=parameters,
        body=body,
        responses=responses,
        errors=errors,
        return_type=return_type,
        security=spec.security,
        docs=spec.docs,
        pagination=_pagination(spec, parameters, return_type, table, report),
    )


def _parameters(specs: tuple[ParameterSpec, ...], type_of: TypeOf) -> tuple[Parameter, ...]:
    taken: set[str] = set()
    params = []
    for spec in specs:
        node = type_of(spec.use)
        params.append(
            Parameter(
                wire_name=spec.wire_name,
                python_name=identifiers.unique(identifiers.argument_name(spec.wire_name, spec.location), taken, sep="_"),
                location=spec.location,
                type=node.inner if isinstance(node, NullableType) else node,
                required=spec.required,
                nullable=isinstance(node, NullableType),
                description=spec.description,
                style=spec.style,
                explode=spec.explode,
                deprecated=spec.deprecated,
                default=spec.default[0] if spec.default else None,
                has_default=spec.default is not None,
            )
        )
    return tuple(params)


def _body(spec: BodySpec | None, type_of: TypeOf, table: Mapping[str, Schema], taken: set[str]) -> RequestBody | None:
    if spec is None:
        return None
    body_type = type_of(spec.use)
    model = _model(body_type, table)
    flattenable = _is_json(spec.content_type) or spec.content_type in _BODY_PREFERENCE[1:3]
    flattened = flattenable and model is not None and bool(model.properties) and model.extra is None
    return RequestBody(
        content_type=spec.content_type,
        type=body_type,
        required=spec.required,
        flattened=flattened,
        properties=_flattened_properties(model, taken) if flattened and model is not None else (),
        description=spec.description,
        encoding=spec.encoding,
    )


def _form_encoding(content_type: str, media: Any) -> tuple[tuple[str, str, bool], ...]:
    """How a form body writes each property the media type's `encoding` names: Stripe's
    `metadata: {style: deepObject}` is `metadata[plan]=pro`, not `plan=pro`."""
    encoding = media.get("encoding") if isinstance(media, dict) else None
    if content_type != "application/x-www-form-urlencoded" or not isinstance(encoding, dict):
        return ()
    styles = []
    for name, entry in sorted(encoding.items()):
        if isinstance(entry, dict) and isinstance(entry.get("style", "form"), str):
            style = entry.get("style") or "form"
            styles.append((str(name), style, bool(entry.get("explode", style == "form"))))
    return tuple(styles)


def _flattened_properties(model: ObjectSchema, taken: set[str]) -> tuple[Property, ...]:
    """A body's properties as keyword arguments; one that clashes with a parameter ends in `_body`.
    Clashes are settled in sorted order, so the order properties are written in does not matter."""
    writable = [p for p in model.properties if not p.read_only]
    taken = set(taken)
    names: dict[str, str] = {}
    for prop in sorted(writable, key=lambda p: p.wire_name):
        name = identifiers.argument_name(prop.wire_name, "body")
        if name in taken:
            name = identifiers.unique(f"{name}_body", taken, sep="_")
        taken.add(name)
        names[prop.wire_name] = name
    return tuple(replace(p, python_name=names[p.wire_name]) for p in writable)


def _warn_renamed_options(spec: OperationSpec, parameters: tuple[Parameter, ...], body: RequestBody | None, report: Report) -> None:
    """A parameter or body field named like a per-call option (`timeout`) gets another name."""
    arguments: list[tuple[str, str, str, str]] = [(p.wire_name, p.python_name, p.location, "/parameters") for p in parameters]
    arguments += [(p.wire_name, p.python_name, "body", "/requestBody") for p in body.properties] if body else []
    for wire_name, python_name, location, where in arguments:
        option = identifiers.parameter_name(wire_name)
        if option in PER_CALL_OPTIONS:
            report(
                spec.pointer + where,
                f"{location} {wire_name!r} is named like the per-call option `{option}`, which keeps "
                f"its name: the argument is `{python_name}`",
                "warning",
            )


def _is_success(status: str, responses: tuple[ResponseSpec, ...]) -> bool:
    """2XX, or `default` when the operation documents no 2XX."""
    has_2xx = any(r.status.startswith("2") for r in responses)
    return status.startswith("2") or (status == "DEFAULT" and not has_2xx)


def _response(spec: ResponseSpec, type_of: TypeOf) -> Response:
    if spec.use is not None:
        response_type: TypeNode | None = type_of(spec.use)
    else:
        response_type = _BYTES if spec.content_type is not None else None
    return Response(spec.status, response_type, spec.content_type, spec.description)


def _return_type(responses: tuple[Response, ...]) -> TypeNode | None:
    types = list(dict.fromkeys(r.type for r in responses if r.type is not None))
    if len(types) > 1:
        return UnionType(tuple(types))
    return types[0] if types else None


def _model(node: TypeNode | None, table: Mapping[str, Schema]) -> ObjectSchema | None:
    schema = table.get(node.name) if isinstance(node, TypeRef) else None
    return schema if isinstance(schema, ObjectSchema) else None


def _pagination(
    spec: OperationSpec,
    params: tuple[Parameter, ...],
    return_type: TypeNode | None,
    table: Mapping[str, Schema],
    report: Report,
) -> OffsetPagination | None:
    """The operation's offset/limit pagination, when its inputs and results can be found."""
    written = spec.pagination
    if written is None:
        return None
    inputs = written.inputs
    wire_names = {p.wire_name for p in params if p.location == "query"}
    offset_kind: Literal["offset", "page"] = "page" if "page" in inputs else "offset"
    items_path, item_type = _items_path(written.results, return_type, table)
    if inputs.get(offset_kind) not in wire_names or item_type is None:
        report(written.pointer, "pagination not understood; the method returns one page", "warning")
        return None
    limit = inputs.get("limit")
    return OffsetPagination(
        offset_param=str(inputs[offset_kind]),
        offset_kind=offset_kind,
        limit_param=str(limit) if limit in wire_names else None,
        items_path=items_path,
        item_type=item_type,
    )


def _items_path(
    results: str, node: TypeNode | None, table: Mapping[str, Schema]
) -> tuple[tuple[str, ...], TypeNode | None]:
    """Follow a `$.a.b` results path through the response model to its list.

    Speakeasy paths may name a key past the list (Novu: `$.data.resultArray`
    where `data` is the list); the walk stops at the first list it meets.
    """
    path: list[str] = []
    for key in [k for k in results.lstrip("$").split(".") if k]:
        if isinstance(node, ListType):
            break
        model = _model(node, table)
        prop = next((p for p in model.properties if p.wire_name == key), None) if model else None
        if prop is None:
            return (), None
        path.append(prop.wire_name)
        node = prop.type
    return (tuple(path), node.items) if isinstance(node, ListType) else ((), None)


def security_alternatives(raw: list[Any]) -> tuple[tuple[str, ...], ...]:
    """`[{b: [], a: []}, {c: []}]` -> (("a", "b"), ("c",)): alternatives in order, the schemes
    each needs (all of them) sorted; `{}` means "no auth" is an option."""
    return tuple(tuple(sorted(str(k) for k in alt)) for alt in raw if isinstance(alt, dict))


def pick_content_type(content: dict[str, Any]) -> str:
    """The media type the client speaks: by preference, then any JSON, then the first by name."""
    types = sorted(content)
    for preferred in _BODY_PREFERENCE:
        for media_type in types:
            if media_type.split(";")[0].strip().lower() == preferred:
                return media_type
    return next((t for t in types if _is_json(t)), types[0])


def _is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base == "*/*"


def _is_binary(media_type: str, schema: Any) -> bool:
    """Bytes, not parsed: any non-JSON, non-text body that is not described as structured data."""
    base = media_type.split(";")[0].strip().lower()
    if _is_json(base) or base.startswith("text/") or base.endswith(("/xml", "+xml")) or "form" in base:
        return False
    return not isinstance(schema, dict) or schema.get("type") in (None, "string")
