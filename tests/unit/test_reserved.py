"""Reserved names and standard-library modules come from fixed lists, whatever Python runs the
generator; the per-call options from the runtime's `RequestOptions`, as shipped."""

from __future__ import annotations

import keyword
import sys
from pathlib import Path

import pytest

from generator.config import shadowed_module
from generator.ir import identifiers
from generator.paths import runtime_dir
from generator.reserved import KEYWORDS, PER_CALL_OPTIONS, STDLIB_MODULES, request_options


@pytest.mark.parametrize("name", ["type", "match", "case", "_"])
def test_soft_keywords_stay_names(name: str) -> None:
    assert identifiers.escape_keyword(name) == name


def test_a_field_and_an_argument_called_type_keep_their_name() -> None:
    assert identifiers.field_name("type") == "type"
    assert identifiers.parameter_name("type") == "type"
    assert identifiers.attribute_name("match") == "match"


def test_every_hard_keyword_of_this_python_is_escaped() -> None:
    for word in keyword.kwlist:
        assert identifiers.escape_keyword(word) == f"{word}_"


def test_the_reserved_list_does_not_ask_the_running_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python whose `keyword` module says otherwise (as 3.12's does of `type`) changes nothing."""
    monkeypatch.setattr(keyword, "iskeyword", lambda name: name == "type")
    monkeypatch.setattr(keyword, "issoftkeyword", lambda name: name == "type")
    monkeypatch.setattr(keyword, "kwlist", ["type"])
    monkeypatch.setattr(keyword, "softkwlist", ["type"])
    assert identifiers.escape_keyword("type") == "type"
    assert identifiers.escape_keyword("class") == "class_"
    assert "type" not in KEYWORDS and "lambda" in KEYWORDS


def test_a_module_of_any_supported_python_is_shadowed_whatever_python_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdlib_module_names", frozenset())
    assert shadowed_module("pipes") is not None  # gone in 3.13
    assert shadowed_module("tomllib") is not None  # new in 3.11
    assert shadowed_module("novu") is None


def test_the_module_list_holds_this_pythons() -> None:
    assert STDLIB_MODULES >= sys.stdlib_module_names


def test_the_per_call_options_are_the_runtimes_request_options() -> None:
    from generator.runtime._types import RequestOptions

    assert PER_CALL_OPTIONS == RequestOptions.__annotations__.keys()


def test_an_option_added_to_request_options_is_a_per_call_option(tmp_path: Path) -> None:
    """Nothing to update by hand: an argument named like the new option gives way to it."""
    source = (runtime_dir() / "_types.py").read_text(encoding="utf-8")
    class_line = "class RequestOptions(TypedDict, total=False):\n"
    assert class_line in source
    changed = tmp_path / "_types.py"
    changed.write_text(source.replace(class_line, class_line + "    follow_redirects: bool\n"), encoding="utf-8")
    assert request_options(changed) == PER_CALL_OPTIONS | {"follow_redirects"}
