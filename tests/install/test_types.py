"""Type checkers see the generated package as users install it: `mypy --strict` on a user's
script against the installed wheel (so `py.typed` ships), and against an editable install
(hatchling's, which adds the project to `sys.path` instead of an import hook)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.pythons import claimed_pythons

from .conftest import SCRIPTS, Env, make_env, mypy

pytestmark = pytest.mark.slow

TYPO = """\
import novu

client = novu.Novu(api_key="k")
client.subscribers.retreive("sub-1")
"""


def check_user_code(python: Path, where: Path) -> None:
    """The user's script passes; a misspelt method fails as a misspelt method, which it can
    only do if the checker read the package's own types."""
    shutil.copy(SCRIPTS / "novu_calls.py", where / "app.py")
    (where / "typo.py").write_text(TYPO, encoding="utf-8")
    passed = mypy("app.py", python=python, cwd=where)
    assert passed.returncode == 0, passed.stdout
    failed = mypy("typo.py", python=python, cwd=where)
    assert failed.returncode == 1 and '"retreive"' in failed.stdout and "[attr-defined]" in failed.stdout, failed.stdout


def test_a_users_script_type_checks_against_the_installed_wheel(
    tmp_path: Path, novu_installed: Callable[[str], Env]
) -> None:
    env = novu_installed(next(iter(claimed_pythons())))
    check_user_code(env.python, tmp_path)


def test_an_editable_install_is_seen_by_type_checkers(tmp_path: Path) -> None:
    project = tmp_path / "sdk"
    shutil.copytree(ROOT / "generated", project, ignore=shutil.ignore_patterns("__pycache__"))
    env = make_env(tmp_path / "env")
    env.install("-e", project)
    where = tmp_path / "app"
    where.mkdir()
    check_user_code(env.python, where)
    (project / "novu" / "extra.py").write_text("GREETING: str = 'hi'\n", encoding="utf-8")
    (where / "edit.py").write_text("from novu.extra import GREETING\n\nn: int = GREETING\n", encoding="utf-8")
    edited = mypy("edit.py", python=env.python, cwd=where)
    assert "Incompatible types in assignment" in edited.stdout, edited.stdout
