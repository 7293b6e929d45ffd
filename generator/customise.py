"""The config keys that shape an SDK without editing its spec: `default_headers`, `overlays`,
`templates`, `rename` and `extra_exports`, each checked here as `config` checks the rest.

What they name in the spec (an operationId to rename) is checked against the spec in the IR
(`ir/renames`); the files they name are read by the driver, relative to the config file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .reserved import KEYWORDS

_HEADER = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MODULE = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")

# What `rename` renames, and what each new name must be.
RENAME_KINDS = {
    "operations": "a method name",
    "models": "a class name",
    "resources": "a resource attribute name",
    "parameters": "an argument name",  # {<operationId>: {<parameter's wire name>: <argument>}}
    "properties": "a field name",  # {<components/schemas key>: {<property's wire name>: <field>}}
}
NESTED_RENAMES = ("parameters", "properties")
# Modules of the generated package that a team's module cannot be.
_GENERATED_MODULES = ("_client", "_version", "_runtime", "models", "resources")

Checked = tuple[Any, str | None]


def _default_headers(value: Any) -> Checked:
    """Header name -> value, sent by every call unless the client or the call sets it."""
    if not isinstance(value, dict):
        return None, "config key 'default_headers' must be a mapping of header name to value"
    for name, text in value.items():
        if not isinstance(name, str) or not _HEADER.fullmatch(name):
            return None, f"default_headers: {name!r} is not an HTTP header name"
        if not isinstance(text, (str, int)) or _CONTROL.search(str(text)):
            return None, f"default_headers[{name!r}] must be a string without control characters"
    return {name: str(text) for name, text in value.items()}, None


def _overlays(value: Any) -> Checked:
    """Overlay files, applied in order; relative paths are relative to the config file."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None, "config key 'overlays' must be a list of overlay file paths"
    return tuple(value), None


def _templates(value: Any) -> Checked:
    if not isinstance(value, str) or not value.strip():
        return None, "config key 'templates' must be a directory path"
    return value, None


def _rename(value: Any) -> Checked:
    """`{operations: {<operationId>: <method>}, models: {<schema>: <class>}, resources: {...},
    parameters: {<operationId>: {<wire name>: <argument>}}, properties: {<schema>: {<wire name>: <field>}}}`."""
    if not isinstance(value, dict):
        return None, "config key 'rename' must be a mapping with keys " + ", ".join(RENAME_KINDS)
    renames: dict[str, Any] = {}
    for kind, names in value.items():
        if kind not in RENAME_KINDS:
            return None, f"rename: unknown kind {kind!r} (known: {', '.join(RENAME_KINDS)})"
        checked, problem = _names(kind, names, nested=kind in NESTED_RENAMES)
        if problem is not None:
            return None, problem
        renames[kind] = checked
    return renames, None


def _names(kind: str, names: Any, nested: bool) -> Checked:
    """Old name -> new name (for parameters and properties: owner -> old name -> new name)."""
    if not isinstance(names, dict):
        return None, f"rename.{kind} must be a mapping of the name in the spec to the new name"
    if nested:
        return _owned_names(kind, names)
    for old, new in names.items():
        if not _is_name(new):
            what = RENAME_KINDS.get(kind.split("[")[0], "a name")
            return None, f"rename.{kind}[{old!r}] must be {what}: a Python identifier, not a keyword; got {new!r}"
    return {str(old): new for old, new in names.items()}, None


def _extra_exports(value: Any) -> Checked:
    """`{<module in the package>: [<name>, ...]}`: the team's names imported from the package root."""
    if not isinstance(value, dict):
        return None, "config key 'extra_exports' must be a mapping of module to the names it exports"
    for module, names in value.items():
        problem = _export_problem(module, names)
        if problem is not None:
            return None, problem
    return {module: tuple(names) for module, names in value.items()}, None


def _export_problem(module: Any, names: Any) -> str | None:
    if not isinstance(module, str) or not _MODULE.fullmatch(module):
        return f"extra_exports: {module!r} is not a module path in the package (e.g. helpers or tools.signing)"
    if module.split(".")[0] in _GENERATED_MODULES:
        return f"extra_exports: {module!r} is a module the generator writes; put the team's code in a module of its own"
    if not isinstance(names, list) or not names:
        return f"extra_exports[{module!r}] must be a list of the names to re-export"
    bad = [n for n in names if not _is_name(n)]
    return f"extra_exports[{module!r}]: {bad[0]!r} is not a Python name" if bad else None


def _is_name(name: Any) -> bool:
    return isinstance(name, str) and bool(_IDENTIFIER.fullmatch(name)) and name not in KEYWORDS


def _owned_names(kind: str, names: dict[Any, Any]) -> Checked:
    """Parameters by operationId, properties by schema: owner -> old name -> new name."""
    inner = {str(owner): _names(f"{kind}[{owner!r}]", each, nested=False) for owner, each in names.items()}
    problem = next((p for _, p in inner.values() if p is not None), None)
    return (None, problem) if problem else ({owner: found for owner, (found, _) in inner.items()}, None)


KEYS: dict[str, Callable[[Any], Checked]] = {
    "default_headers": _default_headers,
    "overlays": _overlays,
    "templates": _templates,
    "rename": _rename,
    "extra_exports": _extra_exports,
}
