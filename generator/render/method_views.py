"""Operations and resources -> the views that resources/*.py and the client's methods print.

A method view holds raw values (names from the IR, spec text as `SpecText`, tuples) and type
expressions from `python_types`; the templates write the `Endpoint(...)` table, the signature
and the one call into the runtime. Each view also carries the imports it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..ir.types import (
    ListType,
    NullableType,
    ObjectSchema,
    Operation,
    Parameter,
    Property,
    RequestBody,
    Resource,
    Response,
    TypeNode,
    TypeRef,
)
from .filters import SpecText
from .imports import ImportBlock, Imports, import_block, merge, needs
from .method_docs import method_doc
from .paging_docs import paging_phrase
from .python_types import ANY, PythonTypes, Spelled, or_none, or_not_given
from .stream_views import OverloadView, StreamView, file_fields, overloads, stream_view

# --- methods -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ArgView:
    """A method argument; `default` None means required."""

    name: str
    annotation: str
    default: Literal["none", "not_given"] | None


@dataclass(frozen=True)
class PaginationView:
    """The runtime's `Pagination(...)`: `values` are its keyword arguments that differ from
    their defaults, as plain data; `item_type` a type expression; `phrase` names it in `api.md`."""

    values: tuple[tuple[str, object], ...]
    item_type: str
    phrase: str


@dataclass(frozen=True)
class EndpointView:
    """The `Endpoint(...)` constant a method passes to the runtime; `constant` is the IR's name."""

    constant: str
    method: str
    path: SpecText
    responses: tuple[tuple[SpecText, str], ...]  # (status, type expression)
    errors: tuple[tuple[SpecText, str], ...]
    request_content_type: SpecText | None
    security: tuple[tuple[str, ...], ...] | None
    scopes: tuple[tuple[SpecText, tuple[SpecText, ...]], ...]  # OAuth2 scopes by scheme key
    parameter_styles: tuple[tuple[SpecText, SpecText, bool], ...]  # (wire name, style, explode)
    body_styles: tuple[tuple[SpecText, SpecText, bool], ...]  # a form body's, the same way
    pagination: PaginationView | None
    arguments: tuple[ArgumentEntry, ...]
    deprecated: bool  # calling it warns (once)
    stream: StreamView | None  # what it may stream instead of (or as) its body
    files: tuple[tuple[SpecText, str], ...]  # multipart file fields: (wire name, argument)


@dataclass(frozen=True)
class ArgumentEntry:
    """A parameter or flattened body field as the runtime's `Argument` names it."""

    location: str
    wire_name: SpecText
    name: str
    nullable: bool  # None may be sent (as null); else passing None is refused before sending
    deprecated: bool  # passing it warns (once)
    model: str | None = None  # the model class a mapping given for it is checked against


@dataclass(frozen=True)
class BodyView:
    """The request body: one `argument`, or (wire name, argument) `fields` when flattened."""

    argument: str | None
    fields: tuple[tuple[SpecText, str], ...] = ()


@dataclass(frozen=True)
class MethodView:
    name: str
    doc: SpecText
    deprecated: SpecText | None  # the message of `@deprecated(...)`, for a deprecated operation
    endpoint: EndpointView
    positional: tuple[ArgView, ...]
    keyword: tuple[ArgView, ...]
    returns: str  # when paged, the type of each page's body (the method returns a page)
    casts: bool  # the runtime's answer is cast to the return type (not when that is `Any`)
    path: tuple[tuple[SpecText, str], ...]  # (wire name, argument)
    query: tuple[tuple[SpecText, str], ...]
    headers: tuple[tuple[SpecText, str], ...]
    cookies: tuple[tuple[SpecText, str], ...]
    body: BodyView | None
    imports: Imports
    overloads: tuple[OverloadView, ...] = ()  # when a `stream` flag decides what it returns

    @property
    def stream(self) -> StreamView | None:
        return self.endpoint.stream

    @property
    def paged(self) -> bool:
        return self.endpoint.pagination is not None

    @property
    def required_keywords(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.keyword if a.default is None)


