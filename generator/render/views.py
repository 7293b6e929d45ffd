"""IR -> the views the templates print: raw values, and type expressions from `python_types`.

Views hold values (names, spec text as `SpecText`, numbers, tuples); the templates apply the
escaping filters and lay out the Python. Names come from the IR, type expressions from
`python_types`, and each module's imports are computed from what the module contains.
This module assembles the package: the client module, the README's examples, and the parts
from `method_views` (resources) and `model_views` (the models package).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ir.types import Api, Naming, Operation, PackageMetadata, Resource, Server
from . import python_types
from .example_values import NoPlaceholder, Placeholders, Value, argument_types
from .filters import SpecText
from .imports import ImportBlock, Imports, import_block, merge, needs
from .io_examples import IOExamples, io_examples
from .method_views import (
    MethodView,
    ResourceModuleView,
    ResourceView,
    resource_module,
    resource_view,
)
from .model_views import ModelsModuleView, models_module
from .security_views import SecurityView, security_view
from .webhook_views import WebhooksView, webhook_imports, webhooks_view

# --- the client --------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerView:
    url: SpecText
    name: SpecText | None
    variables: tuple[tuple[SpecText, SpecText, tuple[SpecText, ...]], ...]  # (name, default, enum)


@dataclass(frozen=True)
class RetryView:
    """The retry policy in the runtime's units (seconds)."""

    initial_interval: float
    max_interval: float
    max_elapsed: float
    exponent: float
    status_codes: tuple[SpecText, ...]
    retry_connection_errors: bool


@dataclass(frozen=True)
class ClientView:
    """_client.py: settings, the two clients, their resources and the root's own methods."""

    root: ResourceView  # `children` are the client's resources
    servers: tuple[ServerView, ...]
    security: tuple[SecurityView, ...]
    default_security: tuple[tuple[str, ...], ...]
    retry: RetryView
    envelope_key: SpecText | None
    idempotency_header: SpecText | None
    credentials_required: bool
    default_headers: tuple[tuple[SpecText, SpecText], ...]  # the config's
    imports: ImportBlock

    @property
    def has_server_variables(self) -> bool:
        return any(s.variables for s in self.servers)

    @property
    def credential_arguments(self) -> tuple[str, ...]:
        """The constructor's credential arguments, in order: each scheme's, then its flow's."""
        names: list[str] = []
        for s in self.security:
            names.append(s.credential)
            if s.client_credentials is not None:
                names += [s.client_credentials.client_id, s.client_credentials.client_secret]
        return tuple(names)


def _server_view(server: Server) -> ServerView:
    variables = tuple(
        (SpecText(v.name), SpecText(v.default), tuple(SpecText(e) for e in v.enum))
        for v in server.variables
    )
    name = SpecText(server.name) if server.name is not None else None
    return ServerView(SpecText(server.url), name, variables)


def _retry_view(api: Api) -> RetryView:
    retry = api.retry
    return RetryView(
        initial_interval=retry.initial_interval_ms / 1000,
        max_interval=retry.max_interval_ms / 1000,
        max_elapsed=retry.max_elapsed_ms / 1000,
        exponent=retry.exponent,
        status_codes=tuple(SpecText(s) for s in retry.status_codes),
        retry_connection_errors=retry.retry_connection_errors,
    )


# What every client module uses: the settings, the clients' bases and constructor arguments.
_CLIENT = (
    needs(
        "._runtime",
        "ApiSettings",
        "SyncAPIClient",
        "AsyncAPIClient",
        "RetryPolicy",
        "Hooks",
        "AsyncHooks",
        "NOT_GIVEN",
        "NotGiven",
    )
    | needs("typing", "Mapping")
    | needs("", "httpx")
    | needs("._version", "__version__")
)


def _client_imports(
    root: ResourceView, servers: tuple[ServerView, ...], security: Imports
) -> Imports:
    imports = merge(m.imports for m in root.methods) | security | _CLIENT
    if root.children:  # lazy resource properties, typed for the checker only
        imports |= needs("._runtime", "lazy_resource") | needs("typing", "TYPE_CHECKING")
    if servers:
        imports |= needs("._runtime", "Server")
    if any(s.variables for s in servers):
        imports |= needs("._runtime", "ServerVariable")
    return imports


