"""Format rendered Python sources with black, in-process."""

from __future__ import annotations

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from .diagnostics import Diagnostic, GenerationError

_MODE = black.Mode(target_versions={TargetVersion.PY310}, line_length=100)


def format_sources(files: dict[str, str]) -> dict[str, str]:
    """Black over every `.py` file; a file black cannot parse is a generator bug, reported as such."""
    formatted: dict[str, str] = {}
    errors: list[Diagnostic] = []
    for path, source in files.items():
        if not path.endswith(".py"):
            formatted[path] = source
            continue
        try:
            formatted[path] = black.format_str(source, mode=_MODE)
        except InvalidInput as exc:
            errors.append(Diagnostic(path, 0, 0, "", f"generated code does not parse (a generator bug): {exc}"))
    if errors:
        raise GenerationError(errors)
    return formatted
