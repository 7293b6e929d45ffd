"""The vendor extensions the IR reads: the one module that knows their names and how to read
each, returning plain values. The passes ask here for what a spec says through them, so the next
vendor's extension is read by adding a function here, not by looking in every pass.

- `x-speakeasy-group` (an operation): the resource it goes in, dotted for nesting.
- `x-speakeasy-name-override`: an operation's method name; on the document, naming rules
  (an operationId pattern -> a method name).
- `x-speakeasy-pagination` (an operation; offsetLimit, cursor, url), `x-fern-pagination`
  (cursor, offset) and `x-pagination` (a style, or our config's keys): pagination's inputs and
  outputs, read into `WrittenPagination`.
- `x-speakeasy-retries` (the document): the retry policy.
- `x-speakeasy-sse-sentinel` (a `text/event-stream` media type, or its operation): the data
  that ends a stream, such as `[DONE]`.
- `x-sensitive` / `x-secret` (a property): a field masked when printed, or shown whatever its
  name; read with the spec's other secrecy flags in `secrets.flagged` (`shapes` imports that,
  and this module imports `shapes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..pointer import escape as pointer_escape
from .shapes import Report
from .types import RetryPolicy

GROUP = "x-speakeasy-group"
NAME_OVERRIDE = "x-speakeasy-name-override"
PAGINATION = "x-speakeasy-pagination"
FERN_PAGINATION = "x-fern-pagination"
X_PAGINATION = "x-pagination"
RETRIES = "x-speakeasy-retries"
SSE_SENTINEL = "x-speakeasy-sse-sentinel"

# A quantified group that itself repeats, such as `(a+)+`: the shape of catastrophic backtracking.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


def group(op: dict[str, Any]) -> tuple[str, ...] | None:
    """The parts of an operation's dotted `x-speakeasy-group`; None when it names none."""
    raw = op.get(GROUP)
    if isinstance(raw, str) and raw.strip():
        return tuple(part for part in raw.split(".") if part.strip())
    return None


def method_name(op: dict[str, Any]) -> str | None:
    """The method name an operation's `x-speakeasy-name-override` gives it, as written."""
    raw = op.get(NAME_OVERRIDE)
    return raw if isinstance(raw, str) and raw.strip() else None


def naming_rules(document: dict[str, Any], report: Report) -> list[tuple[re.Pattern[str], str]]:
    """The document's `x-speakeasy-name-override` rules: operationId pattern -> method name."""
    rules = document.get(NAME_OVERRIDE)
    compiled: list[tuple[re.Pattern[str], str]] = []
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, dict) or not isinstance(rule.get("operationId"), str):
            continue
        if _NESTED_QUANTIFIER.search(rule["operationId"]) or len(rule["operationId"]) > 200:
            report(f"/{NAME_OVERRIDE}", "ignored naming rule: pattern could take exponential time", "warning")
            continue
        try:
            compiled.append((re.compile(rule["operationId"]), str(rule.get("methodNameOverride", ""))))
        except re.error as exc:
            report(f"/{NAME_OVERRIDE}", f"ignored naming rule: {exc}", "warning")
    return compiled


@dataclass(frozen=True)
class WrittenPagination:
    """Pagination as a vendor extension or the config writes it, in one vocabulary: the
    style, the request parameters by name, the response fields by `$.a.b` path ("" for
    none). `ir/pagination.py` checks each name against the operation."""

    style: str  # offset, page, cursor, id_cursor, next_url, link_header
    pointer: str  # where it is written, for diagnostics
    param: str | None = None
    location: str | None = None  # query or body; None: wherever the operation has `param`
    limit: str | None = None
    items: str = ""
    next: str = ""
    has_more: str = ""
    total: str = ""
    id_field: str | None = None
    style_only: bool = False  # names the style and nothing else: inference must agree with it


