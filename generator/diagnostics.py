"""Problems found in the input, as values: collected by every stage, printed once by the CLI."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

# Anything that could break the one-line format or drive a terminal: C0/C1 controls,
# DEL, Unicode line/paragraph separators and the bidirectional overrides.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_POINTER = 160
MAX_MESSAGE = 500


def printable(text: str, limit: int = 0) -> str:
    """`text` on one line, control characters escaped (`\\n`, `\\x1b`, `\\u202e`), cut at `limit`."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
            f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
        )

    text = _UNPRINTABLE.sub(escape, text)
    if limit and len(text) > limit:
        keep = limit - 5
        text = text[: keep // 2] + " ... " + text[len(text) - (keep - keep // 2) :]
    return text


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as precisely as we can: `file:line:col: pointer: level: message`.

    Printed on one line whatever the spec put into the pointer or the message.
    """

    file: str
    line: int
    col: int
    pointer: str
    message: str
    level: Literal["error", "warning"] = field(default="error", compare=False)

    def __str__(self) -> str:
        where = printable(self.file)
        if self.line:
            where += f":{self.line}:{self.col}"
        pointer = f" {printable(self.pointer, MAX_POINTER)}:" if self.pointer else ""
        return f"{where}:{pointer} {self.level}: {printable(self.message, MAX_MESSAGE)}"


class GenerationError(Exception):
    """Raised by a stage that cannot go on; carries every problem it found, not just the first.

    `hint`, when given, is one line on what the user can do about all of them.
    """

    def __init__(self, diagnostics: list[Diagnostic], hint: str | None = None) -> None:
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics
        self.hint = hint

    def __reduce__(self) -> tuple[type[GenerationError], tuple[list[Diagnostic], str | None]]:
        return (GenerationError, (self.diagnostics, self.hint))  # survives pickling whole


# The distributions that provide the modules the generator imports (pyproject's dependencies).
_DISTRIBUTIONS = {"yaml": "PyYAML", "jinja2": "Jinja2", "openapi_spec_validator": "openapi-spec-validator", "_black_version": "black"}


def missing_dependency(exc: BaseException) -> str | None:
    """What to install, when `exc` says one of the generator's dependencies is missing; else None."""
    # Imported here: it takes longer to import than most of the generator, and only failures need it.
    from importlib.metadata import PackageNotFoundError

    if isinstance(exc, PackageNotFoundError):
        name = str(exc.name)
    elif isinstance(exc, ImportError) and exc.name:
        name = exc.name.split(".")[0]
    else:
        return None
    if not name or name == __name__.split(".")[0]:
        return None  # the generator's own module: a bug, not an installation problem
    package = _DISTRIBUTIONS.get(name, name)
    return f"the generator needs the package {package!r}, which is not installed here: install it (pip install {package})"