def _argument(
    name: str, spelled: Spelled, required: bool, nullable: bool
) -> tuple[ArgView, Imports]:
    """An optional argument defaults to NOT_GIVEN: left out of the request unless passed."""
    if nullable:
        spelled = or_none(spelled)
    if required:
        return ArgView(name, spelled.text, None), spelled.imports
    spelled = or_not_given(spelled)
    imports = spelled.imports | needs("._runtime", "NOT_GIVEN")
    return ArgView(name, spelled.text, "not_given"), imports


def _body_arguments(body: RequestBody | None, types: PythonTypes) -> list[tuple[ArgView, Imports]]:
    """A flattened body is one argument per property; any other body is `body`."""
    if body is None:
        return []
    if body.flattened:
        return [
            _argument(p.python_name, types.spell(p.type), p.required and body.required, p.nullable)
            for p in body.properties
        ]
    spelled = types.spell(body.type)
    if body.required:
        return [(ArgView("body", spelled.text, None), spelled.imports)]
    return [(ArgView("body", or_none(spelled).text, "none"), spelled.imports)]


def _arguments(
    op: Operation, types: PythonTypes
) -> tuple[tuple[ArgView, ...], tuple[ArgView, ...], Imports]:
    """Path parameters positional; the rest keyword-only, required ones first. Each takes what
    a caller may write: enum values as strings, dicts for models."""
    accepting = types.accepting()
    positional = [
        _argument(p.python_name, accepting.spell(p.type), True, p.nullable)
        for p in op.parameters
        if p.location == "path"
    ]
    keywords = [
        _argument(p.python_name, accepting.spell(p.type), p.required, p.nullable)
        for p in op.parameters
        if p.location != "path"
    ]
    keywords += _body_arguments(op.body, accepting)
    ordered = sorted((a for a, _ in keywords), key=lambda a: a.default is not None)
    imports = merge(i for _, i in positional + keywords)
    return tuple(a for a, _ in positional), tuple(ordered), imports


def _body_view(body: RequestBody | None) -> BodyView | None:
    if body is None:
        return None
    if body.flattened:
        return BodyView(
            None, tuple((SpecText(p.wire_name), p.python_name) for p in body.properties)
        )
    return BodyView("body")


def _located(op: Operation, location: str) -> tuple[tuple[SpecText, str], ...]:
    return tuple(
        (SpecText(p.wire_name), p.python_name) for p in op.parameters if p.location == location
    )


def _status_map(
    responses: tuple[Response, ...], types: PythonTypes
) -> tuple[tuple[tuple[SpecText, str], ...], Imports]:
    spelled = [types.spell(r.type) for r in responses]
    statuses = [r.status.lower() if r.status == "DEFAULT" else r.status for r in responses]
    entries = tuple((SpecText(s), t.text) for s, t in zip(statuses, spelled, strict=True))
    return entries, merge(t.imports for t in spelled)


def _styles(parameters: tuple[Parameter, ...]) -> tuple[tuple[SpecText, SpecText, bool], ...]:
    """Query parameters sent other than as the runtime's default (`form`, exploded)."""
    return tuple(
        (SpecText(p.wire_name), SpecText(p.style), p.explode)
        for p in parameters
        if p.location == "query" and (p.style != "form" or not p.explode)
    )


def _body_styles(body: RequestBody | None) -> tuple[tuple[SpecText, SpecText, bool], ...]:
    """Form body properties sent other than as the runtime's default (`form`, exploded)."""
    encoding = body.encoding if body is not None else ()
    return tuple(
        (SpecText(name), SpecText(style), explode)
        for name, style, explode in encoding
        if style != "form" or not explode
    )


