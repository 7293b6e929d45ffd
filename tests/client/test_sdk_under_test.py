"""The SDK under test: the one the generator writes now, not the committed snapshot, with
the runtime as it is now, each module of which says what it owns."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import novu
import pytest

from tests.novu_sdk import CHECKOUT

RUNTIME = CHECKOUT / "generator" / "runtime"


@pytest.fixture
def generated_now() -> Path:
    if os.environ.get("SDK_UNDER_TEST"):
        pytest.skip("SDK_UNDER_TEST chooses the SDK")
    return Path(novu.__file__).resolve().parent


def test_novu_is_not_the_committed_snapshot(generated_now: Path) -> None:
    assert not generated_now.is_relative_to(CHECKOUT / "generated"), novu.__file__
    assert not generated_now.is_relative_to(CHECKOUT), novu.__file__


def test_its_runtime_is_the_generator_runtime_as_it_is_now(generated_now: Path) -> None:
    copied = generated_now / "_runtime"
    assert sorted(p.name for p in copied.glob("*.py")) == sorted(p.name for p in RUNTIME.glob("*.py"))
    for source in RUNTIME.glob("*.py"):
        assert (copied / source.name).read_bytes() == source.read_bytes(), source.name


def test_each_runtime_module_starts_by_saying_what_it_owns() -> None:
    runtime = Path(novu.__file__).resolve().parent / "_runtime"
    modules = sorted(runtime.glob("*.py"))
    assert len(modules) > 10
    for module in modules:
        docstring = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 40, module.name
