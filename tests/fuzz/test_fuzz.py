"""Property-based checks: random specs either generate a working package or fail with located errors.

- Valid documents (`strategies.documents`) must generate; every generated file compiles,
  the package and all its modules import (under a fresh package name, in this process),
  the client can be made, and an instance of every component schema comes back
  unchanged through the generated model (`model_validate`, then
  `model_dump(by_alias=True, exclude_unset=True, mode="json")`, and the runtime's `to_wire`).
- Mangled documents (a valid one with a key deleted, a value replaced by random JSON,
  or a broken `$ref` put in) and random bytes must either generate or fail with exit 2
  and only located diagnostics: never a traceback or an "internal error".

Example counts are small by default so the tier stays fast in CI. For a long run:

    PYCLIENT_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/fuzz -p no:cacheprovider

`PYCLIENT_FUZZ_EXAMPLES` sets the example count of every test here; `PYCLIENT_FUZZ_SHRINK=1`
turns shrinking on (off by default: with half a second per example, shrinking one failure takes
minutes); `CI` set makes the runs derandomized, so CI is reproducible while local runs explore.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import itertools
import json
import os
import pkgutil
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from generator import pointer
from generator.cli import main as generator_main
from generator.config import load_config
from generator.ir import build
from generator.load import load
from tests.hostile.conftest import LINE, OTHER_LINES

from .strategies import documents, instances

SCALE = int(os.environ.get("PYCLIENT_FUZZ_EXAMPLES", "0"))
FUZZ = dict(
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    # Each example generates a package (about half a second): shrinking a failure takes minutes,
    # so it is off unless asked for. A failure prints its seed; rerun it with shrinking on.
    phases=[Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if os.environ.get("PYCLIENT_FUZZ_SHRINK") else []),
)
_counter = itertools.count()


def fuzz(default_examples: int) -> settings:
    return settings(max_examples=SCALE or default_examples, **FUZZ)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where specs and packages go (the session's private cache is shared: runtime files format once)."""
    return tmp_path_factory.mktemp("fuzz")


def generate(root: Path, spec: bytes | dict[str, Any], package: str | None = None) -> tuple[int, str, Path, Path]:
    case = Path(tempfile.mkdtemp(prefix="case-", dir=root))
    path = case / "spec.json"
    path.write_bytes(spec if isinstance(spec, bytes) else json.dumps(spec, indent=1).encode())
    if package:
        (case / "spec.generator.yaml").write_text(f"package: {package}\n")
    out = case / "out"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stderr):
        code = generator_main([str(path), "-o", str(out)])
    return code, stderr.getvalue(), path, out


def assert_clean(code: int, stderr: str) -> None:
    """Success, or exit 2 with nothing but located diagnostics; never a traceback."""
    note(stderr)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert code in (0, 2), stderr
    for line in stderr.splitlines():
        assert LINE.fullmatch(line) or OTHER_LINES.fullmatch(line), f"not a located diagnostic: {line!r}"
    if code == 2:
        assert any(m and m["level"] == "error" for m in map(LINE.fullmatch, stderr.splitlines())), stderr


@contextlib.contextmanager
def imported(out: Path, package: str) -> Iterator[Any]:
    sys.path.insert(0, str(out))
    try:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            importlib.import_module(info.name)
        yield module
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


@pytest.mark.filterwarnings("ignore:Field .* conflicts with protected namespace")  # test_found.py
@fuzz(30)
@given(document=documents(), data=st.data())
def test_valid_documents_give_packages_that_import_and_round_trip(workdir: Path, document: dict[str, Any], data: st.DataObject) -> None:
    package = f"fuzz_{os.getpid()}_{next(_counter)}"
    code, stderr, spec, out = generate(workdir, document, package)
    assert_clean(code, stderr)
    assert code == 0, stderr
    try:
        for source in sorted(out.rglob("*.py")):
            compile(source.read_text(encoding="utf-8"), str(source), "exec")
        api, _ = build(load(spec), load_config(None, spec))
        names = {schema.pointer: schema.name for schema in api.schemas}
        with imported(out, package) as module:
            client = getattr(module, module.__all__[0])(base_url="https://api.test")
            client.close()
            models = importlib.import_module(f"{package}.models")
            wire = importlib.import_module(f"{package}._runtime._models").to_wire
            components = document["components"]["schemas"]
            for key, schema in components.items():
                name = names[pointer.join("/components/schemas", key)]
                target = getattr(models, name)
                value = data.draw(instances(schema, components, top=True), label=f"instance of {key!r} ({name})")
                if isinstance(target, type) and issubclass(target, pydantic.BaseModel):
                    model = target.model_validate(value)
                    assert model.model_dump(by_alias=True, exclude_unset=True, mode="json") == value
                    assert wire(model) == value
                else:
                    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(target)
                    parsed = adapter.validate_python(value)
                    assert adapter.dump_python(parsed, by_alias=True, exclude_unset=True, mode="json") == value
    finally:
        shutil.rmtree(spec.parent, ignore_errors=True)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
BAD_REFS = ["#/components/schemas/Nope", "#/nowhere", "http://example.test/x.yaml", "/etc/passwd", "../x.yaml#/A", "#", "#/", "nope.yaml", "#/paths"]


def _places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _places(value, (*path, i))


@st.composite
def mangled_documents(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(documents())
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _places(document) if p]
        place = draw(st.sampled_from(places))
        parent = document
        for key in place[:-1]:
            parent = parent[key]
        how = draw(st.sampled_from(["delete", "replace", "ref"]))
        if how == "delete":
            del parent[place[-1]]
        elif how == "replace":
            parent[place[-1]] = draw(JSON)
        else:
            parent[place[-1]] = {"$ref": draw(st.sampled_from(BAD_REFS) | st.text(max_size=12))}
    return document


@fuzz(50)
@given(document=mangled_documents())
def test_mangled_documents_generate_or_fail_with_located_errors(workdir: Path, document: dict[str, Any]) -> None:
    code, stderr, spec, _ = generate(workdir, document)
    try:
        assert_clean(code, stderr)
    finally:
        shutil.rmtree(spec.parent, ignore_errors=True)


@fuzz(100)
@given(content=st.binary(max_size=200) | st.text(max_size=200).map(str.encode) | JSON.map(lambda v: json.dumps(v).encode()))
def test_random_bytes_fail_with_located_errors(workdir: Path, content: bytes) -> None:
    code, stderr, spec, _ = generate(workdir, content)
    try:
        assert_clean(code, stderr)
        assert code == 2
    finally:
        shutil.rmtree(spec.parent, ignore_errors=True)
