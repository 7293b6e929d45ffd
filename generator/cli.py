"""`python -m generator SPEC -o OUT`: the pipeline load -> validate -> IR -> render -> format -> write."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import PROVENANCE
from .config import default_config_path
from .diagnostics import Diagnostic, GenerationError, missing_dependency
from .output import cache
from .output.check import check_tree
from .output.manifest import with_manifest
from .output.write import write_tree

if TYPE_CHECKING:
    from .ir.types import Api

# The stages' own modules (YAML, the validator, Jinja, black) are imported by `_generate`: a run
# answered from the cache imports none of them.

EXIT_OK, EXIT_DRIFT, EXIT_INVALID = 0, 1, 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate a typed Python client package from an OpenAPI 3.0/3.1 or Swagger 2.0 spec.",
    )
    parser.add_argument("--version", action="version", version=PROVENANCE)
    parser.add_argument("spec", type=Path, help="the spec file (YAML or JSON)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the output directory (owned by the generator)")
    parser.add_argument("--config", type=Path, help="generator config (default: <spec stem>.generator.yaml beside the spec)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 with a diff if OUTPUT is stale")
    parser.add_argument("--lenient", action="store_true", help="report spec validation errors as warnings and go on")
    parser.add_argument("--timings", action="store_true", help="print the time each stage took")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, help="show the stages as they run (default: when stderr is a terminal)")
    parser.add_argument(
        "--formatter",
        choices=("black", "ruff"),
        default="black",
        help="black (default) or ruff, black-compatible and faster (needs the [ruff] extra)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither use nor fill the cache of formatted files and runs")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")
    return parser.parse_args(argv)


_CLEAR_LINE = "\r\x1b[K"  # to the start of the line, and erase it


class _Progress:
    """The stages running, on stderr: on a terminal one line rewritten in place, else (when
    asked) one line per stage as it starts; nothing when not asked and not a terminal. Cleared
    on leaving, before the run's own lines are printed."""

    def __init__(self, stream: TextIO, asked: bool | None) -> None:
        self.stream = stream
        self.running: list[str] = []
        terminal = stream.isatty()
        self.in_place = terminal and asked is not False
        self.lines = not terminal and bool(asked)

    def started(self, name: str) -> None:
        self.running.append(name)
        if self.lines:
            self._write(f"{name}…\n")
        self._show()

    def ended(self, name: str) -> None:
        self.running.remove(name)
        self._show()

    def _show(self) -> None:
        if self.in_place and self.running:  # between stages, the last one stays until the next
            self._write(_CLEAR_LINE + ", ".join(f"{name}…" for name in self.running))

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()  # now, and never left in a buffer that a forked worker would copy

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.in_place:
            self._write(_CLEAR_LINE)


class _Timer:
    def __init__(self, progress: _Progress) -> None:
        self.stages: list[tuple[str, float]] = []
        self.start = time.perf_counter()
        self.progress = progress

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        self.progress.started(name)
        try:
            yield
        finally:
            self.progress.ended(name)
        self.stages.append((name, time.perf_counter() - start))

    def report(self) -> str:
        total = time.perf_counter() - self.start  # stages can overlap: the wall-clock time
        parts = [f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.stages]
        return "timings: " + ", ".join(parts) + f"; total {total * 1000:.0f} ms"


def run(args: argparse.Namespace) -> int:
    """Run the pipeline; diagnostics are printed here and nowhere else."""
    progress = _Progress(sys.stderr, args.progress)
    timer = _Timer(progress)
    warnings: list[Diagnostic] = []
    try:
        with progress:
            files = _files(args, timer, warnings)
            with timer.stage("write"):
                drift = _write_or_check(args, files, warnings)
    except GenerationError as exc:
        _print(warnings + exc.diagnostics)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return EXIT_INVALID
    _print(warnings)
    if args.timings:
        print(timer.report(), file=sys.stderr)
    if drift:
        print("\n".join(drift), file=sys.stderr)
        print(f"{args.output} is stale: regenerate with python -m generator {args.spec} -o {args.output}", file=sys.stderr)
        return EXIT_DRIFT
    if not args.check:
        print(f"wrote {len(files)} files to {args.output}", file=sys.stderr)
    return EXIT_OK


