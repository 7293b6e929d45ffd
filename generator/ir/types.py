"""The intermediate representation: what the API is, with every name already decided.

Plain frozen dataclasses, with slots: a large spec's IR is over a hundred thousand of them, and
without a `__dict__` each they are quicker to build and to read, and half as many objects for
the garbage collector to scan. Nothing here knows about Jinja, files or the source document;
the renderer prints these values and decides nothing of its own.
Spec text (descriptions, summaries) is kept as `str` and escaped by the
renderer's filters; identifiers here are always sanitized Python names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..webhook_signing import WebhookSigning

# --- types ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrimitiveType:
    """str, int, float, bool, bytes, or a formatted string (`date-time` -> datetime)."""

    kind: Literal["str", "int", "float", "bool", "bytes", "datetime", "date", "uuid", "file"]
    format: str | None = None


@dataclass(frozen=True, slots=True)
class AnyType:
    """Unconstrained JSON value (`{}`, or a schema too loose to type)."""


@dataclass(frozen=True, slots=True)
class ListType:
    items: TypeNode


@dataclass(frozen=True, slots=True)
class MapType:
    """An object used as a dictionary (additionalProperties / patternProperties)."""

    values: TypeNode


@dataclass(frozen=True, slots=True)
class LiteralType:
    """A single constant (`const`, or a one-value enum used as a discriminator tag)."""

    value: str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Discriminator:
    """Which member a body is, by one property: `mapping` is (wire value, member class name)."""

    wire_name: str
    mapping: tuple[tuple[str, str], ...]
    pointer: str = field(default="", compare=False)  # where it is written, for warnings


@dataclass(frozen=True, slots=True)
class UnionType:
    """oneOf / anyOf; members are ordered most specific first."""

    members: tuple[TypeNode, ...]
    discriminator: Discriminator | None = None


@dataclass(frozen=True, slots=True)
class NullableType:
    inner: TypeNode


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A named schema (model, enum or alias), referenced by its Python class name."""

    name: str


TypeNode = (
    PrimitiveType | AnyType | ListType | MapType | LiteralType | UnionType | NullableType | TypeRef
)


# --- named schemas ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Docs:
    summary: str | None = None
    description: str | None = None
    deprecated: bool = False


@dataclass(frozen=True, slots=True)
class Property:
    wire_name: str
    python_name: str
    type: TypeNode
    required: bool
    nullable: bool
    description: str | None = None
    default: object = None
    has_default: bool = False
    read_only: bool = False
    write_only: bool = False
    secret: bool = False  # masked in repr() and str(): decided in `secrets`
    marked: bool | None = None  # what its schema says of its secrecy (`secrets.flagged`)
    deprecated: bool = False


@dataclass(frozen=True, slots=True)
class ObjectSchema:
    """A pydantic model. `extra` is the type of additional properties, if declared."""

    name: str
    pointer: str
    properties: tuple[Property, ...]
    docs: Docs = Docs()
    extra: TypeNode | None = None
    param_name: str | None = None  # the TypedDict callers may pass instead (arguments only)
    request_only: bool = False  # only requests carry it: unknown fields are refused (pass 7)
    module: str = ""  # its module in the models package, beside its TypedDict (pass 3)


@dataclass(frozen=True, slots=True)
class EnumMember:
    python_name: str
    value: str | int | float | bool


@dataclass(frozen=True, slots=True)
class EnumSchema:
    name: str
    pointer: str
    kind: Literal["str", "int", "float"]
    members: tuple[EnumMember, ...]
    docs: Docs = Docs()
    module: str = ""  # its module in the models package (pass 3)
    values_alias: str | None = None  # a long enum's values as a named `Literal` alias (pass 7)


@dataclass(frozen=True, slots=True)
class AliasSchema:
    """A named schema that is not an object or enum (a union, list, primitive...)."""

    name: str
    pointer: str
    target: TypeNode
    docs: Docs = Docs()
    module: str = ""  # its module in the models package (pass 3)


Schema = ObjectSchema | EnumSchema | AliasSchema


# --- operations ----------------------------------------------------------------------


ParameterLocation = Literal["path", "query", "header", "cookie"]


@dataclass(frozen=True, slots=True)
class Parameter:
    wire_name: str
    python_name: str
    location: ParameterLocation
    type: TypeNode
    required: bool
    nullable: bool = False
    description: str | None = None
    style: str = "form"
    explode: bool = True
    deprecated: bool = False
    default: object = None
    has_default: bool = False


@dataclass(frozen=True, slots=True)
class RequestBody:
    """`flattened` bodies become one keyword argument per property (`properties`)."""

    content_type: str
    type: TypeNode
    required: bool
    flattened: bool
    properties: tuple[Property, ...] = ()
    description: str | None = None
    encoding: tuple[tuple[str, str, bool], ...] = ()  # a form's (property, style, explode), sorted


@dataclass(frozen=True, slots=True)
class Response:
    status: str
    type: TypeNode | None
    content_type: str | None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class StreamResponse:
    """What a successful response may stream instead of (or as) its body: one typed item at a
    time. `item_type` None: no schema (SSE: each event as it came; lines: any JSON). `fields`:
    the event fields the item schema declares (empty: it describes each event's `data`).
    `mode`: `always` (the only body), `flag` (the boolean body argument `flag` asks for it), or
    `maybe` (the server decides, by the media type it answers with)."""

    kind: Literal["sse", "ndjson", "json-seq"]
    media_type: str
    item_type: TypeNode | None
    mode: Literal["always", "flag", "maybe"]
    flag: str | None = None
    fields: tuple[str, ...] = ()
    json_data: bool = True
    sentinel: str | None = None


