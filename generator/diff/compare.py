"""The tools the rules use: a change, how a type change is judged on each side, name sets.

The point of view is code that calls the old SDK and passes `mypy --strict`. Arguments and
models sent in requests may widen (callers' values still fit) but not narrow; returns and models
read from responses may narrow but not widen, nor start admitting None. A model or enum used
on both sides gets both rules; one used on neither is judged as if on both. The rules, one line
each, are in the README; the rules themselves are in `rules`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .fits import Fits, Sdk

Json = dict[str, Any]
Severity = Literal["breaking", "feature", "docs"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "feature", "docs")


@dataclass(frozen=True, order=True)
class Change:
    severity: Severity
    path: str
    message: str


def on_sides(sides: list[str]) -> list[str]:
    """The sides a schema is judged on: one used on neither is judged as if on both."""
    return sides or ["request", "response"]


def _worst(found: Iterable[Severity | None]) -> Severity | None:
    present = [s for s in found if s is not None]
    return min(present, key=SEVERITIES.index) if present else None


class Compare:
    """Collects the changes from `old` to `new` (two surfaces) in `changes`."""

    def __init__(self, old: Json, new: Json) -> None:
        self.old, self.new = old, new
        old_sdk, new_sdk = Sdk(old), Sdk(new)
        self.forward = Fits(old_sdk, new_sdk)  # an old value where the new SDK expects one
        self.backward = Fits(new_sdk, old_sdk)  # a new value where old code expects one
        self.passed = Fits(old_sdk, new_sdk, covariant=True)  # an old argument to a new method
        self.passed_back = Fits(new_sdk, old_sdk, covariant=True)
        self.changes: list[Change] = []
        self.package = new["package"]

    def add(self, severity: Severity | None, path: str, message: str) -> None:
        if severity is not None:
            self.changes.append(Change(severity, path, message))

    # --- types, by side --------------------------------------------------------------------

    def sent(self, old: Json | None, new: Json | None) -> Severity | None:
        """A type callers pass: may widen."""
        if old == new or (self.forward(old, new) and self.backward(new, old)):
            return None
        return "feature" if self.forward(old, new) else "breaking"

    def argument(self, old: Json | None, new: Json | None) -> tuple[Severity | None, str]:
        """A method argument's type: may widen, its sequences and mappings covariant; with
        how it changed, for messages."""
        forward, backward = self.passed(old, new), self.passed_back(new, old)
        if old == new or (forward and backward):
            return None, "widened"
        if forward:
            return "feature", "widened"
        return "breaking", "narrowed" if backward else "incompatible"

    def received(self, old: Json | None, new: Json | None) -> Severity | None:
        """A type callers read: may narrow."""
        if old == new or (self.forward(old, new) and self.backward(new, old)):
            return None
        return "feature" if self.backward(new, old) else "breaking"

    def shift(self, old: Json | None, new: Json | None) -> str:
        """How a type changed, for messages."""
        if self.forward(old, new):
            return "widened"
        return "narrowed" if self.backward(new, old) else "incompatible"

    def typed(self, sides: list[str], old: Json | None, new: Json | None) -> Severity | None:
        judges = {"request": self.sent, "response": self.received}
        return _worst(judges[side](old, new) for side in on_sides(sides))

    # --- documentation -------------------------------------------------------------------

    def docs(self, path: str, old: Json, new: Json, what: str = "") -> None:
        for key in ("summary", "description"):
            if old.get(key, "") != new.get(key, ""):
                self.add("docs", path, f"{what}{key} changed".strip())

    # --- named sets --------------------------------------------------------------------------

    def keyed(self, path: str, old: dict[str, Any], new: dict[str, Any], noun: str) -> list[str]:
        """Report what `old` has and `new` lacks (breaking) and the reverse (feature); the
        names in both, to compare further."""
        for name in old.keys() - new.keys():
            self.add("breaking", f"{path}{name}", f"{noun} {name} removed")
        for name in new.keys() - old.keys():
            self.add("feature", f"{path}{name}", f"{noun} {name} added")
        return sorted(old.keys() & new.keys())

