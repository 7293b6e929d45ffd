"""The largest public specs (issue 26), beside openapi-python-client, and each stage's time per
operation on every spec measured.

GitHub's REST description comes from the `@octokit/openapi` npm package pinned in
`benchmarks/github` (installed there with `npm ci` on first use; its node_modules stays out of
git); Cloudflare's from `../shared/bench`, generated with `--lenient` (invalid as published).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GITHUB_FOLDER = HERE / "github"
GITHUB_PACKAGE = "@octokit/openapi"
GITHUB_SPEC = GITHUB_FOLDER / "node_modules" / GITHUB_PACKAGE / "generated" / "api.github.com.json"
CLOUDFLARE_SPEC = HERE.parents[1] / "shared" / "bench" / "cloudflare-openapi-2024-08.json"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TIMINGS = re.compile(r"^timings: (.*); total (\d+) ms$", re.MULTILINE)
_STAGE = re.compile(r"^(.*?)(?: \(in parallel\))? (\d+) ms$")


def github_spec() -> Path | None:
    """GitHub's description, installed from the pinned package if need be; None without npm."""
    pinned = json.loads((GITHUB_FOLDER / "package.json").read_text(encoding="utf-8"))
    installed = GITHUB_FOLDER / "node_modules" / GITHUB_PACKAGE / "package.json"
    version = json.loads(installed.read_text(encoding="utf-8"))["version"] if installed.exists() else None
    if GITHUB_SPEC.exists() and version == pinned["devDependencies"][GITHUB_PACKAGE]:
        return GITHUB_SPEC
    if shutil.which("npm") is None:
        print("npm not found: GitHub's spec left out", file=sys.stderr)
        return None
    command = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(command, cwd=GITHUB_FOLDER, check=True, timeout=600)
    return GITHUB_SPEC


def huge_specs() -> dict[str, tuple[Path, tuple[str, ...]]]:
    """The largest specs found, with the flags they need."""
    found: dict[str, tuple[Path, tuple[str, ...]]] = {}
    github = github_spec()
    if github is not None:
        found["github"] = (github, ())
    if CLOUDFLARE_SPEC.exists():
        found["cloudflare"] = (CLOUDFLARE_SPEC, ("--lenient",))
    return found


def operations(spec: Path) -> int:
    """How many operations the spec has."""
    text = spec.read_text(encoding="utf-8")
    document = json.loads(text) if spec.suffix == ".json" else yaml.load(text, Loader=yaml.CSafeLoader)
    return sum(
        1
        for item in (document.get("paths") or {}).values()
        if isinstance(item, dict)
        for method in METHODS
        if method in item
    )


def stage_times(stderr: str) -> dict[str, float] | None:
    """Each stage's seconds from a `--timings` line (`validate` is the time it ran beside)."""
    match = _TIMINGS.search(stderr)
    if match is None:
        return None
    stages = {}
    for part in match.group(1).split(", "):
        named = _STAGE.match(part.strip())
        if named:
            stages[named.group(1)] = int(named.group(2)) / 1000
    stages["total"] = int(match.group(2)) / 1000
    return stages


def per_operation_rows(
    timings: dict[str, list[dict[str, float]]], counts: dict[str, int]
) -> list[tuple[str, str, str, str]]:
    """Each stage's median time per operation, per spec, and the largest spec's against Stripe's
    (target: at most 2x a stage)."""
    per_op = {
        name: {stage: statistics.median(t[stage] for t in runs if stage in t) / counts[name] for stage in runs[0]}
        for name, runs in timings.items()
        if runs
    }
    rows = [
        (f"{name}: ms per operation ({counts[name]} operations), ruff cold", _ms_each(stages), "", "")
        for name, stages in per_op.items()
    ]
    largest = max(per_op, key=lambda name: counts[name], default=None)
    if "stripe" in per_op and largest not in (None, "stripe"):
        stripe = per_op["stripe"]
        ratios = ", ".join(f"{stage} {s / stripe[stage]:.1f}x" for stage, s in per_op[str(largest)].items() if stripe.get(stage))
        rows.append((f"growth: {largest} / stripe, per operation", ratios, "", "target <= 2x each"))
    return rows


def _ms_each(stages: dict[str, float]) -> str:
    return ", ".join(f"{stage} {1000 * seconds:.2f}" for stage, seconds in stages.items())
