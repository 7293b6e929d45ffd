"""The filters' shortcuts for plain text give what their full paths give (`render/filters.py`):
`docstring` for a line with nothing to escape, `pystring` for a text without quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import filters

# Characters the full paths treat apart (quotes, backslash, line breaks, controls, tabs, the
# bidirectional controls, non-breaking space), mixed with plain ones.
SPECIAL = "'\"\\\n\r\t\x00\x0b\x0c\x1c\x7f\x85\u2028\u2029\u061c\u200e\u202e\u2066\u00a0 "
TEXTS = st.text(alphabet=st.sampled_from(SPECIAL) | st.characters(), max_size=30)


@settings(max_examples=500)
@given(TEXTS, st.sampled_from([0, 4, 8]))
def test_docstring_shortcut_is_the_full_escape(text: str, indent: int) -> None:
    assert filters.docstring.__wrapped__(text, indent) == filters._escaped(text, indent)


@settings(max_examples=500)
@given(TEXTS)
def test_pystring_shortcut_is_the_full_quoting(text: str) -> None:
    python = repr(text)
    if python[0] == '"' or text.count('"') > text.count("'"):
        return  # repr's own quoting, before either path
    assert filters.pystring.__wrapped__(text) == filters._requoted(text)
