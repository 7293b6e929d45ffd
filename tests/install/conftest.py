"""Generated packages as users get them: built into a wheel and an sdist, installed (not
editable) into fresh virtual environments, run with nothing of this checkout on `sys.path`.

Building and installing need the package index (hatchling for the build, httpx and pydantic
for the install), as `pip install` does for a user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.pythons import claimed_pythons

SCRIPTS = Path(__file__).parent / "scripts"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Dists:
    """A generated project and the wheel and sdist built from it."""

    project: Path
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Env:
    """A virtual environment, and how to run its Python away from this checkout."""

    root: Path
    python: Path

    def run(self, *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
        """Run the environment's Python (isolated from the working directory unless `cwd` is the
        checkout); the output, or a failure showing it."""
        done = subprocess.run(
            [str(self.python), *map(str, args)],
            cwd=cwd or self.root,
            env={**_clean_environment(), **(env or {})},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, f"{args} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        return done.stdout

    def install(self, *requirements: str | Path) -> None:
        self.run("-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements)


def _clean_environment() -> dict[str, str]:
    """The environment without what would put other packages in reach."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "MYPYPATH")}


def make_env(where: Path, python: str = sys.executable) -> Env:
    """A fresh virtual environment made by `python` (with pip)."""
    if python == sys.executable:
        venv.create(where, with_pip=True, clear=True)
    else:
        subprocess.run([python, "-m", "venv", "--clear", str(where)], check=True, env=_clean_environment())
    return Env(where, where / "bin" / "python")


def build(project: Path, out: Path) -> Dists:
    """The sdist of a copy of `project`, and the wheel built from that sdist (as `python -m build`
    does, so that the sdist is known to hold everything the wheel needs)."""
    source = out / "src"
    shutil.copytree(project, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist"))
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out / "dist"), str(source)],
        capture_output=True, text=True, timeout=600, check=False, env=_clean_environment(),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    wheel = next((out / "dist").glob("*.whl"))
    sdist = next((out / "dist").glob("*.tar.gz"))
    return Dists(source, wheel, sdist)


def generate(spec: Path, out: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "generator", str(spec), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def novu_dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """The committed Novu SDK, built."""
    return build(ROOT / "generated", tmp_path_factory.mktemp("novu-dists"))


@pytest.fixture(scope="session")
def novu_installed(tmp_path_factory: pytest.TempPathFactory, novu_dists: Dists) -> Callable[[str], Env]:
    """`novu_installed("3.12")`: an environment of that Python with the Novu wheel installed
    (and pytest, for the client tier); made once per version."""
    made: dict[str, Env] = {}

    def installed(version: str) -> Env:
        if version not in made:
            python = claimed_pythons().get(version)
            if python is None:
                pytest.skip(f"no CPython {version} on this machine")
            env = make_env(tmp_path_factory.mktemp(f"novu-py{version}"), python)
            env.install(novu_dists.wheel, "pytest>=8")
            made[version] = env
        return made[version]

    return installed


def mypy(*args: str | Path, python: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """This checkout's mypy, `--strict`, checking against the packages of another environment."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", str(python), *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=900, check=False, env=_clean_environment(),
    )
