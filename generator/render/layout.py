"""Lines laid out the way black lays them out, so that black finds nothing to change.

Black formats a file in one pass when its input is already black's output, and in two when it
is not (its second pass checks the first): emitting black's layout halves the formatting stage,
the longest of a cold run. The templates write each statement on one line and pass the long ones
through `wrap`, which splits them as black's right-hand split does: at the last bracket, the
contents on one line if they fit, else one item a line with a trailing comma. Black still
formats every file: where this module and black disagree, the output is black's all the same,
only slower (a test keeps them in agreement on real specs).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

LINE_LENGTH = 100  # black's mode in `format` (a test keeps them equal)
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = frozenset(")]}")
_MAYBE_MAGIC = re.compile(r",\s*[)\]}]")  # what a magic trailing comma needs (in a string or not)


def width(text: str) -> int:
    """Columns `text` takes, counted as black counts them (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


@functools.lru_cache(maxsize=1 << 16)
def wrap(line: str, indent: int = 0) -> str:
    """`line` (one logical line, no indentation) at `indent` spaces, split as black would split it.

    Cached: most lines come again (a field, a placeholder, in module after module)."""
    known = _without_scan(line, indent)
    if known is not None:
        return known
    scanned = _Scanned(line)
    pairs = scanned.pairs
    if indent + width(line) <= LINE_LENGTH and not _magic_comma(line, pairs):
        return " " * indent + line
    if line.startswith(("def ", "async def ")):  # black splits a def at its parameters
        return _split(line, pairs, min(pairs), indent)
    annotated = _ANNOTATED.match(line)
    if annotated:
        wrapped = _wrap_annotated(scanned, indent, annotated.end())
        if wrapped is not None:
            return wrapped
    top = _top_level(pairs)
    if not top:
        return _wrap_value(line, indent, scanned.find(" = ", 0))
    return _wrap_at_brackets(scanned, top, indent)


def _without_scan(line: str, indent: int) -> str | None:
    """The lines laid out without scanning them (None: any other)."""
    if indent + width(line) <= LINE_LENGTH and _MAYBE_MAGIC.search(line) is None:
        return " " * indent + line  # most lines: fits, and no comma before a closing bracket
    if _unsplittable(line):
        return " " * indent + line
    if line.startswith("async def ") and "\n" not in line:
        split = wrap(line[6:], indent)  # the method's sync twin, most often wrapped already
        if "\n" in split:  # split at its parameters: the async one splits alike (`_split`)
            return " " * indent + "async " + split[indent:]
    return None


def _unsplittable(line: str) -> bool:
    """No brackets, no assignment, no union: nowhere black could split the line, which stays
    long (a long key of a dict split one item a line: thousands in a large models package)."""
    return (
        _BRACKET.search(line) is None
        and " = " not in line
        and " | " not in line
        and not line.startswith(("def ", "async def "))
    )


_BRACKET = re.compile(r"[()\[\]{}]")


def _wrap_at_brackets(scanned: _Scanned, top: list[tuple[int, int]], indent: int) -> str:
    """A line with top-level brackets, split in the last ones whose head fits."""
    line, pairs = scanned.line, scanned.pairs
    if indent + width(line[: top[-1][0] + 1]) > LINE_LENGTH:
        value = _parenthesized_value(scanned, indent)
        if value is not None:
            return value
    for start, _ in reversed(top):  # the last brackets, or earlier ones if the head is too long
        if indent + width(line[: start + 1]) <= LINE_LENGTH:
            return _split(line, pairs, start, indent)
    return _split(line, pairs, top[-1][0], indent)


def _parenthesized_value(scanned: _Scanned, indent: int) -> str | None:
    """`name = call(...)` whose line up to the call's bracket is too long: black puts the value
    in parentheses of its own and splits it there (None: not such a line)."""
    line = scanned.line
    equals = scanned.find(" = ", 0)
    if equals < 0 or indent + width(line[: equals + 4]) > LINE_LENGTH or "(" in line[:equals]:
        return None
    value = line[equals + 3 :]
    return "\n".join([" " * indent + line[: equals + 3] + "(", wrap(value, indent + 4), " " * indent + ")"])


def _wrap_value(line: str, indent: int, equals: int) -> str:
    """`name = value` (`equals` where ` = ` is), the value without brackets: in parentheses of
    its own, on one line if it fits, else one `|` member a line; a single value that does not
    fit even so is left long, as black leaves it."""
    if equals < 0:
        return " " * indent + line
    value = line[equals + 3 :]
    members = _top_level_split(value, " | ")
    if indent + 4 + width(value) > LINE_LENGTH and len(members) == 1:
        return " " * indent + line
    return "\n".join([" " * indent + line[: equals + 3] + "(", *_union(value, members, indent + 4), " " * indent + ")"])


def _union(text: str, members: list[str], indent: int) -> list[str]:
    """A union on its own lines in parentheses: on one line if it fits, else one member a line."""
    if indent + width(text) <= LINE_LENGTH:
        return [" " * indent + text]
    return [wrap(members[0], indent), *(wrap(f"| {m}", indent) for m in members[1:])]


_ANNOTATED = re.compile(r"[A-Za-z_]\w*: ")


def _wrap_annotated(scanned: _Scanned, indent: int, after_colon: int) -> str | None:
    """`name: annotation = value`: split in the value's brackets if the line up to them fits;
    a value without brackets in parentheses of its own if that fits; else a union annotation
    goes in parentheses of its own. None for the other cases (split like any line)."""
    line, pairs = scanned.line, scanned.pairs
    equals = scanned.find(" = ", after_colon)
    in_value = [p for p in _top_level(pairs) if equals >= 0 and p[0] > equals]
    if in_value:
        start, end = in_value[-1]
        if end == len(line) - 1 and indent + width(line[: start + 1]) <= LINE_LENGTH:
            return _split(line, pairs, start, indent)
    elif equals >= 0 and not line.endswith(","):  # (a def's parameter never gets `= (default)`)
        if indent + width(line[:equals] + " = (") <= LINE_LENGTH:
            return _wrap_value(line, indent, equals)
    return _parenthesized_annotation(line, indent, after_colon, equals)


def _parenthesized_annotation(line: str, indent: int, after_colon: int, equals: int) -> str | None:
    end = equals if equals >= 0 else len(line) - line.endswith(",")  # a parameter's comma
    annotation = line[after_colon:end]
    members = _top_level_split(annotation, " | ")
    if len(members) == 1:
        return None
    tail = ")" + line[end:]
    opening = " " * indent + line[:after_colon] + "("
    return "\n".join([opening, *_union(annotation, members, indent + 4), wrap(tail, indent)])


def _split(line: str, pairs: dict[int, int], start: int, indent: int) -> str:
    """Split at the brackets opening at `start`: their contents on one line if they fit (and
    black would not explode them anyway), else one item a line, each with its comma."""
    end = pairs[start]
    head, body, tail = line[: start + 1], line[start + 1 : end], line[end:]
    items = _items(body)
    lines = [" " * indent + head]
    if not _exploded(line, start, items, pairs) and indent + 4 + width(body) <= LINE_LENGTH:
        lines.append(" " * (indent + 4) + body + _lone_parameter_comma(line, items))
    elif len(items) == 1 and not _magic_comma(line, pairs, start):
        lines.append(_alone(body, indent + 4))
    else:
        lines += [_item(item.strip(), indent + 4) for item in items]
    lines.append(wrap(tail, indent))
    return "\n".join(lines)


def _item(item: str, indent: int) -> str:
    """One of several items a line, with its comma: a union too long for the line is split
    before each `|`, its members at the item's own indentation (black's way)."""
    annotated = _ANNOTATED.match(item) is not None  # a parameter: its union goes in parentheses
    members = [] if annotated or indent + width(item) + 1 <= LINE_LENGTH else _top_level_split(item, " | ")
    if len(members) <= 1:
        return wrap(item + ",", indent)
    pad = " " * indent
    return "\n".join([pad + members[0], *(f"{pad}| {m}" for m in members[1:-1]), f"{pad}| {members[-1]},"])


def _lone_parameter_comma(line: str, items: list[str]) -> str:
    """Black ends a def's parameters split onto a line of their own with a comma when they
    hold none (`def f(\n    self,\n) -> T:`)."""
    lone = len(items) == 1 and items[0].strip() != ""
    return "," if lone and line.startswith(("def ", "async def ")) else ""


def _alone(item: str, indent: int) -> str:
    """The one item in brackets that do not hold it on one line: black splits it at its `|`
    operators first (one member a line), and only then like a line of its own."""
    members = _top_level_split(item, " | ")
    if len(members) > 1:
        return "\n".join(_union(item, members, indent))
    return wrap(item, indent)


def wrap_import(module: str, names: list[str] | tuple[str, ...], indent: int = 0) -> str:
    """`from module import names`: on one line if it fits, else one name a line (black's way)."""
    pad = " " * indent
    line = f"{pad}from {module} import {', '.join(names)}"
    if width(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"{pad}from {module} import (", *(f"{pad}    {n}," for n in names), f"{pad})"])


