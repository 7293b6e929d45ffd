"""The wire formats of streamed responses, decoded incrementally from the chunks a response
gives as they arrive: server-sent events (the WHATWG grammar: ``event``, ``data`` over several
lines, ``id``, ``retry``, comments, any of CRLF, LF or CR ending a line) and JSON lines
(NDJSON/JSONL, and RFC 7464 JSON text sequences).

Each decoder takes bytes in any split (a chunk may end inside a line, a character or a CRLF)
and returns only what is complete; nothing here does I/O. Both work on bytes (a line break is
never part of a UTF-8 character), so an event's JSON goes to the validator as it came, undecoded.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["LineDecoder", "RawEvent", "SSEDecoder", "ServerSentEvent", "decoded"]

_BOM = b"\xef\xbb\xbf"


class ServerSentEvent(NamedTuple):
    """One event as it came: ``event`` None when the server named no type (the grammar's
    ``message``), ``id`` the last event id seen so far, ``retry`` when this event set one.
    (A named tuple: one is made per event, and it is the cheapest immutable record.)"""

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None


# An event as the decoder gives it: (data, event, id, retry), ``data`` still UTF-8 bytes. A plain
# tuple: one is made per event, and a tuple is the cheapest record to make.
RawEvent = tuple[bytes, "str | None", "str | None", "int | None"]


def decoded(raw: RawEvent) -> ServerSentEvent:
    """The event with its data as text."""
    return ServerSentEvent(raw[0].decode("utf-8", "replace"), raw[1], raw[2], raw[3])


class SSEDecoder:
    """Bytes in, complete events out; an event the stream ends inside is never dispatched."""

    def __init__(self) -> None:
        self._pending = b""
        self._started = False
        self._data: list[bytes] = []
        self._event: str | None = None
        self._retry: int | None = None
        self._last_id: str | None = None

    def feed(self, chunk: bytes) -> list[RawEvent]:
        text = self._pending + chunk
        if not self._started:
            if _BOM.startswith(text):  # too short yet to tell
                self._pending = text
                return []
            self._started = True
            text = text.removeprefix(_BOM)
        # A CR at the end may be the first half of a CRLF: keep it with the pending line.
        held = b"\r" if text.endswith(b"\r") else b""
        if held:
            text = text[:-1]
        if b"\r" in text:
            text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        # Blocks end with a blank line; what follows the last one waits for more.
        blocks = text.split(b"\n\n")
        self._pending = blocks.pop() + held
        events: list[RawEvent] = []
        for block in blocks:
            if block.startswith(b"data: ") and b"\n" not in block:  # most events: one data line
                events.append((block[6:], None, self._last_id, None))
            else:
                events.extend(self._lines([*block.split(b"\n"), b""]))
        return events

    def end(self) -> list[RawEvent]:
        """At the stream's end: a last line ended by CR is complete; an unfinished event is dropped."""
        rest, self._pending = self._pending, b""
        return self._lines(rest[:-1].split(b"\n")) if rest.endswith(b"\r") else []

    def _lines(self, lines: list[bytes]) -> list[RawEvent]:
        events: list[RawEvent] = []
        for line in lines:
            if line.startswith(b"data:"):  # most lines: handled here, without a call
                self._data.append(line[6:] if line[5:6] == b" " else line[5:])
            elif line:
                self._line(line)
            elif self._data:
                events.append(self._dispatch())
            else:  # a blank line with no data: nothing to dispatch
                self._event = self._retry = None
        return events

    def _line(self, line: bytes) -> None:
        if line[:1] == b":":
            return  # a comment (often a keep-alive)
        name, _, value = line.decode("utf-8", "replace").partition(":")
        value = value[1:] if value[:1] == " " else value
        if name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)
        elif name == "data":  # `data` alone on its line: an empty line of data
            self._data.append(value.encode())

    def _dispatch(self) -> RawEvent:
        data = self._data
        joined = data[0] if len(data) == 1 else b"\n".join(data)
        event: RawEvent = (joined, self._event or None, self._last_id, self._retry)
        self._data, self._event, self._retry = [], None, None
        return event


class LineDecoder:
    """Bytes in, one JSON text per line out, blank lines skipped; a JSON text sequence's record
    separator (RS) before a text is dropped. ``end`` gives a last line that has no newline."""

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        lines = (self._pending + chunk).split(b"\n")
        self._pending = lines.pop()
        return [line for line in (raw.strip(_BLANK) for raw in lines) if line]

    def end(self) -> list[bytes]:
        rest, self._pending = self._pending.strip(_BLANK), b""
        return [rest] if rest else []


_BLANK = b" \t\r\n\x1e"
