"""Swagger 2.0 -> OpenAPI 3.0, so the IR builder reads one dialect.

Validation checks the document as it was written (2.0); the IR reads the upgraded one.
What cannot be carried over exactly is approximated and named in a warning. With `--lenient`
the document may be invalid: a value of the wrong kind is read as absent, never trusted.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any

from .. import pointer
from ..diagnostics import Diagnostic
from .source import Spec

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_KEPT = ("tags", "security", "externalDocs")  # top-level keys 3.0 has as they are, with `x-*`
# An operation's keys that 3.0 does not have: their content moves elsewhere or is dropped.
_MOVED = ("parameters", "responses", "consumes", "produces", "schemes")


def upgrade(spec: Spec) -> tuple[Spec, list[Diagnostic]]:
    """`spec` in OpenAPI 3.0, and a warning naming what was approximated.

    A Swagger 2.0 spec comes back as a new Spec (same path and text) with a new document;
    any other spec comes back as it is. `spec` itself is never changed.
    """
    if str(spec.document.get("swagger", "")) != "2.0":
        return spec, []
    approximated: list[str] = []
    document = _rewrite_refs(_openapi(spec.document, spec.path.stem, approximated))
    notes = sorted(set(approximated))
    message = "Swagger 2.0 converted to OpenAPI 3.0"
    if notes:
        message += "; approximated: " + ", ".join(notes)
    return replace(spec, document=document), [spec.diagnostic("/swagger", message, "warning")]


@dataclass(frozen=True)
class _Shared:
    """What a 2.0 document says once for all its operations."""

    parameters: dict[str, Any]  # `#/parameters/...`
    consumes: list[str]
    produces: list[str]


def _openapi(old: dict[str, Any], title: str, approximated: list[str]) -> dict[str, Any]:
    """The 3.0 document, its `$ref`s still 2.0's."""
    shared = _Shared(
        _mapping(old.get("parameters")),
        _media_types(old.get("consumes")) or ["application/json"],
        _media_types(old.get("produces")) or ["application/json"],
    )
    new: dict[str, Any] = {"openapi": "3.0.3", "info": old.get("info") or {"title": title, "version": "0"}}
    new["servers"] = _servers(old)
    new.update((key, value) for key, value in old.items() if key.startswith("x-") or key in _KEPT)
    new["paths"] = _paths(_mapping(old.get("paths")), shared, approximated)
    new["components"] = _components(old, shared)
    return new


def _components(old: dict[str, Any], shared: _Shared) -> dict[str, Any]:
    """Definitions, security definitions and shared responses, as 3.0 components."""
    components: dict[str, Any] = {}
    if isinstance(old.get("definitions"), dict):
        components["schemas"] = old["definitions"]
    if isinstance(old.get("securityDefinitions"), dict):
        components["securitySchemes"] = {
            name: _security_scheme(scheme) for name, scheme in old["securityDefinitions"].items() if isinstance(scheme, dict)
        }
    responses: dict[str, Any] = old["responses"] if isinstance(old.get("responses"), dict) else {}
    if responses:
        components["responses"] = {k: _response(v, shared.produces) for k, v in responses.items()}
    return components


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _media_types(value: Any) -> list[str]:
    """A `consumes` or `produces` list: its strings (none when it is no list)."""
    return [m for m in _list(value) if isinstance(m, str)]


def _paths(paths: dict[str, Any], shared: _Shared, approximated: list[str]) -> dict[str, Any]:
    """Each path item's operations, with the item's parameters merged into each."""
    new: dict[str, Any] = {}
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        common = _list(item.get("parameters"))
        new[path] = {
            method: _operation(item[method], common, shared, approximated)
            for method in _METHODS
            if isinstance(item.get(method), dict)
        }
    return new


def _servers(old: dict[str, Any]) -> list[dict[str, str]]:
    """host + basePath, once per scheme (https when none is given)."""
    host = old.get("host")
    if not isinstance(host, str) or not host:
        return [{"url": str(old.get("basePath") or "/")}]
    schemes = [s for s in _list(old.get("schemes")) if s in ("https", "http")] or ["https"]
    base = str(old.get("basePath") or "").rstrip("/")
    return [{"url": f"{scheme}://{host}{base}"} for scheme in schemes]


def _security_scheme(scheme: dict[str, Any]) -> dict[str, Any]:
    """basic is an http scheme in 3.0; an OAuth2 flow is one of `flows`, renamed."""
    kind = scheme.get("type")
    if kind == "basic":
        return {"type": "http", "scheme": "basic"}
    if kind == "apiKey":
        return {"type": "apiKey", "name": scheme.get("name", "Authorization"), "in": scheme.get("in", "header")}
    urls = {key: scheme.get(key) for key in ("authorizationUrl", "tokenUrl")}
    flow = {key: url for key, url in urls.items() if url is not None}
    flow["scopes"] = scheme.get("scopes") or {}
    return {"type": "oauth2", "flows": {_FLOWS.get(str(scheme.get("flow")), "implicit"): flow}}


_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}


def _operation(
    op: dict[str, Any], common: list[Any], shared: _Shared, approximated: list[str]
) -> dict[str, Any]:
    """One operation in 3.0 form: its body and form parameters become its request body."""
    new = {k: v for k, v in op.items() if k not in _MOVED}
    params = _merged_parameters([*common, *_list(op.get("parameters"))], shared.parameters)
    body = _request_body(params, _media_types(op.get("consumes")) or shared.consumes)
    if body is not None:
        new["requestBody"] = body
    converted = _parameters(params, approximated)
    if converted:
        new["parameters"] = converted
    new["responses"] = _responses(_mapping(op.get("responses")), _media_types(op.get("produces")) or shared.produces)
    return new


