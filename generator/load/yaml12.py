"""YAML read as YAML 1.2 (its core schema), on PyYAML's C loader when there is one.

PyYAML resolves plain scalars by YAML 1.1 rules: `yes`, `no`, `on`, `off` (and `NO`, the
country code) are booleans, `012` is octal, `1_000` and `1:30` are numbers, `2024-01-01` a
date. OpenAPI recommends YAML 1.2, whose core schema has none of these: they are strings, as
every bundler and JSON converter writes them. A spec and its bundle must give the same SDK, so
every YAML the generator reads (specs, the files their `$ref`s name, configs) goes through
`Yaml12Loader`.

The core schema's plain scalars: `null`, `Null`, `NULL`, `~` and nothing are null; `true` and
`false` (also capitalized or upper case) booleans; decimal, `0o` octal and `0x` hex integers;
floats with a dot or an exponent, `.inf` and `.nan`. The merge key `<<` is kept: YAML 1.2 has
none, but specs written for PyYAML and libyaml use it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DIGITS = list("-+0123456789")

# Tag, pattern, first characters. An integer is tried before a float: `12` matches both.
_CORE_SCHEMA: list[tuple[str, str, list[str]]] = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", _DIGITS),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        [*_DIGITS, "."],
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
]


class Yaml12Loader(_Base):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader (C when available) resolving plain scalars by the YAML 1.2 core
    schema: no timestamps, no `yes`/`no` booleans, no sexagesimal or `0`-prefixed octal."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """`0o17` and `0x1f` by their base, anything else in base 10 (`012` is twelve). An
        explicit `!!int` takes YAML 1.1's spellings too (`0b1`, `1_000`)."""
        value = str(self.construct_scalar(node))
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        try:
            return int(value)
        except ValueError:
            result: int = super().construct_yaml_int(node)
            return result


for _tag, _pattern, _first in _CORE_SCHEMA:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", Yaml12Loader.construct_yaml_int)


def load_yaml(text: str) -> Any:
    """The data in a YAML text, read as YAML 1.2."""
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506  (a safe loader)


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of a YAML text, its scalars resolved as YAML 1.2."""
    return yaml.compose(text, Loader=Yaml12Loader)
