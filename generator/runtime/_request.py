"""Turning a generated method's arguments into the parts of an HTTP request.

Everything here is pure: no I/O, no client state, so the sync and async clients
share it and tests can check the wire format directly.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict
from urllib.parse import quote

from ._settings import Argument, Endpoint
from ._types import NOT_GIVEN, NotGiven, RequestOptions

__all__ = [
    "Body",
    "CallArguments",
    "Params",
    "RequestSpec",
    "check_call",
    "check_header",
    "cookie_header",
    "encode_body",
    "encode_query",
    "encoding_error",
    "header_parameters",
    "read_upload",
    "render_path",
    "sets_header",
    "text",
]

Params = Mapping[str, object]


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
    path: Params = field(default_factory=dict)
    query: Params = field(default_factory=dict)
    headers: Params = field(default_factory=dict)
    cookies: Params = field(default_factory=dict)
    body: object = None
    options: RequestOptions = field(default_factory=RequestOptions)


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
    for argument in spec.endpoint.arguments:
        if not argument.nullable or argument.deprecated:  # else any value will do
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
    if argument.deprecated and _present(value):
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
    return source.get(argument.wire_name, NOT_GIVEN)


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
            kind = ValueError if problem.startswith("a header") else TypeError
            return kind(f"{label}: {problem}")
    if isinstance(error, UnicodeEncodeError):  # a default header of the client
        return ValueError(f"a header value must be ASCII: {error}")
    return error


def _wire_problem(value: object, header: bool) -> str | None:
    """Why ``value`` cannot go on the wire, or None."""
    if not _present(value):
        return None
    try:
        wire = to_wire(value)
    except ValueError as exc:  # pydantic's serialisation error
        return f"a {type(value).__name__} cannot be sent ({exc})"
    items = wire if isinstance(wire, list) else [wire]
    if header and not all(text(item).isascii() for item in items):
        return "a header value must be ASCII (encode it first, as the API expects)"
    return None


@functools.cache
def _models() -> Any:
    """The runtime's model module: loaded with the first request, not with ``import <package>``
    (its classes build pydantic schemas); once loaded, reached without an import statement."""
    from . import _models as module

    return module


def to_wire(value: object) -> Any:
    return _models().to_wire(value)


def _is_model(value: object) -> bool:
    return isinstance(value, _models().BaseModel)


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_DELIMITERS = {"spaceDelimited": "%20", "pipeDelimited": "|"}


def text(value: object) -> str:
    """One parameter value as it appears on the wire: ``true``, ``10`` (never ``10.0``)."""
    if type(value) is str:  # the common cases, which need no conversion
        return value
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    return _wire_text(to_wire(value))


def _wire_text(wire: Any) -> str:
    if isinstance(wire, bool):
        return "true" if wire else "false"
    if isinstance(wire, float) and wire.is_integer():
        return str(int(wire))
    if wire is None:
        return ""
    if isinstance(wire, (dict, list)):
        return json.dumps(wire, separators=(",", ":"))
    return str(wire)


@functools.lru_cache(maxsize=4096)
def _path_pieces(template: str) -> tuple[str, ...]:
    """A path template split once: literal text, then placeholder name and literal text in turn."""
    return tuple(_PLACEHOLDER.split(template))


def render_path(template: str, params: Mapping[str, object]) -> str:
    """Fills ``{name}`` placeholders so that no value can change the path's shape.

    ``/``, ``?`` and ``#`` are percent-encoded. An empty value, ``.`` and ``..``
    are refused because they would address a different resource (``/items/``
    instead of ``/items/{id}``; servers normalise an encoded ``%2E%2E`` back to
    ``..``, which climbs a level).
    """
    pieces = _path_pieces(template)
    filled = [pieces[0]]
    for index in range(1, len(pieces), 2):
        name = pieces[index]
        filled.append(_path_value(name, params[name]) if name in params else f"{{{name}}}")
        filled.append(pieces[index + 1])
    return "".join(filled)


def _path_value(name: str, value: object) -> str:
    raw = ",".join(text(v) for v in value) if isinstance(value, (list, tuple)) else text(value)
    if raw in ("", ".", ".."):
        raise ValueError(f"path parameter {name!r} must not be empty, '.' or '..'")
    return raw if raw.isascii() and raw.isalnum() else quote(raw, safe="")


def encode_query(query: Mapping[str, object], styles: Mapping[str, tuple[str, bool]]) -> str:
    """The encoded query string, in the style the spec declares (form/explode
    unless told otherwise).

    Items are percent-encoded one by one and then joined, so that a delimiter
    stays literal while a comma inside a value does not. NOT_GIVEN and None
    values are left out: a query parameter has no null.
    """
    pairs: list[str] = []
    for name, value in query.items():
        if value is None or isinstance(value, NotGiven):
            continue
        style, explode = styles.get(name, ("form", True))
        if _is_model(value):
            value = to_wire(value)
        if style == "deepObject" and isinstance(value, (Mapping, list, tuple)):
            pairs.extend(f"{key}={item}" for key, item in _deep_pairs(_quote(name), value))
        elif isinstance(value, Mapping):
            entries = [(_quote(str(k)), _quote(text(v))) for k, v in value.items() if _present(v)]
            if explode:
                pairs.extend(f"{k}={v}" for k, v in entries)
            else:
                pairs.append(f"{_quote(name)}=" + ",".join(f"{k},{v}" for k, v in entries))
        elif isinstance(value, (list, tuple)):
            items = [_quote(text(v)) for v in value if _present(v)]
            if style == "form" and explode:
                pairs.extend(f"{_quote(name)}={item}" for item in items)
            else:
                pairs.append(f"{_quote(name)}=" + _DELIMITERS.get(style, ",").join(items))
        else:
            pairs.append(f"{_quote(name)}={_quote(text(value))}")
    return "&".join(pairs)


def _deep_pairs(prefix: str, value: object) -> Iterator[tuple[str, str]]:
    """`deepObject` at any depth, as Stripe and qs write it: `a[b][c]=v`, lists by index
    (`a[0][b]=v`); brackets percent-encoded, unset values left out."""
    if _is_model(value):
        value = to_wire(value)
    if isinstance(value, Mapping):
        items: Iterable[tuple[object, object]] = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        yield prefix, _quote(text(value))
        return
    for key, item in items:
        if _present(item):
            yield from _deep_pairs(f"{prefix}%5B{_quote(str(key))}%5D", item)


def _quote(value: str) -> str:
    return quote(value, safe="")


_INJECTION = re.compile("[\r\n\0]")
_BAD_NAME = re.compile("[\r\n\0:]")


def check_header(name: str, value: str) -> None:
    """Refuses CR, LF and NUL, which would let a value inject headers of its own."""
    if _INJECTION.search(value) or _BAD_NAME.search(name):
        raise ValueError(f"header {name!r} contains CR, LF or NUL (or a colon in its name)")


def header_parameters(headers: Params) -> list[tuple[str, str]]:
    """An operation's header parameters as sent: lists comma-joined, unset ones left out."""
    return [
        (name, ",".join(map(text, raw)) if isinstance(raw, (list, tuple)) else text(raw))
        for name, raw in headers.items()
        if _present(raw)
    ]


