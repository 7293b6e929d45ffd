"""Inputs that cost time or stack rather than being wrong: handled, or bounded and reported.

Those that could hang run the generator in a subprocess with a timeout, so a hang fails
the test instead of the suite.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import document, operation, run, write

ROOT = Path(__file__).resolve().parents[2]


def generator(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "generator", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the generator was still running after {timeout} s")


def chain(length: int) -> dict:
    schemas = {
        f"A{i}": {"type": "object", "properties": {"next": {"$ref": f"#/components/schemas/A{i + 1}"}}} for i in range(length)
    }
    schemas[f"A{length}"] = {"type": "string"}
    return document({"/a": {"get": operation("getA", {"$ref": "#/components/schemas/A0"})}}, schemas)


def test_a_long_chain_of_refs_generates(tmp_path: Path) -> None:
    """The validator follows $refs by recursion: past Python's limit it is retried on a deep stack."""
    outcome = run(write(tmp_path / "spec.json", chain(2000)), "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr


def test_a_chain_of_300_models_generates(tmp_path: Path) -> None:
    outcome = run(write(tmp_path / "spec.json", chain(300)), "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr


def test_a_catastrophic_naming_pattern_does_not_hang(tmp_path: Path) -> None:
    spec = document({"/a": {"get": operation("a" * 60 + "!")}}, **{"x-speakeasy-name-override": [{"operationId": "^(a+)+$", "methodNameOverride": "x"}]})
    result = generator(write(tmp_path / "spec.json", spec), "-o", tmp_path / "out", "--no-cache", timeout=6)
    assert result.returncode in (0, 2), result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_as_the_spec_is_refused_with_the_cache_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "spec.yaml")
    result = generator(tmp_path / "spec.yaml", "-o", tmp_path / "out", timeout=6)
    assert result.returncode == 2 and "not a regular file" in result.stderr, result.stderr


def test_a_named_pipe_as_the_config_is_refused(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", document())
    os.mkfifo(tmp_path / "pipe.yaml")
    result = generator(spec, "-o", tmp_path / "out", "--no-cache", "--config", tmp_path / "pipe.yaml", timeout=20)
    assert result.returncode == 2 and "not a regular file" in result.stderr, result.stderr


def test_many_operations_and_schemas_generate_in_bounded_time(tmp_path: Path) -> None:
    schemas = {f"Model{i}": {"type": "object", "properties": {f"f{j}": {"type": "string"} for j in range(10)}} for i in range(150)}
    paths = {f"/r{i}": {"get": operation(f"get{i}", {"$ref": f"#/components/schemas/Model{i}"}, tags=[f"tag{i % 10}"])} for i in range(150)}
    spec = write(tmp_path / "spec.json", json.dumps(document(paths, schemas)))
    result = generator(spec, "-o", tmp_path / "out", timeout=120)
    assert result.returncode == 0, result.stderr


def test_refs_that_copy_a_file_exponentially_often_are_refused(tmp_path: Path) -> None:
    """Each file copies the next one twice (in an extension, where a `$ref` is inlined): 2^40
    copies. What `$ref`s copy in counts against the value budget once per use."""
    for i in range(40):
        write(tmp_path / f"a{i}.yaml", {"x": [{"$ref": f"a{i + 1}.yaml"}, {"$ref": f"a{i + 1}.yaml"}]})
    write(tmp_path / "a40.yaml", {"leaf": list(range(1000))})
    spec = write(tmp_path / "spec.yaml", document({"/a": {"get": operation("getA")}}, **{"x-blow": {"$ref": "a0.yaml"}}))
    result = generator(spec, "-o", tmp_path / "out", "--no-cache", timeout=120)
    assert result.returncode == 2, result.stderr
    assert "too large" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) <= 60


def _generated_output(tmp_path: Path) -> tuple[Path, Path]:
    spec = write(tmp_path / "spec.yaml", document({"/a": {"get": operation("getA", {"type": "string"})}}))
    result = generator(spec, "-o", tmp_path / "out", "--no-cache")
    assert result.returncode == 0, result.stderr
    return spec, tmp_path / "out"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_place_of_a_generated_file_is_refused_by_the_write(tmp_path: Path) -> None:
    spec, out = _generated_output(tmp_path)
    [models] = out.glob("*/models/__init__.py")
    models.unlink()
    os.mkfifo(models)
    result = generator(spec, "-o", out, "--no-cache", timeout=20)
    assert result.returncode == 2 and "not a regular file" in result.stderr, result.stderr
    assert stat.S_ISFIFO(models.lstat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_place_of_a_generated_file_is_drift_for_check(tmp_path: Path) -> None:
    spec, out = _generated_output(tmp_path)
    [models] = out.glob("*/models/__init__.py")
    models.unlink()
    os.mkfifo(models)
    result = generator(spec, "-o", out, "--no-cache", "--check", timeout=20)
    assert result.returncode == 1 and "models/__init__.py: not a regular file" in result.stderr, result.stderr


def test_a_long_string_aliased_many_times_is_refused_as_too_large(tmp_path: Path) -> None:
    """300 uses of a 1 MB string: 300 MB of text once expanded, from a 1 MB file."""
    uses = "\n".join(f"    S{i}: {{type: string, description: *long}}" for i in range(300))
    text = f"openapi: 3.0.3\ninfo: {{title: T, version: '1', x-long: &long {'a' * 1_000_000}}}\npaths: {{}}\ncomponents:\n  schemas:\n{uses}\n"
    result = generator(write(tmp_path / "spec.yaml", text), "-o", tmp_path / "out", "--no-cache", timeout=60)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "M characters of text (YAML aliases count once per use)" in result.stderr
    assert "spec.yaml:" in result.stderr and not (tmp_path / "out").exists()
