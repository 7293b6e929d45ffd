"""Reading responses: picking the documented type, unwrapping the envelope,
validating, and the ``with_raw_response`` view of a call."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from typing import Annotated, Any, ForwardRef, Generic, TypeVar

import httpx
import pydantic
import pydantic_core
from typing_extensions import ParamSpec

from ._errors import APIResponseValidationError, APIStatusError, ResponseBodyError, status_error
from ._text import excerpt, printable

__all__ = [
    "RawResponse",
    "decode",
    "error_from_response",
    "parse_response",
    "record_response",
    "returning",
    "to_async_raw_response_wrapper",
    "to_raw_response_wrapper",
    "type_adapter",
    "unwrap_candidates",
    "validate",
]

T = TypeVar("T")
P = ParamSpec("P")

# A body that does not fit its type is parsed a second time, for the error that names
# what does not fit, only up to this size; a larger one is reported from the first parse.
_REPARSED = 1 << 20
# pydantic-core's JSON parser refuses nesting deeper than about 200 levels with this.
_TOO_DEEP = "recursion limit exceeded"


def decode(response: httpx.Response) -> Any:
    """The body as JSON when it is JSON, else as text; None when empty.

    Parsed by pydantic-core, whose nesting limit is reported as ``ResponseBodyError``
    (Python's ``json`` would raise ``RecursionError`` at about 1,000 levels)."""
    if not response.content:
        return None
    if _is_json(response):
        try:
            return pydantic_core.from_json(response.content)
        except ValueError as exc:
            if _TOO_DEEP in str(exc):
                raise _too_deep(response) from None
    return response.text


def _too_deep(response: httpx.Response) -> ResponseBodyError:
    return ResponseBodyError(
        "The response body is JSON nested deeper than the parser allows "
        f"(status {response.status_code}, {len(response.content)} bytes)",
        response=response,
    )


def _is_json(response: httpx.Response) -> bool:
    """Whether a body is read as JSON: its media type says so, or it has none."""
    content_type = response.headers.get("content-type", "").lower()
    return "json" in content_type or not content_type


def unwrap_candidates(data: Any, envelope_key: str | None) -> list[Any]:
    """Readings of a body to try in order: unwrapped first, then as it came.

    Only an object whose sole key is the envelope key counts as wrapped, so a
    documented body that merely has such a field (``{"page": 0, "data": [...]}``)
    is never unwrapped; and since the bare reading is tried when the unwrapped
    one does not fit, a documented ``{"data": ...}`` body still parses.
    """
    if envelope_key is not None and isinstance(data, dict) and data.keys() == {envelope_key}:
        return [data[envelope_key], data]
    return [data]


@functools.lru_cache(maxsize=1024)
def type_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    """One pydantic ``TypeAdapter`` per type (streams validate their items with it too)."""
    return pydantic.TypeAdapter(tp)


def _strictly(validation: Callable[[], T]) -> T:
    """Runs ``validation`` with undocumented fields and enum values refused.

    Lenient is the default state, so a lenient validation runs as it is, with no switching.
    """
    from ._models import strict_validation

    with strict_validation(True):
        return validation()


def validate(tp: Any, data: Any, *, envelope_key: str | None, strict: bool) -> Any:
    """Raises the ``pydantic.ValidationError`` of the first reading when none fits
    (for a wrapped body, the unwrapped reading is the one the server meant)."""
    adapter = type_adapter(tp)

    def first_fit() -> Any:
        errors: list[pydantic.ValidationError] = []
        for candidate in unwrap_candidates(data, envelope_key):
            try:
                return adapter.validate_python(candidate)
            except pydantic.ValidationError as exc:
                errors.append(exc)
        raise errors[0]

    return _strictly(first_fit) if strict else first_fit()


def _validate_json(tp: Any, content: bytes, *, envelope_key: str | None, strict: bool) -> Any:
    """``validate`` straight from the body's bytes: one pass of pydantic's JSON parser,
    no Python objects built for the raw body.

    Tries the readings in ``validate``'s order and raises ``pydantic.ValidationError``
    when none fits, without telling which error ``validate`` would report.
    """
    read = _json_reader(tp, envelope_key)
    return _strictly(lambda: read(content)) if strict else read(content)


@functools.lru_cache(maxsize=1024)
def _json_reader(tp: Any, envelope_key: str | None) -> Callable[[bytes], Any]:
    """``_validate_json``'s readings of a body as ``tp``, put together once per type."""
    return _Reader(tp, envelope_key)


class _Reader:
    """A body read as ``tp`` (``_readings``); once a body has loaded the lazy models ``tp``
    holds (``_lazy``), read with their schemas in place of their placeholders: the same
    result, without a call back into Python for each nested model."""

    def __init__(self, tp: Any, envelope_key: str | None) -> None:
        self._tp = tp
        self._envelope_key = envelope_key
        self._read = _readings(tp, envelope_key)
        self._first = True

    def __call__(self, content: bytes) -> Any:
        found = self._read(content)
        if self._first:
            self._first = False
            # The envelope is made again around the resolved type, not resolved itself:
            # pydantic-core reuses a plain model class's own validator where it meets the class.
            self._read = _readings(_resolved(self._tp), self._envelope_key)
        return found


def _readings(tp: Any, envelope_key: str | None) -> Callable[[bytes], Any]:
    """With an envelope, one union tried left to right: ``{envelope_key: <tp>}`` and
    nothing else (as ``unwrap_candidates`` unwraps), then ``tp`` itself (kept whole
    by ``Annotated``, so that a union ``tp`` still picks its member as it would alone).
    Either way the JSON is parsed once.
    """
    if envelope_key is None:
        return type_adapter(tp).validate_json
    envelope: Any = pydantic.create_model(
        "Envelope",
        __config__=pydantic.ConfigDict(extra="forbid"),
        value=(tp, pydantic.Field(alias=envelope_key)),
    )
    readings: Any = envelope | Annotated[tp, "as it came"]
    ordered: Any = Annotated[readings, pydantic.Field(union_mode="left_to_right")]
    validate_json = pydantic.TypeAdapter[Any](ordered).validate_json

    def read(content: bytes) -> Any:
        found = validate_json(content)
        return found.value if isinstance(found, envelope) else found

    return read


def _resolved(tp: Any) -> Any:
    """``tp`` with the lazy models loaded so far in place of their placeholders."""
    from ._lazy import resolved

    schema = type_adapter(tp).core_schema
    loaded = resolved(schema)
    return tp if loaded == schema else Annotated[Any, _Schema(loaded)]


class _Schema:
    """An annotation that gives a core schema made beforehand."""

    def __init__(self, schema: pydantic_core.CoreSchema) -> None:
        self._schema = schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: pydantic.GetCoreSchemaHandler
    ) -> pydantic_core.CoreSchema:
        return self._schema