def pagination(op: dict[str, Any], op_pointer: str, report: Report) -> WrittenPagination | None:
    """The operation's pagination as a vendor extension writes it: `x-speakeasy-pagination`
    (offsetLimit, cursor, url), `x-fern-pagination` (cursor, offset) or `x-pagination` (our
    config's keys, or only a `style`); one not understood is reported and passed over (the
    method returns one page)."""
    for key, read in ((PAGINATION, _speakeasy), (FERN_PAGINATION, _fern), (X_PAGINATION, _x_pagination)):
        raw = op.get(key)
        if raw is None:
            continue
        pointer = f"{op_pointer}/{pointer_escape(key)}"
        written = read(raw, pointer) if isinstance(raw, dict) else None
        if written is None:
            report(pointer, "pagination not understood; the method returns one page", "warning")
        return written
    return None


def _speakeasy(raw: dict[str, Any], pointer: str) -> WrittenPagination | None:
    inputs = _speakeasy_inputs(raw.get("inputs"))
    outputs: dict[str, Any] = raw["outputs"] if isinstance(raw.get("outputs"), dict) else {}
    results = str(outputs.get("results") or "")
    kind = raw.get("type")
    if kind == "offsetLimit":
        return _speakeasy_offset(inputs, results, str(outputs.get("numPages") or ""), pointer)
    if kind == "cursor":
        return _speakeasy_cursor(inputs, results, str(outputs.get("nextCursor") or ""), pointer)
    if kind == "url":
        return WrittenPagination("next_url", pointer, items=results, next=str(outputs.get("nextUrl") or ""))
    return None


def _speakeasy_offset(inputs: dict[str, tuple[str, str]], results: str, pages: str, pointer: str) -> WrittenPagination:
    """An offset, or a page number (`numPages` then says how many pages there are)."""
    style = "page" if "page" in inputs else "offset"
    name, location = inputs.get(style, (None, None))
    limit = inputs.get("limit", (None, None))[0]
    return WrittenPagination(style, pointer, name, location, limit, results, total=pages if style == "page" else "")


def _speakeasy_cursor(inputs: dict[str, tuple[str, str]], results: str, following: str, pointer: str) -> WrittenPagination:
    """`nextCursor: $.meta.next`, or `$.data[-1].id`: the last item's id."""
    name, location = inputs.get("cursor", (None, None))
    limit = inputs.get("limit", (None, None))[0]
    last_item = re.fullmatch(r"(.*)\[-1\]\.([A-Za-z0-9_]+)", following)
    if last_item:
        return WrittenPagination("id_cursor", pointer, name, location, limit, results or last_item.group(1), id_field=last_item.group(2))
    return WrittenPagination("cursor", pointer, name, location, limit, results, following)


def _speakeasy_inputs(raw: Any) -> dict[str, tuple[str, str]]:
    """Input kind (`offset`, `page`, `limit`, `cursor`) -> (parameter name, query or body);
    entries not of that shape are passed over."""
    listed = raw if isinstance(raw, list) else []
    return {
        i["type"]: (i["name"], "body" if i.get("in") == "requestBody" else "query")
        for i in listed
        if isinstance(i, dict) and isinstance(i.get("type"), str) and isinstance(i.get("name"), str)
    }


def _fern(raw: dict[str, Any], pointer: str) -> WrittenPagination | None:
    """`cursor: $request.x` with `next_cursor: $response.y`, or `offset: $request.x` (a page
    number unless `step` names the limit, which makes it an item offset)."""
    results = _fern_path(raw.get("results"), "$response")
    has_more = _fern_path(raw.get("has-next-page"), "$response")
    if "cursor" in raw:
        name = _fern_path(raw.get("cursor"), "$request").lstrip("$.") or None
        return WrittenPagination("cursor", pointer, name, None, None, results, _fern_path(raw.get("next_cursor"), "$response"), has_more)
    if "offset" in raw:
        name = _fern_path(raw.get("offset"), "$request").lstrip("$.") or None
        step = _fern_path(raw.get("step"), "$request").lstrip("$.") or None
        return WrittenPagination("offset" if step else "page", pointer, name, None, step, results, has_more=has_more)
    return None


