"""How much input a run accepts: the bounds loading checks, and the byte and value budget
that a spec shares with every file it refers to.

A hostile spec must not exhaust memory or the stack: past a bound, loading stops with a
located error instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_BYTES = 64 * 1024 * 1024  # one file
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # the spec and every file it refers to
MAX_NODES = 1_000_000  # values in all files, YAML aliases expanded (Novu has 8k, Asana 46k)
MAX_TEXT = 32 * 1024 * 1024  # characters of keys and strings in all files, aliases expanded (Asana: 2.2 M)
MAX_DEPTH = 128  # nesting of mappings and lists (real specs stay under 20)
MAX_REF_DEPTH = 64  # files referring to files referring to files...
MAX_REF_CHAIN = 100  # a `$ref` to a `$ref` to a `$ref`...
# YAML reads `0xfff...` of any length; Python writes no integer of over 4300 digits as text.
MAX_INT_BITS = 13_000  # about 3900 decimal digits
MAX_ERRORS = 50  # problems reported by one check before it stops looking


@dataclass
class Budget:
    """What is left of the byte, value and text limits, shared by every file one spec pulls in."""

    bytes: int = field(default_factory=lambda: MAX_TOTAL_BYTES)
    nodes: int = field(default_factory=lambda: MAX_NODES)
    text: int = field(default_factory=lambda: MAX_TEXT)

    def file_limit(self) -> tuple[int, str]:
        """The most bytes the next file may hold, and which limit says so (for the message)."""
        if MAX_BYTES <= self.bytes:
            return MAX_BYTES, "one spec file"
        return self.bytes, "a spec and the files it refers to"
