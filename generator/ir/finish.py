"""Pass 5: each operation finished once the schema table is resolved: parameters and responses
typed, JSON and form bodies flattened into keyword arguments, and the return type (`pagination`
then decides how the operation pages)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Literal

from ..reserved import PER_CALL_OPTIONS
from . import identifiers
from .media_types import flattens
from .operations import BodySpec, OperationSpec, ResponseSpec
from .parameters import ParameterSpec
from .schema_names import SchemaUse
from .shapes import Report
from .types import (
    NullableType,
    ObjectSchema,
    Operation,
    Parameter,
    PrimitiveType,
    Property,
    RequestBody,
    Response,
    Schema,
    StreamResponse,
    TypeNode,
    TypeRef,
    UnionType,
)

_BYTES = PrimitiveType("bytes")


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
        scopes=spec.scopes,
        docs=spec.docs,
        stream=_stream(success, type_of, body, return_type),
    )


def _stream(
    success: tuple[ResponseSpec, ...], type_of: TypeOf, body: RequestBody | None, return_type: TypeNode | None
) -> StreamResponse | None:
    """The first success response's stream, and what decides whether a call gets it: nothing
    else to answer with (`always`), a `stream: bool` body argument (`flag`), or the server."""
    spec = next((r for r in success if r.stream is not None), None)
    if spec is None or spec.stream is None:
        return None
    read = spec.stream
    flag = _stream_flag(body) if return_type is not None else None
    mode: Literal["always", "flag", "maybe"] = "always" if return_type is None else "flag" if flag else "maybe"
    return StreamResponse(
        kind=read.kind,
        media_type=read.media_type,
        item_type=type_of(spec.stream_use) if spec.stream_use is not None else None,
        mode=mode,
        flag=flag,
        fields=read.fields,
        json_data=read.json_data,
        sentinel=read.sentinel,
    )


def _stream_flag(body: RequestBody | None) -> str | None:
    """The argument of a flattened body's boolean `stream` property, as OpenAI-style APIs ask."""
    properties = body.properties if body is not None and body.flattened else ()
    return next((p.python_name for p in properties if p.wire_name == "stream" and p.type == PrimitiveType("bool")), None)


def _parameters(specs: tuple[ParameterSpec, ...], type_of: TypeOf) -> tuple[Parameter, ...]:
    taken: set[str] = set()
    params = []
    for spec in specs:
        node = type_of(spec.use)
        params.append(
            Parameter(
                wire_name=spec.wire_name,
                python_name=identifiers.unique(identifiers.argument_name(spec.renamed or spec.wire_name, spec.location), taken, sep="_"),
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
    flattened = flattens(spec.content_type) and model is not None and bool(model.properties) and model.extra is None
    return RequestBody(
        content_type=spec.content_type,
        type=body_type,
        required=spec.required,
        flattened=flattened,
        properties=_flattened_properties(model, taken) if flattened and model is not None else (),
        description=spec.description,
        encoding=spec.encoding,
    )


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
