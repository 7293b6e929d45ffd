"""`python -m generator SPEC -o OUT`: the pipeline load -> validate -> IR -> render -> format -> write."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import ir
from .config import load_config
from .diagnostics import Diagnostic, GenerationError
from .format import format_sources
from .load import load
from .render import GENERATOR_NAME, render_package
from .upgrade import upgrade
from .validate import validate
from .write import check_tree, with_manifest, write_tree

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
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")
    return parser.parse_args(argv)


class _Timer:
    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stages.append((name, time.perf_counter() - start))

    def report(self) -> str:
        total = sum(t for _, t in self.stages)
        parts = [f"{name} {seconds * 1000:.0f} ms" for name, seconds in self.stages]
        return "timings: " + ", ".join(parts) + f"; total {total * 1000:.0f} ms"


def run(args: argparse.Namespace) -> int:
    """Run the pipeline; diagnostics are printed here and nowhere else."""
    timer = _Timer()
    warnings: list[Diagnostic] = []
    try:
        with timer.stage("load"):
            spec = load(args.spec)
            config = load_config(args.config, args.spec)
        with timer.stage("validate"):
            warnings += validate(spec, lenient=args.lenient)
            warnings += upgrade(spec)
        with timer.stage("ir"):
            api, found = ir.build(spec, config)
            warnings += found
        with timer.stage("render"):
            files = render_package(api)
        with timer.stage("format"):
            files = with_manifest(format_sources(files), GENERATOR_NAME)
        with timer.stage("write"):
            if args.check:
                drift = check_tree(args.output, files)
            else:
                warnings += write_tree(args.output, files)
                drift = []
    except GenerationError as exc:
        _print(warnings + exc.diagnostics)
        if any("validation" in d.message or d.pointer for d in exc.diagnostics) and not args.lenient:
            print("hint: --lenient generates anyway, with validation errors as warnings", file=sys.stderr)
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
            print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)", file=sys.stderr)
        return EXIT_INVALID
