"""What a method's stream, overloads and file fields look like in generated code: the
`StreamFormat(...)` an endpoint carries, the item type its `Stream[...]` yields, the typed
overloads when a `stream: bool` argument decides between the stream and the body, and the
multipart fields the runtime must find a file in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..ir.types import (
    ListType,
    LiteralType,
    NullableType,
    Operation,
    PrimitiveType,
    Property,
    TypeNode,
)
from .filters import SpecText
from .imports import Imports, needs
from .python_types import PythonTypes, Spelled


@dataclass(frozen=True)
class StreamView:
    """`item_type` is what the runtime validates each item as (None: as it came); `item` is
    the type argument of the method's `Stream[...]`."""

    kind: str
    item_type: str | None
    item: str
    fields: tuple[str, ...]
    json_data: bool
    sentinel: SpecText | None
    always: bool


def stream_view(op: Operation, types: PythonTypes) -> tuple[StreamView | None, Imports]:
    stream = op.stream
    if stream is None:
        return None, Imports()
    imports = needs("._runtime", "Stream", "AsyncStream", "StreamFormat")
    if stream.item_type is not None:
        spelled = types.spell(stream.item_type)
        item_type: str | None = spelled.text
        item, imports = spelled.text, imports | spelled.imports
    elif stream.kind == "sse":
        item_type, item = None, "ServerSentEvent"
        imports |= needs("._runtime", "ServerSentEvent")
    else:
        item_type, item = None, "Any"
        imports |= needs("typing", "Any")
    view = StreamView(
        kind=stream.kind,
        item_type=item_type,
        item=item,
        fields=stream.fields,
        json_data=stream.json_data,
        sentinel=SpecText(stream.sentinel) if stream.sentinel is not None else None,
        always=stream.mode == "always",
    )
    return view, imports


@dataclass(frozen=True)
class OverloadView:
    """One `@overload` of a method: its keyword arguments, and which of its returns it gets."""

    keyword: tuple[object, ...]  # the method view's `ArgView`s, the flag's retyped
    returns: Literal["stream", "plain", "either"]


# (name, spelled type, required, nullable) -> the argument and its imports (`method_views`).
MakeArgument = Callable[[str, Spelled, bool, bool], tuple[object, Imports]]


def overloads(
    op: Operation, keyword: tuple[object, ...], types: PythonTypes, argument: MakeArgument
) -> tuple[tuple[OverloadView, ...], Imports]:
    """`stream: Literal[True]` gets the stream, `Literal[False]` (or left out) the body, and a
    plain `bool` either; so `mypy --strict` knows which one each call gets."""
    flag, body = _flag(op), op.body
    if flag is None or body is None:
        return (), Imports()
    at = [getattr(a, "name", None) for a in keyword].index(flag.python_name)
    found: list[OverloadView] = []
    imports = needs("typing", "overload")
    for value, returns in ((True, "stream"), (False, "plain")):
        required = value or (flag.required and body.required)
        spelled = types.spell(LiteralType(value))
        retyped, more = argument(flag.python_name, spelled, required, flag.nullable and not value)
        found.append(OverloadView((*keyword[:at], retyped, *keyword[at + 1 :]), returns))  # type: ignore[arg-type]
        imports |= more
    found.append(OverloadView(keyword, "either"))
    return tuple(found), imports


def _flag(op: Operation) -> Property | None:
    stream, body = op.stream, op.body
    if stream is None or stream.flag is None or body is None:
        return None
    return next((p for p in body.properties if p.python_name == stream.flag), None)


def file_fields(op: Operation) -> tuple[tuple[SpecText, str], ...]:
    """Each field of a flattened multipart body the spec declares a file, by wire name, with
    its argument (in a body passed whole, the runtime knows a file by its value)."""
    body = op.body
    if body is None or body.content_type.split(";")[0].strip().lower() != "multipart/form-data":
        return ()
    return tuple((SpecText(p.wire_name), p.python_name) for p in body.properties if _is_file(p.type))


def _is_file(node: TypeNode) -> bool:
    while isinstance(node, (ListType, NullableType)):
        node = node.items if isinstance(node, ListType) else node.inner
    return isinstance(node, PrimitiveType) and node.kind == "file"