_X_PAGINATION_KEYS = ("param", "location", "limit", "items", "next", "has_more", "total", "id_field")


def _x_pagination(raw: dict[str, Any], pointer: str) -> WrittenPagination | None:
    """`x-pagination: {style: cursor}` (as some generators write it, beside `defaultLimit` and
    the like), or with the names our config takes (`param`, `next`...)."""
    style = raw.get("style", raw.get("type"))
    if not isinstance(style, str):
        return None
    names = {k: str(raw[k]) for k in _X_PAGINATION_KEYS if isinstance(raw.get(k), (str, int))}
    return WrittenPagination(style=style, pointer=pointer, style_only=not names, **names)


def _fern_path(value: Any, root: str) -> str:
    """`$response.a.b` -> `$.a.b`; "" when not such a path."""
    if not isinstance(value, str) or not value.startswith(root):
        return ""
    return "$" + value[len(root):]


_BACKOFF_NUMBERS = (
    ("initialInterval", "initial_interval_ms"),
    ("maxInterval", "max_interval_ms"),
    ("maxElapsedTime", "max_elapsed_ms"),
    ("exponent", "exponent"),
)
_STATUS_CODE = re.compile(r"[1-5](\d\d|XX)")


def retry_policy(document: dict[str, Any], report: Report) -> RetryPolicy:
    """`x-speakeasy-retries` with the backoff strategy; the runtime's defaults otherwise.

    A value of the wrong kind is reported (a warning at its pointer) and its default used."""
    raw = document.get(RETRIES)
    if not isinstance(raw, dict) or raw.get("strategy") != "backoff":
        return RetryPolicy()
    backoff = raw.get("backoff", {})
    if not isinstance(backoff, dict):
        report(f"/{RETRIES}/backoff", "must be a mapping; the runtime's defaults are used", "warning")
        backoff = {}
    values: dict[str, Any] = {}
    for key, attribute in _BACKOFF_NUMBERS:
        if key in backoff:
            value = _backoff_number(backoff[key], attribute)
            if value is None:
                default = getattr(RetryPolicy(), attribute)
                report(f"/{RETRIES}/backoff/{key}", f"must be a non-negative number; got {backoff[key]!r}: {default} is used", "warning")
            else:
                values[attribute] = value
    codes = _status_codes(raw.get("statusCodes"), report)
    if codes is not None:
        values["status_codes"] = codes
    return RetryPolicy(**values, retry_connection_errors=raw.get("retryConnectionErrors", True) is True)


def _backoff_number(value: Any, attribute: str) -> int | float | None:
    """Milliseconds (an int) or the exponent (a float), within sense; None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10**12:
        return None
    return float(value) if attribute == "exponent" else int(value)


def _status_codes(raw: Any, report: Report) -> tuple[str, ...] | None:
    """`[429, "5XX"]` -> ("429", "5XX"); None (the defaults) when absent or not such a list."""
    if raw is None:
        return None
    codes = [str(c).upper() for c in raw if isinstance(c, (str, int)) and not isinstance(c, bool)] if isinstance(raw, list) else []
    if not codes or len(codes) != len(raw) or not all(_STATUS_CODE.fullmatch(c) for c in codes):
        report(f"/{RETRIES}/statusCodes", "must be a list of status codes such as 429 or \"5XX\"; the defaults are used", "warning")
        return None
    return tuple(codes)


def sse_sentinel(media: dict[str, Any], op: dict[str, Any]) -> str | None:
    """The `x-speakeasy-sse-sentinel` of a stream's media type, else of its operation."""
    for holder in (media, op):
        raw = holder.get(SSE_SENTINEL)
        if isinstance(raw, str) and raw:
            return raw
    return None