# A bracket, or a whole string: its quote, then escaped or other characters, then its closing
# quote (none: the string runs to the end of the line). A string is one token, whatever it holds.
_TOKEN = re.compile(r"""[()\[\]{}]|"(?:[^"\\]+|\\.)*(")?|'(?:[^'\\]+|\\.)*(')?""", re.S)


class _Scanned:
    """A line's brackets and strings, found in one pass (long lines are long: Stripe's unions run
    to thousands of characters): where each bracket closes, and what is not at the top level."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.pairs: dict[int, int] = {}  # each opening bracket's position, with its closing one's
        self._covered: list[tuple[int, int]] = []  # [start, end): inside top-level brackets or strings
        stack: list[int] = []  # the brackets open so far
        for token in _TOKEN.finditer(line):
            at = token.start()
            char = line[at]
            if char in _OPENING:
                stack.append(at)
            elif char in _CLOSING:
                if stack:
                    start = stack.pop()
                    self.pairs[start] = at
                    if not stack:
                        self._covered.append((start + 1, at))
            elif not stack:  # a string at the top level: to its closing quote, else the line's end
                self._covered.append((at + 1, token.end() if token.lastindex else len(line)))
        self._starts = [start for start, _ in self._covered]

    def find(self, text: str, start: int) -> int:
        """Where `text` first occurs after `start` outside brackets and strings; -1 if nowhere."""
        at = self.line.find(text, start)
        while at >= 0 and self._inside(at):
            at = self.line.find(text, at + 1)
        return at

    def _inside(self, at: int) -> bool:
        k = bisect.bisect_right(self._starts, at) - 1
        return k >= 0 and at < self._covered[k][1]


def _top_level_split(text: str, separator: str) -> list[str]:
    if separator not in text:
        return [text]
    scanned = _Scanned(text)
    parts, start = [], 0
    at = scanned.find(separator, 0)
    while at >= 0:
        parts.append(text[start:at])
        start = at + len(separator)
        at = scanned.find(separator, start)
    return [*parts, text[start:]]


def _top_level(pairs: dict[int, int]) -> list[tuple[int, int]]:
    top: list[tuple[int, int]] = []
    for start in sorted(pairs):
        if not top or start > top[-1][1]:
            top.append((start, pairs[start]))
    return top


def _items(body: str) -> list[str]:
    """`body` split at its top-level commas (a trailing comma ends the last item)."""
    if not body.strip():
        return []
    items = _top_level_split(body, ",")
    return items[:-1] if len(items) > 1 and not items[-1].strip() else items


def _exploded(line: str, start: int, items: list[str], pairs: dict[int, int]) -> bool:
    """Whether black puts one item a line even when they would fit on one: a literal collection
    (not a call or a subscript) of several items, or brackets with a magic trailing comma."""
    return (_literal(line, start) and len(items) > 1) or _magic_comma(line, pairs, start)


def _magic_comma(line: str, pairs: dict[int, int], start: int = -1) -> bool:
    """A trailing comma that makes black explode its brackets (one-item tuples excepted)."""
    chosen = [(start, pairs[start])] if start >= 0 else list(pairs.items())
    for open_at, close_at in chosen:
        inner = line[open_at + 1 : close_at].rstrip()
        if not inner.endswith(","):
            continue
        one_tuple = line[open_at] == "(" and len(_items(inner)) == 1 and _literal(line, open_at)
        if not one_tuple:
            return True
    return False


def _literal(line: str, at: int) -> bool:
    return at == 0 or not (line[at - 1].isalnum() or line[at - 1] in "_)]")