def client_view(api: Api, root: ResourceView) -> ClientView:
    servers = tuple(_server_view(s) for s in api.servers)
    security = [security_view(s) for s in api.security_schemes]
    security_imports = merge(i for _, i in security) | webhook_imports(api)
    if security:
        security_imports |= needs("._runtime", "SecurityScheme")
    return ClientView(
        root=root,
        servers=servers,
        security=tuple(v for v, _ in security),
        default_security=tuple(api.default_security),
        retry=_retry_view(api),
        envelope_key=SpecText(api.envelope_key) if api.envelope_key is not None else None,
        idempotency_header=SpecText(api.idempotency_header)
        if api.idempotency_header is not None
        else None,
        credentials_required=api.credentials_required,
        default_headers=tuple((SpecText(k), SpecText(v)) for k, v in api.default_headers),
        imports=import_block(_client_imports(root, servers, security_imports), depth=0),
    )


# --- the README --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExampleCall:
    """A call for the README's snippets: `client.<attributes>(<arguments>, <keyword>=<value>)`.

    Values are data the template prints with `pyliteral`; `...` stands for the reader's own."""

    attributes: tuple[str, ...]
    arguments: tuple[Value, ...]  # path parameters
    keywords: tuple[tuple[str, Value], ...]  # required keyword arguments
    returns: bool = False  # the method returns a value (the README's first call prints it)


@dataclass(frozen=True)
class Examples:
    """Calls made from the API's own methods (the tests compile the snippets)."""

    per_resource: tuple[ExampleCall, ...]
    simple: ExampleCall | None
    write: ExampleCall | None
    page: ExampleCall | None
    body: ExampleCall | None  # a call sending a JSON body, each required argument a placeholder
    subclassed: ResourceView | None = None  # "Customising the SDK": a top-level resource with methods


Call = tuple[tuple[str, ...], MethodView]  # a method, and the attributes that reach it


def _calls(view: ResourceView, prefix: tuple[str, ...] = ()) -> list[Call]:
    """Every method under `view`, depth first, with the attributes that reach it."""
    found = [((*prefix, m.name), m) for m in view.methods]
    for child in view.children:
        found += _calls(child, (*prefix, child.attribute))
    return found


def _cost(method: MethodView) -> int:
    """Prefer reads with one path argument: the most telling, least surprising example."""
    reads = 0 if method.endpoint.method == "GET" else 3
    return len(method.required_keywords) * 2 + (0 if method.positional else 1) + reads


def _cheapest(calls: list[Call]) -> ExampleCall | None:
    """Path arguments shown as strings of their own names, required keywords as `...`."""
    if not calls:
        return None
    attributes, method = min(calls, key=lambda call: _cost(call[1]))
    keywords = tuple((name, ...) for name in method.required_keywords)
    return ExampleCall(attributes, tuple(a.name for a in method.positional), keywords)


def _per_resource(root: ResourceView, plain: list[Call]) -> tuple[ExampleCall, ...]:
    """One call per top-level resource that has a method of its own."""
    found = (_cheapest([c for c in plain if c[0][:-1] == (v.attribute,)]) for v in root.children)
    return tuple(call for call in found if call is not None)


def _operations(resource: Resource, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Operation]:
    """Every operation under `resource`, by the attributes that reach its method."""
    found = {(*prefix, op.python_name): op for op in resource.operations}
    for child in resource.children:
        found |= _operations(child, (*prefix, child.python_name))
    return found


def _body_call(call: Call, op: Operation, placeholders: Placeholders) -> ExampleCall | None:
    """`call` with a placeholder for each required argument, when it sends a JSON body some of
    whose fields are required and each such argument has a placeholder."""
    attributes, method = call
    body = op.body
    if body is None or "json" not in body.content_type or not body.required:
        return None
    in_body = {p.python_name for p in body.properties} if body.flattened else {"body"}
    if not in_body & set(method.required_keywords):
        return None
    types = argument_types(op)
    try:
        arguments = tuple(placeholders.value(types[a.name], a.name) for a in method.positional)
        keywords = tuple((k, placeholders.value(types[k], k)) for k in method.required_keywords)
    except NoPlaceholder:
        return None
    return ExampleCall(attributes, arguments, keywords, returns=op.return_type is not None)


def _size(value: Value) -> int:
    """How many values a reader reads in `value`."""
    if isinstance(value, dict):
        return 1 + sum(map(_size, value.values()))
    if isinstance(value, list):
        return 1 + sum(map(_size, value))
    return 1


def _has_model(value: Value) -> bool:
    """Whether `value` holds a model written as a dict of its JSON keys."""
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(map(_has_model, value))


def _body_cost(call: ExampleCall) -> tuple[int, bool, bool, int]:
    """No path argument, two required arguments or more (a single field shows little), a model
    written as a dict (as the README explains them), then the fewest values."""
    values = [v for _, v in call.keywords]
    return len(call.arguments), len(values) < 2, not any(map(_has_model, values)), sum(map(_size, values))


