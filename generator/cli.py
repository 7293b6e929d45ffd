"""`python -m generator SPEC -o OUT`: the arguments, the run (`driver.generate`, then the files
written or, with --check, compared), its diagnostics printed once, progress, timings, exit codes."""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from . import PROVENANCE
from .diagnostics import Diagnostic, GenerationError, missing_dependency
from .driver import Options, Validation, generate
from .output.check import check_tree
from .output.write import write_tree

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
    parser.add_argument("--timings", action="store_true", help="print the time each stage took, and how many operations page in which style")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, help="show the stages as they run (default: when stderr is a terminal)")
    parser.add_argument(
        "--formatter",
        choices=("black", "ruff"),
        default="black",
        help="black (default) or ruff, black-compatible and faster (needs the [ruff] extra)",
    )
    parser.add_argument("--overlay", type=Path, action="append", default=[], metavar="FILE", help="an OpenAPI Overlay 1.0.0 applied to the spec before validation (repeatable; after the config's `overlays`)")
    parser.add_argument("--templates", type=Path, metavar="DIR", help="template overrides: a file in DIR replaces the built-in template at the same relative path")
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

    def validated(self, validation: Validation | None) -> None:
        """The timer saw validation from the spec's hand-over to its outcome; reported is its own
        time, after the load (a run from the cache has none)."""
        if validation is None:
            return
        names = [name for name, _ in self.stages]
        del self.stages[names.index("validate")]
        shown = "validate (in parallel)" if validation.parallel else "validate"
        self.stages.insert(names.index("load") + 1, (shown, validation.seconds))

    def report(self) -> str:
        total = time.perf_counter() - self.start  # stages can overlap: the wall-clock time
        parts = [f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.stages]
        return "timings: " + ", ".join(parts) + f"; total {total * 1000:.0f} ms"


def run(args: argparse.Namespace) -> int:
    """Generate (`driver.generate`), then write or check; diagnostics are printed here and
    nowhere else."""
    progress = _Progress(sys.stderr, args.progress)
    timer = _Timer(progress)
    warnings: list[Diagnostic] = []  # those found before an error come with it
    try:
        with progress:
            generated = generate(_options(args), stage=timer.stage)
            timer.validated(generated.validation)
            warnings = generated.warnings
            with timer.stage("write"):
                drift = check_tree(args.output, generated.files) if args.check else []
                if not args.check:
                    warnings = warnings + write_tree(args.output, generated.files)
    except GenerationError as exc:
        _print(warnings + exc.diagnostics)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return EXIT_INVALID
    _print(warnings)
    if args.timings:
        print(timer.report(), file=sys.stderr)
        print(paging_report(generated.files), file=sys.stderr)
    if drift:
        print("\n".join(drift), file=sys.stderr)
        print(f"{args.output} is stale: regenerate with python -m generator {args.spec} -o {args.output}", file=sys.stderr)
        return EXIT_DRIFT
    if not args.check:
        print(f"wrote {len(generated.files)} files to {args.output}", file=sys.stderr)
    return EXIT_OK


def paging_report(files: dict[str, str]) -> str:
    """`pagination: 12 of 53 operations page (cursor 12)`, read from the package's `api.json`
    (so that a run the cache answered reports it too)."""
    from .render import API_SURFACE  # here: importing the renderer is not free

    resources = _surface_resources(files.get(API_SURFACE, "{}"))
    methods = [m for r in resources.values() for m in r.get("methods", {}).values()]
    styles = Counter(m["paging"] for m in methods if m.get("paging"))
    shown = ", ".join(f"{style} {count}" for style, count in sorted(styles.items()))
    return f"pagination: {sum(styles.values())} of {len(methods)} operations page" + (f" ({shown})" if shown else "")


_RESOURCES = '\n "resources": '  # api.json's top-level key: its only line indented once


def _surface_resources(text: str) -> dict[str, Any]:
    """The `resources` of an `api.json`, parsed alone (GitHub's whole surface is 13 MB, its
    resources 2 MB); the whole file where that key is not found as written."""
    at = text.find(_RESOURCES)
    if at < 0:
        resources = json.loads(text).get("resources", {})
    else:
        resources = json.JSONDecoder().raw_decode(text, at + len(_RESOURCES))[0]
    return resources if isinstance(resources, dict) else {}


def _options(args: argparse.Namespace) -> Options:
    return Options(
        args.spec,
        args.config,
        lenient=args.lenient,
        formatter=args.formatter,
        cache=not args.no_cache,
        overlays=tuple(args.overlay),
        templates=args.templates,
    )


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
