"""Server text made safe to show: every message and log line built from what a server
sent (a body, a reason phrase, a header) goes through ``printable``, so that a server
can neither forge log lines (CR, LF) nor repaint a terminal (ESC, BEL), nor make a
message as long as its body."""

from __future__ import annotations

import re

__all__ = ["EXCERPT", "excerpt", "printable"]

# How much of a body an error message quotes.
EXCERPT = 500

# C0 controls, DEL and C1 controls; also the Unicode line and paragraph separators,
# which some terminals and log viewers break lines at.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROLS_BUT_LF = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, limit: int = EXCERPT, *, lines: bool = False) -> str:
    """``text`` with control characters escaped (``\\x1b``), cut to ``limit`` characters
    (before escaping, so the result is at most six times as long) with ``...`` marking
    a cut. ``lines`` keeps line feeds, for a message of our own (pydantic's) that
    quotes server text in its lines."""
    cut = len(text) > limit
    if cut:
        text = text[:limit]
    controls = _CONTROLS_BUT_LF if lines else _CONTROLS
    if controls.search(text) is not None:
        text = controls.sub(_escape, text)
    return text + "..." if cut else text


def excerpt(content: bytes, limit: int = EXCERPT) -> str:
    """The start of a body as printable text (undecodable bytes replaced), for a message."""
    return printable(content[: limit + 1].decode("utf-8", "replace"), limit)
