"""`python -m generator diff OLD NEW`: what regenerating from NEW changes for callers of OLD's SDK.

OLD and NEW are specs (each with its own config unless `--config` names one for both) or
output directories generated earlier, read through their `api.json`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, GenerationError
from ..pipeline import through_spec
from ..render.views import package_version
from ..surface import FORMAT, surface
from . import report
from .compare import Change
from .rules import compare

EXIT_OK, EXIT_FAIL, EXIT_INVALID = 0, 1, 2
SNAPSHOT = "api.json"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m generator diff",
        description="What a new spec changes in the generated SDK's public Python API, and the version bump that means.",
    )
    parser.add_argument("old", type=Path, help="the old spec, or an output directory generated earlier")
    parser.add_argument("new", type=Path, help="the new spec (or an output directory)")
    parser.add_argument("--config", type=Path, help="generator config for both (default: each spec's <stem>.generator.yaml)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--fail-on", choices=("major", "minor", "patch"), help="exit 1 when the bump is at least this")
    parser.add_argument(
        "--unless-bumped",
        action="store_true",
        help="with --fail-on: exit 0 anyway when NEW's package version is already at least the suggested one",
    )
    parser.add_argument("--lenient", action="store_true", help="report spec validation errors as warnings and go on")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of internal errors")
    return parser.parse_args(argv)


def read_snapshot(directory: Path) -> dict[str, Any]:
    """The surface an earlier generation wrote to `directory`."""
    path = directory / SNAPSHOT
    try:
        surface = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GenerationError([Diagnostic(str(path), 0, 0, "", "no API snapshot: not an output directory of this generator, or one generated before it wrote api.json (regenerate it)")]) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GenerationError([Diagnostic(str(path), 0, 0, "", f"unreadable API snapshot: {exc}")]) from None
    if not isinstance(surface, dict) or surface.get("format") != FORMAT:
        raise GenerationError([Diagnostic(str(path), 0, 0, "/format", "API snapshot of another format: regenerate the directory")])
    return surface


def surface_of(path: Path, args: argparse.Namespace, warnings: list[Diagnostic]) -> dict[str, Any]:
    """The public API `path` (a spec or an output directory) stands for."""
    if path.is_dir():
        return read_snapshot(path)
    found, _, _ = through_spec(
        path, args.config, lambda api, _: surface(api, package_version(api)), lenient=args.lenient, warnings=warnings
    )
    return found


def _printed(changes: list[Change], args: argparse.Namespace, old: dict[str, Any]) -> str:
    if args.format == "json":
        return report.as_json(changes)
    if args.format == "markdown":
        return report.as_markdown(changes, old["package"], old["version"])
    return report.as_text(changes, old["package"], old["version"])


def _fails(level: report.Bump, args: argparse.Namespace, old: dict[str, Any], new: dict[str, Any]) -> bool:
    if args.fail_on is None or report.BUMPS.index(level) < report.BUMPS.index(args.fail_on):
        return False
    return not (args.unless_bumped and report.already_bumped(old["version"], new["version"], level))


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    warnings: list[Diagnostic] = []
    try:
        old = surface_of(args.old, args, warnings)
        new = surface_of(args.new, args, warnings)
    except GenerationError as exc:
        for diagnostic in warnings + exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return EXIT_INVALID
    for diagnostic in warnings:
        print(diagnostic, file=sys.stderr)
    changes = compare(old, new)
    print(_printed(changes, args, old))
    level = report.bump(changes)
    if _fails(level, args, old, new):
        print(f"diff: the bump is {level} (--fail-on {args.fail_on})", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK
