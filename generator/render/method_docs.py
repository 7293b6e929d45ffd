"""A method's docstring: the operation's summary and description; then every argument in
signature order (the spec's description, allowed values, default, deprecation, or where it
goes when the spec says nothing), the per-call options, what it returns and what it raises."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..ir.types import (
    EnumSchema,
    ListType,
    LiteralType,
    Operation,
    Response,
    Schema,
    TypeNode,
    TypeRef,
)
from ..reserved import PER_CALL_OPTIONS
from .filters import SpecText, spec_doc
from .paging_docs import paging_sentence

_MOST_VALUES = 20  # an enum longer than this is listed up to here, then "..."

# The error each documented status raises (the runtime's `_errors.status_error` picks them so).
_ERRORS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}
_OPTIONS_LINE = "    **options: Per-call options: " + ", ".join(sorted(PER_CALL_OPTIONS)) + "."


@dataclass(frozen=True)
class _Described:
    description: str | None
    type: TypeNode
    default: tuple[object] | None
    deprecated: bool
    where: str  # said when the spec describes nothing: "The `limit` query parameter."


def method_doc(
    op: Operation, order: tuple[str, ...], schemas: Mapping[str, Schema], returns: str
) -> SpecText:
    """The docstring's text; `order` is the arguments' names as the signature lists them,
    `returns` the return type as the signature spells it (a page's body type when paged)."""
    described = _arguments(op)
    lines = [f"    {name}: {_line(described[name], schemas)}" for name in order if name in described]
    deprecated = "Deprecated." if op.docs.deprecated else None
    paging = paging_sentence(op.pagination) if op.pagination is not None else None
    text = spec_doc(op.docs.summary, op.docs.description, deprecated, paging)
    sections = ("Args:\n" + "\n".join([*lines, _OPTIONS_LINE]), _returns(op, returns), _raises(op))
    # Not through `spec_doc`, whose dedent would take the sections' indentation away.
    return SpecText("\n\n".join(part for part in (text, *sections) if part))


def _arguments(op: Operation) -> dict[str, _Described]:
    found = {
        p.python_name: _Described(
            p.description,
            p.type,
            (p.default,) if p.has_default else None,
            p.deprecated,
            f"The `{p.wire_name}` {p.location} parameter.",
        )
        for p in op.parameters
    }
    body = op.body
    if body is not None and body.flattened:
        for prop in body.properties:
            default = (prop.default,) if prop.has_default else None
            where = f"The `{prop.wire_name}` field of the request body."
            found[prop.python_name] = _Described(prop.description, prop.type, default, prop.deprecated, where)
    elif body is not None:
        found["body"] = _Described(body.description, body.type, None, False, "The request body.")
    return found


def _line(argument: _Described, schemas: Mapping[str, Schema]) -> str:
    """One argument's text on one line (the spec's line breaks become spaces); where it goes
    when the spec says nothing else of it."""
    parts = ["Deprecated." if argument.deprecated else "", argument.description or ""]
    values = _allowed(argument.type, schemas)
    if values:
        shown = ", ".join(_json(v) for v in values[:_MOST_VALUES])
        parts.append(f"One of: {shown}{', ...' if len(values) > _MOST_VALUES else ''}.")
    if argument.default is not None:
        parts.append(f"Default: {_json(argument.default[0])}.")
    text = " ".join(" ".join(part.split()) for part in parts if part.strip())
    return text or argument.where


def _returns(op: Operation, returns: str) -> str:
    if op.pagination is not None:
        shown = f"A page whose body is `{returns}`: iterate it for every item of every page."
    elif op.return_type is None:
        shown = "None."
    else:
        shown = f"`{returns}`."
    return "Returns:\n    " + shown


def _raises(op: Operation) -> str:
    """The errors a call ends in: each documented status's, then those of any call."""
    documented: dict[str, list[str]] = {}
    for response in op.errors:
        documented.setdefault(_error_class(response), []).append(response.status)
    lines = [f"    {name}: HTTP {', '.join(statuses)}." for name, statuses in sorted(documented.items())]
    if op.security is None or (op.security and all(op.security)):  # None: the API's default
        lines.append("    MissingCredentialsError: a credential it needs was not given (nothing is sent).")
    lines += [
        "    APIStatusError: any other response that is not a success.",
        "    APITimeoutError: no answer within the timeout, after the retries.",
        "    APIConnectionError: the API could not be reached, after the retries.",
        "    APIResponseValidationError: a success whose body does not fit the return type.",
    ]
    return "Raises:\n" + "\n".join(lines)


def _error_class(response: Response) -> str:
    status = response.status
    if not status.isdigit():  # `4XX`, `default`
        return "InternalServerError" if status.upper() == "5XX" else "APIStatusError"
    code = int(status)
    return "InternalServerError" if code >= 500 else _ERRORS.get(code, "APIStatusError")


def _allowed(node: TypeNode, schemas: Mapping[str, Schema]) -> list[object]:
    """The values an enum (or a list of one) or a constant allows, else none."""
    if isinstance(node, ListType):
        return _allowed(node.items, schemas)
    if isinstance(node, LiteralType):
        return [node.value]
    schema = schemas.get(node.name) if isinstance(node, TypeRef) else None
    return [m.value for m in schema.members] if isinstance(schema, EnumSchema) else []


def _json(value: object) -> str:
    """A value as the JSON the API reads: `"email"`, `10`, `true`."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
