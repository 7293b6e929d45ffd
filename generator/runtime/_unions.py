"""Tagged unions: pick a oneOf member by its discriminator property, as the spec says."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, cast


def discriminate(
    wire_name: str, attribute: str, mapping: Mapping[str, str]
) -> Callable[[Any], str | None]:
    """A pydantic `Discriminator` callable: the tag of a raw body (wire name) or of a model (attribute)."""

    def tag(value: Any) -> str | None:
        raw: object = (
            cast("dict[str, object]", value).get(wire_name)
            if isinstance(value, dict)
            else getattr(value, attribute, None)
        )
        if isinstance(raw, Enum):
            raw = raw.value
        return mapping.get(raw) if isinstance(raw, str) else None

    return tag
