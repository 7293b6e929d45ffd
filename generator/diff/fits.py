"""Whether a value of one surface type is accepted where another is expected, as mypy sees it.

Types are the surface's JSON trees. Aliases are looked through (each in its own SDK: the old
type in the old SDK, the new in the new); models and enums match by class name, and their own
changes are reported where they are defined. `list` and `dict` are invariant (but for
arguments, which take `Sequence` and `Mapping`), `int` fits
`float` and `bool` fits `int` (mypy's promotions), an enum fits the primitive it subclasses.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]
_PROMOTIONS = {("int", "float"), ("bool", "int"), ("bool", "float")}
_LITERAL_KINDS = {bool: "bool", int: "int", float: "float", str: "str"}
_MAX_DEPTH = 64  # aliases are looked through at most this deep (a loop reads as no match)


class Sdk:
    """The named types of one surface: aliases to look through, enums' value kinds."""

    def __init__(self, surface: Json) -> None:
        self.aliases: dict[str, Json] = {n: a["type"] for n, a in surface["aliases"].items()}
        self.enums: dict[str, str] = {n: e["kind"] for n, e in surface["enums"].items()}
        self.literals: dict[str, list[Any]] = {  # the values arguments also take as Literal
            n: list(e["members"].values()) for n, e in surface["enums"].items() if e["kind"] != "float"
        }

    def takes_literal(self, node: Json, value: Any) -> bool:
        """Whether an argument of type `node` (an enum) takes `value` as a Literal."""
        values = self.literals.get(node["name"], []) if node["kind"] == "ref" else []
        return any(type(v) is type(value) and v == value for v in values)

    def expand(self, node: Json | None) -> Json | None:
        for _ in range(_MAX_DEPTH):
            if node is None or node["kind"] != "ref" or node["name"] not in self.aliases:
                return node
            node = self.aliases[node["name"]]
        return node


class Fits:
    """`fits(a, b)`: a value of `a` (in SDK `a_sdk`) passes where `b` (in SDK `b_sdk`) is expected.

    `covariant` judges a method's argument: there a list is a `Sequence` and a map a `Mapping`,
    both covariant, down to where an alias is looked through (an alias is spelled as it is
    defined, with `list` and `dict`); an enum there also takes its values as Literal strings."""

    def __init__(self, a_sdk: Sdk, b_sdk: Sdk, covariant: bool = False) -> None:
        self.a_sdk = a_sdk
        self.b_sdk = b_sdk
        self.covariant = covariant

    def __call__(self, a: Json | None, b: Json | None, depth: int = 0) -> bool:
        if b is None:  # nothing was returned: whatever comes now, callers did not use it
            return True
        if a is None or depth > _MAX_DEPTH:
            return a == b
        expanded_a, expanded_b = self.a_sdk.expand(a), self.b_sdk.expand(b)
        assert expanded_a is not None and expanded_b is not None
        if "any" in (expanded_a["kind"], expanded_b["kind"]):
            return True
        if self.covariant and (expanded_a is not a or expanded_b is not b):
            return Fits(self.a_sdk, self.b_sdk)._spread(expanded_a, expanded_b, depth + 1)
        return self._spread(expanded_a, expanded_b, depth + 1)

    def _spread(self, a: Json, b: Json, depth: int) -> bool:
        """Unions and None on either side, then one type against one type."""
        if a["kind"] == "union":
            return all(self(m, b, depth) for m in a["members"])
        if a["kind"] == "nullable":
            return self.accepts_none(b) and self(a["inner"], b, depth)
        if a["kind"] == "literal" and a["value"] is None:
            return self.accepts_none(b)
        if b["kind"] == "nullable":
            return self(a, b["inner"], depth)
        if b["kind"] == "union":
            return any(self(a, m, depth) for m in b["members"])
        return self._single(a, b, depth)

    def _single(self, a: Json, b: Json, depth: int) -> bool:
        kind = a["kind"]
        if kind == "literal":
            return self._literal(a, b)
        if kind in ("list", "map") and b["kind"] == kind:
            key = "items" if kind == "list" else "values"
            invariant = self.covariant or Fits(self.b_sdk, self.a_sdk)(b[key], a[key], depth)
            return self(a[key], b[key], depth) and invariant
        if kind == "ref":
            enum_kind = self.a_sdk.enums.get(a["name"])
            return b == a or (enum_kind is not None and enum_kind == b["kind"])
        return _primitive_fits(kind, b["kind"])

    def _literal(self, a: Json, b: Json) -> bool:
        if b == a or (self.covariant and self.b_sdk.takes_literal(b, a["value"])):
            return True
        return _primitive_fits(_LITERAL_KINDS.get(type(a["value"]), ""), b["kind"])

    def accepts_none(self, b: Json) -> bool:
        b = self.b_sdk.expand(b) or b
        if b["kind"] == "union":
            return any(self.accepts_none(m) for m in b["members"])
        return b["kind"] in ("nullable", "any") or (b["kind"] == "literal" and b["value"] is None)


def _primitive_fits(a: str, b: str) -> bool:
    return a == b or (a, b) in _PROMOTIONS