# RFC 6265's cookie-octets other than `%`: anything else in a value is percent-encoded.
_COOKIE_SAFE = "!#$&'()*+/:<=>?@[]^`{|}"


def cookie_header(cookies: Params) -> list[tuple[str, str]]:
    """The one ``Cookie`` header carrying every set cookie, or none.

    Values are percent-encoded (UTF-8), so that ``;``, ``,``, spaces and quotes
    inside one can never start another cookie (``abc; admin=true``).
    """
    jar = [
        f"{name}={quote(text(raw), safe=_COOKIE_SAFE)}"
        for name, raw in cookies.items()
        if _present(raw)
    ]
    return [("Cookie", "; ".join(jar))] if jar else []


def sets_header(name: str, *sources: Params) -> bool:
    """Whether any source gives the header ``name`` (in any case) a value."""
    wanted = name.lower()
    return any(
        key.lower() == wanted and _present(value)
        for source in sources
        for key, value in source.items()
    )


@dataclass(frozen=True)
class Body:
    """What ``httpx.Client.build_request`` needs for a body, and its media type.

    ``files`` is used for multipart (httpx then sets the boundary itself).
    """

    content: bytes | None = None
    files: list[tuple[str, Any]] | None = None
    content_type: str | None = None


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
) -> Body:
    if content_type is None or (body is None and not extra):
        return _NO_BODY
    media = _media(content_type)
    if media == _MULTIPART:
        return Body(files=_multipart(body, extra))
    if media == _FORM:
        form = encode_query(_merge(to_wire(body), extra), styles)
        return Body(content=form.encode("ascii"), content_type=content_type)
    if "json" in media:
        data = json.dumps(_merge(to_wire(body), extra), separators=(",", ":"), ensure_ascii=False)
        return Body(content=data.encode("utf-8"), content_type=content_type)
    return Body(content=_raw(body), content_type=content_type)


def read_upload(content_type: str | None, body: object) -> object:
    """A raw body given as a file object, read into bytes.

    Called once per call: every attempt builds its request afresh, and a file
    can be read only once, so all of them must send the bytes read here.
    """
    if content_type is None or not callable(getattr(body, "read", None)):
        return body
    media = _media(content_type)
    return body if media in (_MULTIPART, _FORM) or "json" in media else _raw(body)


def _merge(wire: Any, extra: Mapping[str, object]) -> Any:
    if not extra:
        return wire
    if wire is None:
        wire = {}
    if not isinstance(wire, dict):
        raise TypeError("extra_body can only be merged into a JSON object body")
    return {**wire, **to_wire(extra)}


def _raw(body: object) -> bytes:
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    read = getattr(body, "read", None)
    if callable(read):
        data = read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    raise TypeError(
        f"expected bytes, str or a binary file for a raw body, got {type(body).__name__}"
    )


def _multipart(body: object, extra: Mapping[str, object]) -> list[tuple[str, Any]]:
    if _is_model(body):
        from ._models import wire_items

        fields = list(wire_items(body))  # type: ignore[arg-type]
    elif isinstance(body, Mapping):
        fields = [(str(k), v) for k, v in body.items()]
    elif body is None:
        fields = []
    else:
        raise TypeError(f"a multipart body must be a mapping or a model, got {type(body).__name__}")
    fields.extend(extra.items())
    parts: list[tuple[str, Any]] = []
    for name, value in fields:
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not _present(item):
                continue
            if _is_file(item):
                parts.append((name, item))
            else:
                wire = to_wire(item)
                if isinstance(wire, (dict, list)):
                    parts.append((name, (None, json.dumps(wire), "application/json")))
                else:
                    parts.append((name, (None, text(wire))))
    return parts


def _is_file(value: object) -> bool:
    if isinstance(value, tuple):
        return len(value) in (2, 3) and _is_file(value[1])
    return isinstance(value, bytes) or callable(getattr(value, "read", None))


def _present(value: object) -> bool:
    return value is not None and not isinstance(value, NotGiven)
