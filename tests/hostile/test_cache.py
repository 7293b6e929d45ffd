"""The caches under hostile conditions: entries that are not files, that were tampered with.

The cache directory is the user's own (see the README): an entry is trusted once its checksum
matches, but what it holds is still checked to have the shape a run stores, and only regular
files are read. Runs are subprocesses with their own cache and a timeout: a hang fails the test.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.output.cache import CACHE_NAME

from .conftest import document, operation, tree, write

ROOT = Path(__file__).resolve().parents[2]


def generator(spec: Path, out: Path, cache_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "generator", str(spec), "-o", str(out), *args],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
            env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the generator was still running after 60 s")


@pytest.fixture
def warm(tmp_path: Path) -> tuple[Path, Path, Path, dict[str, bytes]]:
    """A spec, its output from a cold run, a cache filled by that run, and the output's files."""
    spec = write(tmp_path / "spec.yaml", document({"/a": {"get": operation("getA", {"type": "object", "properties": {"x": {"type": "string"}}})}}))
    cache_home = tmp_path / "cache"
    result = generator(spec, tmp_path / "cold", cache_home)
    assert result.returncode == 0, result.stderr
    return spec, cache_home / CACHE_NAME, tmp_path / "cold", tree(tmp_path / "cold")


def entries(root: Path, kind: str) -> list[Path]:
    found = sorted(p for p in (root / kind).rglob("*") if p.is_file() and not p.name.startswith("."))
    assert found, f"no {kind} entries"
    return found


def replace(path: Path, body: bytes) -> None:
    """A tampered entry: its checksum recomputed, so it looks sound."""
    path.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("kind", ["runs", "format"])
def test_a_cache_entry_that_is_a_named_pipe_is_a_miss(warm: tuple[Path, Path, Path, dict[str, bytes]], tmp_path: Path, kind: str) -> None:
    _assert_a_miss_when_entries_become(os.mkfifo, warm, tmp_path, kind)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("kind", ["runs", "format"])
def test_a_cache_entry_that_links_to_a_device_is_a_miss(warm: tuple[Path, Path, Path, dict[str, bytes]], tmp_path: Path, kind: str) -> None:
    _assert_a_miss_when_entries_become(lambda entry: entry.symlink_to("/dev/zero"), warm, tmp_path, kind)


def _assert_a_miss_when_entries_become(
    replace: Callable[[Path], object], warm: tuple[Path, Path, Path, dict[str, bytes]], tmp_path: Path, kind: str
) -> None:
    """Each `kind` entry (for `format`, with the runs gone so that the format cache is read)
    is replaced by what `replace` puts there; the run must neither hang nor use it."""
    spec, root, _, expected = warm
    if kind == "format":
        for entry in entries(root, "runs"):
            entry.unlink()
    for entry in entries(root, kind):
        entry.unlink()
        replace(entry)
    result = generator(spec, tmp_path / "out", root.parent)
    assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "out") == expected


RUN_BODIES = [
    b"[]",
    b'{"files": {"a.py": 1}, "warnings": []}',
    b'{"files": {"a.py": "x"}, "warnings": [1]}',
    b'{"files": {"a.py": "x"}, "warnings": [{"file": "f", "line": "1", "col": 0, "pointer": "", "message": "m", "level": "warning"}]}',
    b'{"files": {"a.py": "x"}, "warnings": [{"nope": 1}]}',
    b'{"files": {"a.py": "x"}, "warnings": [{"file": "f", "line": 1, "col": 0, "pointer": "", "message": "m", "level": "fatal"}]}',
    b'{"files": {}, "warnings": []}',
    b'{"files": {"a.py": "x"}, "warnings": []}',
    b"\xff\xfe not UTF-8",
]


@pytest.mark.parametrize("body", RUN_BODIES, ids=range(len(RUN_BODIES)))
def test_a_tampered_run_entry_of_the_wrong_shape_is_a_miss(
    warm: tuple[Path, Path, Path, dict[str, bytes]], tmp_path: Path, body: bytes
) -> None:
    spec, root, _, expected = warm
    for entry in entries(root, "runs"):
        replace(entry, body)
    result = generator(spec, tmp_path / "out", root.parent)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    assert tree(tmp_path / "out") == expected


def test_a_tampered_format_entry_that_is_not_text_is_a_miss(warm: tuple[Path, Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    spec, root, _, expected = warm
    for entry in entries(root, "runs"):
        entry.unlink()
    for entry in entries(root, "format"):
        replace(entry, b"\xff\xfe not UTF-8")
    result = generator(spec, tmp_path / "out", root.parent)
    assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "out") == expected


def test_a_tampered_run_entry_whose_files_disagree_with_their_manifest_is_a_miss(
    warm: tuple[Path, Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    spec, root, _, expected = warm
    [entry] = entries(root, "runs")
    data = json.loads(entry.read_bytes().partition(b"\n")[2])
    [models] = [p for p in data["files"] if p.endswith("/models/__init__.py")]
    data["files"][models] += "import os; os.system('echo pwned')\n"
    replace(entry, json.dumps(data).encode())
    result = generator(spec, tmp_path / "out", root.parent)
    assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "out") == expected
