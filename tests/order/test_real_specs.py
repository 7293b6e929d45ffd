"""Issue 9 on real specs: Novu and every spec of the corpus, with their mappings reversed
and shuffled (seeded), generate the same definitions as in their own order.

The corpus is tests/corpus's: the vendored specs plus `../shared/corpus` when it is there; a
spec tree is permuted bundled. A spec that does not generate in its own order is skipped with
the reason: that is another tier's failure, not an order one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.load import load
from tests.conftest import ROOT
from tests.corpus.test_corpus import CORPUS

from .conftest import Generate
from .definitions import Package, assert_same_definitions, package_definitions
from .permute import Reorder, permute, reversed_order, shuffled

NOVU = ROOT / "specs" / "novu.yaml"
NOVU_CONFIG = ROOT / "specs" / "novu.generator.yaml"


ORDERS: dict[str, Callable[[], Reorder[Any]]] = {
    "reversed": lambda: reversed_order,
    "shuffled-1": lambda: shuffled(random.Random(1)),
    "shuffled-2": lambda: shuffled(random.Random(2)),
}


Original = tuple[dict[str, Any], Package]  # the bundled document, its definitions
Originals = Callable[[Path, Path | None], Original]


@pytest.fixture(scope="module")
def originals(generate: Generate) -> Originals:
    """The bundled document of a spec and its definitions in its own order, once per spec.
    A corpus spec that does not generate at all is skipped with the reason; Novu must generate."""
    made: dict[Path, Original | str] = {}

    def original(spec: Path, config: Path | None) -> Original:
        if spec not in made:
            try:
                document = load(spec).document
                made[spec] = (document, package_definitions(generate(document, config)))
            except Exception as exc:
                if spec == NOVU:
                    raise
                made[spec] = (
                    f"{spec.name} does not generate in its own order: {type(exc).__name__}: {str(exc)[:300]}"
                )
        found = made[spec]
        if isinstance(found, str):
            pytest.skip(found)
        return found

    return original


def check(generate: Generate, original: Original, order: str, config: Path | None = None) -> None:
    document, expected = original
    permuted = permute(document, ORDERS[order]())
    assert_same_definitions(
        expected, package_definitions(generate(permuted, config)), f"mappings {order}"
    )


@pytest.mark.parametrize("order", ORDERS)
def test_novu(generate: Generate, originals: Originals, order: str) -> None:
    original = originals(NOVU, NOVU_CONFIG)
    assert "novu/models/__init__.py" in original[1], "Novu generated no models"
    check(generate, original, order, NOVU_CONFIG)


def _corpus_params() -> list[Any]:
    return [
        pytest.param(spec, order, id=f"{name}-{order}", marks=pytest.mark.slow)
        for name, spec in sorted(CORPUS.items())
        for order in ORDERS
    ]


@pytest.mark.parametrize(("spec", "order"), _corpus_params())
def test_corpus(generate: Generate, originals: Originals, spec: Path, order: str) -> None:
    check(generate, originals(spec, None), order)
