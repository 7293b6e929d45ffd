"""Format rendered Python sources with black, in-process, doing as little black work as it can.

The result is always `black.format_str(text, mode=MODE)` for every `.py` file; three things only
decide how much of that work is done again:

- The runtime files are copied verbatim from `generator/runtime/` and kept black-formatted (a test
  checks), so black would return them unchanged: they are not formatted again.
- With a cache directory, each result is stored under the hash of the exact input text, black's
  version and the mode (content-addressed: a hit is the text black returned for that input).
- What is left is shared between the CPU cores (`schedule`) when there is enough of it to pay
  for the processes; each file is formatted whole, in one process, as it would be alone.

With `formatter="ruff"` (opt-in) the same holds with `ruff format` in place of black (see
`ruff_format`): black-compatible, so the runtime files are its output as well.
"""

from __future__ import annotations

import gc
import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, GenerationError
from .cache import read_entry, write_entry

# The mode, as data: it is part of every cache key (black.Mode is built from it when needed).
LINE_LENGTH = 100
TARGET_VERSIONS = ("PY310",)
MODE_ID = f"line_length={LINE_LENGTH};target_versions={','.join(TARGET_VERSIONS)}"

Result = tuple[str | None, str | None]  # (formatted text, error message)


@cache
def black_mode() -> Any:
    import black
    from black.mode import TargetVersion

    return black.Mode(
        target_versions={TargetVersion[v] for v in TARGET_VERSIONS}, line_length=LINE_LENGTH
    )


@cache
def black_version() -> str:
    try:
        from _black_version import version  # type: ignore[import-untyped]  # black's own: no import of black
    except ImportError:
        from importlib.metadata import version as dist_version

        return dist_version("black")
    return str(version)


@cache
def runtime_sources() -> frozenset[str]:
    """The texts of the runtime files, which reach the output unchanged and are black-formatted."""
    from ..paths import runtime_dir

    return frozenset(p.read_text(encoding="utf-8") for p in runtime_dir().glob("*.py"))


def formatter_id(formatter: str) -> str:
    """The formatter, its version and the mode: what, beside the input, decides its output."""
    if formatter == "ruff":
        from .ruff_format import ruff_version

        return f"{ruff_version()}\0{MODE_ID}"
    return f"black {black_version()}\0{MODE_ID}"


def format_file(source: str, cache_dir: Path | None) -> Result:
    """One rendered `.py` file through black (see `_format_collected`), or from the cache in
    `cache_dir`, which then keeps what black returned."""
    if cache_dir is None:
        return _format_collected(source)
    formatter = formatter_id("black")
    found = _lookup(cache_dir, formatter, source)
    if found is not None:
        return found, None
    result = _format_collected(source)
    if result[0] is not None:
        write_entry(_entry(cache_dir, _key(formatter, source)), result[0].encode("utf-8"))
    return result


def format_batch(batch: list[tuple[str, str]]) -> dict[str, Result]:
    """Each file through black, in this process (see `_format_collected`), with what is alive
    now (the spec, the IR) frozen out of the collections."""
    gc.freeze()
    try:
        return {path: _format_collected(source) for path, source in batch}
    finally:
        gc.unfreeze()


def _format_collected(source: str) -> Result:
    """Black's syntax trees are cyclic garbage: rather than let the collector scan the whole heap
    over and over while black runs, format with the collector off and collect that file's
    garbage once. About 12% less time."""
    if not gc.isenabled():
        return _format_one(source)
    gc.disable()
    try:
        return _format_one(source)
    finally:
        gc.enable()
        gc.collect()


def _format_one(source: str) -> Result:
    import black
    from black.parsing import InvalidInput

    try:
        return black.format_str(source, mode=black_mode()), None
    except InvalidInput as exc:
        return None, str(exc)


def parsed(results: dict[str, Result]) -> dict[str, str]:
    """The formatted texts; raises, naming every file, when black could not parse one."""
    errors = [
        Diagnostic(path, 0, 0, "", f"generated code does not parse (a generator bug): {error}")
        for path, (_, error) in results.items()
        if error is not None
    ]
    if errors:
        raise GenerationError(sorted(errors))
    return {path: text for path, (text, _) in results.items() if text is not None}


def cached(cache_dir: Path, formatter: str, todo: dict[str, str]) -> dict[str, str]:
    """The files whose formatted text the cache has."""
    found = {path: _lookup(cache_dir, formatter, source) for path, source in todo.items()}
    return {path: text for path, text in found.items() if text is not None}


def store(cache_dir: Path, formatter: str, sources: dict[str, str], formatted: dict[str, str]) -> None:
    for path, text in formatted.items():
        write_entry(_entry(cache_dir, _key(formatter, sources[path])), text.encode("utf-8"))


def _lookup(cache_dir: Path, formatter: str, source: str) -> str | None:
    body = read_entry(_entry(cache_dir, _key(formatter, source)))
    try:
        return body.decode("utf-8") if body is not None else None
    except UnicodeDecodeError:
        return None  # tampered with: a miss


def _key(formatter: str, source: str) -> str:
    h = hashlib.sha256(f"{formatter}\0".encode())
    h.update(source.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / "format" / key[:2] / key[2:]
