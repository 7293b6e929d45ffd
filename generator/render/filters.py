"""The escaping filters templates apply to raw values, and `SpecText`, which requires one.

Spec text (descriptions, titles, URLs) reaches templates as `SpecText`: the renderer refuses
to print it unless a filter has escaped it first, so a description can never become code.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from typing import Any

from .json_text import indented


class SpecText(str):
    """Text from the spec: printable only through an escaping filter."""


def refuse_raw(value: Any) -> Any:
    """Jinja's `finalize`: spec text printed without a filter is a generator bug."""
    if isinstance(value, SpecText):
        raise ValueError("spec text printed without a filter (use | docstring or | pyliteral)")
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\x85]")
# Bidirectional controls: they reorder how source text is shown (CVE-2021-42574, "Trojan Source"),
# so they never reach a generated file raw; an escape keeps them in the text the user reads.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What makes `docstring` do more than strip a line's start: a line break or a control, a quote,
# a backslash, a tab, a bidirectional control.
_NEEDS_WORK = re.compile(f'[\\x00-\\x1f\\x7f\\x85\\u2028\\u2029"\\\\{_BIDI.pattern[1:-1]}]')
_TOML_ESCAPED = re.compile(f"\x7f|{_BIDI.pattern}")  # TOML also wants DEL escaped


def _unicode_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


@functools.lru_cache(maxsize=1 << 14)
def whole_docstring(text: Any, indent: int = 0) -> str:
    """`docstring`, for the whole of a class's or a function's docstring: spaced as black
    spaces those (the first line without trailing blanks, no four quotes in a row)."""
    body = docstring(text, indent)
    first, newline, rest = body.partition("\n")
    first = first.rstrip()
    if first.startswith('"'):  # no four quotes in a row
        first = " " + first
    if not newline and first.endswith('"'):
        first += " "
    return first + newline + rest


@functools.lru_cache(maxsize=1 << 14)
def docstring(text: Any, indent: int = 0) -> str:
    """Escape text for the inside of a triple-quoted docstring indented by `indent` (cached:
    descriptions repeat from field to field)."""
    if text is None:
        return ""
    raw = str(text)
    if _NEEDS_WORK.search(raw) is None:  # one line, nothing to escape: what `_escaped` returns
        return raw.lstrip()
    return _escaped(raw, indent)


def _escaped(raw: str, indent: int) -> str:
    """`docstring`'s work on any text (a test holds its shortcut to this)."""
    body = raw.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    body = _CONTROL.sub(" ", body.replace("\r\n", "\n").replace("\t", "    "))
    body = _BIDI.sub(_unicode_escape, body)  # `\u202e` in the source, the character in the docstring
    lines = inspect.cleandoc(body).splitlines()
    margin = " " * indent
    body = "\n".join(f"{margin}{line}".rstrip() if i else line for i, line in enumerate(lines))
    if len(lines) > 1:
        body += f"\n{margin}"
    elif body.endswith('"'):
        body += " "
    return body


def inline(text: Any) -> str:
    """Spec text for one line of Markdown: no line breaks, no code spans to break out of."""
    return " ".join(_BIDI.sub(" ", _CONTROL.sub(" ", str(text))).replace("`", "'").split())


def toml_string(text: Any) -> str:
    """A TOML basic string holding `text` (JSON's escapes are TOML's; lone surrogates dropped).

    TOML also wants DEL escaped, which JSON does not; bidirectional controls are escaped too."""
    clean = str(text).encode("utf-8", "ignore").decode("utf-8")
    return _TOML_ESCAPED.sub(_unicode_escape, json.dumps(clean, ensure_ascii=False))


def toml_list(values: Any) -> str:
    """A TOML array of basic strings (each escaped as `toml_string` escapes it), on one line."""
    return "[" + ", ".join(toml_string(value) for value in values) + "]"


def json_document(value: Any) -> str:
    """`value` as a JSON file people read (non-ASCII kept), bidirectional controls escaped."""
    return _BIDI.sub(_unicode_escape, indented(value)) + "\n"


def pyliteral(value: Any) -> str:
    """A Python literal that evaluates to exactly `value` (str, number, bool, None, `...`, and
    tuples, lists and dicts of them)."""
    if isinstance(value, str):
        return pystring(str(value))
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, float):
        finite = value == value and value not in (float("inf"), float("-inf"))
        return repr(value) if finite else f'float("{value}")'
    return _compound(value)


def _compound(value: Any) -> str:
    """`...`, and tuples, lists and dicts of literals."""
    if value is Ellipsis:
        return "..."
    if isinstance(value, tuple):
        inner = ", ".join(pyliteral(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(pyliteral(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pyliteral(k)}: {pyliteral(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no literal for {type(value).__name__}")


_QUOTE = re.compile(r"""(['"])""")


@functools.lru_cache(maxsize=1 << 16)
def pystring(text: str) -> str:
    """`text` as a string literal quoted the way black leaves it: double quotes, unless single
    quotes need fewer backslashes (then Python's own repr, which uses them). Cached: the same
    names and wire names are printed in many modules."""
    python = repr(text)
    if python[0] == '"' or text.count('"') > text.count("'"):
        return python
    if "'" not in text:  # no quote at all (repr quoted it with '): what `_requoted` gives
        return f'"{python[1:-1]}"'
    return _requoted(text)


def _requoted(text: str) -> str:
    """`text` in double quotes, each part between quotes escaped by repr, each `"` escaped."""
    parts = _QUOTE.split(text)  # text between quotes, then each quote
    body = "".join(
        ('\\"' if part == '"' else part) if i % 2 else repr(part)[1:-1] for i, part in enumerate(parts)
    )
    return f'"{body}"'


def spec_doc(*parts: str | None) -> SpecText:
    """Several pieces of spec text (summary, description...) as one docstring's text."""
    return SpecText("\n\n".join(inspect.cleandoc(p) for p in parts if p and p.strip()))
