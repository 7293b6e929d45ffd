"""Media types: which of an operation's content types the client speaks, and what that means for
a body: JSON, a form (and how it encodes each property), or bytes not parsed."""

from __future__ import annotations

from typing import Any

_BODY_PREFERENCE = (
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
    "text/plain",
)


def pick_content_type(content: dict[str, Any]) -> str:
    """The media type the client speaks: by preference, then any JSON, then the first by name."""
    types = sorted(content)
    for preferred in _BODY_PREFERENCE:
        for media_type in types:
            if media_type.split(";")[0].strip().lower() == preferred:
                return media_type
    return next((t for t in types if is_json(t)), types[0])


def is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base == "*/*"


def is_binary(media_type: str, schema: Any) -> bool:
    """Bytes, not parsed: any non-JSON, non-text body that is not described as structured data."""
    base = media_type.split(";")[0].strip().lower()
    if is_json(base) or base.startswith("text/") or base.endswith(("/xml", "+xml")) or "form" in base:
        return False
    return not isinstance(schema, dict) or schema.get("type") in (None, "string")


def form_encoding(content_type: str, media: Any) -> tuple[tuple[str, str, bool], ...]:
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


def flattens(content_type: str) -> bool:
    """JSON and forms: bodies whose properties can be keyword arguments."""
    return is_json(content_type) or content_type in _BODY_PREFERENCE[1:3]
