"""`json_text.indented` writes exactly `json.dumps(value, indent=1, ensure_ascii=False)`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.filters import SpecText
from generator.render.json_text import indented

# Any character, lone surrogates and controls included; the ones JSON escapes made likely.
_TEXT = st.text(st.one_of(st.characters(blacklist_categories=()), st.sampled_from('"\\/\n\t\x00\x7f[]{},:')))
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    _TEXT,
    _TEXT.map(SpecText),
)
_KEYS = st.one_of(_TEXT, st.integers(), st.floats(), st.booleans(), st.none())
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_KEYS, inner, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=2000, deadline=None)
@given(_VALUES)
def test_same_text_as_json(value: Any) -> None:
    assert indented(value) == json.dumps(value, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("value", [{"a": object()}, [{1j: 0}]])
def test_same_errors_as_json(value: Any) -> None:
    with pytest.raises(TypeError):
        json.dumps(value, indent=1)
    with pytest.raises(TypeError):
        indented(value)
