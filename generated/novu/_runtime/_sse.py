"""The wire formats of streamed responses, decoded incrementally from the chunks a response
gives as they arrive: server-sent events (the WHATWG grammar: ``event``, ``data`` over several
lines, ``id``, ``retry``, comments, any of CRLF, LF or CR ending a line) and JSON lines
(NDJSON/JSONL, and RFC 7464 JSON text sequences).

Each decoder takes bytes in any split (a chunk may end inside a line, a character or a CRLF)
and returns only what is complete; nothing here does I/O.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["LineDecoder", "SSEDecoder", "ServerSentEvent"]

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class ServerSentEvent:
    """One event as it came: ``event`` None when the server named no type (the grammar's
    ``message``), ``id`` the last event id seen so far, ``retry`` when this event set one."""

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """Bytes in, complete events out; an event the stream ends inside is never dispatched."""

    def __init__(self) -> None:
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._started = False
        self._data: list[str] = []
        self._event: str | None = None
        self._retry: int | None = None
        self._last_id: str | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        text = self._pending + self._text.decode(chunk)
        if not self._started and text:
            self._started = True
            text = text.removeprefix("\ufeff")
        # A CR at the end may be the first half of a CRLF: keep it with the pending line.
        held = "\r" if text.endswith("\r") else ""
        lines = _NEWLINE.split(text[:-1] if held else text)
        self._pending = lines.pop() + held
        return [event for event in map(self._line, lines) if event is not None]

    def end(self) -> list[ServerSentEvent]:
        """At the stream's end: a last line ended by CR is complete; an unfinished event is dropped."""
        rest = self._pending + self._text.decode(b"", final=True)
        self._pending = ""
        if rest.endswith("\r"):
            event = self._line(rest[:-1])
            return [] if event is None else [event]
        return []

    def _line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line[0] == ":":
            return None  # a comment (often a keep-alive)
        name, _, value = line.partition(":")
        self._field(name, value[1:] if value[:1] == " " else value)
        return None

    def _field(self, name: str, value: str) -> None:
        """One field; an unknown one, an id with NUL or a retry not all digits is ignored."""
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)

    def _dispatch(self) -> ServerSentEvent | None:
        data, event, retry = self._data, self._event, self._retry
        self._data, self._event, self._retry = [], None, None
        if not data:
            return None
        return ServerSentEvent("\n".join(data), event or None, self._last_id, retry)


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