def _responses(responses: dict[str, Any], produces: list[str]) -> dict[str, Any]:
    """An operation's responses, status codes as strings (YAML reads `200:` as a number)."""
    return {str(code): _response(response, produces) for code, response in responses.items()}


def _merged_parameters(raw: list[Any], shared: dict[str, Any]) -> list[dict[str, Any]]:
    """The path item's parameters, then the operation's, which replace those of the same name
    and place; a `$ref` to a shared parameter is replaced by it."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for item in raw:
        param = item
        ref = item.get("$ref") if isinstance(item, dict) else None
        if isinstance(ref, str) and ref.startswith("#/parameters/"):
            param = shared.get(pointer.last(pointer.from_fragment(ref[1:])), item)
        if isinstance(param, dict):
            merged[(str(param.get("name")), str(param.get("in")))] = param
    return list(merged.values())


def _request_body(params: list[dict[str, Any]], consumes: list[str]) -> dict[str, Any] | None:
    """From the form parameters if there are any, else from the (last) body parameter."""
    form = [p for p in params if p.get("in") == "formData"]
    if form:
        return _form_body(form, consumes)
    bodies = [p for p in params if p.get("in") == "body"]
    if not bodies:
        return None
    body: dict[str, Any] = {
        "required": bodies[-1].get("required") is True,
        "content": {ct: {"schema": bodies[-1].get("schema") or {}} for ct in _json_first(consumes)},
    }
    if bodies[-1].get("description"):
        body["description"] = bodies[-1]["description"]
    return body


def _form_body(form: list[dict[str, Any]], consumes: list[str]) -> dict[str, Any]:
    """An object schema with a property per form parameter; multipart when there is a file."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in form:
        name = str(param.get("name"))
        properties[name] = _file_schema() if param.get("type") == "file" else _param_schema(param)
        if param.get("required"):
            required.append(name)
    has_file = any(p.get("type") == "file" for p in form)
    multipart = has_file or "multipart/form-data" in consumes
    media = "multipart/form-data" if multipart else "application/x-www-form-urlencoded"
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {"required": bool(required), "content": {media: {"schema": schema}}}


def _parameters(params: list[dict[str, Any]], approximated: list[str]) -> list[dict[str, Any]]:
    """The parameters 3.0 keeps as parameters: query, header and path."""
    kept = [p for p in params if p.get("in") in ("query", "header", "path")]
    return [_parameter(p, approximated) for p in kept]


def _parameter(param: dict[str, Any], approximated: list[str]) -> dict[str, Any]:
    """A query, header or path parameter, its type as a schema and its array format as a style."""
    converted: dict[str, Any] = {k: param[k] for k in ("name", "in", "description", "required") if k in param}
    converted["schema"] = _param_schema(param)
    fmt = param.get("collectionFormat")
    if fmt in ("ssv", "pipes", "tsv"):
        converted["style"] = {"ssv": "spaceDelimited", "pipes": "pipeDelimited", "tsv": "pipeDelimited"}[fmt]
        converted["explode"] = False
        if fmt == "tsv":
            approximated.append("tab-separated arrays")
    elif fmt == "csv" or (param.get("type") == "array" and fmt is None):
        converted["explode"] = False
    elif fmt == "multi":
        converted["explode"] = True
    return converted


def _param_schema(param: dict[str, Any]) -> dict[str, Any]:
    """The schema keywords a 2.0 parameter (or header, or items) has inline; 3.0 nests them."""
    keys = ("type", "format", "items", "enum", "default", "minimum", "maximum", "pattern", "minLength", "maxLength")
    schema = {k: copy.deepcopy(param[k]) for k in keys if k in param}
    if isinstance(schema.get("items"), dict):
        schema["items"] = _param_schema(schema["items"])
    return schema


def _response(response: Any, produces: list[str]) -> Any:
    """A response with its schema under a media type (3.0 says which), its headers as schemas."""
    if not isinstance(response, dict) or "$ref" in response:
        return response
    new: dict[str, Any] = {"description": response.get("description") or ""}
    if "schema" in response:
        new["content"] = _content(response["schema"], produces)
    headers = response.get("headers")
    if isinstance(headers, dict):
        new["headers"] = {name: {"schema": _param_schema(h)} for name, h in headers.items() if isinstance(h, dict)}
    return new


def _content(schema: Any, produces: list[str]) -> dict[str, Any]:
    """2.0's `type: file` is a binary body; else the schema under the first JSON type produced."""
    if isinstance(schema, dict) and schema.get("type") == "file":
        return {"application/octet-stream": {"schema": _file_schema()}}
    return {ct: {"schema": schema} for ct in _json_first(produces)}


def _file_schema() -> dict[str, Any]:
    """2.0's `type: file`, as 3.0 says it."""
    return {"type": "string", "format": "binary"}


def _json_first(media_types: list[str]) -> list[str]:
    """The one media type a body is declared under: the first JSON one, else the first."""
    json_types = [m for m in media_types if "json" in m]
    return json_types[:1] or media_types[:1] or ["application/json"]


def _rewrite_refs(node: Any) -> Any:
    """A copy of `node` whose `$ref`s point where 3.0 keeps definitions and shared responses."""
    if isinstance(node, dict):
        out = {k: _rewrite_refs(v) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str):
            ref = ref.replace("#/definitions/", "#/components/schemas/")
            out["$ref"] = ref.replace("#/responses/", "#/components/responses/")
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node
