"""Copies of a document with the keys of its mappings in another order.

Every mapping is reordered: `paths` and each path item, `components` and each of its maps,
`properties`, `responses`, `content`, `discriminator.mapping`, `securitySchemes`,
`webhooks`, security requirements and the rest, since no mapping's order means anything.
Lists keep their order (`oneOf`, `parameters`, `enum`, an operation's `tags`, the
alternatives of `security`), except the top-level `tags`, a list of tag objects whose order
the issue counts as a mapping's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
Reorder = Callable[[list[T]], list[T]]


def reversed_order(items: list[T]) -> list[T]:
    return items[::-1]


def shuffled(rng: random.Random) -> Reorder[Any]:
    return lambda items: rng.sample(items, len(items))


def permute(document: dict[str, Any], reorder: Reorder[Any]) -> dict[str, Any]:
    """A deep copy of `document` with every mapping's keys (and the top-level tags) reordered."""
    copied = _permuted(document, reorder)
    if isinstance(copied.get("tags"), list):
        copied["tags"] = reorder(copied["tags"])
    return copied


def _permuted(node: Any, reorder: Reorder[Any]) -> Any:
    if isinstance(node, dict):
        return {key: _permuted(node[key], reorder) for key in reorder(list(node))}
    if isinstance(node, list):
        return [_permuted(item, reorder) for item in node]
    return node
