"""Where the templates and the runtime are: found from this file, without importing Jinja (the
run cache's key reads both)."""

from __future__ import annotations

from pathlib import Path

_GENERATOR = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """Templates sit at the checkout's top level, and inside the package once installed."""
    installed = _GENERATOR / "templates"
    return installed if installed.is_dir() else _GENERATOR.parent / "templates"


def runtime_dir() -> Path:
    """The runtime every generated package carries as `_runtime`: Python files of the generator,
    copied verbatim (never imported here: they need httpx and pydantic)."""
    return _GENERATOR / "runtime"
