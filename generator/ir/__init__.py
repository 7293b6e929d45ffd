"""Build the IR from a validated document: `build(spec, config) -> Api`.

The passes, in order; each module's docstring gives its pass by this number:
1. `operations.read_operations`: what each operation says, and the schemas it uses.
2. `schema_names.name_schemas`: every schema shaped once (`shapes.Shapes`), each named schema
   found and named from the set of places.
3. `named_shapes.NamedShapes`: those names (and each schema's module) put in the shapes, which
   refer to others only by name.
4. `resolve.resolve`: `$ref` loops, discriminators, unions, nullable aliases, on the whole table.
5. `finish.finish_operation`: operations typed, bodies flattened; `pagination.Paging`: how each pages.
6. `resources.build_resources`: the resource tree with method, class and constant names.
7. `schema_names.name_params`: the TypedDicts callers may pass instead of the models arguments take.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from ..config import Config
from ..diagnostics import Diagnostic, GenerationError
from ..gc_pause import collections_paused
from ..load import Spec
from . import extensions, renames, settings
from .finish import finish_operation
from .named_shapes import NamedShapes
from .operations import OperationSpec, read_operations
from .package import package_metadata
from .pagination import Paging
from .resolve import Table, resolve
from .resources import build_resources
from .schema_names import SchemaUse, name_params, name_schemas
from .secrets import mark_secrets
from .shapes import Report
from .types import Api, Operation, Pagination, Resource, RetryPolicy, Schema, TypeNode, Webhook
from .webhooks import WebhookSpec, read_webhooks

__all__ = ["build"]


def build(
    spec: Spec, config: Config, config_mismatch: Literal["error", "warning"] = "error"
) -> tuple[Api, list[Diagnostic]]:
    """The API's IR and the warnings met on the way; raises GenerationError on errors.

    What the config names that the spec lacks is an error (the SDK would be broken), or with
    `config_mismatch="warning"` a warning: `diff` reading two specs with one config."""
    with collections_paused():
        return _build(spec, config, config_mismatch)


def _build(spec: Spec, config: Config, config_mismatch: Literal["error", "warning"]) -> tuple[Api, list[Diagnostic]]:
    diagnostics = settings.config_problems(spec.document, config, spec.path.name, config_mismatch)

    def report(pointer: str, message: str, level: Literal["error", "warning"]) -> None:
        diagnostics.append(spec.diagnostic(pointer, message, level))

    document = spec.document
    idempotency_header = config.idempotency_header or settings.declared_idempotency_header(document)
    specs = read_operations(document, report, idempotency_header, config.resources)
    diagnostics += renames.unknown_names(document, specs, config, spec.path.name, config_mismatch)
    specs = renames.renamed_operations(specs, config)
    hooks = read_webhooks(document, report, config.webhook_signing is not None)
    table, types, names = _schema_table(document, _uses(specs, hooks), report, config)
    webhooks = _typed_webhooks(hooks, types)
    paging = Paging(config, table, report, diagnostics.append, config_mismatch)
    root = _resources(document, specs, table, types, report, paging)
    paging.finish_config()
    diagnostics += renames.collisions(root, specs, names, table, config)
    retry = extensions.retry_policy(document, report)
    errors = sorted({d for d in diagnostics if d.level == "error"})
    if errors:
        raise GenerationError(errors)
    schemas = _named_for_callers(table, root)
    api = _api(spec, config, schemas, root, retry, idempotency_header, report, webhooks)
    api = replace(api, unpaged=tuple(paging.summary.left_alone))
    return api, sorted(d for d in diagnostics if d.level == "warning")


def _uses(specs: list[OperationSpec], hooks: list[WebhookSpec]) -> list[SchemaUse]:
    """Every schema the operations and webhooks use, in that order."""
    return [use for op in specs for use in op.uses()] + [hook.use for hook in hooks]


def _typed_webhooks(hooks: list[WebhookSpec], types: dict[str, TypeNode]) -> tuple[Webhook, ...]:
    return tuple(hook.typed(types[hook.use.pointer]) for hook in hooks)


def _schema_table(
    document: dict[str, Any], uses: list[SchemaUse], report: Report, config: Config
) -> tuple[Table, dict[str, TypeNode], dict[str, str]]:
    """Passes 2-4: the named schemas by class name, the type of each schema an operation uses by
    where it is written, and each named schema's class name by pointer (the config's renames
    of models and properties applied)."""
    drafts = name_schemas(document, uses, report, renames.model_hints(config), renames.field_renames(config))
    named = NamedShapes(drafts)
    table = mark_secrets(named.table(), config.secret_fields)
    written = named.written()
    finish = resolve(table, report)
    return table, {pointer: finish(node) for pointer, node in written.items()}, drafts.names


def _resources(
    document: dict[str, Any], specs: list[OperationSpec], table: Table, types: dict[str, TypeNode], report: Report, paging: Paging
) -> Resource:
    """Passes 5-6: the operations typed, in the resource tree with every name decided."""

    def type_of(use: SchemaUse) -> TypeNode:
        return types[use.pointer]

    finished = [(op, finish_operation(op, type_of, table, report)) for op in specs]
    operations = [(spec, _paged(op, paging.decide(spec, op))) for spec, op in finished]
    return build_resources(operations, document, report)


def _paged(op: Operation, pagination: Pagination | None) -> Operation:
    return op if pagination is None else replace(op, pagination=pagination)


def _named_for_callers(table: Table, root: Resource) -> tuple[Schema, ...]:
    """Pass 7: the schemas by class name, each with its TypedDict (if arguments take it)."""
    schemas = tuple(sorted(table.values(), key=lambda s: s.name))
    return name_params(schemas, root.all_operations())


def _api(
    spec: Spec,
    config: Config,
    schemas: tuple[Schema, ...],
    root: Resource,
    retry: RetryPolicy,
    idempotency_header: str | None,
    report: Report,
    webhooks: tuple[Webhook, ...],
) -> Api:
    document = spec.document
    info: dict[str, Any] = document["info"] if isinstance(document.get("info"), dict) else {}
    title = str(info.get("title") or spec.path.stem)
    names = settings.client_naming(title, config, report)
    security = document.get("security")
    servers = settings.servers(document, config)
    schemes = settings.security_schemes(document, config, names.env_prefix, servers)
    default = settings.security_alternatives(security if isinstance(security, list) else [])
    operations = tuple(op.security for op in root.all_operations())
    return Api(
        title=title,
        version=str(info.get("version") or "0.0.0"),
        description=info["description"] if isinstance(info.get("description"), str) else None,
        naming=names,
        servers=servers,
        security_schemes=schemes,
        default_security=default,
        credentials_required=settings.credentials_required(operations, default, schemes),
        webhooks=webhooks,
        webhook_signing=config.webhook_signing,
        schemas=schemas,
        root=root,
        retry=retry,
        envelope_key=config.envelope_key,
        idempotency_header=idempotency_header,
        package_version=config.package_version,
        metadata=package_metadata(config),
        default_headers=tuple(sorted(config.default_headers.items())),
        extra_exports=tuple(sorted(config.extra_exports.items())),
    )
