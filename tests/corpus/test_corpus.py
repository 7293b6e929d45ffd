"""Every real spec in the corpus generates a package that imports and passes mypy --strict (with
the README's first snippet).

The corpus is the specs vendored in `tests/corpus/specs` plus whatever `../shared/corpus` beside
the checkout holds (specs may be added there over time); a name in both is run once, from the
repository's copy. A spec is a YAML or JSON file, or a folder with an `openapi.yaml` or
`openapi.json` at its root (a spec split over files).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output.manifest import MANIFEST
from tests.conftest import ROOT

VENDORED = Path(__file__).resolve().parent / "specs"
SHARED = ROOT.parent / "shared" / "corpus"
BIG = 1_000_000
TREE_ROOTS = ("openapi.yaml", "openapi.json")


def specs_in(folder: Path) -> dict[str, Path]:
    """The specs in `folder` by name: its YAML and JSON files, and the roots of its spec trees."""
    found: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.is_file() and entry.suffix in (".yaml", ".yml", ".json"):
            found[entry.name] = entry
        elif entry.is_dir():
            root = next((entry / name for name in TREE_ROOTS if (entry / name).is_file()), None)
            if root is not None:
                found[entry.name] = root
    return found


CORPUS = {**specs_in(SHARED), **specs_in(VENDORED)}


# The client, and every model module (each loads only when a name of it is first used). A client
# of an API whose every operation needs a credential refuses to be made without one.
IMPORT_EVERYTHING = """
import {package}, {package}.models
try:
    getattr({package}, {package}.__all__[0])()
except {package}.MissingCredentialsError:
    pass
for name in {package}.models.__all__:
    getattr({package}.models, name)
"""


def tier(spec: Path) -> pytest.MarkDecorator | tuple[()]:
    return pytest.mark.slow if spec.stat().st_size > BIG else ()


@pytest.mark.parametrize("spec", [pytest.param(s, id=name, marks=tier(s)) for name, s in sorted(CORPUS.items())])
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
        [sys.executable, "-c", IMPORT_EVERYTHING.format(package=package)],
        cwd=out, capture_output=True, text=True,
    )
    assert imported.returncode == 0, imported.stderr
    # The README's first snippet (its call with a body, where the API has one) as a caller's module.
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    readme = (out / "README.md").read_text(encoding="utf-8")
    (snippets / "readme_first.py").write_text(readme.split("```python\n")[1].split("```", 1)[0])
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", package, "-m", "readme_first"],
        cwd=out, capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(snippets)},
    )
    assert typed.returncode == 0, typed.stdout[-3000:]


def test_the_corpus_is_there() -> None:
    """On a fresh clone too: the vendored specs alone, a spec tree among them."""
    vendored = specs_in(VENDORED)
    assert len(vendored) >= 10, f"expected the vendored corpus in {VENDORED}"
    assert vendored["redocly-cafe"].name == "openapi.yaml"
    assert set(vendored.items()) <= set(CORPUS.items())
