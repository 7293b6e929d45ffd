"""Paths -> a tree of resources holding operations, with every Python name decided."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..diagnostics import Diagnostic, escape_pointer_token
from ..load import Spec, resolve_pointer
from . import naming
from .schemas import SchemaBuilder, text_or_none
from .types import (
    Docs,
    ListType,
    NullableType,
    ObjectSchema,
    OffsetPagination,
    Operation,
    Parameter,
    PrimitiveType,
    Property,
    RequestBody,
    Resource,
    Response,
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
_PATH_PARAM = re.compile(r"{([^{}]+)}")
# A quantified group that itself repeats, such as `(a+)+`: the shape of catastrophic backtracking.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


@dataclass
class _Draft:
    """An operation before its resource has given it a unique method name."""

    group: tuple[str, ...]
    candidates: tuple[str, ...]
    operation: Operation
    pointer: str


@dataclass
class _Node:
    name: str
    drafts: list[_Draft] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)


class OperationBuilder:
    def __init__(
        self, spec: Spec, schemas: SchemaBuilder, diagnostics: list[Diagnostic], idempotency_header: str | None
    ) -> None:
        self.spec = spec
        self.runtime_headers = {"accept", "content-type", "authorization"}
        if idempotency_header:
            self.runtime_headers.add(idempotency_header.lower())
        self.document = spec.document
        self.schemas = schemas
        self.diagnostics = diagnostics
        self.class_names: set[str] = set()
        rules = self.document.get("x-speakeasy-name-override")
        self.name_rules: list[tuple[re.Pattern[str], str]] = []
        for rule in rules if isinstance(rules, list) else []:
            if isinstance(rule, dict) and isinstance(rule.get("operationId"), str):
                if _NESTED_QUANTIFIER.search(rule["operationId"]) or len(rule["operationId"]) > 200:
                    self._warn("/x-speakeasy-name-override", "ignored naming rule: pattern could take exponential time")
                    continue
                try:
                    self.name_rules.append((re.compile(rule["operationId"]), str(rule.get("methodNameOverride", ""))))
                except re.error as exc:
                    self._warn("/x-speakeasy-name-override", f"ignored naming rule: {exc}")

    def build(self) -> Resource:
        """The root resource: the client itself, with top-level resources as children."""
        root = _Node("")
        seen_ids: dict[str, str] = {}
        paths = self.document.get("paths") or {}
        for path, item in paths.items() if isinstance(paths, dict) else ():
            if not isinstance(item, dict):
                continue
            item_pointer = f"/paths/{escape_pointer_token(path)}"
            for method in HTTP_METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                pointer = f"{item_pointer}/{method}"
                op_id = op.get("operationId")
                if isinstance(op_id, str):
                    if op_id in seen_ids:
                        self._warn(pointer, f"operationId {op_id!r} is also used at {seen_ids[op_id]}")
                    seen_ids.setdefault(op_id, pointer)
                draft = self._operation(path, method, item, op, pointer)
                node = root
                for part in draft.group:
                    node = node.children.setdefault(part, _Node(part))
                node.drafts.append(draft)
        return self._resource(root, ())

    def build_webhook_models(self) -> None:
        """Webhooks (3.1) are requests the API sends: their payloads become models, not methods."""
        webhooks = self.document.get("webhooks")
        for name, item in webhooks.items() if isinstance(webhooks, dict) else ():
            for method in HTTP_METHODS:
                op = item.get(method) if isinstance(item, dict) else None
                if not isinstance(op, dict):
                    continue
                pointer = f"/webhooks/{escape_pointer_token(name)}/{method}"
                body, body_pointer = self._deref(op.get("requestBody"), f"{pointer}/requestBody")
                content = body.get("content") if isinstance(body, dict) else None
                if isinstance(content, dict) and content:
                    media_type = _pick_content_type(content)
                    media = content[media_type] if isinstance(content[media_type], dict) else {}
                    schema_pointer = f"{body_pointer}/content/{escape_pointer_token(media_type)}/schema"
                    self.schemas.type_of(media.get("schema"), schema_pointer, f"{name} Webhook Payload")

    # --- resource tree and method names ---

    def _group(self, op: dict[str, Any]) -> tuple[str, ...]:
        group = op.get("x-speakeasy-group")
        if isinstance(group, str) and group.strip():
            return tuple(naming.attribute_name(part) for part in group.split(".") if part.strip())
        tags = op.get("tags")
        if isinstance(tags, list) and tags and isinstance(tags[0], str) and tags[0].strip():
            return (naming.attribute_name(tags[0]),)
        return ()

    def _name_candidates(self, path: str, method: str, op: dict[str, Any]) -> tuple[str, ...]:
        """Method names to try, best first: explicit override, naming rules, operationId."""
        found: list[str] = []
        override = op.get("x-speakeasy-name-override")
        if isinstance(override, str) and override.strip():
            found.append(naming.attribute_name(override))
        op_id = op.get("operationId")
        if isinstance(op_id, str) and op_id.strip():
            for pattern, replacement in self.name_rules:
                if pattern.search(op_id) and replacement:
                    found.append(naming.attribute_name(replacement))
                    break
            head, sep, tail = op_id.partition("_")
            if sep and tail and head.lower().endswith("controller"):
                found.append(naming.attribute_name(tail))
            found.append(naming.attribute_name(op_id))
        else:
            words = [w for w in _PATH_PARAM.sub(lambda m: f"by {m.group(1)}", path).split("/") if w]
            found.append(naming.attribute_name(" ".join([method, *words])))
        return tuple(dict.fromkeys(found))

    def _resource(self, node: _Node, path: tuple[str, ...], constants: set[str] | None = None) -> Resource:
        """`constants`: the endpoint constants taken in the module (one per top-level resource)."""
        constants = set() if constants is None else constants
        children = tuple(
            self._resource(child, (*path, name), constants if path else None) for name, child in node.children.items()
        )
        taken = {child.python_name for child in children}
        operations: list[Operation] = []
        for draft in node.drafts:
            name = next((c for c in draft.candidates if c not in taken), None)
            if name is None:
                name = naming.unique(draft.candidates[-1], taken, sep="_")
            else:
                taken.add(name)
            if name != draft.candidates[0]:
                where = ".".join(path) or "the client"
                self._warn(
                    draft.pointer,
                    f"method name {draft.candidates[0]!r} is taken on {where}; named {name!r}",
                )
            constant = naming.unique("_" + "_".join((*path, name)).upper(), constants, sep="_")
            operations.append(replace(draft.operation, python_name=name, endpoint_constant=constant))
        class_name = (
            naming.unique(naming.class_name(" ".join(path)) + "Resource", self.class_names, fold_case=True)
            if path
            else "Client"
        )
        return Resource(
            python_name=path[-1] if path else "",
            class_name=class_name,
            operations=tuple(operations),
            children=children,
            description=self._tag_description(path),
        )

    def _tag_description(self, path: tuple[str, ...]) -> str | None:
        if len(path) != 1:
            return None
        for tag in self.document.get("tags") or []:
            if isinstance(tag, dict) and naming.attribute_name(str(tag.get("name", ""))) == path[0]:
                description = tag.get("description")
                return description if isinstance(description, str) else None
        return None

    # --- one operation ---

    def _operation(self, path: str, method: str, item: dict[str, Any], op: dict[str, Any], pointer: str) -> _Draft:
        candidates = self._name_candidates(path, method, op)
        op_id = op.get("operationId")
        head, _, tail = op_id.partition("_") if isinstance(op_id, str) else ("", "", "")
        hint = naming.pascal(tail if head.lower().endswith("controller") and tail else candidates[-1])
        parameters = self._parameters(path, item, op, pointer, hint)
        body = self._body(op, pointer, hint, {p.python_name for p in parameters})
        responses, errors = self._responses(op, pointer, hint)
        success_types: list[TypeNode] = []
        for response in responses:
            if response.type is not None and response.type not in success_types:
                success_types.append(response.type)
        return_type: TypeNode | None = None
        if len(success_types) == 1:
            return_type = success_types[0]
        elif success_types:
            return_type = UnionType(tuple(success_types))
        operation = Operation(
            operation_id=str(op.get("operationId") or candidates[-1]),
            python_name=candidates[0],
            method=method.upper(),
            path=path,
            parameters=parameters,
            body=body,
            responses=responses,
            errors=errors,
            return_type=return_type,
            security=self._security(op),
            docs=Docs(text_or_none(op.get("summary")), text_or_none(op.get("description")), op.get("deprecated") is True),
            pagination=self._pagination(op, pointer, parameters, return_type),
        )
        return _Draft(self._group(op), candidates, operation, pointer)

    def _deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `$ref`s (parameters, bodies, responses) to the object they name."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#"):
                self._error(pointer, f"$ref {ref!r} cannot be resolved (loop or not local)")
                return None, pointer
            seen.add(ref)
            try:
                node, pointer = resolve_pointer(self.document, ref[1:]), ref[1:]
            except KeyError:
                self._error(pointer, f"unresolved $ref {ref!r}")
                return None, pointer
        return node, pointer

    def _parameters(
        self, path: str, item: dict[str, Any], op: dict[str, Any], pointer: str, hint: str
    ) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        item_pointer = pointer.rsplit("/", 1)[0]
        for owner, owner_pointer in ((item, item_pointer), (op, pointer)):
            for i, raw in enumerate(owner.get("parameters") or []):
                param, param_pointer = self._deref(raw, f"{owner_pointer}/parameters/{i}")
                if isinstance(param, dict) and isinstance(param.get("name"), str):
                    merged[(param["name"], str(param.get("in")))] = (param, param_pointer)
        declared = {name for name, location in merged if location == "path"}
        templated = set(_PATH_PARAM.findall(path))
        for missing in sorted(templated - declared):
            self._error(pointer, f"path parameter {{{missing}}} is in the path but not declared")
        for extra in sorted(declared - templated):
            self._error(pointer, f"path parameter {extra!r} is declared but not in the path {path!r}")
        taken: set[str] = set()
        params: list[Parameter] = []
        for (name, location), (param, param_pointer) in merged.items():
            if location not in ("path", "query", "header", "cookie"):
                continue
            if location == "header" and name.lower() in self.runtime_headers:
                continue
            schema = param.get("schema")
            schema_pointer = f"{param_pointer}/schema"
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                media_type, media = next(iter(param["content"].items()))
                schema = media.get("schema") if isinstance(media, dict) else None
                schema_pointer = f"{param_pointer}/content/{escape_pointer_token(media_type)}/schema"
            param_type = self.schemas.type_of(schema, schema_pointer, f"{hint} {name}")
            default_style = "simple" if location in ("path", "header") else "form"
            style = str(param.get("style") or default_style)
            params.append(
                Parameter(
                    wire_name=name,
                    python_name=naming.unique(naming.parameter_name(name), taken, sep="_"),
                    location=location,  # type: ignore[arg-type]
                    type=param_type.inner if isinstance(param_type, NullableType) else param_type,
                    required=location == "path" or param.get("required") is True,
                    nullable=isinstance(param_type, NullableType),
                    description=text_or_none(param.get("description")),
                    style=style,
                    explode=bool(param.get("explode", style == "form")),
                    deprecated=param.get("deprecated") is True,
                )
            )
        path_order = {name: i for i, name in enumerate(_PATH_PARAM.findall(path))}
        params.sort(
            key=lambda p: (not p.required, _LOCATION_ORDER[p.location], path_order.get(p.wire_name, 0))
        )
        return tuple(params)

    def _body(self, op: dict[str, Any], pointer: str, hint: str, taken: set[str]) -> RequestBody | None:
        body, body_pointer = self._deref(op.get("requestBody"), f"{pointer}/requestBody")
        if not isinstance(body, dict) or not isinstance(body.get("content"), dict) or not body["content"]:
            return None
        content = body["content"]
        content_type = _pick_content_type(content)
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        media_pointer = f"{body_pointer}/content/{escape_pointer_token(content_type)}"
        body_type = self.schemas.type_of(media.get("schema"), f"{media_pointer}/schema", f"{hint} Body")
        properties: tuple[Property, ...] = ()
        model = self._model(body_type)
        flattened = _is_json(content_type) or content_type in _BODY_PREFERENCE[1:3]
        flattened = flattened and model is not None and bool(model.properties) and model.extra is None
        if model is not None and flattened:
            taken = set(taken)
            renamed = []
            for prop in model.properties:
                if prop.read_only:
                    continue
                name = naming.parameter_name(prop.wire_name)
                if name in taken:
                    name = naming.unique(f"{name}_body", taken, sep="_")
                taken.add(name)
                renamed.append(replace(prop, python_name=name))
            properties = tuple(renamed)
        return RequestBody(
            content_type=content_type,
            type=body_type,
            required=body.get("required") is True,
            flattened=flattened,
            properties=properties,
            description=text_or_none(body.get("description")),
        )

    def _model(self, node: TypeNode) -> ObjectSchema | None:
        if isinstance(node, TypeRef):
            schema = self.schemas.schemas.get(node.name)
            if isinstance(schema, ObjectSchema):
                return schema
        return None

    def _responses(self, op: dict[str, Any], pointer: str, hint: str) -> tuple[tuple[Response, ...], tuple[Response, ...]]:
        raw = op.get("responses") or {}
        success: list[Response] = []
        errors: list[Response] = []
        if not isinstance(raw, dict):
            return (), ()
        has_2xx = any(str(code).startswith("2") for code in raw)
        for code, value in raw.items():
            code = str(code).upper()
            response, response_pointer = self._deref(value, f"{pointer}/responses/{escape_pointer_token(code)}")
            if not isinstance(response, dict):
                continue
            content = response.get("content")
            response_type: TypeNode | None = None
            content_type: str | None = None
            if isinstance(content, dict) and content:
                content_type = _pick_content_type(content)
                media = content[content_type] if isinstance(content[content_type], dict) else {}
                schema_pointer = f"{response_pointer}/content/{escape_pointer_token(content_type)}/schema"
                suffix = "Response" if code.startswith("2") else f"Error {code}"
                if _is_binary(content_type, media.get("schema")):
                    response_type = _BYTES
                else:
                    response_type = self.schemas.type_of(media.get("schema"), schema_pointer, f"{hint} {suffix}")
            entry = Response(code, response_type, content_type, text_or_none(response.get("description")))
            if code.startswith("2") or (code == "DEFAULT" and not has_2xx):
                success.append(entry)
            else:
                errors.append(entry)
        return tuple(success), tuple(errors)

    def _security(self, op: dict[str, Any]) -> tuple[tuple[str, ...], ...] | None:
        if "security" not in op or not isinstance(op["security"], list):
            return None
        return security_alternatives(op["security"])

    def _pagination(
        self, op: dict[str, Any], pointer: str, params: tuple[Parameter, ...], return_type: TypeNode | None
    ) -> OffsetPagination | None:
        raw = op.get("x-speakeasy-pagination")
        if not isinstance(raw, dict) or raw.get("type") != "offsetLimit":
            return None
        inputs = {i.get("type"): i.get("name") for i in raw.get("inputs") or [] if isinstance(i, dict)}
        wire_names = {p.wire_name for p in params if p.location == "query"}
        offset_kind: Literal["offset", "page"] = "page" if "page" in inputs else "offset"
        offset_param = inputs.get(offset_kind)
        limit_param = inputs.get("limit")
        results = str((raw.get("outputs") or {}).get("results", ""))
        items_path, item_type = self._items_path(results, return_type)
        if offset_param not in wire_names or item_type is None:
            self._warn(f"{pointer}/x-speakeasy-pagination", "pagination not understood; the method returns one page")
            return None
        return OffsetPagination(
            offset_param=str(offset_param),
            offset_kind=offset_kind,
            limit_param=str(limit_param) if limit_param in wire_names else None,
            items_path=items_path,
            item_type=item_type,
        )

    def _items_path(self, results: str, node: TypeNode | None) -> tuple[tuple[str, ...], TypeNode | None]:
        """Follow a `$.a.b` results path through the response model to its list.

        Speakeasy paths may name a key past the list (Novu: `$.data.resultArray`
        where `data` is the list); the walk stops at the first list it meets.
        """
        path: list[str] = []
        for key in [k for k in results.lstrip("$").split(".") if k]:
            model = self._model(node) if node is not None else None
            if isinstance(node, ListType):
                break
            prop = next((p for p in model.properties if p.wire_name == key), None) if model else None
            if prop is None:
                return (), None
            path.append(prop.wire_name)
            node = prop.type
        return (tuple(path), node.items) if isinstance(node, ListType) else ((), None)

    def _warn(self, pointer: str, message: str) -> None:
        self.diagnostics.append(self.spec.diagnostic(pointer, message, "warning"))

    def _error(self, pointer: str, message: str) -> None:
        self.diagnostics.append(self.spec.diagnostic(pointer, message))


_LOCATION_ORDER = {"path": 0, "query": 1, "header": 2, "cookie": 3}
_BYTES = PrimitiveType("bytes")


def security_alternatives(raw: list[Any]) -> tuple[tuple[str, ...], ...]:
    """`[{a: [], b: []}, {c: []}]` -> (("a", "b"), ("c",)); `{}` means "no auth" is an option."""
    return tuple(tuple(str(k) for k in alt) for alt in raw if isinstance(alt, dict))


def _pick_content_type(content: dict[str, Any]) -> str:
    types = list(content)
    for preferred in _BODY_PREFERENCE:
        for media_type in types:
            if media_type.split(";")[0].strip().lower() == preferred:
                return media_type
    for media_type in types:
        if _is_json(media_type):
            return media_type
    return types[0]


def _is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base == "*/*"


def _is_binary(media_type: str, schema: Any) -> bool:
    """Bytes, not parsed: any non-JSON, non-text body that is not described as structured data."""
    base = media_type.split(";")[0].strip().lower()
    if _is_json(base) or base.startswith("text/") or base.endswith(("/xml", "+xml")) or "form" in base:
        return False
    return not isinstance(schema, dict) or schema.get("type") in (None, "string")

