"""Swagger 2.0 -> OpenAPI 3.0, so the IR builder reads one dialect.

Runs after validation (which checks the document as 2.0). What cannot be carried
over exactly is approximated and named in a warning.
"""

from __future__ import annotations

import copy
from typing import Any

from .diagnostics import Diagnostic
from .load import Spec

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


def upgrade(spec: Spec) -> list[Diagnostic]:
    """Rewrite `spec.document` in place when it is Swagger 2.0; return what was approximated."""
    old = spec.document
    if str(old.get("swagger", "")) != "2.0":
        return []
    approximated: list[str] = []
    new: dict[str, Any] = {"openapi": "3.0.3", "info": old.get("info") or {"title": spec.path.stem, "version": "0"}}
    new["servers"] = _servers(old)
    for key, value in old.items():
        if key.startswith("x-") or key in ("tags", "security", "externalDocs"):
            new[key] = value
    components: dict[str, Any] = {}
    if isinstance(old.get("definitions"), dict):
        components["schemas"] = old["definitions"]
    if isinstance(old.get("securityDefinitions"), dict):
        components["securitySchemes"] = {
            name: _security_scheme(scheme) for name, scheme in old["securityDefinitions"].items() if isinstance(scheme, dict)
        }
    shared_params: dict[str, Any] = old["parameters"] if isinstance(old.get("parameters"), dict) else {}
    shared_responses: dict[str, Any] = old["responses"] if isinstance(old.get("responses"), dict) else {}
    consumes = old.get("consumes") or ["application/json"]
    produces = old.get("produces") or ["application/json"]
    if shared_responses:
        components["responses"] = {k: _response(v, produces) for k, v in shared_responses.items()}
    paths: dict[str, Any] = {}
    for path, item in (old.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        common = item.get("parameters") or []
        new_item: dict[str, Any] = {}
        for method in _METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                new_item[method] = _operation(op, common, shared_params, consumes, produces, approximated)
        paths[path] = new_item
    new["paths"] = paths
    new["components"] = components
    document = _rewrite_refs(new)
    spec.document.clear()
    spec.document.update(document)
    notes = sorted(set(approximated))
    message = "Swagger 2.0 converted to OpenAPI 3.0"
    if notes:
        message += "; approximated: " + ", ".join(notes)
    return [spec.diagnostic("/swagger", message, "warning")]


def _servers(old: dict[str, Any]) -> list[dict[str, str]]:
    host = old.get("host")
    if not isinstance(host, str) or not host:
        return [{"url": str(old.get("basePath") or "/")}]
    schemes = [s for s in old.get("schemes") or ["https"] if s in ("https", "http")] or ["https"]
    base = str(old.get("basePath") or "").rstrip("/")
    return [{"url": f"{scheme}://{host}{base}"} for scheme in schemes]


def _security_scheme(scheme: dict[str, Any]) -> dict[str, Any]:
    kind = scheme.get("type")
    if kind == "basic":
        return {"type": "http", "scheme": "basic"}
    if kind == "apiKey":
        return {"type": "apiKey", "name": scheme.get("name", "Authorization"), "in": scheme.get("in", "header")}
    flow = {"implicit": "implicit", "password": "password", "application": "clientCredentials", "accessCode": "authorizationCode"}
    flows = {flow.get(str(scheme.get("flow")), "implicit"): {
        k: v for k, v in {
            "authorizationUrl": scheme.get("authorizationUrl"),
            "tokenUrl": scheme.get("tokenUrl"),
            "scopes": scheme.get("scopes") or {},
        }.items() if v is not None
    }}
    return {"type": "oauth2", "flows": flows}


def _operation(
    op: dict[str, Any],
    common: list[Any],
    shared_params: dict[str, Any],
    consumes: list[str],
    produces: list[str],
    approximated: list[str],
) -> dict[str, Any]:
    new = {k: v for k, v in op.items() if k not in ("parameters", "responses", "consumes", "produces", "schemes")}
    op_consumes = op.get("consumes") or consumes
    op_produces = op.get("produces") or produces
    params: list[Any] = []
    form: dict[str, Any] = {}
    form_required: list[str] = []
    has_file = False
    merged: dict[tuple[str, str], Any] = {}
    for raw in [*common, *(op.get("parameters") or [])]:
        param = raw
        if isinstance(raw, dict) and isinstance(raw.get("$ref"), str) and raw["$ref"].startswith("#/parameters/"):
            param = shared_params.get(raw["$ref"].split("/")[-1], raw)
        if isinstance(param, dict):
            merged[(str(param.get("name")), str(param.get("in")))] = param
    for param in merged.values():
        location = param.get("in")
        if location == "body":
            new["requestBody"] = {
                "required": param.get("required") is True,
                "content": {ct: {"schema": param.get("schema") or {}} for ct in _json_first(op_consumes)},
            }
            if param.get("description"):
                new["requestBody"]["description"] = param["description"]
        elif location == "formData":
            schema = _param_schema(param)
            if param.get("type") == "file":
                has_file = True
                schema = {"type": "string", "format": "binary"}
            form[str(param["name"])] = schema
            if param.get("required"):
                form_required.append(str(param["name"]))
        elif location in ("query", "header", "path"):
            converted = {k: param[k] for k in ("name", "in", "description", "required") if k in param}
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
            params.append(converted)
    if form:
        media = "multipart/form-data" if has_file or "multipart/form-data" in op_consumes else "application/x-www-form-urlencoded"
        form_schema: dict[str, Any] = {"type": "object", "properties": form}
        if form_required:
            form_schema["required"] = form_required
        new["requestBody"] = {"required": bool(form_required), "content": {media: {"schema": form_schema}}}
    if params:
        new["parameters"] = params
    new["responses"] = {
        str(code): _response(response, op_produces) for code, response in (op.get("responses") or {}).items()
    }
    return new


def _param_schema(param: dict[str, Any]) -> dict[str, Any]:
    keys = ("type", "format", "items", "enum", "default", "minimum", "maximum", "pattern", "minLength", "maxLength")
    schema = {k: copy.deepcopy(param[k]) for k in keys if k in param}
    if isinstance(schema.get("items"), dict):
        schema["items"] = _param_schema(schema["items"])
    return schema


def _response(response: Any, produces: list[str]) -> Any:
    if not isinstance(response, dict) or "$ref" in response:
        return response
    new = {"description": response.get("description") or ""}
    if "schema" in response:
        schema = response["schema"]
        binary = isinstance(schema, dict) and schema.get("type") == "file"
        content_types = ["application/octet-stream"] if binary else _json_first(produces)
        new["content"] = {ct: {"schema": {"type": "string", "format": "binary"} if binary else schema} for ct in content_types}
    if isinstance(response.get("headers"), dict):
        new["headers"] = {name: {"schema": _param_schema(h)} for name, h in response["headers"].items() if isinstance(h, dict)}
    return new


def _json_first(media_types: list[str]) -> list[str]:
    json_types = [m for m in media_types if "json" in m]
    return json_types[:1] or media_types[:1] or ["application/json"]


def _rewrite_refs(node: Any) -> Any:
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
