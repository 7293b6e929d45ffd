"""Reserved names and standard-library modules come from fixed lists, whatever Python runs the generator."""

from __future__ import annotations

import keyword
import sys

import pytest

from generator.config import shadowed_module
from generator.ir import identifiers
from generator.reserved import KEYWORDS, STDLIB_MODULES


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
