"""What the wheel and the sdist of a generated package hold: every file of the package,
found rather than listed, modules added by hand included."""

from __future__ import annotations

import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

from .conftest import Dists, build

pytestmark = pytest.mark.slow


def package_files(project: Path, package: str) -> set[str]:
    """The files of `package` in a generated project, as paths inside a wheel."""
    root = project / package
    return {
        f"{package}/{p.relative_to(root).as_posix()}"
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_wheel_holds_every_file_of_the_package(novu_dists: Dists) -> None:
    names = set(zipfile.ZipFile(novu_dists.wheel).namelist())
    expected = package_files(ROOT / "generated", "novu")
    assert expected - names == set()
    assert {"novu/py.typed", "novu/models/__init__.py", "novu/models/step_filter.py"} <= names
    assert len([n for n in names if n.startswith("novu/models/")]) > 150
    assert {n.split("/")[0] for n in names} == {"novu", novu_dists.wheel.name.split("-")[0] + "-1.0.dist-info"}


def test_the_sdist_holds_the_project(novu_dists: Dists) -> None:
    with tarfile.open(novu_dists.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    expected = package_files(ROOT / "generated", "novu") | {"pyproject.toml", "README.md", "api.md", "api.json"}
    assert expected - names == set()


def test_modules_added_by_hand_ship_whatever_the_repository_ignores(tmp_path: Path) -> None:
    """A team's own module beside the generated ones reaches the wheel, and a .gitignore of the
    repository around the SDK (`models/` is a common line) takes nothing out of it."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "generated", repo / "sdk", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("models/\n*.json\nhelpers/\n", encoding="utf-8")
    (repo / "sdk" / "novu" / "helpers").mkdir()
    (repo / "sdk" / "novu" / "helpers" / "__init__.py").write_text("def hello() -> str:\n    return 'hi'\n")
    (repo / "sdk" / "novu" / "webhooks.py").write_text("SECRET_HEADER = 'novu-signature'\n")
    names = set(zipfile.ZipFile(build(repo / "sdk", tmp_path / "out").wheel).namelist())
    assert {"novu/helpers/__init__.py", "novu/webhooks.py", "novu/models/step_filter.py"} <= names


def test_the_generators_own_wheel_holds_every_module_and_template(tmp_path: Path) -> None:
    """The generator's packages are found, not listed: a stage package added later ships."""
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "node_modules", "generated", "tests"))
    names = set(zipfile.ZipFile(build(source, tmp_path / "out").wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py") if "__pycache__" not in p.parts}
    templates = {"generator/" + p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()}
    assert modules - names == set() and templates - names == set()
