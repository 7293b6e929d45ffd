"""The config's `rename:` (operations, models, resources), applied before names are made unique.

A renamed operation's new name becomes its first method name to try (pass 1), a renamed
model's its hint (pass 2), a renamed resource's part of every group path it is in: the fixed
rules then settle collisions as for any other name. What a rename names must exist (else a
located config error naming the closest match), and the new name must be what comes out
(else a located error naming what it collides with).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, Literal

from .. import pointer as jp
from ..config import Config
from ..diagnostics import Diagnostic
from . import identifiers
from .operations import OperationSpec
from .types import Resource

Level = Literal["error", "warning"]


def _unknown(config: Config, kind: str, known: Iterable[str], spec: str, what: str, level: Level) -> list[Diagnostic]:
    """A rename of `kind` whose old name `spec` lacks, with the closest match it has."""
    choices = sorted(set(known))
    problems = []
    for old in config.rename.get(kind, {}):
        if old in choices:
            continue
        close = difflib.get_close_matches(old, choices, n=1)
        guess = f"; did you mean {close[0]!r}?" if close else ""
        message = f"rename.{kind}: {spec} has no {what} {old!r}{guess}"
        problems.append(config.diagnostic(jp.join("/rename", kind, old), message, level))
    return problems


def component_schemas(document: dict[str, Any]) -> list[str]:
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return [str(key) for key in schemas] if isinstance(schemas, dict) else []


def unknown_names(
    document: dict[str, Any], specs: list[OperationSpec], config: Config, spec: str, level: Level
) -> list[Diagnostic]:
    """Renames of operations, models and resources that the spec does not have."""
    parts = {part for op in specs for part in op.group}
    return [
        *_unknown(config, "operations", (op.operation_id for op in specs), spec, "operationId", level),
        *_unknown(config, "models", component_schemas(document), spec, "schema in components/schemas", level),
        *_unknown(config, "resources", parts, spec, "resource", level),
    ]


def renamed_operations(specs: list[OperationSpec], config: Config) -> list[OperationSpec]:
    """Each renamed operation with its new name tried first, in its renamed resource."""
    methods = config.rename.get("operations", {})
    resources = config.rename.get("resources", {})
    renamed = []
    for op in specs:
        group = tuple(identifiers.resource_name(resources[p]) if p in resources else p for p in op.group)
        new = methods.get(op.operation_id)
        candidates = (identifiers.attribute_name(new), *op.candidates) if new else op.candidates
        renamed.append(replace(op, group=group, candidates=tuple(dict.fromkeys(candidates))))
    return renamed


def model_hints(config: Config) -> Mapping[str, str]:
    """The hint each renamed component schema is named from, by schema name."""
    return config.rename.get("models", {})


def collisions(root: Resource, specs: list[OperationSpec], names: Mapping[str, str], config: Config) -> list[Diagnostic]:
    """Renames that did not come out as asked, because another name took or shares the place."""
    return [*_operation_collisions(root, specs, config), *_model_collisions(names, config)]


def _operation_collisions(root: Resource, specs: list[OperationSpec], config: Config) -> list[Diagnostic]:
    methods = config.rename.get("operations", {})
    if not methods:
        return []
    final = {(op.method.upper(), op.path): op.python_name for op in root.all_operations()}
    found = (_collision(config, op, methods[op.operation_id], specs, final) for op in specs if op.operation_id in methods)
    return [problem for problem in found if problem is not None]


def _collision(
    config: Config, op: OperationSpec, new: str, specs: list[OperationSpec], final: Mapping[tuple[str, str], str]
) -> Diagnostic | None:
    asked = identifiers.attribute_name(new)
    rivals = [o.operation_id for o in specs if o is not op and _wants(o, op.group, asked, final)]
    if final[(op.method, op.path)] == asked and not rivals:
        return None
    with_what = f"the operation {rivals[0]!r}" if rivals else "a name the client reserves"
    where = ".".join(op.group) or "the client"
    message = f"rename.operations: {new!r} collides with {with_what} on {where}"
    return config.diagnostic(jp.join("/rename/operations", op.operation_id), message)


def _wants(op: OperationSpec, group: tuple[str, ...], name: str, final: Mapping[tuple[str, str], str]) -> bool:
    """Whether `op`, in resource `group`, would be called (or is called) `name`."""
    return op.group == group and name in (op.candidates[0], final[(op.method, op.path)])


def _model_collisions(names: Mapping[str, str], config: Config) -> list[Diagnostic]:
    """`names`: class name by schema pointer."""
    problems = []
    for old, new in config.rename.get("models", {}).items():
        at = jp.join("/components/schemas", old)
        asked = identifiers.class_name(new)
        rivals = [p for p, name in names.items() if p != at and _stem(name) == asked.lower()]
        if names.get(at, asked) != asked or rivals:
            with_what = f"the schema at {rivals[0]}" if rivals else "another model"
            message = f"rename.models: {new!r} collides with {with_what}"
            problems.append(config.diagnostic(jp.join("/rename/models", old), message))
    return problems


def _stem(name: str) -> str:
    """A class name without the number `unique` gave it (`Foo2` -> `foo`)."""
    return name.rstrip("0123456789").lower() if name[-1:].isdigit() else name.lower()
