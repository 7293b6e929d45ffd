"""`--formatter ruff`: the opt-in that formats with ruff; the committed snapshot stays on black."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main as generator_main
from generator.output import ruff_format
from tests.conftest import ROOT

SPEC = ROOT / "specs" / "novu.yaml"


@pytest.fixture(scope="module")
def ruff_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("ruff")
    out = tmp_path_factory.mktemp("ruff") / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", str(SPEC), "-o", str(out), "--formatter", "ruff", "--no-cache"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_the_output_is_ruff_formatted(ruff_package: Path) -> None:
    ruff = ruff_format.ruff_binary()
    result = subprocess.run(
        [ruff, "format", "--isolated", "--check", "--line-length=100", "--target-version=py310", "novu"],
        cwd=ruff_package, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_output_passes_mypy_strict_and_imports(ruff_package: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "novu"],
        cwd=ruff_package, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    imported = subprocess.run(
        [sys.executable, "-c", "import novu; novu.Novu(api_key='k')"],
        cwd=ruff_package, capture_output=True, text=True,
    )
    assert imported.returncode == 0, imported.stderr


def test_without_ruff_the_run_stops_with_a_clear_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ruff", None)  # the extra is not installed
    monkeypatch.setitem(sys.modules, "ruff.__main__", None)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # and no ruff program anywhere
    ruff_format.ruff_binary.cache_clear()
    try:
        code = generator_main([str(SPEC), "-o", str(tmp_path / "out"), "--formatter", "ruff", "--no-cache"])
    finally:
        ruff_format.ruff_binary.cache_clear()
    stderr = capsys.readouterr().err
    assert code == 2
    assert stderr.splitlines() == [
        "--formatter ruff: error: ruff is not installed",
        f"hint: {ruff_format.INSTALL_HINT}",
    ]
    assert not (tmp_path / "out").exists()
