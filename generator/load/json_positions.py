"""Where a JSON pointer's node starts in a JSON text, found on demand without composing the
document.

Locating one warning in a 13 MB JSON spec through the YAML composer builds a node for every
value in the file (seconds, even in C). Here only the containers on the pointer's way are
indexed, each at most once and only as far as the pointers asked for: their members' offsets
are recorded while the values between them are skipped by the C JSON scanner. A pointer's position is the start of its value, as the composer
gives it; of a key written twice, the first is kept, as `source.positions` keeps it.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]

from .. import pointer

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NEWLINE = re.compile("\n")
_scan_value = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]


class NotJson(ValueError):
    """The text is not JSON where the scanner went: the YAML composer has to locate it."""


class JsonPositions:
    """(line, col) of pointers in one JSON text; containers indexed as pointers reach them, each
    only as far as the member asked for (GitHub's first warning is under `/paths`: the members
    after it, and the top level's after `/paths`, are not scanned for it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[str, int] = {"": _skip_space(text, 0)}
        self.scans: dict[str, Iterator[str]] = {}  # containers being indexed: their members to come
        self.indexed: set[str] = set()  # containers indexed to their end
        self.newlines: array[int] | None = None  # the offset of each line's end, once listed
        self.counted = 0  # characters counted through, before the newlines were listed
        self.last = (0, 1, 0)  # the last position counted to: its offset, line and line's start

    def find(self, at: str) -> tuple[int, int] | None:
        """(line, col) of the node at `at`; None when there is none. NotJson when the text
        on the way is not JSON."""
        known = at
        while known not in self.offsets:
            known = pointer.parent(known)
        while known != at:
            end = at.find("/", len(known) + 1)
            step = at if end < 0 else at[:end]
            if step not in self.offsets and not self._index_until(known, step):
                return None
            known = step
        return self._line_col(self.offsets[at])

    def _line_col(self, offset: int) -> tuple[int, int]:
        """Positions by counting the newlines since the last one (warnings mostly come in the
        document's order), until as much text was counted as there is; from then on, every
        newline's offset is listed once (0.1 s for GitHub's spec) and looked up."""
        if self.newlines is None and self.counted < len(self.text):
            return self._counted(offset)
        if self.newlines is None:
            self.newlines = array("q", (m.start() for m in _NEWLINE.finditer(self.text)))
        line = bisect.bisect_left(self.newlines, offset)
        return line + 1, offset - (self.newlines[line - 1] + 1 if line else 0) + 1

    def _counted(self, offset: int) -> tuple[int, int]:
        """(line, col) at `offset`, counted on from the last position counted if it lies before."""
        at, line, start = self.last if self.last[0] <= offset else (0, 1, 0)
        between = self.text.count("\n", at, offset)
        if between:
            line += between
            start = self.text.rfind("\n", at, offset) + 1
        self.counted += offset - at
        self.last = (offset, line, start)
        return line, offset - start + 1

    def _index_until(self, at: str, wanted: str) -> bool:
        """Record the offsets of the members of the container at `at`, from where its indexing
        stopped, until `wanted` is recorded (True) or the container ends (False)."""
        if at in self.indexed:
            return False
        scan = self.scans.setdefault(at, self._members(at))
        try:
            for member in scan:
                if member == wanted:
                    return True
        except (IndexError, ValueError) as exc:
            del self.scans[at]  # ended by the error: asked again, it is scanned again, and raises again
            raise NotJson(str(exc)) from None
        del self.scans[at]
        self.indexed.add(at)
        return False

    def _members(self, at: str) -> Iterator[str]:
        """The members of the container at `at` (none for a scalar), each recorded as reached."""
        start = self.offsets[at]
        opening = self.text[start : start + 1]
        if opening == "{":
            return self._object_members(at, start + 1)
        if opening == "[":
            return self._array_members(at, start + 1)
        return iter(())

    def _object_members(self, at: str, i: int) -> Iterator[str]:
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
            member = pointer.join(at, key)
            offsets.setdefault(member, i)
            yield member
            i = _next_member(text, i, "}")
            if i < 0:
                return

    def _array_members(self, at: str, i: int) -> Iterator[str]:
        text, offsets = self.text, self.offsets
        i = _skip_space(text, i)
        if text[i] == "]":
            return
        index = 0
        while True:
            member = pointer.join(at, index)
            offsets[member] = i
            yield member
            i = _next_member(text, i, "]")
            if i < 0:
                return
            index += 1


def _next_member(text: str, i: int, closing: str) -> int:
    """Skip the value at `i`: the offset of the next member, or -1 when `closing` ends the
    container there."""
    try:
        _, end = _scan_value(text, i)
    except StopIteration as exc:  # the scanner's "no value here" (a generator may not raise it)
        raise NotJson(f"a value expected at {exc.value}") from None
    end = _skip_space(text, end)
    if text[end] == closing:
        return -1
    if text[end] != ",":
        raise NotJson(f"',' or {closing!r} expected at {end}")
    return _skip_space(text, end + 1)


def _skip_space(text: str, i: int) -> int:
    match = _WHITESPACE.match(text, i)
    return match.end() if match else i