def _pagination(op: Operation, types: PythonTypes) -> tuple[PaginationView | None, Imports]:
    page = op.pagination
    if page is None:
        return None, Imports()
    item = types.spell(page.item_type)
    values: list[tuple[str, object]] = [("style", page.style)]
    for name, value, default in (
        ("param", page.param, None),
        ("location", page.location, "query"),
        ("limit_param", page.limit_param, None),
        ("items_path", page.items_path, None),
        ("next_path", page.next_path, ()),
        ("has_more_path", page.has_more_path, ()),
        ("total_path", page.total_path, ()),
        ("page_path", page.page_path, ()),
        ("first_page", page.first_page, 1),
        ("id_field", page.id_field, "id"),
        ("reverse_param", page.reverse_param, None),
    ):
        if value != default:
            values.append((name, _spec_text(value)))
    view = PaginationView(tuple(values), item.text, paging_phrase(page))
    return view, item.imports | needs("._runtime", "Pagination", "SyncPage", "AsyncPage")


def _spec_text(value: object) -> object:
    """Names from the spec as `SpecText`, so that the template escapes them."""
    if isinstance(value, str):
        return SpecText(value)
    if isinstance(value, tuple):
        return tuple(SpecText(v) for v in value)
    return value


def _admits_none(node: TypeNode, nullable: bool, types: PythonTypes) -> bool:
    spelled = types.spell(node)
    return nullable or or_none(spelled) == spelled


def _argument_entries(op: Operation, types: PythonTypes) -> tuple[ArgumentEntry, ...]:
    """The method's parameters and flattened body fields, by wire name and argument name,
    sorted by where they go and wire name (the runtime looks them up; the order is not the
    spec's to decide)."""
    entries = [
        ArgumentEntry(
            p.location,
            SpecText(p.wire_name),
            p.python_name,
            _admits_none(p.type, p.nullable, types),
            _warns(p),
            _model_of(p.type, types),
        )
        for p in op.parameters
    ]
    if op.body is not None and op.body.flattened:
        entries += [
            ArgumentEntry(
                "body",
                SpecText(p.wire_name),
                p.python_name,
                _admits_none(p.type, p.nullable, types),
                _warns(p),
                _model_of(p.type, types),
            )
            for p in op.body.properties
        ]
    return tuple(sorted(entries, key=lambda e: (e.location, e.wire_name)))


def _model_of(node: TypeNode, types: PythonTypes) -> str | None:
    """The model class an argument of type `node` holds (itself, or in a list), spelled: a
    mapping given for it is checked as that model would be, so that one rule holds at every
    depth (unknown keys, `None` where null is not allowed)."""
    while isinstance(node, (ListType, NullableType)):
        node = node.items if isinstance(node, ListType) else node.inner
    if isinstance(node, TypeRef) and isinstance(types.schemas.get(node.name), ObjectSchema):
        return types.spell(node).text
    return None


def _warns(argument: Parameter | Property) -> bool:
    """A deprecated argument warns when given, unless it is required: a caller cannot leave it
    out, so the warning could only be silenced, and it fails every call under `-W error`. Its
    docs still say it is deprecated."""
    return argument.deprecated and not argument.required


def _endpoint_view(op: Operation, types: PythonTypes) -> tuple[EndpointView, Imports]:
    responses, response_imports = _status_map(op.responses, types)
    errors, error_imports = _status_map(op.errors, types)
    pagination, page_imports = _pagination(op, types)
    stream, stream_imports = stream_view(op, types)
    view = EndpointView(
        constant=op.endpoint_constant,
        method=op.method,
        path=SpecText(op.path),
        responses=responses,
        errors=errors,
        request_content_type=SpecText(op.body.content_type) if op.body is not None else None,
        security=tuple(op.security) if op.security is not None else None,
        scopes=tuple((SpecText(k), tuple(SpecText(s) for s in v)) for k, v in op.scopes),
        parameter_styles=_styles(op.parameters),
        body_styles=_body_styles(op.body),
        pagination=pagination,
        arguments=_argument_entries(op, types),
        deprecated=op.docs.deprecated,
        stream=stream,
        files=file_fields(op),
    )
    imports = response_imports | error_imports | page_imports | stream_imports
    if view.arguments:
        imports |= needs("._runtime", "Argument")
    return view, imports