def _body_example(plain: list[Call], api: Api) -> ExampleCall | None:
    """The README's first call: the one with a JSON body that shows the most, by `_body_cost`."""
    operations = _operations(api.root)
    placeholders = Placeholders({s.name: s for s in api.schemas})
    found = [c for c in (_body_call(call, operations[call[0]], placeholders) for call in plain) if c]
    return min(found, key=_body_cost) if found else None


def examples(root: ResourceView, api: Api) -> Examples:
    calls = _calls(root)
    plain = [c for c in calls if not c[1].paged]
    pages = [c for c in calls if c[1].paged]
    return Examples(
        per_resource=_per_resource(root, plain),
        simple=_cheapest(plain),
        write=_cheapest([c for c in plain if c[1].endpoint.method not in ("GET", "HEAD")]),
        page=_cheapest(pages[:1]),
        body=_body_example(plain, api),
        subclassed=next((child for child in root.children if child.methods), None),
    )


# --- the package -------------------------------------------------------------------------

LICENSE_FILE = "LICENSE"  # where the config's licence text goes


@dataclass(frozen=True)
class MetadataView:
    """pyproject.toml's `[project]` keys beyond the names; the template escapes every value."""

    requires_python: str
    classifiers: tuple[str, ...]
    license: str | None
    license_files: tuple[str, ...]
    authors: tuple[tuple[tuple[str, str], ...], ...]  # each author's keys and values: name, email
    urls: tuple[tuple[str, str], ...]  # (label, URL)
    keywords: tuple[str, ...]


def metadata_view(metadata: PackageMetadata) -> MetadataView:
    authors = tuple(
        tuple((key, value) for key, value in (("name", a.name), ("email", a.email)) if value is not None)
        for a in metadata.authors
    )
    return MetadataView(
        requires_python=metadata.requires_python,
        classifiers=metadata.classifiers,
        license=metadata.license,
        license_files=(LICENSE_FILE,) if metadata.license_text is not None else (),
        authors=authors,
        urls=metadata.urls,
        keywords=metadata.keywords,
    )


@dataclass(frozen=True)
class PackageView:
    """Everything the templates print, by the name they know it by."""

    naming: Naming
    title: SpecText
    version: str
    metadata: MetadataView
    client: ClientView
    models: ModelsModuleView
    resources: tuple[ResourceModuleView, ...]
    examples: Examples
    reference: tuple[tuple[str, ResourceView], ...]  # api.md: every resource by dotted path
    webhooks: WebhooksView | None  # None: the spec describes no webhooks
    io: IOExamples  # the README's stream, download and upload
    # The team's modules (relative, `.helpers`) and the names the package root re-exports.
    extra_exports: tuple[tuple[str, tuple[str, ...]], ...]


def _attributes(resource: Resource) -> set[str]:
    """Every name a client or resource class defines: sub-resources and methods."""
    found = {op.python_name for op in resource.operations}
    for child in resource.children:
        found |= {child.python_name} | _attributes(child)
    return found


def method_types(api: Api) -> python_types.PythonTypes:
    """Types as the client's and resources' methods spell them (api.json spells them so too)."""
    schemas = {s.name: s for s in api.schemas}
    return python_types.for_methods(_attributes(api.root), schemas)


def package_view(api: Api) -> PackageView:
    types = method_types(api)
    root = resource_view(api.root, types)
    return PackageView(
        naming=api.naming,
        title=SpecText(api.title),
        version=package_version(api),
        metadata=metadata_view(api.metadata),
        client=client_view(api, root),
        models=models_module(api),
        resources=tuple(resource_module(child) for child in root.children),
        examples=examples(root, api),
        reference=reference(root),
        webhooks=webhooks_view(api, types) if api.webhooks else None,
        io=io_examples(root, api.root),
        extra_exports=tuple((f".{module}", names) for module, names in api.extra_exports),
    )


def reference(view: ResourceView, path: str = "client") -> tuple[tuple[str, ResourceView], ...]:
    """Every resource under `view` (itself first), depth first, by its path from the client."""
    found = [(path, view)]
    for child in view.children:
        found += reference(child, f"{path}.{child.attribute}")
    return tuple(found)


def package_version(api: Api) -> str:
    """The generated package's version: the config's, else the spec's when it is one, else 0.0.0."""
    if api.package_version is not None:
        return api.package_version
    return api.version if _is_version(api.version) else "0.0.0"


def _is_version(text: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)*([ab]|rc)?\d*", text) is not None
