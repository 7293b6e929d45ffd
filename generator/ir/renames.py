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
from .types import ObjectSchema, Resource, Schema

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
    """Renames of operations, models, resources, parameters and properties the spec lacks."""
    parts = {part for op in specs for part in op.group}
    parameters = {op.operation_id: [p.wire_name for p in op.parameters] for op in specs}
    schemas = _mapping(_mapping(document.get("components")).get("schemas"))
    properties = {str(key): _property_names(schema) for key, schema in schemas.items()}
    return [
        *_unknown(config, "operations", (op.operation_id for op in specs), spec, "operationId", level),
        *_unknown(config, "models", component_schemas(document), spec, "schema in components/schemas", level),
        *_unknown(config, "resources", parts, spec, "resource", level),
        *_unknown_inner(config, "parameters", parameters, spec, ("operationId", "parameter"), level),
        *_unknown_inner(config, "properties", properties, spec, ("schema in components/schemas", "property"), level),
    ]


def _unknown_inner(
    config: Config, kind: str, known: Mapping[str, list[str]], spec: str, what: tuple[str, str], level: Level
) -> list[Diagnostic]:
    """Renames of parameters (by operationId) or properties (by schema): the owner, then the name."""
    problems = _unknown(config, kind, known, spec, what[0], level)
    for owner, names in config.rename.get(kind, {}).items():
        for old in names if owner in known else ():
            if old not in known[owner]:
                close = difflib.get_close_matches(old, known[owner], n=1)
                guess = f"; did you mean {close[0]!r}?" if close else ""
                message = f"rename.{kind}: {owner} has no {what[1]} {old!r}{guess}"
                problems.append(config.diagnostic(jp.join("/rename", kind, owner, old), message, level))
    return problems


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _property_names(schema: Any) -> list[str]:
    """The properties a component schema writes, its own and its `allOf` members' inline ones."""
    schema = _mapping(schema)
    parts = [schema, *(_mapping(member) for member in schema.get("allOf") or [] if isinstance(member, dict))]
    return [str(name) for part in parts for name in _mapping(part.get("properties"))]


def field_renames(config: Config) -> dict[str, Mapping[str, str]]:
    """The config's `rename.properties`, by the model's pointer."""
    return {jp.join("/components/schemas", key): names for key, names in config.rename.get("properties", {}).items()}


def renamed_operations(specs: list[OperationSpec], config: Config) -> list[OperationSpec]:
    """Each renamed operation with its new name tried first, in its renamed resource."""
    methods = config.rename.get("operations", {})
    resources = config.rename.get("resources", {})
    parameters = config.rename.get("parameters", {})
    renamed = []
    for op in specs:
        group = tuple(identifiers.resource_name(resources[p]) if p in resources else p for p in op.group)
        new = methods.get(op.operation_id)
        candidates = (identifiers.attribute_name(new), *op.candidates) if new else op.candidates
        arguments = parameters.get(op.operation_id, {})
        params = tuple(replace(p, renamed=arguments[p.wire_name]) if p.wire_name in arguments else p for p in op.parameters)
        candidates = tuple(dict.fromkeys(candidates))
        same = (group, candidates, params) == (op.group, op.candidates, op.parameters)  # most: no renames
        renamed.append(op if same else replace(op, group=group, candidates=candidates, parameters=params))
    return renamed


def model_hints(config: Config) -> Mapping[str, str]:
    """The hint each renamed component schema is named from, by schema name."""
    hints: Mapping[str, str] = config.rename.get("models", {})
    return hints


def collisions(
    root: Resource, specs: list[OperationSpec], names: Mapping[str, str], table: Mapping[str, Schema], config: Config
) -> list[Diagnostic]:
    """Renames that did not come out as asked, because another name took or shares the place."""
    return [
        *_operation_collisions(root, specs, config),
        *_model_collisions(names, config),
        *_parameter_collisions(root, specs, config),
        *_property_collisions(names, table, config),
    ]


def _parameter_collisions(root: Resource, specs: list[OperationSpec], config: Config) -> list[Diagnostic]:
    by_id = {op.operation_id: (op.method, op.path) for op in specs}
    operations = {(op.method.upper(), op.path): op for op in root.all_operations()}
    problems = []
    for op_id, names in config.rename.get("parameters", {}).items():
        op = operations.get(by_id.get(op_id, ("", "")))
        name = identifiers.argument_name
        places = [(p.wire_name, p.python_name, name(p.wire_name, p.location), name(names.get(p.wire_name, "_"), p.location)) for p in op.parameters] if op else []
        problems += _collided(config, ("parameters", op_id), names, places, "parameter")
    return problems


def _property_collisions(names: Mapping[str, str], table: Mapping[str, Schema], config: Config) -> list[Diagnostic]:
    problems = []
    for key, renamed in config.rename.get("properties", {}).items():
        model = table.get(names.get(jp.join("/components/schemas", key), ""))
        name = identifiers.field_name
        properties = model.properties if isinstance(model, ObjectSchema) else ()
        places = [(p.wire_name, p.python_name, name(p.wire_name), name(renamed.get(p.wire_name, "_"))) for p in properties]
        problems += _collided(config, ("properties", key), renamed, places, "property")
    return problems


def _collided(
    config: Config, owner: tuple[str, str], names: Mapping[str, str], places: list[tuple[str, str, str, str]], what: str
) -> list[Diagnostic]:
    """`places`: (wire name, name given, name it would have had, name asked) of each argument or
    field of one owner; a renamed one must have the name asked, and nothing else want it."""
    found = []
    for wire, given, _, asked in (place for place in places if place[0] in names):
        rivals = [w for w, other, natural, _ in places if w != wire and asked in (other, natural)]
        if given != asked or rivals:
            found.append(_named_collision(config, (*owner, wire), names[wire], rivals, what))
    return found


def _named_collision(config: Config, where: tuple[str, str, str], new: str, rivals: list[str], what: str) -> Diagnostic:
    kind, owner, old = where
    with_what = f"the {what} {rivals[0]!r}" if rivals else "a name the generated code reserves"
    message = f"rename.{kind}: {new!r} collides with {with_what} of {owner}"
    return config.diagnostic(jp.join("/rename", kind, owner, old), message)


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
