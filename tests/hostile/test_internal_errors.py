"""Input that once crashed the generator ("internal error"): now a located diagnostic, or a correct package.

Each case is a small spec with one hostile value: a malformed Speakeasy extension, an integer
too long to write, a control character the TOML of `pyproject.toml` does not allow, a tag too
long for a file name, a bidirectional override; and a dependency of the generator missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import document, generate, operation, run, write

ROOT = Path(__file__).resolve().parents[2]
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def paged(pagination: Any) -> dict[str, Any]:
    op = operation("listItems", {"type": "array", "items": {"type": "string"}})
    op["parameters"] = [{"name": "offset", "in": "query", "schema": {"type": "integer"}}]
    op["x-speakeasy-pagination"] = pagination
    return document({"/items": {"get": op}})


@pytest.mark.parametrize(
    ("retries", "at"),
    [
        ({"strategy": "backoff", "backoff": {"initialInterval": "soon"}}, "/x-speakeasy-retries/backoff/initialInterval"),
        ({"strategy": "backoff", "backoff": {"maxInterval": [1]}}, "/x-speakeasy-retries/backoff/maxInterval"),
        ({"strategy": "backoff", "backoff": {"exponent": -2}}, "/x-speakeasy-retries/backoff/exponent"),
        ({"strategy": "backoff", "backoff": "fast"}, "/x-speakeasy-retries/backoff"),
        ({"strategy": "backoff", "statusCodes": 500}, "/x-speakeasy-retries/statusCodes"),
        ({"strategy": "backoff", "statusCodes": [{"code": 500}]}, "/x-speakeasy-retries/statusCodes"),
    ],
)
def test_malformed_retries_are_a_located_warning(tmp_path: Path, retries: dict[str, Any], at: str) -> None:
    spec = write(tmp_path / "spec.yaml", document({"/a": {"get": operation("getA")}}, **{"x-speakeasy-retries": retries}))
    outcome = run(spec, "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert "internal error" not in outcome.stderr
    assert [w["pointer"] for w in outcome.warnings] == [at], outcome.stderr
    assert outcome.warnings[0]["line"], outcome.stderr


@pytest.mark.parametrize(
    "pagination",
    [
        {"type": "offsetLimit", "inputs": [{"name": "offset", "type": ["offset"]}]},
        {"type": "offsetLimit", "inputs": [{"name": {"x": 1}, "type": "offset"}]},
        {"type": "offsetLimit", "inputs": 5},
    ],
)
def test_malformed_pagination_is_a_located_warning(tmp_path: Path, pagination: dict[str, Any]) -> None:
    outcome = run(write(tmp_path / "spec.yaml", paged(pagination)), "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert "internal error" not in outcome.stderr
    [warning] = outcome.warnings
    assert warning["pointer"] == "/paths/~1items/get/x-speakeasy-pagination" and "not understood" in warning["message"]


@pytest.mark.parametrize("lenient", [(), ("--lenient",)], ids=["strict", "lenient"])
def test_an_integer_too_long_to_write_is_a_located_error(tmp_path: Path, lenient: tuple[str, ...]) -> None:
    text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    E:\n      type: integer\n      enum: [1, 0x" + "f" * 20_000 + "]\n"
    outcome = run(write(tmp_path / "spec.yaml", text), "-o", tmp_path / "out", *lenient)
    outcome.assert_clean_failure()
    error = outcome.error_with("quote it as a string")
    assert (error["line"], error["pointer"]) == ("8", "/components/schemas/E/enum/1")


def test_a_title_with_delete_gives_a_valid_pyproject(tmp_path: Path) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    out, _ = generate(tmp_path, document({"/a": {"get": operation("getA")}}, info={"title": "Shop\x7f API" + BIDI, "version": "1"}))
    project = tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["description"] == "Python client for Shop\x7f API" + BIDI


def test_a_tag_too_long_for_a_file_name_gives_a_package(tmp_path: Path) -> None:
    long_tag = "Very long tag " * 30  # 420 characters: its module would be a 300-byte file name
    ops = {"/a": {"get": operation("getA", tags=[long_tag])}, "/b": {"get": operation("getB", tags=[long_tag + "too"])}}
    out, package = generate(tmp_path, document(ops, tags=[{"name": long_tag, "description": "the long one"}], info={"title": "W" * 300, "version": "1"}))
    names = [p.name for p in out.rglob("*")]
    assert max(len(n.encode()) for n in names) <= 110, max(names, key=len)
    modules = sorted(p.stem for p in (out / package / "resources").glob("*.py") if p.stem != "__init__")
    assert len(modules) == 2 and all(m.startswith("very_long_tag_very_long_tag") for m in modules), modules


def test_bidirectional_controls_never_reach_a_generated_file(tmp_path: Path) -> None:
    text = f"before{BIDI}after"
    schema = {"type": "object", "description": text, "properties": {"x": {"type": "string", "description": text, "enum": [text]}}}
    ops = {"/a": {"get": operation("getA", schema, summary=text, description=text)}}
    out, package = generate(tmp_path, document(ops, {"Thing": schema}, info={"title": "Bidi", "version": "1", "description": text}))
    for path in out.rglob("*"):
        if path.is_file():
            content = path.read_text(encoding="utf-8")
            assert not any(c in content for c in BIDI), f"{path.relative_to(out)} has a raw bidirectional control"
            if path.suffix == ".py":
                compile(content, str(path), "exec")
    models = "".join(p.read_text(encoding="utf-8") for p in sorted((out / package / "models").glob("*.py")))
    assert "before\\u061c\\u200e" in models


MISSING = {
    "black (module)": ("sys.modules['black'] = None; sys.modules['_black_version'] = None", "'black'"),
    "black (metadata)": (
        "import importlib.metadata as m\n"
        "def version(name):\n    raise m.PackageNotFoundError(name)\n"
        "m.version = version; sys.modules['_black_version'] = None",
        "'black'",
    ),
    "PyYAML": ("sys.modules['yaml'] = None", "'PyYAML'"),
    "Jinja2": ("sys.modules['jinja2'] = None", "'Jinja2'"),
}


@pytest.mark.parametrize("case", MISSING, ids=list(MISSING))
def test_a_missing_dependency_names_the_package_to_install(tmp_path: Path, case: str) -> None:
    hide, package = MISSING[case]
    spec = write(tmp_path / "spec.yaml", document({"/a": {"get": operation("getA")}}))
    script = f"import runpy, sys\n{hide}\nrunpy.run_module('generator', run_name='__main__', alter_sys=True)\n"
    result = subprocess.run(
        [sys.executable, "-c", script, str(spec), "-o", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert f"the generator needs the package {package}" in result.stderr and "pip install" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def swagger(**changes: Any) -> dict[str, Any]:
    op = {"operationId": "addPet", "parameters": [{"name": "pet", "in": "body", "schema": {"type": "object"}}], "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}}
    doc: dict[str, Any] = {"swagger": "2.0", "info": {"title": "Pets", "version": "1"}, "host": "pets.test", "paths": {"/pets": {"post": op}}}
    for where, value in changes.items():
        target = op if where.startswith("op_") else doc
        target[where.removeprefix("op_")] = value
    return doc


@pytest.mark.parametrize(
    "changes",
    [
        {"produces": 1.5},
        {"consumes": "application/json"},
        {"op_produces": [1, None]},
        {"op_parameters": 5},
        {"op_parameters": [{"in": "formData", "type": "string"}]},
        {"op_responses": ["200"]},
        {"paths": ["/pets"]},
        {"schemes": 7},
        {"paths": {"/pets": {"parameters": {"name": "x"}, "get": {"responses": {}}}}},
    ],
    ids=lambda changes: ",".join(f"{k}={v!r}" for k, v in changes.items()),
)
def test_an_invalid_swagger_2_document_is_upgraded_or_refused_with_lenient(tmp_path: Path, changes: dict[str, Any]) -> None:
    outcome = run(write(tmp_path / "spec.json", swagger(**changes)), "-o", tmp_path / "out", "--lenient")
    assert outcome.code in (0, 2), outcome.stderr
    assert "internal error" not in outcome.stderr and "Traceback" not in outcome.stderr, outcome.stderr
    if outcome.code == 2:
        outcome.assert_clean_failure()


@pytest.mark.parametrize("parameters", [1.5, 7, "query", {"name": "x"}])
def test_parameters_that_are_not_a_list_are_passed_over_with_lenient(tmp_path: Path, parameters: Any) -> None:
    """Found by the mutation campaign (tests/fuzz/test_campaign.py): the idempotency header search crashed."""
    op = operation("getA")
    op["parameters"] = parameters
    spec = write(tmp_path / "spec.json", document({"/a": {"parameters": parameters, "get": op}}))
    outcome = run(spec, "-o", tmp_path / "out", "--lenient")
    assert outcome.code == 0, outcome.stderr
    assert "internal error" not in outcome.stderr
    assert any(w["pointer"] == "/paths/~1a/get/parameters" for w in outcome.warnings), outcome.stderr
