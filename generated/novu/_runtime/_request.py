"""One call as the client sends it (``RequestSpec``), and the checks its arguments pass
before anything is sent: unknown keywords, ``None`` where the spec allows no null,
deprecation warnings, and which argument a value that cannot be encoded came from.

Everything here is pure: no I/O, no client state, so the sync and async clients
share it. The wire encoding itself is in ``_params`` (path, query, headers,
cookies) and ``_body`` (request bodies).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypedDict, cast

from ._options import check_options
from ._params import Params, check_mappings, present, text, to_wire
from ._settings import Argument, Endpoint
from ._types import NOT_GIVEN, RequestOptions

__all__ = [
    "STREAMED",
    "CallArguments",
    "Params",
    "RequestSpec",
    "check_call",
    "encoding_error",
    "streaming_requested",
]

# Set inside a ``with_streaming_response`` block (``_streamed_response``).
STREAMED: ContextVar[bool] = ContextVar("streamed_response", default=False)


def streaming_requested() -> bool:
    """Whether the call being made is inside a ``with_streaming_response`` block."""
    return STREAMED.get()


class CallArguments(TypedDict, total=False):
    """The keywords a generated method passes to ``_request`` and ``_request_page``,
    each left out when the operation has none of its kind."""

    path: Params
    query: Params
    headers: Params
    cookies: Params
    body: object
    options: RequestOptions


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """One call as the client sends it: the operation, its parameters and body, and
    the caller's per-call options.

    Built once per call from the generated method's arguments; the client's
    ``_prepare_options`` settles the options (timeout, retries, idempotency key)
    once, and every attempt's request is built from the result.
    """

    endpoint: Endpoint
    path: Params = field(default_factory=dict[str, object])
    query: Params = field(default_factory=dict[str, object])
    headers: Params = field(default_factory=dict[str, object])
    cookies: Params = field(default_factory=dict[str, object])
    body: object = None
    options: RequestOptions = field(default_factory=RequestOptions)
    url: str | None = None  # a page's URL the API gave (it carries its own query)


_OPTIONS = frozenset(RequestOptions.__annotations__)


def check_call(spec: RequestSpec) -> RequestSpec:
    """Refuses a call's mistakes before anything is sent: an unknown keyword
    (``**options`` would otherwise swallow a misspelled argument) and ``None``
    for an argument the spec does not let be null."""
    if not _OPTIONS.issuperset(spec.options):
        listed = ", ".join(repr(name) for name in sorted(set(spec.options) - _OPTIONS))
        raise TypeError(
            f"unexpected keyword argument(s) {listed}: neither a parameter of "
            f"{spec.endpoint.method} {spec.endpoint.path} nor a per-call option "
            f"({', '.join(sorted(_OPTIONS))})"
        )
    if spec.options:
        check_options(spec.options)
    for argument in spec.endpoint.arguments:
        if not argument.nullable or argument.deprecated or argument.model is not None:
            _check_argument(spec, argument)
    if spec.endpoint.deprecated:
        _warn_once(f"{_operation(spec.endpoint)} is deprecated")
    return spec


def _check_argument(spec: RequestSpec, argument: Argument) -> None:
    value = _value_of(spec, argument)
    if value is None and not argument.nullable:
        raise TypeError(
            f"argument {argument.name!r} must not be None: the API does not accept "
            "null there (leave the argument out to not send it)"
        )
    if argument.model is not None and present(value):
        check_mappings(repr(argument.name), argument.model, value)
    if argument.deprecated and present(value):
        _warn_once(
            f"argument {argument.name!r} of {_operation(spec.endpoint)} is deprecated", inner=1
        )


_WARNED: set[str] = set()


def _warn_once(message: str, *, inner: int = 0) -> None:
    """A DeprecationWarning the first time in this process, pointing at the caller's line
    (the caller -> the generated method -> ``_request`` -> ``check_call`` -> here, with
    ``inner`` more frames between ``check_call`` and here)."""
    if message not in _WARNED:
        _WARNED.add(message)
        warnings.warn(message, DeprecationWarning, stacklevel=5 + inner)


def _operation(endpoint: Endpoint) -> str:
    return f"{endpoint.method} {endpoint.path}"


# Where a ``RequestSpec`` holds the arguments of each location.
_SOURCES = {"path": "path", "query": "query", "header": "headers", "cookie": "cookies"}


def _value_of(spec: RequestSpec, argument: Argument) -> object:
    """The value the caller gave ``argument`` (NOT_GIVEN when left out)."""
    location = argument.location
    source = spec.body if location == "body" else getattr(spec, _SOURCES[location])
    if not isinstance(source, Mapping):
        return NOT_GIVEN
    return cast("Mapping[str, object]", source).get(argument.wire_name, NOT_GIVEN)


def encoding_error(spec: RequestSpec, error: ValueError) -> Exception:
    """The caller's mistake behind ``error`` (a value that cannot be serialised,
    or a header value that is not ASCII), as a ``TypeError``/``ValueError``
    naming the argument; ``error`` itself when no argument explains it."""
    suspects: list[tuple[str, str, object]] = [
        (f"argument {a.name!r}", a.location, _value_of(spec, a)) for a in spec.endpoint.arguments
    ]
    if not isinstance(spec.body, Mapping):
        suspects.append(("argument 'body'", "body", spec.body))
    suspects.extend(
        (f"{option}[{key!r}]", option, value)
        for option in ("extra_headers", "extra_query", "extra_body")
        for key, value in spec.options.get(option, {}).items()  # type: ignore[attr-defined]
    )
    for label, location, value in suspects:
        problem = _wire_problem(value, location in ("header", "extra_headers"))
        if problem is not None:
            kind, why = problem
            return kind(f"{label}: {why}")
    if isinstance(error, UnicodeEncodeError):  # a default header of the client
        return ValueError(f"a header value must be ASCII: {error}")
    return error


def _wire_problem(value: object, header: bool) -> tuple[type[Exception], str] | None:
    """Why ``value`` cannot go on the wire (a TypeError for its type, a ValueError for its
    value), or None."""
    if not present(value):
        return None
    try:
        wire = to_wire(value)
    except ValueError as exc:  # pydantic's serialisation error
        return TypeError, f"a {type(value).__name__} cannot be sent ({exc})"
    items: list[object] = cast("list[object]", wire) if isinstance(wire, list) else [wire]
    if header and not all(text(item).isascii() for item in items):
        return ValueError, "a header value must be ASCII (encode it first, as the API expects)"
    if any(_not_finite(item) for item in items):
        return ValueError, "NaN and infinities are not JSON numbers: the API cannot be sent them"
    return None


def _not_finite(wire: object) -> bool:
    """Whether a NaN or an infinity is anywhere in ``wire`` (JSON has neither)."""
    if isinstance(wire, float):
        return not math.isfinite(wire)
    if isinstance(wire, Mapping):
        return any(_not_finite(item) for item in cast("Mapping[object, object]", wire).values())
    if isinstance(wire, list):
        return any(_not_finite(item) for item in cast("list[object]", wire))
    return False
