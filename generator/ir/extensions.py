"""The vendor extensions the IR reads: the one module that knows their names and how to read
each, returning plain values. The passes ask here for what a spec says through them, so the next
vendor's extension is read by adding a function here, not by looking in every pass.

- `x-speakeasy-group` (an operation): the resource it goes in, dotted for nesting.
- `x-speakeasy-name-override`: an operation's method name; on the document, naming rules
  (an operationId pattern -> a method name).
- `x-speakeasy-pagination` (an operation): offset/limit pagination's inputs and results.
- `x-speakeasy-retries` (the document): the retry policy.
- `x-sensitive` / `x-secret` (a property): a field masked when printed, or shown whatever its
  name; read with the spec's other secrecy flags in `secrets.flagged` (`shapes` imports that,
  and this module imports `shapes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .shapes import Report
from .types import RetryPolicy

GROUP = "x-speakeasy-group"
NAME_OVERRIDE = "x-speakeasy-name-override"
PAGINATION = "x-speakeasy-pagination"
RETRIES = "x-speakeasy-retries"

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
class OffsetLimit:
    """`x-speakeasy-pagination` of type offsetLimit, as written: what each input is called and the
    `$.a.b` path to the results."""

    inputs: dict[str, str]  # input kind (`offset`, `page`, `limit`) -> parameter name
    results: str
    pointer: str  # where it is written, for warnings


def pagination(op: dict[str, Any], op_pointer: str) -> OffsetLimit | None:
    """The operation's offset/limit pagination; None for none, or of another type."""
    raw = op.get(PAGINATION)
    if not isinstance(raw, dict) or raw.get("type") != "offsetLimit":
        return None
    outputs: dict[str, Any] = raw["outputs"] if isinstance(raw.get("outputs"), dict) else {}
    results = str(outputs.get("results", ""))
    return OffsetLimit(_pagination_inputs(raw.get("inputs")), results, f"{op_pointer}/{PAGINATION}")


def _pagination_inputs(raw: Any) -> dict[str, str]:
    """Input kind (`offset`, `page`, `limit`) -> parameter name; entries not of that shape are passed over."""
    listed = raw if isinstance(raw, list) else []
    return {
        i["type"]: i["name"]
        for i in listed
        if isinstance(i, dict) and isinstance(i.get("type"), str) and isinstance(i.get("name"), str)
    }


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