PaginationStyle = Literal["offset", "page", "cursor", "id_cursor", "next_url", "link_header"]
PAGINATION_STYLES: tuple[PaginationStyle, ...] = ("offset", "page", "cursor", "id_cursor", "next_url", "link_header")


@dataclass(frozen=True, slots=True)
class Pagination:
    """How a list operation pages (`runtime/_pagination.py` says what each style does), and
    where that was decided: `config`, `extension` (a vendor's) or `inference`. Paths lead
    from the response body; `param` is the request parameter that moves, in `location`."""

    style: PaginationStyle
    source: Literal["config", "extension", "inference"]
    items_path: tuple[str, ...]
    item_type: TypeNode
    param: str | None = None
    location: Literal["query", "body"] = "query"
    limit_param: str | None = None
    next_path: tuple[str, ...] = ()
    has_more_path: tuple[str, ...] = ()
    total_path: tuple[str, ...] = ()
    page_path: tuple[str, ...] = ()
    first_page: int = 1
    id_field: str = "id"
    reverse_param: str | None = None


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    python_name: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    errors: tuple[Response, ...]
    return_type: TypeNode | None
    security: tuple[tuple[str, ...], ...] | None
    scopes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # OAuth2 scopes needed, by scheme key
    endpoint_constant: str = ""  # `_SUBSCRIBERS_LIST`: set with the method name, unique in its module
    docs: Docs = Docs()
    pagination: Pagination | None = None
    stream: StreamResponse | None = None

    @property
    def downloads(self) -> bool:
        """Its body is bytes (a file, an image, an export): worth streaming to disk."""
        return self.return_type == PrimitiveType("bytes")


@dataclass(frozen=True, slots=True)
class Resource:
    """A group of operations (`client.subscribers`) with nested sub-resources."""

    python_name: str
    class_name: str
    operations: tuple[Operation, ...]
    children: tuple[Resource, ...] = ()
    description: str | None = None

    def all_operations(self) -> tuple[Operation, ...]:
        """This resource's operations and those of every resource below it."""
        return self.operations + tuple(op for child in self.children for op in child.all_operations())


# --- API -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerVariable:
    name: str
    default: str
    enum: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    name: str | None = None
    description: str | None = None
    variables: tuple[ServerVariable, ...] = ()


@dataclass(frozen=True, slots=True)
class ClientCredentials:
    """An OAuth2 `clientCredentials` flow the client runs itself: the token URL (made
    absolute against the first server) and the constructor arguments holding the id and secret."""

    token_url: str
    client_id: str
    client_secret: str
    client_id_env: str
    client_secret_env: str
    scopes: tuple[str, ...] = ()  # every scope the flow lists


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    """How a credential is sent. `python_name` is the client's constructor argument;
    `flows` lists the OAuth2 flows the spec names (`clientCredentials`, `authorizationCode`)."""

    key: str
    python_name: str
    env_var: str  # `NOVU_API_KEY`: where the client finds the credential when it is not given
    kind: Literal["apiKey", "http", "oauth2", "openIdConnect"]
    location: Literal["header", "query", "cookie"] = "header"
    parameter_name: str = "Authorization"
    scheme: str | None = None
    prefix: str = ""
    description: str | None = None
    flows: tuple[str, ...] = ()
    client_credentials: ClientCredentials | None = None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    initial_interval_ms: int = 500
    max_interval_ms: int = 30_000
    max_elapsed_ms: int = 3_600_000
    exponent: float = 1.5
    status_codes: tuple[str, ...] = ("408", "409", "429", "5XX")
    retry_connection_errors: bool = True


@dataclass(frozen=True, slots=True)
class Naming:
    """Names of the generated distribution: package, clients, environment variables."""

    package: str
    distribution: str
    client: str
    async_client: str
    env_prefix: str


@dataclass(frozen=True, slots=True)
class Author:
    name: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class PackageMetadata:
    """What the package says about itself on an index, beyond its names (see `ir/package.py`)."""

    requires_python: str
    classifiers: tuple[str, ...]
    license: str | None = None  # an SPDX expression
    license_text: str | None = None  # the package's LICENSE file, declared as its license file
    authors: tuple[Author, ...] = ()
    urls: tuple[tuple[str, str], ...] = ()  # (label, URL): [project.urls]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Webhook:
    """A request the API sends: its payload type and what names its event on the wire (a
    `body` property or a `header` holding `value`), if anything does (see `ir/webhooks.py`)."""

    name: str
    type: TypeNode
    description: str | None = None
    where: Literal["body", "header"] | None = None
    key: str | None = None
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Api:
    title: str
    version: str
    description: str | None
    naming: Naming
    servers: tuple[Server, ...]
    security_schemes: tuple[SecurityScheme, ...]
    default_security: tuple[tuple[str, ...], ...]
    schemas: tuple[Schema, ...]
    root: Resource
    retry: RetryPolicy
    metadata: PackageMetadata
    envelope_key: str | None = None
    idempotency_header: str | None = None
    credentials_required: bool = False  # every operation needs one: a client without fails at once
    webhooks: tuple[Webhook, ...] = ()
    webhook_signing: WebhookSigning | None = None  # the config's; None: Standard Webhooks
    package_version: str | None = None  # the config's; else the package takes `version`
    # Operations that look pageable (a paging parameter or field) but were left alone: (`GET /x`, why).
    unpaged: tuple[tuple[str, str], ...] = ()
    default_headers: tuple[tuple[str, str], ...] = ()  # the config's, sent by every call
    extra_exports: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the team's module -> its names

    def operations(self) -> tuple[Operation, ...]:
        """Every operation, depth first in resource order."""
        found: list[Operation] = []
        stack = [self.root]
        while stack:
            resource = stack.pop()
            found.extend(resource.operations)
            stack.extend(reversed(resource.children))
        return tuple(found)
