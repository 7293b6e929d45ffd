"""Request bodies on the wire: JSON, form-encoded, multipart (files and fields) and raw
bytes, chosen by the operation's content type, with ``extra_body`` merged in.

Everything here is pure, so tests can check the wire format directly. What a file may be
is ``_files``'s to say: a raw upload given as a path or a seekable file is sent from it in
chunks (``Body.stream``), any other file read once per call (``read_upload``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from ._files import FileStream, is_file, multipart_file, raw_upload
from ._params import encode_query, is_model, present, text, to_wire

__all__ = ["Body", "encode_body", "read_upload"]


@dataclass(frozen=True)
class Body:
    """What ``httpx.Client.build_request`` needs for a body, and its media type.

    ``files`` is used for multipart (httpx then sets the boundary itself); ``stream`` for a
    raw body sent from a file.
    """

    content: bytes | None = None
    files: list[tuple[str, Any]] | None = None
    content_type: str | None = None
    stream: FileStream | None = None


_NO_BODY = Body()


_MULTIPART = "multipart/form-data"
_FORM = "application/x-www-form-urlencoded"


def _media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def encode_body(
    content_type: str | None,
    body: object,
    extra: Mapping[str, object],
    styles: Mapping[str, tuple[str, bool]],
    files: Mapping[str, str] | None = None,
) -> Body:
    """``files`` maps the wire name of each multipart field the spec declares a file to the
    argument that carries it, for the error a value that is no file raises."""
    if content_type is None or (body is None and not extra):
        return _NO_BODY
    media = _media(content_type)
    if media == _MULTIPART:
        return Body(files=_multipart(body, extra, files or {}))
    if media == _FORM:
        form = encode_query(_merge(to_wire(body), extra), styles)
        return Body(content=form.encode("ascii"), content_type=content_type)
    if "json" in media:
        data = json.dumps(
            _merge(to_wire(body), extra), separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
        return Body(content=data.encode("utf-8"), content_type=content_type)
    if isinstance(body, FileStream):
        return Body(stream=body, content_type=content_type)
    return Body(content=_raw(body), content_type=content_type)


def read_upload(content_type: str | None, body: object) -> object:
    """A raw body given as a file: a ``FileStream`` each attempt sends from its start, or
    (a file that cannot rewind) its bytes, read once per call since it can be read only once.
    A value that is no file, bytes or text is a ``TypeError`` naming ``body``."""
    if content_type is None:
        return body
    media = _media(content_type)
    if media in (_MULTIPART, _FORM) or "json" in media or media.startswith("text/"):
        return body
    return raw_upload(body)


def _merge(wire: Any, extra: Mapping[str, object]) -> Any:
    if not extra:
        return wire
    if wire is None:
        wire = {}
    if not isinstance(wire, dict):
        raise TypeError("extra_body can only be merged into a JSON object body")
    merged: dict[str, Any] = {**cast("dict[str, Any]", wire), **to_wire(extra)}
    return merged


def _raw(body: object) -> bytes:
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    read = getattr(body, "read", None)
    if callable(read):
        data: object = read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(cast("bytes", data))
    raise TypeError(
        f"expected bytes, str or a binary file for a raw body, got {type(body).__name__}"
    )


def _multipart(
    body: object, extra: Mapping[str, object], files: Mapping[str, str]
) -> list[tuple[str, Any]]:
    """One part per set value; a list gives one part per item, under the same name."""
    fields = _multipart_fields(body)
    fields.extend(extra.items())
    return [
        _part(name, item, files.get(name))
        for name, value in fields
        for item in (cast("list[object]", value) if isinstance(value, list) else [value])
        if present(item)
    ]


def _multipart_fields(body: object) -> list[tuple[str, Any]]:
    if is_model(body):
        from ._models import wire_items

        return list(wire_items(body))  # type: ignore[arg-type]
    if isinstance(body, Mapping):
        return [(str(k), v) for k, v in cast("Mapping[object, object]", body).items()]
    if body is None:
        return []
    raise TypeError(f"a multipart body must be a mapping or a model, got {type(body).__name__}")


def _part(name: str, item: object, file_argument: str | None) -> tuple[str, Any]:
    """A file (where the spec declares one, or a value that is one); any other value as text,
    or as JSON when it is an object or a list."""
    if file_argument is not None or is_file(item):
        return name, multipart_file(item, file_argument or name)
    wire = to_wire(item)
    if isinstance(wire, (dict, list)):
        return name, (None, json.dumps(wire), "application/json")
    return name, (None, text(wire))