def _documented(types: Mapping[str, Any], status_code: int) -> tuple[bool, Any]:
    code = str(status_code)
    if code in types:  # most often: no other key is spelled out
        return True, types[code]
    for key in (f"{code[0]}XX", f"{code[0]}xx", "default"):
        if key in types:
            return True, types[key]
    return False, None


def _response_type(responses: Mapping[str, Any], status_code: int) -> Any:
    found, tp = _documented(responses, status_code)
    if found:
        return tp
    # A success status the spec does not list (200 where it documents 201):
    # the documented success type is still the best description of the body.
    return next((t for key, t in responses.items() if key.startswith("2")), Any)


def parse_response(
    responses: Mapping[str, Any],
    response: httpx.Response,
    *,
    envelope_key: str | None,
    strict: bool,
) -> Any:
    """The body as the documented type; ``APIResponseValidationError`` when it does not
    fit (a 204 where a model is promised, an HTML page, a truncated JSON body)."""
    tp = _response_type(responses, response.status_code)
    if tp is None:
        return None
    if tp is bytes:
        return response.content
    content = response.content
    if tp is not Any and content and _is_json(response):
        try:
            return _validate_json(tp, content, envelope_key=envelope_key, strict=strict)
        except pydantic.ValidationError as exc:
            if any(_TOO_DEEP in error["msg"] for error in exc.errors(include_url=False)[:1]):
                raise _too_deep(response) from None
            if len(content) > _REPARSED:  # the error from the first parse, not another parse
                raise _mismatch(response, exc, None) from exc
            # else read it again as below, for the error that names what does not fit
    return _parse_decoded(tp, response, envelope_key=envelope_key, strict=strict)


def _parse_decoded(
    tp: Any, response: httpx.Response, *, envelope_key: str | None, strict: bool
) -> Any:
    """The body decoded (JSON, else text) and validated as ``tp``: each reading of
    ``validate`` tried, and the error of the one the server meant raised."""
    data = decode(response)
    if tp is Any:
        return data
    try:
        return validate(tp, data, envelope_key=envelope_key, strict=strict)
    except pydantic.ValidationError as exc:
        raise _mismatch(response, exc, data) from exc


