"""Streamed responses: which media types stream (server-sent events, NDJSON and its kin), the
schema of one item of a stream, and how an event carries it.

A `text/event-stream` schema is read two ways, as the APIs that publish them write it: the
payload of each event's `data` (OpenAI's chunk object), or the whole event (`{event, data, id,
retry}`, Speakeasy's convention, Together's `{data: <chunk>}`). A union member whose `data` is one
constant string (`{data: "[DONE]"}`) is the stream's end, not an item: it becomes the sentinel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .. import pointer as jp
from . import extensions

StreamKind = Literal["sse", "ndjson", "json-seq"]
Deref = Callable[[Any, str], tuple[Any, str]]

_KINDS: dict[str, StreamKind] = {
    "text/event-stream": "sse",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
    "application/x-jsonl": "ndjson",
    "application/jsonlines": "ndjson",
    "application/x-jsonlines": "ndjson",
    "application/json-seq": "json-seq",
}
_EVENT_FIELDS = ("data", "event", "id", "retry")
# Ends an SSE stream of JSON data when the spec names no sentinel: it is not JSON, so it can
# never be an item (OpenAI's streams end with it).
DEFAULT_SENTINEL = "[DONE]"


def stream_kind(media_type: str) -> StreamKind | None:
    return _KINDS.get(media_type.split(";")[0].strip().lower())


@dataclass(frozen=True)
class StreamRead:
    """A response's stream as written: its kind, the item schema and where it is written
    (None: no schema), the event fields the schema declares (empty: it describes `data`),
    whether `data` is JSON, and the sentinel that ends it."""

    kind: StreamKind
    media_type: str
    schema: Any
    pointer: str
    fields: tuple[str, ...] = ()
    json_data: bool = True
    sentinel: str | None = None


def read_stream(content: dict[str, Any], where: str, op: dict[str, Any], deref: Deref) -> StreamRead | None:
    """The first streamed media type of a response's `content`, by name; None when none streams."""
    for media_type in sorted(content):
        kind = stream_kind(media_type)
        if kind is not None:
            media = content[media_type] if isinstance(content[media_type], dict) else {}
            return _read(kind, media_type, media, jp.join(where, "content", media_type), op, deref)
    return None


def _read(kind: StreamKind, media_type: str, media: dict[str, Any], where: str, op: dict[str, Any], deref: Deref) -> StreamRead:
    key = "itemSchema" if "itemSchema" in media else "schema"
    schema, pointer = media.get(key), jp.join(where, key)
    written = extensions.sse_sentinel(media, op)
    if schema is None:
        return StreamRead(kind, media_type, None, pointer, sentinel=written)
    if kind != "sse":
        return _lines(kind, media_type, schema, pointer, key, deref)
    schema, pointer, fields, found = _events(schema, pointer, deref)
    json_data = not _is_string(_data_schema(schema, pointer, deref) if fields else (schema, pointer), deref)
    sentinel = written or found or (DEFAULT_SENTINEL if json_data else None)
    return StreamRead(kind, media_type, schema, pointer, fields, json_data, sentinel)


def _lines(kind: StreamKind, media_type: str, schema: Any, pointer: str, key: str, deref: Deref) -> StreamRead:
    """One item per line: a `schema` written as an array of them (3.0 has no `itemSchema`) gives its items."""
    resolved, _ = deref(schema, pointer)
    if key == "schema" and isinstance(resolved, dict) and resolved.get("type") == "array" and "items" in resolved:
        _, at = deref(schema, pointer)
        return StreamRead(kind, media_type, resolved["items"], jp.join(at, "items"))
    return StreamRead(kind, media_type, schema, pointer)


def _events(schema: Any, pointer: str, deref: Deref) -> tuple[Any, str, tuple[str, ...], str | None]:
    """The item schema with a sentinel member dropped, the event fields it declares, and that
    sentinel's data."""
    resolved, at = deref(schema, pointer)
    members = _members(resolved)
    if not members:
        return schema, pointer, _fields(resolved), None
    items: list[tuple[Any, str]] = []
    sentinel = None
    for index, member in members:
        found = _constant_data(*deref(member, jp.join(at, index[0], index[1])), deref)
        if found is not None and sentinel is None:
            sentinel = found
        else:
            items.append((member, jp.join(at, index[0], index[1])))
    if sentinel is None or len(items) != 1:
        fields = _union_fields(resolved, at, deref)
        return schema, pointer, fields, sentinel
    item, item_pointer = items[0]
    return item, item_pointer, _fields(deref(item, item_pointer)[0]), sentinel


def _members(schema: Any) -> list[tuple[tuple[str, int], Any]]:
    for key in ("oneOf", "anyOf"):
        listed = schema.get(key) if isinstance(schema, dict) else None
        if isinstance(listed, list) and listed:
            return [((key, i), member) for i, member in enumerate(listed)]
    return []


def _union_fields(schema: Any, pointer: str, deref: Deref) -> tuple[str, ...]:
    """The event fields of a union whose every member is an event; else none."""
    found: list[tuple[str, ...]] = []
    for (key, i), member in _members(schema):
        found.append(_fields(deref(member, jp.join(pointer, key, i))[0]))
    if not all(found):
        return ()
    return tuple(f for f in _EVENT_FIELDS if any(f in fields for fields in found))


def _fields(schema: Any) -> tuple[str, ...]:
    """An event object's fields (`data` among them, nothing else), in the grammar's order; else ()."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict) or "data" not in properties or not set(properties) <= set(_EVENT_FIELDS):
        return ()
    return tuple(f for f in _EVENT_FIELDS if f in properties)


def _data_schema(schema: Any, pointer: str, deref: Deref) -> tuple[Any, str]:
    resolved, at = deref(schema, pointer)
    properties = resolved.get("properties") if isinstance(resolved, dict) else None
    data = properties.get("data") if isinstance(properties, dict) else None
    return data, jp.join(at, "properties", "data")


def _constant_data(schema: Any, pointer: str, deref: Deref) -> str | None:
    """The one string an event's `data` may be (`const`, or an enum of one), if so."""
    if not _fields(schema):
        return None
    data, _ = deref(*_data_schema(schema, pointer, deref))
    if not isinstance(data, dict):
        return None
    values = [data["const"]] if "const" in data else data.get("enum")
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
        return values[0]
    return None


def _is_string(found: tuple[Any, str], deref: Deref) -> bool:
    schema, _ = deref(*found)
    return isinstance(schema, dict) and schema.get("type") == "string" and "format" not in schema
