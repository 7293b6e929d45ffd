"""Every real spec in shared/corpus generates a package that imports and passes mypy --strict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.write import MANIFEST
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
SPECS = sorted(p for p in CORPUS.glob("*") if p.suffix in (".yaml", ".yml", ".json"))
BIG = 1_000_000


def tier(spec: Path) -> pytest.MarkDecorator | tuple[()]:
    return pytest.mark.slow if spec.stat().st_size > BIG else ()


@pytest.mark.parametrize("spec", [pytest.param(s, id=s.name, marks=tier(s)) for s in SPECS])
def test_spec_generates_an_importable_strictly_typed_package(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", str(spec), "-o", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    files = json.loads((out / MANIFEST).read_text())["files"]
    [package] = sorted({path.split("/")[0] for path in files if "/" in path})
    imported = subprocess.run(
        [sys.executable, "-c", f"import {package}, {package}.models; getattr({package}, {package}.__all__[0])()"],
        cwd=out, capture_output=True, text=True,
    )
    assert imported.returncode == 0, imported.stderr
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", package],
        cwd=out, capture_output=True, text=True,
    )
    assert typed.returncode == 0, typed.stdout[-3000:]


def test_the_corpus_is_there() -> None:
    assert len(SPECS) >= 10, f"expected the shared corpus beside the checkout at {CORPUS}"
