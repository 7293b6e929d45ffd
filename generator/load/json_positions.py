"""Where a JSON pointer's node starts in a JSON text, found on demand without composing the
document.

Locating one warning in a 13 MB JSON spec through the YAML composer builds a node for every
value in the file (seconds, even in C). Here only the containers on the pointer's way are
scanned, each member once and each container only as far as a pointer needs: their members'
offsets are recorded while the values between them are skipped by the C JSON scanner. A
pointer's position is the start of its value, as the composer gives it; of a key written
twice, the first is kept, as `source.positions` keeps it.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

from .. import pointer

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_scan_value = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]


class NotJson(ValueError):
    """The text is not JSON where the scanner went: the YAML composer has to locate it."""


class JsonPositions:
    """(line, col) of pointers in one JSON text; containers scanned as pointers reach them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[str, int] = {"": _skip_space(text, 0)}
        # by container: where its next member starts (-1: none left), its index, the closing
        self.scans: dict[str, tuple[int, int, str]] = {}
        self.lines: _Lines | None = None

    def find(self, at: str) -> tuple[int, int] | None:
        """(line, col) of the node at `at`; None when there is none. NotJson when the text
        on the way is not JSON."""
        known = at
        while known not in self.offsets:
            known = pointer.parent(known)
        while known != at:
            end = at.find("/", len(known) + 1)
            step = at if end < 0 else at[:end]
            if step not in self.offsets and not self._scan(known, step):
                return None
            known = step
        if self.lines is None:  # once, on the first position asked for
            self.lines = _Lines(self.text)
        return self.lines.line_col(self.offsets[at])

    def _scan(self, at: str, until: str) -> bool:
        """Record the offsets of the members of the container at `at`, from where its last scan
        stopped, up to the member `until` (a warning's way rarely needs the rest of `/paths`);
        False when the container ends without it."""
        i, index, closing = self.scans[at] if at in self.scans else self._open(at)
        try:
            while i >= 0:
                member, value = self._member(at, i, index, closing)
                self.offsets.setdefault(member, value)  # of a key written twice, the first
                i, index = _next_member(self.text, value, closing), index + 1
                if member == until:
                    break
        except (IndexError, ValueError, StopIteration) as exc:
            raise NotJson(str(exc)) from None
        self.scans[at] = (i, index, closing)
        return until in self.offsets

    def _open(self, at: str) -> tuple[int, int, str]:
        """Where the container at `at` has its first member (-1: none, or not a container)."""
        start = self.offsets[at]
        closing = {"{": "}", "[": "]"}.get(self.text[start : start + 1], "")
        if not closing:
            return -1, 0, closing
        i = _skip_space(self.text, start + 1)
        return (-1 if self.text[i : i + 1] == closing else i), 0, closing

    def _member(self, at: str, i: int, index: int, closing: str) -> tuple[str, int]:
        """The pointer of the member at `i` and the offset of its value."""
        if closing == "]":
            return pointer.join(at, index), i
        text = self.text
        if text[i] != '"':
            raise NotJson(f"a key expected at {i}")
        key, i = scanstring(text, i + 1)
        i = _skip_space(text, i)
        if text[i] != ":":
            raise NotJson(f"':' expected at {i}")
        return pointer.join(at, key), _skip_space(text, i + 1)


class _Lines:
    """(line, col) of offsets in a text, from its newlines counted per chunk, as far as asked."""

    CHUNK = 1 << 16

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts: list[int] = []  # newlines before each chunk's end
        self.lasts: list[int] = []  # the offset of the last newline before it (-1: none)

    def line_col(self, offset: int) -> tuple[int, int]:
        chunk = offset // self.CHUNK
        while len(self.counts) < chunk:
            self._count(len(self.counts) * self.CHUNK)
        start = chunk * self.CHUNK
        count, last = (self.counts[chunk - 1], self.lasts[chunk - 1]) if chunk else (0, -1)
        count += self.text.count("\n", start, offset)
        found = self.text.rfind("\n", start, offset)
        return count + 1, offset - (found if found >= 0 else last)

    def _count(self, start: int) -> None:
        """Count the next chunk, which starts at `start`."""
        end = start + self.CHUNK
        count, last = (self.counts[-1], self.lasts[-1]) if self.counts else (0, -1)
        found = self.text.rfind("\n", start, end)
        self.counts.append(count + self.text.count("\n", start, end))
        self.lasts.append(found if found >= 0 else last)


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
