"""SDKs of public specs, built and installed as users get them: the OpenAPI Initiative's
expanded petstore, and Stripe's 2021 spec, whose models package has thousands of modules."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import CORPUS, SCRIPTS, build, generate, make_env, mypy
from .test_dists import package_files

pytestmark = pytest.mark.slow

SDKS = [
    pytest.param("oai-v3.0-petstore-expanded.yaml", "swagger_petstore", "petstore_calls.py", id="petstore"),
    pytest.param("stripe-spec3-2021-09.yaml", "stripe", "stripe_calls.py", id="stripe"),
]


@pytest.mark.parametrize(("spec", "package", "script"), SDKS)
def test_a_corpus_sdk_installs_imports_calls_and_type_checks(tmp_path: Path, spec: str, package: str, script: str) -> None:
    if not (CORPUS / spec).is_file():
        pytest.skip(f"{spec} is not in the corpus here")
    project = generate(CORPUS / spec, tmp_path / "sdk")
    dists = build(project, tmp_path / "build")
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    assert package_files(project, package) - names == set()
    assert f"{package}/py.typed" in names
    env = make_env(tmp_path / "env")
    env.install(dists.wheel)
    imported = env.run("-I", SCRIPTS / "import_all.py", package)
    assert "site-packages" in imported
    assert int(imported.split()[0]) == len([n for n in names if n.endswith(".py")])
    env.run("-I", SCRIPTS / script)
    app = tmp_path / "app"
    app.mkdir()
    shutil.copy(SCRIPTS / script, app / "app.py")
    checked = mypy("app.py", python=env.python, cwd=app)
    assert checked.returncode == 0, checked.stdout[-3000:]
