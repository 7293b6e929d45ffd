"""Parameters on the wire: a value as text, the path with its placeholders filled, the
query string in the style the spec declares, header parameters (checked for
injection) and the ``Cookie`` header.

Everything here is pure, so tests can check the wire format directly. Models are
encoded by ``_models``, loaded with the first request that needs it.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, cast
from urllib.parse import quote

from ._types import NotGiven

__all__ = [
    "Params",
    "check_header",
    "cookie_header",
    "encode_query",
    "header_parameters",
    "is_model",
    "lay_headers",
    "present",
    "render_path",
    "sets_header",
    "text",
    "to_wire",
]

Params = Mapping[str, object]


@functools.cache
def _models() -> Any:
    """The runtime's model module: loaded with the first request, not with ``import <package>``
    (its classes build pydantic schemas); once loaded, reached without an import statement."""
    return importlib.import_module("._models", __package__)


def to_wire(value: object) -> Any:
    return _models().to_wire(value)


def check_mappings(path: str, model: Any, value: object) -> None:
    _models().check_mappings(path, model, value)


def is_model(value: object) -> bool:
    return isinstance(value, _models().BaseModel)


def present(value: object) -> bool:
    """Whether a value is sent: an argument left out (NOT_GIVEN) or ``None`` is not."""
    return value is not None and not isinstance(value, NotGiven)


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
    if isinstance(value, (list, tuple)):
        raw = ",".join(text(v) for v in cast("Sequence[object]", value))
    else:
        raw = text(value)
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
        if present(value):
            style, explode = styles.get(name, ("form", True))
            pairs.extend(_query_pairs(name, value, style, explode))
    return "&".join(pairs)


def _query_pairs(name: str, value: object, style: str, explode: bool) -> list[str]:
    """The ``key=value`` pairs of one query parameter."""
    if is_model(value):
        value = to_wire(value)
    if style == "deepObject" and isinstance(value, (Mapping, list, tuple)):
        return list(_deep_pairs(_quote(name), cast(object, value)))
    if isinstance(value, Mapping):
        return _object_pairs(name, cast("Mapping[object, object]", value), explode)
    if isinstance(value, (list, tuple)):
        return _array_pairs(name, cast("Sequence[object]", value), style, explode)
    return [f"{_quote(name)}={_quote(text(value))}"]


def _object_pairs(name: str, value: Mapping[Any, object], explode: bool) -> list[str]:
    """An object: exploded, one pair per property; else ``name=k1,v1,k2,v2``."""
    entries = [(_quote(str(k)), _quote(text(v))) for k, v in value.items() if present(v)]
    if explode:
        return [f"{k}={v}" for k, v in entries]
    return [f"{_quote(name)}=" + ",".join(f"{k},{v}" for k, v in entries)]


def _array_pairs(name: str, value: Iterable[object], style: str, explode: bool) -> list[str]:
    """An array: exploded form, one pair per item; else one pair, items delimited."""
    items = [_quote(text(v)) for v in value if present(v)]
    if style == "form" and explode:
        return [f"{_quote(name)}={item}" for item in items]
    return [f"{_quote(name)}=" + _DELIMITERS.get(style, ",").join(items)]


def _deep_pairs(prefix: str, value: object) -> Iterator[str]:
    """`deepObject` at any depth, as Stripe and qs write it: `a[b][c]=v`, lists by index
    (`a[0][b]=v`); brackets percent-encoded, unset values left out. `value` is wire data
    (models were turned into mappings with everything inside them)."""
    if isinstance(value, Mapping):
        items: Iterable[tuple[object, object]] = cast("Mapping[object, object]", value).items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(cast("Sequence[object]", value))
    else:
        yield f"{prefix}={_quote(text(value))}"
        return
    for key, item in items:
        if present(item):
            yield from _deep_pairs(f"{prefix}%5B{_quote(str(key))}%5D", item)


def _quote(value: str) -> str:
    return quote(value, safe="")


_INJECTION = re.compile("[\r\n\0]")
_BAD_NAME = re.compile("[\r\n\0:]")


def check_header(name: str, value: str) -> None:
    """Refuses CR, LF and NUL, which would let a value inject headers of its own."""
    if _INJECTION.search(value) or _BAD_NAME.search(name):
        raise ValueError(f"header {name!r} contains CR, LF or NUL (or a colon in its name)")


def lay_headers(
    headers: Iterable[tuple[str, str]], wire: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """``headers`` laid over ``wire``, each checked for header injection."""
    for name, value in headers:
        check_header(name, value)
        wire[name.lower()] = (name, value)
    return wire


def header_parameters(headers: Params) -> list[tuple[str, str]]:
    """An operation's header parameters as sent: lists comma-joined, unset ones left out."""
    return [(name, _header_text(raw)) for name, raw in headers.items() if present(raw)]


def _header_text(raw: object) -> str:
    if isinstance(raw, (list, tuple)):
        return ",".join(map(text, cast("Sequence[object]", raw)))
    return text(raw)


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
        if present(raw)
    ]
    return [("Cookie", "; ".join(jar))] if jar else []


def sets_header(name: str, *sources: Params) -> bool:
    """Whether any source gives the header ``name`` (in any case) a value."""
    wanted = name.lower()
    return any(
        key.lower() == wanted and present(value)
        for source in sources
        for key, value in source.items()
    )
