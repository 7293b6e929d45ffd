"""Local `$ref`s followed once per `$ref` text: a spec writes the same few hundred references
thousands of times (GitHub writes `#/components/parameters/owner` 528 times)."""

from __future__ import annotations

from typing import Any

from .. import pointer as jp


class Targets:
    """Where each `$ref` of one document points: its pointer (None: not in this document), the
    node there, and which step found nothing (None when it is there)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self._found: dict[str, tuple[str | None, Any, str | None]] = {}

    def __call__(self, ref: str) -> tuple[str | None, Any, str | None]:
        if ref not in self._found:
            target = jp.from_ref(ref)
            node, problem = jp.follow(self.document, target) if target is not None else (None, None)
            self._found[ref] = (target, node, problem)
        return self._found[ref]
