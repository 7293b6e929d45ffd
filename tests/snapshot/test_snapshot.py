"""generated/ is exactly what the generator makes from specs/novu.yaml, and `--check` says so."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.output.tree import existing_files
from tests.conftest import ROOT

GENERATED = ROOT / "generated"
SPEC = ROOT / "specs" / "novu.yaml"


def generate(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )


def test_regenerating_matches_the_committed_snapshot(tmp_path: Path) -> None:
    result = generate(SPEC, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    fresh, committed = existing_files(tmp_path / "out"), existing_files(GENERATED)
    assert sorted(fresh) == sorted(committed)
    for relative, path in fresh.items():
        assert path.read_bytes() == committed[relative].read_bytes(), relative


def test_check_passes_on_the_committed_tree() -> None:
    result = generate(SPEC, "-o", GENERATED, "--check")
    assert result.returncode == 0, result.stderr


def test_check_fails_with_a_diff_after_a_spec_change(tmp_path: Path) -> None:
    spec = tmp_path / "novu.yaml"
    text = SPEC.read_text(encoding="utf-8")
    spec.write_text(text.replace("summary: Set integration as primary", "summary: Make it the primary one"))
    shutil.copy(SPEC.with_name("novu.generator.yaml"), tmp_path / "novu.generator.yaml")
    result = generate(spec, "-o", GENERATED, "--check")
    assert result.returncode == 1
    assert "+        Make it the primary one" in result.stderr or "Make it the primary one" in result.stderr
    assert "is stale" in result.stderr
    assert result.stderr.splitlines()[0] == "--- generated/api.json"  # the manifest's hashes come last


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert generate(SPEC, "-o", first).returncode == 0
    assert generate(SPEC, "-o", second).returncode == 0
    a, b = existing_files(first), existing_files(second)
    assert {k: p.read_bytes() for k, p in a.items()} == {k: p.read_bytes() for k, p in b.items()}
