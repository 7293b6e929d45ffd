"""Node tools the tests run, pinned by a package.json/package-lock.json beside their tier.

Each is installed with `npm ci` from the committed lock file on first use, so a plain `pytest`
works on a fresh clone. Without Node.js and npm the tier fails instead of skipping: CI must never
pass without having run it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

INSTALL_TIMEOUT = 300.0


def install_pinned(folder: Path, package: str, binary: str, need_node: str) -> Path:
    """The path of `binary` from `package`, as pinned in `folder`, installed there if need be."""
    executable = folder / "node_modules" / ".bin" / binary
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail(need_node, pytrace=False)
    if executable.exists() and _installed_version(folder, package) == _pinned_version(folder, package):
        return executable
    # --ignore-scripts: the tools' install scripts are telemetry pings.
    command = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    where = f"tests/{folder.name}"
    try:
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`npm ci` in {where} did not finish within {INSTALL_TIMEOUT:.0f} s", pytrace=False)
    if result.returncode != 0 or not executable.exists():
        pytest.fail(
            f"`npm ci` in {where} failed (exit {result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}",
            pytrace=False,
        )
    return executable


def _pinned_version(folder: Path, package: str) -> str:
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    return str(manifest["devDependencies"][package])


def _installed_version(folder: Path, package: str) -> str | None:
    installed = folder / "node_modules" / package / "package.json"
    try:
        return str(json.loads(installed.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None
