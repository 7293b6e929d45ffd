"""Base classes for generated models and enums, and their encoding for requests.

Responses are parsed leniently by default, so that a server adding a field or an
enum value does not break clients already deployed; strict mode, switched on
per validation through a context variable, rejects both.
"""

from __future__ import annotations

import enum
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar, cast

import pydantic
import pydantic_core
from typing_extensions import Self

from ._types import NotGiven

__all__ = [
    "BaseModel",
    "RequestModel",
    "OpenIntEnum",
    "OpenStrEnum",
    "strict_validation",
    "to_wire",
    "wire_items",
]

_MASK = "**********"

_STRICT: ContextVar[bool] = ContextVar("strict_validation", default=False)


@contextmanager
def strict_validation(strict: bool) -> Generator[None, None, None]:
    token = _STRICT.set(strict)
    try:
        yield
    finally:
        _STRICT.reset(token)


class BaseModel(pydantic.BaseModel):
    """Keeps undocumented fields (readable as attributes and in ``model_extra``).

    ``__nullable_fields__`` names the fields whose ``None`` means JSON ``null``; for
    every other field ``None`` means "absent" and is not sent. ``__secret_fields__``
    names credentials: readable as attributes, masked in ``repr()`` and ``str()``
    (so a model printed or logged does not show them).
    """

    # Spec properties may be named like pydantic's own (`model_dump`): they are escaped by the
    # generator, so pydantic's protected-namespace warning would only be noise.
    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, protected_namespaces=()
    )
    __nullable_fields__: ClassVar[frozenset[str]] = frozenset()
    __secret_fields__: ClassVar[frozenset[str]] = frozenset()

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            if name in self.__secret_fields__ and value is not None:
                yield name, _MASK
            else:
                yield name, value

    @pydantic.model_validator(mode="after")
    def _reject_undocumented_fields_when_strict(self) -> Self:
        if _STRICT.get() and self.model_extra:
            raise ValueError(f"undocumented field(s): {', '.join(sorted(self.model_extra))}")
        return self


class RequestModel(BaseModel):
    """A model only requests carry: a field the spec does not list is refused, so that a
    misspelled name (``emial=``) fails here instead of being sent. (Send an undocumented
    field with the per-call option ``extra_body``.) Models that responses carry keep
    unknown fields instead, so that a server adding one breaks nothing."""

    model_config = pydantic.ConfigDict(extra="forbid")


class _OpenEnum:
    """An enum that also holds values the spec did not list.

    An unknown value becomes a member-like instance (``.value`` is the raw value)
    instead of a validation error, except under strict validation.
    """

    _member_type_: Any  # str, int or float: set by enum.Enum from the data type mixed in
    _value_: Any

    @staticmethod
    def _accepts(value: object) -> bool:
        raise NotImplementedError

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if _STRICT.get() or not cls._accepts(value):
            return None
        raw = cls._member_type_(value)
        member: Any = cls._member_type_.__new__(cls, raw)
        member._name_ = str(value)
        member._value_ = raw
        return member

    def __str__(self) -> str:
        return str(self._value_)


class OpenStrEnum(_OpenEnum, str, enum.Enum):
    @staticmethod
    def _accepts(value: object) -> bool:
        return isinstance(value, str)


class OpenIntEnum(_OpenEnum, int, enum.Enum):
    @staticmethod
    def _accepts(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)


class OpenFloatEnum(_OpenEnum, float, enum.Enum):
    @staticmethod
    def _accepts(value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_mappings(path: str, model: type[BaseModel], value: object) -> None:
    """A mapping given where the spec has ``model`` (or a list of them), checked as a model
    instance would be, so that one rule holds at every depth: a key a request-only model
    does not list, a wrong value, or ``None`` where the spec allows no null raises, naming
    the path (``argument 'subscribers'[0]['email']``). A model instance is not checked:
    its ``None`` means "absent"."""
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(cast("Sequence[object]", value)):
            check_mappings(f"{path}[{index}]", model, item)
    elif isinstance(value, Mapping):
        try:
            instance = model.model_validate(value)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            where = path + "".join(f"[{part!r}]" for part in first["loc"])
            raise TypeError(
                f"argument {where}: {first['msg']} (as {model.__name__} says; "
                f"{exc.error_count()} problem(s) in all)"
            ) from exc
        _refuse_nulls(path, instance)


def _refuse_nulls(path: str, model: BaseModel) -> None:
    """``None`` in a field the spec does not let be null, here or in a model inside."""
    fields = type(model).model_fields
    for name in model.model_fields_set & fields.keys():
        where = f"{path}[{(fields[name].alias or name)!r}]"
        value = getattr(model, name)
        if value is None and name not in model.__nullable_fields__:
            raise TypeError(
                f"argument {where} must not be None: the API does not accept null there "
                "(leave the key out to not send it)"
            )
        _refuse_nested_nulls(where, value)


def _refuse_nested_nulls(where: str, value: object) -> None:
    if isinstance(value, BaseModel):
        _refuse_nulls(where, value)
    elif isinstance(value, list):
        for index, item in enumerate(cast("list[object]", value)):
            if isinstance(item, BaseModel):
                _refuse_nulls(f"{where}[{index}]", item)


def to_wire(value: object) -> Any:
    """JSON-ready data for a request: aliases applied, unset and NOT_GIVEN dropped,
    and ``None`` kept only for fields the spec declares nullable."""
    if isinstance(value, BaseModel):
        return {name: to_wire(item) for name, item in wire_items(value)}
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return {str(k): to_wire(v) for k, v in mapping.items() if not isinstance(v, NotGiven)}
    if isinstance(value, (list, tuple)):
        items = cast("Sequence[object]", value)
        return [to_wire(item) for item in items if not isinstance(item, NotGiven)]
    return pydantic_core.to_jsonable_python(value)


def wire_items(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """The fields a request carries, by wire name, with values not yet encoded."""
    yield from _declared_items(model)
    for key, value in (model.model_extra or {}).items():
        if not isinstance(value, NotGiven):
            yield key, value


def _declared_items(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """The documented fields set on ``model``, but not ``None`` where that means "absent"."""
    for name, info in type(model).model_fields.items():
        if name not in model.model_fields_set:
            continue
        value = getattr(model, name)
        if isinstance(value, NotGiven) or (value is None and name not in model.__nullable_fields__):
            continue
        alias = info.serialization_alias if info.serialization_alias is not None else info.alias
        yield (alias if alias is not None else name), value
