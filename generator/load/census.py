"""One quick pass over a parsed document: what `normalize` counts, and what the later walks
(`bundle`, `refs`) look for, so that they run only when they may find something.

A document as JSON parses it (and most YAML) is plain data already: what is left to check is
its size and depth. This pass counts values and text and notes the mappings that hold a `$ref`,
those under a key where text may be expected, the `mapping`s of discriminators and the mappings
with keys that are not strings, in one tight loop that builds no pointer. It gives up (None) on
anything the full pass must look at: a value that is not JSON, a number too long, too deep, too
large. The full pass then finds the same problems in the same order: the census decides nothing
it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .limits import MAX_DEPTH, MAX_INT_BITS, Budget

_SCALARS = (int, float, bool, type(None))  # str is counted on its own
_TEXT_KEYS = ("description", "summary", "source")  # where `grammar` may expect text (`grammar.TEXT`)
_is_str = str.__instancecheck__

# Where a container is: (its parent's link, its key there); None for the document.
Link = tuple[Any, "str | int"] | None


@dataclass
class Census:
    """What the quick pass found; a mapping met at several places (YAML aliases) is noted at each."""

    nodes: int = 1  # values, the document itself included, counted as `normalize` counts them
    text: int = 0  # characters of strings and string keys
    refs: list[dict[str, Any]] = field(default_factory=list)  # mappings with a `$ref` key
    text_refs: list[Link] = field(default_factory=list)  # those under a key text may be under
    mappings: list[dict[Any, Any]] = field(default_factory=list)  # values of `mapping` keys
    keyed: list[dict[Any, Any]] = field(default_factory=list)  # mappings with a key that is no string


def take_census(document: Any, budget: Budget) -> Census | None:
    """The census of `document` within `budget` (not spent here); None where the full pass of
    `normalize` must look."""
    if type(document) is not dict and type(document) is not list:
        return None
    census = Census()
    nodes, text, max_nodes, max_text = 1, 0, budget.nodes, budget.text
    stack: list[tuple[Any, int, Link]] = [(document, 0, None)]
    while stack:
        node, depth, link = stack.pop()
        if depth >= MAX_DEPTH or nodes > max_nodes or text > max_text:
            return None
        nodes += len(node)
        found = _mapping(node, depth + 1, link, stack, census) if type(node) is dict else _list(node, depth + 1, link, stack)
        if found < 0:
            return None
        text += found
    census.nodes, census.text = nodes, text
    return None if nodes > max_nodes or text > max_text else census


def _mapping(node: dict[Any, Any], depth: int, link: Link, stack: list[tuple[Any, int, Link]], census: Census) -> int:
    """The characters of its keys and strings, its containers queued and its `$ref` noted; -1
    where the full pass must look (see `_keys`)."""
    text = sum(map(len, node)) if all(map(_is_str, node)) else _keys(node, census)
    if text < 0:
        return -1
    if "$ref" in node:
        census.refs.append(node)
    push = stack.append
    for key, value in node.items():
        kind = type(value)
        if kind is str:
            text += len(value)
        elif kind is dict:
            if key in _TEXT_KEYS and "$ref" in value:
                census.text_refs.append((link, key))
            elif key == "mapping":
                census.mappings.append(value)
            push((value, depth, (link, key)))
        elif kind is list:
            push((value, depth, (link, key)))
        elif kind is int and value.bit_length() > MAX_INT_BITS or kind not in _SCALARS:
            return -1
    return text


def _list(node: list[Any], depth: int, link: Link, stack: list[tuple[Any, int, Link]]) -> int:
    """The characters of its strings, its containers queued; -1 where the full pass must look."""
    text = 0
    push = stack.append
    for key, value in enumerate(node):
        kind = type(value)
        if kind is str:
            text += len(value)
        elif kind is dict or kind is list:
            push((value, depth, (link, key)))
        elif kind is int and value.bit_length() > MAX_INT_BITS or kind not in _SCALARS:
            return -1
    return text


def _keys(node: dict[Any, Any], census: Census) -> int:
    """The characters of the string keys of a mapping with others, noted to be made strings;
    -1 for such a mapping met again (through a YAML alias), whose keys the full pass counts as
    strings the second time."""
    if any(keyed is node for keyed in census.keyed):
        return -1
    census.keyed.append(node)
    return sum(len(key) for key in node if isinstance(key, str))


def path(link: Link) -> list[str | int]:
    """The keys from the document down to the place `link` names."""
    keys: list[str | int] = []
    while link is not None:
        link, key = link
        keys.append(key)
    return keys[::-1]
