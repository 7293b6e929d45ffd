"""Problems found in the input, as values: collected by every stage, printed once by the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as precisely as we can: `file:line:col: pointer: message`."""

    file: str
    line: int
    col: int
    pointer: str
    message: str
    level: Literal["error", "warning"] = field(default="error", compare=False)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col}"
        pointer = f" {self.pointer}:" if self.pointer else ""
        return f"{where}:{pointer} {self.level}: {self.message}"


class GenerationError(Exception):
    """Raised by a stage that cannot go on; carries every problem it found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(tokens: Iterable[object]) -> str:
    """A JSON pointer (RFC 6901) from a sequence of keys and indexes."""
    return "".join("/" + escape_pointer_token(str(t)) for t in tokens)
