"""`python -m generator diff OLD NEW`: what regenerating from NEW changes for callers of OLD's SDK.

OLD and NEW are specs (each with its own config unless `--config` names one for both; when
only one has a config, it serves both) or output directories generated earlier, read through
their `api.json`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..config import default_config_path
from ..diagnostics import Diagnostic, GenerationError
from ..driver import read_api
from ..render.views import package_version
from . import report
from .compare import Change
from .renames import find_renames
from .rules import compare
from .surface import FORMAT, surface

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


def configs(old: Path, new: Path, given: Path | None) -> tuple[tuple[Path | None, Path | None], str | None]:
    """The config each side is read with, and a note for stderr when a spec has none of its own.

    A spec read with the defaults while the other has a config would have its package, client
    and servers reported renamed: when one spec has a config, it serves both. An output
    directory's api.json holds the names it was generated with: it neither needs nor lends one."""
    if given is not None:
        return (given, given), None
    specs = [path for path in (old, new) if not path.is_dir()]
    own = {path: default_config_path(path) for path in specs if default_config_path(path).is_file()}
    without = [path for path in specs if path not in own]
    if not without:
        return (own.get(old), own.get(new)), None
    if own:
        [config] = own.values()
        return (config, config), f"diff: {without[0]} has no config beside it: {config} is used for both"
    names = " or ".join(map(str, specs))
    return (None, None), f"diff: no config beside {names} (nor --config): the defaults are used"


def surface_of(path: Path, config: Path | None, args: argparse.Namespace) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The public API `path` (a spec or an output directory) stands for, read with `config`,
    and the warnings reading it found.

    A config not written beside the spec (`--config`, or the other spec's) may predate or
    postdate it: what it names that the spec lacks is a warning, not an error. The other spec's
    `package_version` is that release's: a spec borrowing its config keeps its own version."""
    if path.is_dir():
        return read_snapshot(path), []
    own = config in (None, default_config_path(path))
    lent = not own and config != args.config
    api, warnings = read_api(path, config, lenient=args.lenient, config_mismatch="error" if own else "warning")
    return surface(api, package_version(replace(api, package_version=None) if lent else api)), warnings


def _printed(changes: list[Change], args: argparse.Namespace, old: dict[str, Any], rename: report.Rename) -> str:
    if args.format == "json":
        return report.as_json(changes, rename)
    if args.format == "markdown":
        return report.as_markdown(changes, old["package"], old["version"], rename)
    return report.as_text(changes, old["package"], old["version"], rename)


def _fails(level: report.Bump, args: argparse.Namespace, old: dict[str, Any], new: dict[str, Any]) -> bool:
    if args.fail_on is None or report.BUMPS.index(level) < report.BUMPS.index(args.fail_on):
        return False
    return not (args.unless_bumped and report.already_bumped(old["version"], new["version"], level))


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    warnings: list[Diagnostic] = []  # those found before an error come with it
    (old_config, new_config), note = configs(args.old, args.new, args.config)
    try:
        old, warnings = surface_of(args.old, old_config, args)
        new, found = surface_of(args.new, new_config, args)
        warnings = warnings + found
    except GenerationError as exc:
        for diagnostic in warnings + exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return EXIT_INVALID
    if note:
        print(note, file=sys.stderr)
    for diagnostic in warnings:
        print(diagnostic, file=sys.stderr)
    renames = find_renames(old, new)
    changes = compare(old, new, renames)
    print(_printed(changes, args, old, renames.config(new)))
    level = report.bump(changes)
    if _fails(level, args, old, new):
        print(f"diff: the bump is {level} (--fail-on {args.fail_on})", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK
