"""Helpers of the hostile-input tests: run the generator, and check that what it says is usable.

Every failure must be reported as lines of the form
`file[:line:col]: [pointer:] error: message` (plus an optional `hint:` line), with an exit
code of 2, and never a Python traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main as generator_main

LINE = re.compile(
    r"(?P<file>[^:\n]+?)(?::(?P<line>\d+):(?P<col>\d+))?:(?: (?P<pointer>/[^\n]*?|):)? "
    r"(?P<level>error|warning): (?P<message>[^\n]+)"
)
OTHER_LINES = re.compile(r"hint: .+|wrote \d+ files to .+")


@dataclass
class Outcome:
    code: int
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()

    @property
    def diagnostics(self) -> list[re.Match[str]]:
        return [m for m in map(LINE.fullmatch, self.lines) if m]

    @property
    def errors(self) -> list[re.Match[str]]:
        return [m for m in self.diagnostics if m["level"] == "error"]

    @property
    def warnings(self) -> list[re.Match[str]]:
        return [m for m in self.diagnostics if m["level"] == "warning"]

    def assert_clean_failure(self) -> None:
        """Exit 2; every line a diagnostic (or the hint); at least one error; no traceback."""
        assert self.code == 2, self.stderr
        assert "Traceback" not in self.stderr and "internal error" not in self.stderr, self.stderr
        for line in self.lines:
            assert LINE.fullmatch(line) or OTHER_LINES.fullmatch(line), f"not a located diagnostic: {line!r}"
        assert self.errors, self.stderr

    def error_with(self, fragment: str) -> re.Match[str]:
        found = [m for m in self.errors if fragment in m["message"]]
        assert found, f"no error containing {fragment!r} in:\n{self.stderr}"
        return found[0]


def run(*args: str | Path) -> Outcome:
    """The generator's command line, in-process, with --no-cache (a hostile input is read for real)."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stderr):
        code = generator_main([str(a) for a in args] + ["--no-cache"])
    return Outcome(code, stderr.getvalue())


def write(path: Path, content: dict[str, Any] | str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(content, indent=1), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return path


def document(paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"openapi": "3.0.3", "info": {"title": "Hostile", "version": "1.0.0"}, "paths": paths or {}}
    if schemas is not None:
        doc["components"] = {"schemas": schemas}
    doc.update(extra)
    return doc


def operation(operation_id: str, schema: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    response: dict[str, Any] = {"description": "ok"}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return {"operationId": operation_id, "responses": {"200": response}, **extra}


def tree(root: Path) -> dict[str, bytes]:
    """Every file (and link) under `root` with its bytes: to compare trees byte for byte."""
    found: dict[str, bytes] = {}
    if not root.exists():
        return found
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(root).as_posix()] = b"-> " + str(path.readlink()).encode()
        elif path.is_file() and "__pycache__" not in path.parts:
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


@pytest.fixture
def cache_home() -> Path:
    """The session's private cache (tests/conftest.py), for subprocess runs to share."""
    return Path(os.environ["XDG_CACHE_HOME"])


def generate(tmp_path: Path, spec: dict[str, Any] | str, *args: str, name: str = "spec.json") -> tuple[Path, str]:
    """Generate `spec` into `tmp_path/out`; the output directory and the package's name."""
    path = write(tmp_path / "spec" / name, spec)
    out = tmp_path / "out"
    outcome = run(path, "-o", out, *args)
    assert outcome.code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, outcome.stderr
    manifest = json.loads((out / ".generated-by-pyclient.json").read_text(encoding="utf-8"))
    [package] = sorted({p.split("/")[0] for p in manifest["files"] if "/" in p})
    return out, package


def python(out: Path, code: str, cwd: Path, timeout: float = 120) -> str:
    """Run `code` in a fresh interpreter that can import the package in `out`; its stdout."""
    import os
    import subprocess
    import sys

    cwd.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(out), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout
