"""Base classes for generated models and enums, and their encoding for requests.

Responses are parsed leniently by default, so that a server adding a field or an
enum value does not break clients already deployed; strict mode, switched on
per validation through a context variable, rejects both.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

import pydantic
import pydantic_core
from typing_extensions import Self

from ._types import NotGiven

__all__ = ["BaseModel", "OpenIntEnum", "OpenStrEnum", "strict_validation", "to_wire", "wire_items"]

_STRICT: ContextVar[bool] = ContextVar("strict_validation", default=False)


@contextmanager
def strict_validation(strict: bool) -> Iterator[None]:
    token = _STRICT.set(strict)
    try:
        yield
    finally:
        _STRICT.reset(token)


class BaseModel(pydantic.BaseModel):
    """Keeps undocumented fields (readable as attributes and in ``model_extra``).

    ``_nullable_fields`` names the fields whose ``None`` means JSON ``null``; for
    every other field ``None`` means "absent" and is not sent.
    """

    # Spec properties may be named like pydantic's own (`model_dump`): they are escaped by the
    # generator, so pydantic's protected-namespace warning would only be noise.
    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, protected_namespaces=()
    )
    _nullable_fields: ClassVar[frozenset[str]] = frozenset()

    @pydantic.model_validator(mode="after")
    def _reject_undocumented_fields_when_strict(self) -> Self:
        if _STRICT.get() and self.model_extra:
            raise ValueError(f"undocumented field(s): {', '.join(sorted(self.model_extra))}")
        return self


class OpenStrEnum(str, enum.Enum):
    """A string enum that also holds values the spec did not list.

    An unknown value becomes a member-like instance (``.value`` is the raw
    string) instead of a validation error, except under strict validation.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str) or _STRICT.get():
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


class OpenIntEnum(int, enum.Enum):
    """The integer counterpart of ``OpenStrEnum``."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, int) or isinstance(value, bool) or _STRICT.get():
            return None
        member = int.__new__(cls, value)
        member._name_ = str(value)
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


class OpenFloatEnum(float, enum.Enum):
    """The number counterpart of ``OpenStrEnum``."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or _STRICT.get():
            return None
        member = float.__new__(cls, value)
        member._name_ = str(value)
        member._value_ = float(value)
        return member

    def __str__(self) -> str:
        return str(self.value)


def to_wire(value: object) -> Any:
    """JSON-ready data for a request: aliases applied, unset and NOT_GIVEN dropped,
    and ``None`` kept only for fields the spec declares nullable."""
    if isinstance(value, BaseModel):
        return {name: to_wire(item) for name, item in wire_items(value)}
    if isinstance(value, Mapping):
        return {str(k): to_wire(v) for k, v in value.items() if not isinstance(v, NotGiven)}
    if isinstance(value, (list, tuple)):
        return [to_wire(item) for item in value if not isinstance(item, NotGiven)]
    return pydantic_core.to_jsonable_python(value)


def wire_items(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """The fields a request carries, by wire name, with values not yet encoded."""
    for name, info in type(model).model_fields.items():
        if name not in model.model_fields_set:
            continue
        value = getattr(model, name)
        if isinstance(value, NotGiven) or (value is None and name not in model._nullable_fields):
            continue
        alias = info.serialization_alias if info.serialization_alias is not None else info.alias
        yield (alias if alias is not None else name), value
    for key, value in (model.model_extra or {}).items():
        if not isinstance(value, NotGiven):
            yield key, value
