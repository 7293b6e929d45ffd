"""An operation's parameters as the spec writes them: the path item's and the operation's merged
by (name, location), the path template checked against them, each read with the schema it uses,
required ones first. The headers the runtime sends itself are not parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import pointer as jp
from .media_types import pick_content_type
from .paths import PATH_PARAMETER
from .schema_names import SchemaUse
from .schema_object import text_or_none
from .shapes import Report
from .types import ParameterLocation

_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header", "cookie")

# Follows `$ref`s to the object they name: (the object, its pointer).
Deref = Callable[[Any, str], tuple[Any, str]]


@dataclass(frozen=True)
class ParameterSpec:
    """One parameter as the spec writes it, before its schema has a type."""

    wire_name: str
    location: ParameterLocation
    use: SchemaUse
    required: bool
    description: str | None
    style: str
    explode: bool
    deprecated: bool
    default: tuple[object] | None = None  # (the schema's default,) when it has one
    renamed: str | None = None  # the config's `rename.parameters` name for its argument


class ParameterReader:
    """Reads the parameters of each operation of one document."""

    def __init__(self, deref: Deref, report: Report, idempotency_header: str | None) -> None:
        self.deref, self.report = deref, report
        self.runtime_headers = {"accept", "content-type", "authorization"}
        if idempotency_header:
            self.runtime_headers.add(idempotency_header.lower())

    def read(
        self, path: str, item: dict[str, Any], op: dict[str, Any], pointer: str, hint: str
    ) -> tuple[ParameterSpec, ...]:
        """The operation's parameters: required first, then by location, path ones as the path has them."""
        merged = self._declared(item, op, pointer)
        self._check_path(path, {name for name, location in merged if location == "path"}, pointer)
        params = [
            _parameter(name, location, param, param_pointer, pointer, hint)
            for (name, location), (param, param_pointer) in merged.items()
            if location in _LOCATIONS and not (location == "header" and name.lower() in self.runtime_headers)
        ]
        path_order = {name: i for i, name in enumerate(PATH_PARAMETER.findall(path))}
        params.sort(key=lambda p: (not p.required, _LOCATIONS.index(p.location), path_order.get(p.wire_name, 0)))
        return tuple(params)

    def _declared(
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

    def _check_path(self, path: str, declared: set[str], pointer: str) -> None:
        """Every `{name}` in the path declared as a path parameter, and every path parameter in the path."""
        templated = set(PATH_PARAMETER.findall(path))
        for missing in sorted(templated - declared):
            self.report(pointer, f"path parameter {{{missing}}} is in the path but not declared", "error")
        for extra in sorted(declared - templated):
            self.report(pointer, f"path parameter {extra!r} is declared but not in the path {path!r}", "error")


def _parameter(
    name: str, location: str, param: dict[str, Any], param_pointer: str, op_pointer: str, hint: str
) -> ParameterSpec:
    """One parameter with its schema: under `schema`, or under the media type of its `content`."""
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
        use=SchemaUse.in_operation(schema, schema_pointer, op_pointer, f"{hint} {name}", name),
        required=location == "path" or param.get("required") is True,
        description=text_or_none(param.get("description")),
        style=style,
        explode=bool(param.get("explode", style == "form")),
        deprecated=param.get("deprecated") is True,
        default=(schema["default"],) if isinstance(schema, dict) and "default" in schema else None,
    )

