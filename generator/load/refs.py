"""Every local `$ref` points at something, and no chain of `$ref`s comes back to itself.

Checked after bundling and before validation: the validator follows `$ref`s itself and
fails with a Python exception (or a RecursionError) on either. A `$ref` in example data (an
`example`, a `default`, an `enum`: `grammar.DATA`) is a key of that data and is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import pointer
from ..diagnostics import Diagnostic, GenerationError
from . import grammar
from .limits import MAX_ERRORS, MAX_REF_CHAIN
from .source import Spec


def check_refs(spec: Spec, holders: list[dict[str, Any]] | None = None) -> None:
    """Raise GenerationError listing the `$ref`s that lead nowhere (at most `MAX_ERRORS`).

    A `$ref` in a node shared through a YAML alias is checked once, at the place `Spec.locate`
    knows its line for (`last_first`). A loop is reported at the first of its `$ref`s met.
    `holders`: every mapping of the document with a `$ref` key, in example data too (the
    census): when each of theirs leads somewhere, the document is not walked.
    """
    if holders is not None and _all_lead_somewhere(spec.document, holders):
        return
    errors: list[Diagnostic] = []
    reported_loops: set[frozenset[str]] = set()
    for where, node in _holding_references(spec.document):
        if len(errors) >= MAX_ERRORS:
            break
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            problem = _chain_problem(spec.document, ref, reported_loops)
            if problem is not None:
                errors.append(spec.diagnostic(pointer.join(where, "$ref"), problem))
    if errors:
        raise GenerationError(sorted(errors))


def _all_lead_somewhere(document: dict[str, Any], holders: list[dict[str, Any]]) -> bool:
    """Whether every local `$ref` among `holders` starts a chain that ends in something: the
    walk would then report nothing (it checks a part of them)."""
    refs = {ref for node in holders if isinstance(ref := node["$ref"], str) and ref.startswith("#")}
    return all(_chain_problem(document, ref, set()) is None for ref in refs)


def _holding_references(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping whose `$ref` is a reference, with its pointer: example data left out.

    Parents before their children, and a container's children last one first: the order
    `Spec.locate` places shared nodes in; a node shared through a YAML alias is visited once."""
    seen: set[int] = set()
    stack: list[tuple[str, Any, str]] = [("", document, "Document")]
    while stack:
        where, node, kind = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            yield where, node
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            if isinstance(value, (dict, list)):
                child = grammar.child(kind, key)
                if grammar.holds_references(child):
                    stack.append((pointer.join(where, key), value, child))


def _chain_problem(document: object, ref: str, reported_loops: set[frozenset[str]]) -> str | None:
    """Why the chain of `$ref`s that starts with `ref` does not end in something, if it does not.

    A broken link further on is not this `$ref`'s problem: it is reported where it is written.
    A loop is reported once (`reported_loops`).
    """
    chain = [ref]
    while (at := pointer.from_ref(chain[-1])) is not None:
        target, missing = pointer.follow(document, at)
        if missing is not None:
            return f"unresolved $ref {ref!r}: {missing}" if len(chain) == 1 else None
        following = target.get("$ref") if isinstance(target, dict) else None
        if not isinstance(following, str):
            return None
        if following in chain:
            return _loop_problem(chain[chain.index(following) :], reported_loops)
        chain.append(following)
        if len(chain) > MAX_REF_CHAIN:
            return f"a chain of more than {MAX_REF_CHAIN} $refs"
    return None


def _loop_problem(loop: list[str], reported_loops: set[frozenset[str]]) -> str | None:
    if frozenset(loop) in reported_loops:
        return None
    reported_loops.add(frozenset(loop))
    return "$ref chain loops with no schema in it: " + " -> ".join([*loop, loop[0]])
