"""`python -m generator SPEC -o OUT`: the pipeline load -> validate -> IR -> render -> format -> write."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import cache
from .config import default_config_path, load_config
from .diagnostics import Diagnostic, GenerationError, missing_dependency
from .write import check_tree, with_manifest, write_tree

# The stages' own modules (YAML, the validator, Jinja, black) are imported by `_generate`: a run
# answered from the cache imports none of them.

EXIT_OK, EXIT_DRIFT, EXIT_INVALID = 0, 1, 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate a typed Python client package from an OpenAPI 3.0/3.1 or Swagger 2.0 spec.",
    )
    parser.add_argument("spec", type=Path, help="the spec file (YAML or JSON)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the output directory (owned by the generator)")
    parser.add_argument("--config", type=Path, help="generator config (default: <spec stem>.generator.yaml beside the spec)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 with a diff if OUTPUT is stale")
    parser.add_argument("--lenient", action="store_true", help="report spec validation errors as warnings and go on")
    parser.add_argument("--timings", action="store_true", help="print the time each stage took")
    parser.add_argument("--no-cache", action="store_true", help="neither use nor fill the cache of formatted files and runs")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")
    return parser.parse_args(argv)


class _Timer:
    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []
        self.start = time.perf_counter()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stages.append((name, time.perf_counter() - start))

    def report(self) -> str:
        total = time.perf_counter() - self.start  # stages can overlap: the wall-clock time
        parts = [f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.stages]
        return "timings: " + ", ".join(parts) + f"; total {total * 1000:.0f} ms"


def run(args: argparse.Namespace) -> int:
    """Run the pipeline; diagnostics are printed here and nowhere else."""
    timer = _Timer()
    warnings: list[Diagnostic] = []
    try:
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
        return _generate(args, timer, warnings, cache_dir)
    with timer.stage("cache"):
        key = cache.run_key(args.spec, args.config or default_config_path(args.spec), args.lenient)
        hit = cache.load_run(cache_dir, key) if key else None
    if hit is not None:
        warnings += [Diagnostic(**fields) for fields in hit[1]]
        return hit[0]
    files = _generate(args, timer, warnings, cache_dir)
    if key is not None:
        cache.store_run(cache_dir, key, files, [vars(w) for w in warnings])
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
) -> dict[str, str]:
    """The stages from the spec to the formatted files (with their manifest)."""
    with timer.stage("import"):
        from . import ir
        from .format import format_sources
        from .load import load
        from .render import GENERATOR_NAME, render_package
        from .upgrade import upgrade
        from .validate import ValidationBeside

    with timer.stage("load"):
        passed_over = warnings if args.lenient else None  # duplicate keys: warnings, not errors
        spec = load(args.spec, passed_over)
        config = load_config(args.config, args.spec, passed_over)
    # Validation runs in another process beside the next stages (one after the other where
    # that cannot be); its warnings and errors come out as if it had run first. It checks the
    # spec as written; the IR reads it upgraded (Swagger 2.0 -> OpenAPI 3.0).
    validation = ValidationBeside(spec, lenient=args.lenient, warnings=warnings)
    after_load = len(timer.stages)
    with validation:
        upgraded, approximated = upgrade(spec)
        warnings += approximated
        with timer.stage("ir"):
            api, found = ir.build(upgraded, config)
            warnings += found
        with timer.stage("render"):
            files = render_package(api)
        with timer.stage("format"):
            files = with_manifest(format_sources(files, cache_dir=cache_dir), GENERATOR_NAME)
    timer.stages.insert(after_load, ("validate (in parallel)" if validation.parallel else "validate", validation.seconds))
    return files


def _print(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a generator bug: say so in one line unless asked for more
        if args.debug:
            traceback.print_exc()
        else:
            print(_internal_error(args.spec, exc), file=sys.stderr)
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
