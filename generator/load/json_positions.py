"""Where a JSON pointer's node starts in a JSON text, found on demand without composing the
document.

Locating one warning in a 13 MB JSON spec through the YAML composer builds a node for every
value in the file (seconds, even in C). Here only the containers on the pointer's way are
indexed, each once: their members' offsets are recorded while the values between them are
skipped by the C JSON scanner. A pointer's position is the start of its value, as the composer
gives it; of a key written twice, the first is kept, as `source.positions` keeps it.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from json.decoder import scanstring  # type: ignore[attr-defined]

from .. import pointer

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NEWLINE = re.compile("\n")
_scan_value = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]


class NotJson(ValueError):
    """The text is not JSON where the scanner went: the YAML composer has to locate it."""


class JsonPositions:
    """(line, col) of pointers in one JSON text; containers indexed as pointers reach them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[str, int] = {"": _skip_space(text, 0)}
        self.indexed: set[str] = set()
        self.newlines: array[int] | None = None  # the offset of each line's end

    def find(self, at: str) -> tuple[int, int] | None:
        """(line, col) of the node at `at`; None when there is none. NotJson when the text
        on the way is not JSON."""
        known = at
        while known not in self.offsets:
            known = pointer.parent(known)
        while known != at:
            if known in self.indexed:
                return None  # indexed already: the next step is not there
            self._index(known)
            end = at.find("/", len(known) + 1)
            known = at if end < 0 else at[:end]
            if known not in self.offsets:
                return None
        return self._line_col(self.offsets[at])

    def _line_col(self, offset: int) -> tuple[int, int]:
        if self.newlines is None:  # once, on the first position asked for
            self.newlines = array("q", (m.start() for m in _NEWLINE.finditer(self.text)))
        line = bisect.bisect_left(self.newlines, offset)
        return line + 1, offset - (self.newlines[line - 1] + 1 if line else 0) + 1

    def _index(self, at: str) -> None:
        """Record the offset of every member of the container at `at`."""
        self.indexed.add(at)
        start = self.offsets[at]
        opening = self.text[start : start + 1]
        try:
            if opening == "{":
                self._index_object(at, start + 1)
            elif opening == "[":
                self._index_array(at, start + 1)
        except (IndexError, ValueError, StopIteration) as exc:
            raise NotJson(str(exc)) from None

    def _index_object(self, at: str, i: int) -> None:
        text, offsets = self.text, self.offsets
        i = _skip_space(text, i)
        if text[i] == "}":
            return
        while True:
            if text[i] != '"':
                raise NotJson(f"a key expected at {i}")
            key, i = scanstring(text, i + 1)
            i = _skip_space(text, i)
            if text[i] != ":":
                raise NotJson(f"':' expected at {i}")
            i = _skip_space(text, i + 1)
            offsets.setdefault(pointer.join(at, key), i)
            i = _next_member(text, i, "}")
            if i < 0:
                return

    def _index_array(self, at: str, i: int) -> None:
        text, offsets = self.text, self.offsets
        i = _skip_space(text, i)
        if text[i] == "]":
            return
        index = 0
        while True:
            offsets[pointer.join(at, index)] = i
            i = _next_member(text, i, "]")
            if i < 0:
                return
            index += 1


def _next_member(text: str, i: int, closing: str) -> int:
    """Skip the value at `i`: the offset of the next member, or -1 when `closing` ends the
    container there."""
    _, end = _scan_value(text, i)
    end = _skip_space(text, end)
    if text[end] == closing:
        return -1
    if text[end] != ",":
        raise NotJson(f"',' or {closing!r} expected at {end}")
    return _skip_space(text, end + 1)


def _skip_space(text: str, i: int) -> int:
    match = _WHITESPACE.match(text, i)
    return match.end() if match else i
