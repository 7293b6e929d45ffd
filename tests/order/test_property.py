"""Issue 9 as a property: permuting the mappings of a spec changes no generated definition.

Small specs from `strategies.specs` are generated as written and with every mapping in
another order (reversed, or shuffled by hypothesis' random); the packages must have the same
modules, the same names in each, and the same definitions once member order is forgiven.
`PYCLIENT_ORDER_EXAMPLES=N` sets the examples per test (default 30).
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from .conftest import Generate
from .definitions import assert_same_definitions, defined_names, package_definitions
from .permute import Reorder, permute, reversed_order, shuffled
from .strategies import FRAGMENTS, Fragment, specs

EXAMPLES = int(os.environ.get("PYCLIENT_ORDER_EXAMPLES", "30"))
ORDER = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
    # No `explain` phase: it reruns every example traced, which takes longer than the test.
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
)
reorders: st.SearchStrategy[Reorder[Any]] = st.one_of(
    st.just(reversed_order), st.randoms(use_true_random=False).map(shuffled)
)


def check(generate: Generate, document: dict[str, Any], reorder: Reorder[Any]) -> None:
    permuted = permute(document, reorder)
    note(f"permuted document: {json.dumps(permuted)}")
    base = package_definitions(generate(document))
    made = [name for name in defined_names(base) if "/models/" in name or "/resources/" in name]
    assert made, "the spec generated neither models nor resources"
    assert_same_definitions(
        base, package_definitions(generate(permuted)), "spec with its mappings permuted"
    )


@pytest.mark.parametrize("fragment", [pytest.param(f, id=f.__name__) for f in FRAGMENTS])
def test_each_construct_is_independent_of_mapping_order(
    generate: Generate, fragment: Fragment
) -> None:
    @ORDER
    @given(document=specs((fragment,)), reorder=reorders)
    def run(document: dict[str, Any], reorder: Reorder[Any]) -> None:
        check(generate, document, reorder)

    run()


@ORDER
@given(document=specs(), reorder=reorders)
def test_mixed_specs_are_independent_of_mapping_order(
    generate: Generate, document: dict[str, Any], reorder: Reorder[Any]
) -> None:
    check(generate, document, reorder)