# What every method's layout uses: `Endpoint(...)`, `**options: Unpack[RequestOptions]`.
_METHOD = needs("._runtime", "Endpoint", "RequestOptions", "Unpack")


def _returns(op: Operation, types: PythonTypes) -> tuple[str, Imports]:
    """The return type; a paged method returns pages of its items, each with a body of this type."""
    spelled = types.spell(op.return_type)
    return spelled.text, spelled.imports


def method_view(op: Operation, types: PythonTypes) -> MethodView:
    """One operation as a method, and the `Endpoint` it passes to the runtime."""
    positional, keywords, argument_imports = _arguments(op, types)
    endpoint, endpoint_imports = _endpoint_view(op, types)
    returns, return_imports = _returns(op, types)
    typed, overload_imports = overloads(op, keywords, types.accepting(), _argument)
    casts = op.pagination is not None or returns != ANY.text
    if casts:
        return_imports |= needs("typing", "cast")
    order = tuple(a.name for a in positional + keywords)
    return MethodView(
        name=op.python_name,
        doc=method_doc(op, order, types.schemas, returns),
        deprecated=SpecText(f"{op.method} {op.path} is deprecated") if op.docs.deprecated else None,
        endpoint=endpoint,
        positional=positional,
        keyword=keywords,
        returns=returns,
        casts=casts,
        path=_located(op, "path"),
        query=_located(op, "query"),
        headers=_located(op, "header"),
        cookies=_located(op, "cookie"),
        body=_body_view(op.body),
        imports=argument_imports
        | endpoint_imports
        | return_imports
        | overload_imports
        | _METHOD
        | _deprecation(op),
        overloads=typed,
    )


def _deprecation(op: Operation) -> Imports:
    return needs("typing_extensions", "deprecated") if op.docs.deprecated else Imports()


# --- resources ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceView:
    """A resource class (and its Async twin): sub-resources as attributes, operations as methods."""

    attribute: str
    class_name: str
    doc: SpecText | None
    children: tuple[ResourceView, ...]
    methods: tuple[MethodView, ...]

    @property
    def raw_methods(self) -> tuple[MethodView, ...]:
        """The methods `with_raw_response` wraps (a paged one: the first page's response)."""
        return self.methods


@dataclass(frozen=True)
class ResourceModuleView:
    """resources/<attribute>.py: a top-level resource and its sub-resources, children first."""

    doc: SpecText | None
    classes: tuple[ResourceView, ...]
    imports: ImportBlock

    @property
    def attribute(self) -> str:
        return self.classes[-1].attribute


def resource_view(resource: Resource, types: PythonTypes) -> ResourceView:
    return ResourceView(
        attribute=resource.python_name,
        class_name=resource.class_name,
        doc=SpecText(resource.description) if resource.description else None,
        children=tuple(resource_view(c, types) for c in resource.children),
        methods=tuple(method_view(op, types) for op in resource.operations),
    )


def _flatten(view: ResourceView) -> tuple[ResourceView, ...]:
    """A resource module's classes, children first so each class names only earlier ones."""
    return (*(c for child in view.children for c in _flatten(child)), view)


# What every resource class uses: its bases, and `functools.cached_property`.
_RESOURCE = needs("._runtime", "SyncAPIResource", "AsyncAPIResource") | needs("", "functools")
_RAW = needs(
    "._runtime",
    "to_raw_response_wrapper",
    "to_async_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "to_async_streamed_response_wrapper",
)


def resource_module(view: ResourceView) -> ResourceModuleView:
    classes = _flatten(view)
    methods = [m for c in classes for m in c.methods]
    imports = merge(m.imports for m in methods) | _RESOURCE
    if methods:
        imports |= _RAW
    return ResourceModuleView(view.doc, classes, import_block(imports, depth=1))
