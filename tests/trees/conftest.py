"""Multi-file specs: small trees written by the tests, and Redocly CLI to bundle a tree into one file.

Redocly CLI is pinned in package.json/package-lock.json next to this file and installed with
`npm ci` on first use, as tests/contract does with Prism. Without Node.js and npm the tests that
need it fail instead of skipping.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main as generator_main
from tests.hostile.conftest import Outcome
from tests.npm_tools import install_pinned

HERE = Path(__file__).resolve().parent
BUNDLE_TIMEOUT = 120.0
_NEED_NODE = (
    "the multi-file tests (tests/trees) need Node.js and npm to run Redocly CLI "
    "(@redocly/cli, pinned in tests/trees/package.json): install Node.js 20.19 or newer with npm"
)


@pytest.fixture(scope="session")
def redocly_bundle() -> Any:
    """`bundle(spec, out)`: Redocly CLI's one-file bundle of the tree rooted at `spec`."""
    redocly = install_pinned(HERE, "@redocly/cli", "redocly", _NEED_NODE)

    def bundle(spec: Path, out: Path) -> Path:
        env = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}
        result = subprocess.run(
            [str(redocly), "bundle", str(spec), "-o", str(out)],
            cwd=spec.parent, capture_output=True, text=True, timeout=BUNDLE_TIMEOUT, env=env,
        )
        assert result.returncode == 0 and out.is_file(), result.stdout + result.stderr
        return out

    return bundle


def write_tree(root: Path, files: dict[str, Any]) -> Path:
    """Write each file (text as is; data as JSON or YAML by its suffix); the tree's `openapi.yaml`."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif path.suffix == ".json":
            path.write_text(json.dumps(content, indent=2), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root / "openapi.yaml"


def generate(spec: Path, out: Path, *flags: str) -> Outcome:
    """The command line, in-process, without the cache."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stderr):
        code = generator_main([str(spec), "-o", str(out), "--no-cache", *flags])
    return Outcome(code, stderr.getvalue())


def package(out: Path) -> dict[str, bytes]:
    """Every generated file with its bytes: to compare two outputs byte for byte."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def source(out: Path, name: str) -> str:
    """A generated module (`_client.py`, `resources/pets.py`...) of the one package in `out`."""
    [found] = [p for p in out.glob(f"*/{name}") if p.parent.name != "__pycache__"]
    return found.read_text(encoding="utf-8")


def models_source(out: Path) -> str:
    """The text of every models module of the one package in `out`, by module name."""
    [package] = [p for p in out.glob("*/models") if p.is_dir()]
    return "".join(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")) if p.name != "__init__.py")
