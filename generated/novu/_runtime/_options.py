"""Per-call options checked at runtime, before anything is sent: a wrong type or value
(``timeout="3"``, ``max_retries=-1``, ``idempotency_key=5``) raises ``TypeError`` or
``ValueError`` naming the option, as a wrong argument does. Only the options a call
gives are looked at, so a call without options pays for one emptiness test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

import httpx

from ._types import RequestOptions

__all__ = ["check_options"]


def _mapping(name: str, value: object) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise TypeError(f"option {name!r} must be a mapping, got {type(value).__name__}")
    return cast("Mapping[object, object]", value)


def _headers(name: str, value: object) -> None:
    for key, item in _mapping(name, value).items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(f"option {name!r} must map header names (str) to values (str)")


def _timeout(name: str, value: object) -> None:
    if value is None or isinstance(value, httpx.Timeout):
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"option {name!r} must be seconds (a number), an httpx.Timeout or None, "
            f"got {type(value).__name__}"
        )
    if not value >= 0:  # NaN too
        raise ValueError(f"option {name!r} must not be negative, got {value!r}")


def _retries(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"option {name!r} must be an int, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"option {name!r} must not be negative, got {value!r}")


def _key(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"option {name!r} must be a str, got {type(value).__name__}")


_CHECKS: dict[str, Callable[[str, object], object]] = {
    "extra_headers": _headers,
    "extra_query": _mapping,
    "extra_body": _mapping,
    "timeout": _timeout,
    "max_retries": _retries,
    "idempotency_key": _key,
}


def check_options(options: RequestOptions) -> None:
    """Refuses an option of the wrong type or value (unknown options are refused by the caller)."""
    for name, value in options.items():
        check = _CHECKS.get(name)
        if check is not None:
            check(name, value)
