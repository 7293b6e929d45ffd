"""Format rendered Python sources with black, in-process, doing as little black work as it can.

The result is always `black.format_str(text, mode=MODE)` for every `.py` file; three things only
decide how much of that work is done again:

- The runtime files are copied verbatim from `templates/runtime/` and kept black-formatted (a test
  checks), so black would return them unchanged: they are not formatted again.
- With a cache directory, each result is stored under the hash of the exact input text, black's
  version and the mode (content-addressed: a hit is the text black returned for that input).
- What is left is shared between the CPU cores with `fork` (Linux) when there is enough of it to
  pay for the processes; each file is formatted whole, in one process, as it would be alone.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

from .cache import read_entry, write_entry
from .diagnostics import Diagnostic, GenerationError
from .parallel import Forked, can_fork, cpus

# The mode, as data: it is part of every cache key (black.Mode is built from it when needed).
LINE_LENGTH = 100
TARGET_VERSIONS = ("PY310",)
MODE_ID = f"line_length={LINE_LENGTH};target_versions={','.join(TARGET_VERSIONS)}"
# Below this many characters to format, a second process costs more than it saves.
PARALLEL_MIN_CHARS = 40_000


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
    from .render import templates_dir

    return frozenset(
        p.read_text(encoding="utf-8") for p in (templates_dir() / "runtime").glob("*.py")
    )


def format_sources(
    files: dict[str, str],
    *,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    preformatted: Collection[str] | None = None,
) -> dict[str, str]:
    """Black over every `.py` file; a file black cannot parse is a generator bug, reported as such.

    `cache_dir`: where formatted files are kept between runs (None: no cache). `jobs`: processes
    to use (default: the CPUs this process may run on). `preformatted`: texts known to be black's
    output already (default: the runtime files).
    """
    python = _unformatted_python(files, runtime_sources() if preformatted is None else preformatted)
    formatted = _cached(cache_dir, python) if cache_dir is not None else {}
    todo = {path: source for path, source in python.items() if path not in formatted}
    done = _parsed(_format_all(todo, jobs or cpus()))
    if cache_dir is not None:
        _store(cache_dir, todo, done)
    formatted.update(done)
    return {path: formatted.get(path, source) for path, source in files.items()}


def _unformatted_python(files: dict[str, str], preformatted: Collection[str]) -> dict[str, str]:
    return {
        path: source
        for path, source in files.items()
        if path.endswith(".py") and source not in preformatted
    }


def _cached(cache_dir: Path, todo: dict[str, str]) -> dict[str, str]:
    """The files whose formatted text the cache has."""
    found: dict[str, str] = {}
    for path, source in todo.items():
        body = read_entry(_entry(cache_dir, _key(source)))
        try:
            if body is not None:
                found[path] = body.decode("utf-8")
        except UnicodeDecodeError:
            pass  # tampered with: a miss
    return found


def _store(cache_dir: Path, sources: dict[str, str], formatted: dict[str, str]) -> None:
    for path, text in formatted.items():
        write_entry(_entry(cache_dir, _key(sources[path])), text.encode("utf-8"))


def _parsed(results: dict[str, _Result]) -> dict[str, str]:
    """The formatted texts; raises, naming every file, when black could not parse one."""
    errors = [
        Diagnostic(path, 0, 0, "", f"generated code does not parse (a generator bug): {error}")
        for path, (_, error) in results.items()
        if error is not None
    ]
    if errors:
        raise GenerationError(sorted(errors))
    return {path: text for path, (text, _) in results.items() if text is not None}


def _key(source: str) -> str:
    h = hashlib.sha256(f"black {black_version()}\0{MODE_ID}\0".encode())
    h.update(source.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / "format" / key[:2] / key[2:]


_Result = tuple[str | None, str | None]  # (formatted text, error message)


def _format_one(source: str) -> _Result:
    import black
    from black.parsing import InvalidInput

    try:
        return black.format_str(source, mode=black_mode()), None
    except InvalidInput as exc:
        return None, str(exc)


def _format_batch(batch: list[tuple[str, str]]) -> dict[str, _Result]:
    """Black's syntax trees are cyclic garbage: rather than let the collector scan the whole heap
    (the spec, the IR) over and over while black runs, freeze what is alive, format each file
    with the collector off, and collect that file's garbage once. About 12% less time."""
    if not gc.isenabled():
        return {path: _format_one(source) for path, source in batch}
    results: dict[str, _Result] = {}
    gc.freeze()
    try:
        for path, source in batch:
            gc.disable()
            try:
                results[path] = _format_one(source)
            finally:
                gc.enable()
            gc.collect()
    finally:
        gc.unfreeze()
    return results


def _format_all(todo: dict[str, str], jobs: int) -> dict[str, _Result]:
    if not todo:
        return {}
    import black  # noqa: F401  (imported once, before any fork, not once per process)

    if not _worth_forking(todo, jobs):
        return _format_batch(list(todo.items()))
    return _format_in_processes(todo, jobs)


def _worth_forking(todo: dict[str, str], jobs: int) -> bool:
    """Whether there is enough to format to pay for more processes, and there can be any."""
    size = sum(len(s) for s in todo.values())
    return jobs >= 2 and len(todo) >= 2 and size >= PARALLEL_MIN_CHARS and can_fork()


def _format_in_processes(todo: dict[str, str], jobs: int) -> dict[str, _Result]:
    """One share here, the others in forked children; a child that dies has its share done here."""
    shares = _balance(todo, min(jobs, len(todo)))
    children = [Forked(_format_batch, share) for share in shares[1:]]
    results: dict[str, _Result] = {}
    try:
        results.update(_format_batch(shares[0]))
        for child, share in zip(children, shares[1:], strict=True):
            try:
                results.update(child.result())
            except RuntimeError:  # the process died (killed, out of memory): do its share here
                results.update(_format_batch(share))
    finally:
        for child in children:
            child.cancel()
    return results


def _balance(todo: dict[str, str], bins: int) -> list[list[tuple[str, str]]]:
    """Longest first onto the least loaded share; black's time is about proportional to length."""
    shares: list[list[tuple[str, str]]] = [[] for _ in range(bins)]
    loads = [0] * bins
    for path, source in sorted(todo.items(), key=lambda item: (-len(item[1]), item[0])):
        least = loads.index(min(loads))
        shares[least].append((path, source))
        loads[least] += len(source)
    return [share for share in shares if share]