def _invalid_json(error: pydantic.ValidationError) -> bool:
    return error.errors(include_url=False)[0]["type"] == "json_invalid"


def _mismatch(
    response: httpx.Response, error: pydantic.ValidationError, data: Any
) -> APIResponseValidationError:
    """The error for a body that does not fit, saying why in the terms that help most:
    no body at all, a body that is not JSON, or what in the JSON does not fit."""
    status = response.status_code
    if not response.content:
        message = f"The response (status {status}) has no body, but the operation returns one"
    elif isinstance(data, str) or _invalid_json(error):
        content_type = printable(response.headers.get("content-type", "none"), 100)
        message = (
            f"The response body (status {status}, content-type {content_type}) is not JSON: "
            f"{excerpt(response.content)!r}"
        )
    else:
        detail = printable(str(error), 4000, lines=True)
        message = f"The response body does not match the documented type: {detail}"
    return APIResponseValidationError(message, response=response, body=data)


def error_from_response(
    errors: Mapping[str, Any], response: httpx.Response, *, envelope_key: str | None
) -> APIStatusError:
    """The error for a non-2xx response, its body read as the spec declares if it fits."""
    body = decode(response)
    found, tp = _documented(errors, response.status_code)
    if found and tp is not None:
        try:
            body = validate(tp, body, envelope_key=envelope_key, strict=False)
        except pydantic.ValidationError:
            pass
    return status_error(response, body)


# Set by the raw-response wrappers for the duration of one call; the client puts
# the final HTTP response of that call into the list.
_CAPTURED: ContextVar[list[httpx.Response] | None] = ContextVar("raw_response", default=None)


def record_response(response: httpx.Response) -> None:
    captured = _CAPTURED.get()
    if captured is not None and not captured:
        captured.append(response)


class Headed:
    """What every response wrapper shows of its HTTP response: its status and headers."""

    http_response: httpx.Response

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}]>"


class RawResponse(Headed, Generic[T]):
    """A call's HTTP response together with its parsed value.

    The body is parsed when the call returns, so a body that does not fit still
    raises ``APIResponseValidationError`` (whose ``response`` holds the raw one).
    """

    def __init__(self, http_response: httpx.Response, parsed: T) -> None:
        self.http_response = http_response
        self._parsed = parsed

    def parse(self) -> T:
        return self._parsed

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {type(self._parsed).__name__}>"


W = TypeVar("W", bound=Callable[..., Any])


def returning(wrapped: W, func: Callable[..., Any], outer: type) -> W:
    """``wrapped`` as ``inspect.signature`` and ``typing.get_type_hints`` see it: ``func``'s
    arguments, returning ``outer[<what func returns>]`` (``functools.wraps`` alone would show
    ``func``'s own return type). What ``func`` returns stays a forward reference, resolved
    where ``func`` is defined, as its own annotation is."""
    import inspect  # only when a wrapper is made; keeps `import <package>` light

    annotations = dict(getattr(func, "__annotations__", {}))
    inner = annotations.get("return", "Any")
    text = inner if isinstance(inner, str) else _spelled(inner)
    annotations["return"] = outer[ForwardRef(text)]  # type: ignore[index]
    wrapped.__annotations__ = annotations
    shown = f"{outer.__name__}[{text}]"
    wrapped.__signature__ = inspect.signature(func).replace(  # type: ignore[attr-defined]
        return_annotation=shown
    )
    return wrapped


def _spelled(tp: Any) -> str:
    return tp.__name__ if isinstance(tp, type) else repr(tp).replace("typing.", "")


def to_raw_response_wrapper(func: Callable[P, T]) -> Callable[P, RawResponse[T]]:
    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        captured: list[httpx.Response] = []
        token = _CAPTURED.set(captured)
        try:
            parsed = func(*args, **kwargs)
        finally:
            _CAPTURED.reset(token)
        return RawResponse(captured[0], parsed)

    return returning(wrapped, func, RawResponse)


def to_async_raw_response_wrapper(
    func: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[RawResponse[T]]]:
    """Also wraps methods returning an ``AsyncPage``: awaiting it fetches the first page."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        captured: list[httpx.Response] = []
        token = _CAPTURED.set(captured)
        try:
            parsed = await func(*args, **kwargs)
        finally:
            _CAPTURED.reset(token)
        return RawResponse(captured[0], parsed)

    return returning(wrapped, func, RawResponse)