def _files(args: argparse.Namespace, timer: _Timer, warnings: list[Diagnostic]) -> dict[str, str]:
    """The files to write, and their warnings: those of a run over the same inputs before, if
    the cache has it; else generated (and cached)."""
    cache_dir = None if args.no_cache else cache.default_cache_dir()
    if cache_dir is None:
        return _generate(args, timer, warnings, cache_dir)[0]
    with timer.stage("cache"):
        config = args.config or default_config_path(args.spec)
        key = cache.run_key(args.spec, config, args.lenient, (f"formatter={args.formatter}",))
        stored = cache.stored_run_key(cache_dir, key) if key else None
        hit = cache.load_run(cache_dir, stored) if stored else None
    if hit is not None:
        warnings += [Diagnostic(**fields) for fields in hit[1]]
        return hit[0]
    files, inputs = _generate(args, timer, warnings, cache_dir)
    if key is not None:
        run_key = cache.store_inputs(cache_dir, key, inputs)
        cache.store_run(cache_dir, run_key, files, [vars(w) for w in warnings])
    return files


def _write_or_check(
    args: argparse.Namespace, files: dict[str, str], warnings: list[Diagnostic]
) -> list[str]:
    """Write the files (their warnings go to `warnings`), or with --check, the drift from them."""
    if args.check:
        return check_tree(args.output, files)
    warnings += write_tree(args.output, files)
    return []


def _generate(
    args: argparse.Namespace, timer: _Timer, warnings: list[Diagnostic], cache_dir: Path | None
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The stages from the spec to the formatted files (with their manifest), and the files
    the load read (for the run cache's key)."""
    if args.formatter == "ruff":
        from .output.ruff_format import ruff_binary

        ruff_binary()  # not installed: said now, before any work
    with timer.stage("import"):
        from .driver import through_spec

    def render_and_format(api: Api, checkpoint: Callable[[], None]) -> dict[str, str]:
        with timer.stage("render and format"):
            return with_manifest(_formatted(api, args.formatter, cache_dir, checkpoint), PROVENANCE)

    read: list[tuple[str, str, str]] = []
    files, seconds, parallel = through_spec(
        args.spec, args.config, render_and_format, lenient=args.lenient, warnings=warnings, stage=timer.stage, read=read
    )
    # The timer saw validation from the spec's hand-over to its outcome; reported is its own time.
    names = [name for name, _ in timer.stages]
    del timer.stages[names.index("validate")]
    timer.stages.insert(names.index("load") + 1, ("validate (in parallel)" if parallel else "validate", seconds))
    return files, read


def _formatted(api: Api, formatter: str, cache_dir: Path | None, checkpoint: Callable[[], None]) -> dict[str, str]:
    """The package's files, formatted: with black, each file as soon as it is rendered (in
    several processes); with ruff, all at once after rendering (in several processes), in one
    fast ruff run. `checkpoint` is called between files, and may raise to stop."""
    from .output.schedule import format_sources, render_and_format, render_files
    from .render import PackageRenderer

    package = PackageRenderer(api, cache_dir)
    if formatter == "ruff":
        rendered = render_files(package, checkpoint=checkpoint)
        return format_sources(rendered, cache_dir=cache_dir, formatter="ruff")
    return render_and_format(package, cache_dir=cache_dir, checkpoint=checkpoint)


def _print(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m generator SPEC -o OUT ...` generates; `python -m generator diff OLD NEW ...`
    compares (a spec named `diff` is reached as `./diff`)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["diff"]:
        from .diff.cli import main as diff

        return _guarded(lambda: diff(arguments[1:]), "--debug" in arguments, Path("diff"))
    args = parse_args(arguments)
    return _guarded(lambda: run(args), args.debug, args.spec)


def _guarded(command: Callable[[], int], debug: bool, where: Path) -> int:
    """Run `command`; an exception no stage turned into a diagnostic is a generator bug."""
    try:
        return command()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a generator bug: say so in one line unless asked for more
        if debug:
            traceback.print_exc()
        else:
            print(_internal_error(where, exc), file=sys.stderr)
        return EXIT_INVALID


def _internal_error(spec: Path, exc: Exception) -> Diagnostic:
    """One located line for an exception no stage turned into a diagnostic."""
    missing = missing_dependency(exc)
    if missing is not None:
        return Diagnostic(str(spec), 0, 0, "", missing)
    if isinstance(exc, RecursionError):
        message = "the spec nests too deeply for the generator (Python's recursion limit): flatten its chains of $refs and nested schemas"
    elif isinstance(exc, MemoryError):
        message = "out of memory: the spec is too large for the generator"
    else:
        detail = str(exc).splitlines()[0][:200] if str(exc).strip() else ""
        message = f"internal error: {type(exc).__name__}: {detail}".rstrip(": ") + " (a generator bug)"
    return Diagnostic(str(spec), 0, 0, "", f"{message}; run with --debug for a traceback")
