"""Reserved names come from one fixed list, whatever Python runs the generator."""

from __future__ import annotations

import keyword

import pytest

from generator.ir import naming
from generator.keywords import KEYWORDS


@pytest.mark.parametrize("name", ["type", "match", "case", "_"])
def test_soft_keywords_stay_names(name: str) -> None:
    assert naming.escape_keyword(name) == name


def test_a_field_and_an_argument_called_type_keep_their_name() -> None:
    assert naming.field_name("type") == "type"
    assert naming.parameter_name("type") == "type"
    assert naming.attribute_name("match") == "match"


def test_every_hard_keyword_of_this_python_is_escaped() -> None:
    for word in keyword.kwlist:
        assert naming.escape_keyword(word) == f"{word}_"


def test_the_reserved_list_does_not_ask_the_running_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python whose `keyword` module says otherwise (as 3.12's does of `type`) changes nothing."""
    monkeypatch.setattr(keyword, "iskeyword", lambda name: name == "type")
    monkeypatch.setattr(keyword, "issoftkeyword", lambda name: name == "type")
    monkeypatch.setattr(keyword, "kwlist", ["type"])
    monkeypatch.setattr(keyword, "softkwlist", ["type"])
    assert naming.escape_keyword("type") == "type"
    assert naming.escape_keyword("class") == "class_"
    assert "type" not in KEYWORDS and "lambda" in KEYWORDS
