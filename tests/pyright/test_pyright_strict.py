"""Generated SDKs pass pyright in strict mode with zero errors: the Novu SDK and every corpus spec's.

pyright is pinned by `package.json` and `package-lock.json` here and installed with `npm ci` on
first use (as Prism is for the contract tier). Without Node.js and npm the tests skip, saying
so; an install that fails, fails them. Run alone with
`python -m pytest tests/pyright -q` (`-k novu` for the Novu SDK only); each error is listed as
`file:line: [rule] message`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.corpus.test_corpus import CORPUS, tier
from tests.npm_tools import install_pinned

HERE = Path(__file__).resolve().parent
STRICT = {"typeCheckingMode": "strict", "pythonVersion": "3.10", "reportMissingModuleSource": False}
TIMEOUT = 600.0


@pytest.fixture(scope="module")
def pyright() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("pyright needs Node.js and npm (pinned in tests/pyright/package.json)")
    return install_pinned(HERE, "pyright", "pyright", "pyright needs Node.js 20 and npm")


def pyright_errors(pyright: Path, out: Path) -> list[str]:
    """pyright's errors on the package generated into `out`, one line each."""
    package = next(p for p in sorted(out.iterdir()) if (p / "__init__.py").is_file())
    config = out / "pyrightconfig.json"
    config.write_text(json.dumps({**STRICT, "include": [package.name]}), encoding="utf-8")
    command = [str(pyright), "-p", str(config), "--pythonpath", sys.executable, "--outputjson"]
    result = subprocess.run(command, cwd=out, capture_output=True, text=True, timeout=TIMEOUT)
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"pyright exited {result.returncode}: {result.stdout[-2000:]}{result.stderr[-2000:]}")
    return [
        f"{Path(d['file']).relative_to(out)}:{d['range']['start']['line'] + 1}: "
        f"[{d.get('rule', '-')}] {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]


def generate(spec: Path, out: Path) -> None:
    from generator.cli import main

    assert main([str(spec), "-o", str(out), "--no-progress", "--no-cache"]) == 0


def assert_clean(errors: list[str]) -> None:
    assert not errors, f"{len(errors)} pyright strict error(s):\n" + "\n".join(errors[:60])


def test_novu_sdk_has_no_pyright_strict_errors(pyright: Path, tmp_path: Path) -> None:
    generate(ROOT / "specs" / "novu.yaml", tmp_path)
    assert_clean(pyright_errors(pyright, tmp_path))


@pytest.mark.parametrize("spec", [pytest.param(s, id=name, marks=tier(s)) for name, s in sorted(CORPUS.items())])
def test_corpus_sdk_has_no_pyright_strict_errors(pyright: Path, spec: Path, tmp_path: Path) -> None:
    generate(spec, tmp_path)
    assert_clean(pyright_errors(pyright, tmp_path))
