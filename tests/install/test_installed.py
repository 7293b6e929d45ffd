"""The Novu wheel installed into a fresh environment of every CPython the package claims,
imported and called from outside this checkout, and its client tier run against it; and the
same at the lowest versions of its dependencies that it declares."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import pytest
from packaging.version import Version

from tests.conftest import ROOT
from tests.pythons import CLAIMED, claimed_pythons

from .conftest import SCRIPTS, Dists, Env, make_env

pytestmark = pytest.mark.slow


def test_ci_finds_several_of_the_claimed_pythons() -> None:
    """CI runs on a machine with CPython 3.10 to 3.13 side by side: finding fewer means the
    tests below skipped what they exist to check."""
    if os.environ.get("CI") != "true":
        pytest.skip("only CI's machine promises them")
    assert len(claimed_pythons()) >= 2, claimed_pythons()


@pytest.mark.parametrize("version", CLAIMED)
def test_the_installed_wheel_imports_and_calls(version: str, novu_installed: Callable[[str], Env]) -> None:
    env = novu_installed(version)
    imported = env.run("-I", SCRIPTS / "import_all.py", "novu")
    assert "site-packages" in imported and str(ROOT) not in imported
    called = env.run("-I", SCRIPTS / "novu_calls.py")
    assert f"on Python {version}" in called and "site-packages" in called


@pytest.mark.parametrize("version", CLAIMED)
def test_the_client_tier_passes_on_the_installed_wheel(version: str, novu_installed: Callable[[str], Env]) -> None:
    env = novu_installed(version)
    out = env.run(
        "-m", "pytest", "tests/client", "--confcutdir", "tests/client", "-p", "no:cacheprovider", "-q",
        cwd=ROOT, env={"SDK_UNDER_TEST": "installed"},
    )
    assert re.search(r"\d+ passed", out) and "failed" not in out


def lowest_requirements(pyproject: str) -> list[str]:
    """Each dependency pinned to the lowest version the generated pyproject admits."""
    dependencies = re.search(r"^dependencies = \[(.*)\]$", pyproject, re.M)
    assert dependencies, pyproject
    return [f"{name}=={lowest}" for name, lowest in re.findall(r'"([A-Za-z0-9_.-]+)>=([0-9.]+)', dependencies.group(1))]


def test_the_lowest_declared_dependencies_work(tmp_path_factory: pytest.TempPathFactory, novu_dists: Dists) -> None:
    """The lower bounds in the package's metadata are versions that were run, on the lowest
    Python found (the oldest releases have no wheels for the newest Pythons)."""
    pins = lowest_requirements((ROOT / "generated" / "pyproject.toml").read_text(encoding="utf-8"))
    assert {p.split("==")[0] for p in pins} == {"httpx", "pydantic", "typing-extensions"}
    version, python = next(iter(claimed_pythons().items()))
    env = make_env(tmp_path_factory.mktemp("lowest"), python)
    env.install(novu_dists.wheel, *pins, "pytest>=8")
    versions = env.run("-I", "-c", "import httpx, pydantic, typing_extensions; print(httpx.__version__, pydantic.VERSION)")
    assert [Version(v) for v in versions.split()] == [Version(p.split("==")[1]) for p in pins[:2]]
    env.run("-I", SCRIPTS / "novu_calls.py")
    out = env.run(
        "-m", "pytest", "tests/client", "--confcutdir", "tests/client", "-p", "no:cacheprovider", "-q",
        cwd=ROOT, env={"SDK_UNDER_TEST": "installed"},
    )
    assert "failed" not in out, version
