"""JSON pointers (RFC 6901): the one place that escapes, splits, joins and follows them.

Every stage names a place in the document by a pointer (`/paths/~1users/get`), so that
a problem found anywhere can be located in the source file. `$ref` fragments are
percent-encoded as well (`#/components/schemas/My%20Model`); `from_ref` undoes that.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote


def escape(token: object) -> str:
    """One reference token: `~` -> `~0`, `/` -> `~1`."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: object) -> str:
    """`join("/paths", "/users", "get")` -> `/paths/~1users/get`."""
    for token in tokens:  # a loop, not str.join: mostly one token, on every node of a walk
        pointer += "/" + escape(token)
    return pointer


def from_tokens(tokens: Iterable[object]) -> str:
    return join("", *tokens)


def tokens(pointer: str) -> list[str]:
    """The unescaped tokens of a pointer; `""` (the whole document) has none."""
    return [unescape(t) for t in pointer.split("/")[1:]] if pointer else []


def last(pointer: str) -> str:
    """The last token, unescaped: a component's key from its pointer."""
    return unescape(pointer.rsplit("/", 1)[-1])


def parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0]


def from_ref(ref: str) -> str | None:
    """The pointer a local `$ref` (`#/a/b`) names, or None for a `$ref` to another file."""
    return from_fragment(ref[1:]) if ref.startswith("#") else None


def from_fragment(fragment: str) -> str:
    """The pointer a URI fragment (a `$ref` after its `#`) spells: percent-escapes undone."""
    return unquote(fragment)


def follow(document: Any, pointer: str) -> tuple[Any, str | None]:
    """Walk a pointer: (the node, None), or (None, which step found nothing)."""
    node, steps = document, tokens(pointer)
    for i, token in enumerate(steps):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None, f"no {token!r} in {from_tokens(steps[:i]) or 'the document'}"
    return node, None


def resolve(document: Any, pointer: str) -> Any:
    """The node at `pointer`; KeyError when there is none."""
    node, problem = follow(document, pointer)
    if problem is not None:
        raise KeyError(pointer)
    return node


def missing_part(document: Any, pointer: str) -> str:
    """Why `pointer` resolves to nothing: `no 'Pet' in /components/schemas`."""
    return follow(document, pointer)[1] or "nothing there"
