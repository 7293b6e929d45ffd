"""Keys written twice in one mapping, found in the YAML node tree (JSON is YAML enough).

YAML and JSON parsers keep the last of two equal keys without a word. Keys are compared as
the document will hold them, JSON strings: `yes:` beside `'true':`, or `200:` beside `'200':`,
are one key written twice. A YAML merge (`<<: *base`) may override keys: that is not a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .. import pointer
from .normalize import yaml_key

_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Duplicate:
    """The second of two equal keys: where it is written, and where the first one is."""

    at: str  # the pointer of the key (its mapping's, joined with the key)
    line: int
    col: int
    message: str


def duplicate_keys(root: yaml.Node | None, loader: type[yaml.SafeLoader]) -> list[Duplicate]:
    """Every key that repeats an earlier key of its mapping, in document order.

    A mapping shared through aliases is looked at once, where it is first reached."""
    constructor = loader("")
    found: list[Duplicate] = []
    stack: list[tuple[str, yaml.Node]] = [("", root)] if root is not None else []
    seen: set[int] = set()
    while stack:
        at, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            found.extend(_in_mapping(node, at, constructor))
        stack.extend(_children(node, at, constructor))
    return sorted(found, key=lambda d: (d.line, d.col))


def _children(node: yaml.Node, at: str, constructor: yaml.SafeLoader) -> list[tuple[str, yaml.Node]]:
    if isinstance(node, yaml.SequenceNode):
        return [(pointer.join(at, i), item) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        keys = [(_json_key(k, constructor), v) for k, v in node.value if k.tag != _MERGE]
        return [(pointer.join(at, key), value) for key, value in keys if key is not None]
    return []


def _in_mapping(node: yaml.MappingNode, at: str, constructor: yaml.SafeLoader) -> list[Duplicate]:
    first: dict[str, yaml.Node] = {}
    found = []
    for key_node, _ in node.value:
        key = _json_key(key_node, constructor) if key_node.tag != _MERGE else None
        if key is None:
            continue
        if key in first:
            found.append(_duplicate(at, key, key_node, first[key]))
        else:
            first[key] = key_node
    return found


def _duplicate(at: str, key: str, node: yaml.Node, earlier: yaml.Node) -> Duplicate:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    where = f"line {earlier.start_mark.line + 1}, column {earlier.start_mark.column + 1}"
    if (node.tag, node.value) == (earlier.tag, earlier.value):
        message = f"duplicate key {key!r}: also at {where}; only the last one would be kept"
    else:
        message = (
            f"key {_spelled(node)} repeats the key {_spelled(earlier)} at {where}: both are the key {key!r} "
            "(YAML reads unquoted keys as numbers, booleans or null); only the last one would be kept"
        )
    return Duplicate(pointer.join(at, key), line, col, message)


def _spelled(node: yaml.Node) -> str:
    """A scalar key as written: quoted if it was."""
    style = getattr(node, "style", None)
    quote = style if style in ("'", '"') else ""
    return f"{quote}{node.value}{quote}"


def _json_key(node: yaml.Node, constructor: yaml.SafeLoader) -> str | None:
    """The key as the document holds it (JSON's spelling); None for a key that is no scalar."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == _STR:
        return str(node.value)
    try:
        return yaml_key(constructor.construct_object(node, deep=True))
    except (yaml.YAMLError, ValueError):
        return None
