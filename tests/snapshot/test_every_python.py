"""Every CPython the generator supports writes the same Novu SDK: the committed `generated/`.

Each Python found on this machine (`python3.X` on PATH, else under pyenv's versions) gets its
own virtual environment with the generator installed from a copy of this checkout, and black at
the version that formatted `generated/` (black decides the output's layout). Pythons not found
are skipped; in CI (`CI=true`) fewer than two found is a failure, as the test would prove nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import ROOT

MINORS = (10, 11, 12, 13)
# What `pip install` of a copy needs: the package, its templates, what pyproject.toml names.
SOURCES = ("pyproject.toml", "README.md", "generator", "templates")


@cache
def pythons() -> dict[int, str]:
    """Each supported CPython found, by minor version: the first candidate that runs as one."""
    found: dict[int, str] = {}
    for minor in MINORS:
        for candidate in _candidates(minor):
            if _is_cpython(candidate, minor):
                found[minor] = candidate
                break
    return found


def _candidates(minor: int) -> Iterator[str]:
    on_path = shutil.which(f"python3.{minor}")
    if on_path is not None:
        yield on_path  # perhaps a pyenv shim that refuses to run: checked by `_is_cpython`
    pyenv = shutil.which("pyenv")
    if pyenv is not None:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip()
        if root:
            yield from sorted(str(p) for p in Path(root).glob(f"versions/*/bin/python3.{minor}"))


def _is_cpython(executable: str, minor: int) -> bool:
    probe = "import sys; print(sys.implementation.name, *sys.version_info[:2])"
    result = subprocess.run([executable, "-c", probe], capture_output=True, text=True)
    return result.returncode == 0 and result.stdout.split() == ["cpython", "3", str(minor)]


@pytest.fixture(scope="session")
def generator_for(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """The Python of a fresh virtual environment, per minor version, with the generator installed."""
    made: dict[int, Path] = {}

    def make(minor: int) -> Path:
        if minor not in made:
            made[minor] = _venv_with_generator(pythons()[minor], tmp_path_factory.mktemp(f"py3{minor}"))
        return made[minor]

    return make


def _venv_with_generator(python: str, where: Path) -> Path:
    source = where / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy(ROOT / name, source / name)
    subprocess.run([python, "-m", "venv", str(where / "venv")], check=True)
    venv_python = where / "venv" / "bin" / "python"
    install = [str(venv_python), "-m", "pip", "install", "-q", str(source), f"black=={version('black')}"]
    result = subprocess.run(install, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return venv_python


@pytest.mark.slow
@pytest.mark.parametrize("minor", MINORS, ids=[f"3.{m}" for m in MINORS])
def test_novu_is_generated_the_same_under(
    minor: int, generator_for: Callable[[int], Path], tmp_path: Path
) -> None:
    found = pythons()
    if os.environ.get("CI") == "true" and len(found) < 2:
        pytest.fail(f"CI needs at least two of Python 3.10-3.13 to compare; found {sorted(found)}")
    if minor not in found:
        pytest.skip(f"no Python 3.{minor} on this machine")
    command = [
        str(generator_for(minor)), "-m", "generator", str(ROOT / "specs" / "novu.yaml"),
        "-o", str(ROOT / "generated"), "--check", "--no-cache",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
