"""The small vocabulary that generated method signatures are written in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypedDict

import httpx
from typing_extensions import Unpack, final

from ._files import FileTypes  # what a file argument accepts (see `_files`)

__all__ = ["NOT_GIVEN", "FileTypes", "NotGiven", "RequestOptions", "Unpack"]


@final
class NotGiven:
    """Marks an argument the caller left out.

    ``None`` cannot play this role because for many fields ``None`` is a value the
    caller may deliberately send (JSON ``null``, or "no timeout").
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


class RequestOptions(TypedDict, total=False):
    """Per-call overrides every generated method accepts as keyword arguments."""

    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]
    extra_body: Mapping[str, object]
    timeout: float | httpx.Timeout | None
    max_retries: int
    idempotency_key: str
    max_response_size: int
