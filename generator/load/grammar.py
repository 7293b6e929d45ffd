"""What each place in an OpenAPI document holds, as far as a `$ref` written there cares.

`bundle` needs to know what a `$ref` stands for before it can bundle it: a schema or a
parameter becomes a component, text (a description, a code sample's source) is read as a
string, and anything else is copied in. This is that knowledge, for OpenAPI 3.0, 3.1 and
Swagger 2.0 at once (their keys do not clash): a kind per object, and per kind the kind of
each field. A key not listed holds `ANY` (extensions...).

`DATA` is a value the API sends or receives (an example, an Example Object's `value`, a
`default`, an `enum`, a `const`): a `$ref` in it is a key of that data, not a reference (a
JSON Schema in an example is written with them), and is neither bundled nor checked.
"""

from __future__ import annotations

ANY = "Any"
TEXT = "Text"  # a string: a `$ref` here is read as the text it points at
SCHEMA = "Schema"
DATA = "Data"
PATH_ITEM = "PathItem"

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DESCRIBED = {"description": TEXT, "summary": TEXT}
_VALUES = {"example": DATA, "default": DATA, "enum": DATA}  # also Swagger 2.0's parameters and headers
_SCHEMA_FIELDS = {
    **{key: SCHEMA for key in ("additionalProperties", "items", "additionalItems", "not", "if", "then", "else")},
    **{key: SCHEMA for key in ("contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties")},
    **{key: "List:Schema" for key in ("allOf", "anyOf", "oneOf", "prefixItems")},
    **{key: "Map:Schema" for key in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")},
    "discriminator": "Discriminator",
    "externalDocs": "Docs",
    "description": TEXT,
    **_VALUES,
    "const": DATA,
    "examples": DATA,  # 3.1: a list of values
}
_PARAMETER_FIELDS = {
    "schema": SCHEMA,
    "content": "Map:MediaType",
    "examples": "Map:Example",
    "description": TEXT,
    **_VALUES,
}
_OPERATION_FIELDS = {
    "parameters": "List:Parameter",
    "requestBody": "RequestBody",
    "responses": "Map:Response",
    "callbacks": "Map:Callback",
    "servers": "List:Server",
    "externalDocs": "Docs",
    "x-codeSamples": "List:CodeSample",
    "x-code-samples": "List:CodeSample",
    **_DESCRIBED,
}

FIELDS: dict[str, dict[str, str]] = {
    "Document": {
        "info": "Info",
        "servers": "List:Server",
        "paths": "Map:PathItem",
        "webhooks": "Map:PathItem",
        "components": "Components",
        "tags": "List:Tag",
        "externalDocs": "Docs",
        "definitions": "Map:Schema",  # Swagger 2.0's components, at the top
        "parameters": "Map:Parameter",
        "responses": "Map:Response",
    },
    "Components": {
        "schemas": "Map:Schema",
        "responses": "Map:Response",
        "parameters": "Map:Parameter",
        "examples": "Map:Example",
        "requestBodies": "Map:RequestBody",
        "headers": "Map:Header",
        "securitySchemes": "Map:SecurityScheme",
        "links": "Map:Link",
        "callbacks": "Map:Callback",
        "pathItems": "Map:PathItem",
    },
    PATH_ITEM: {
        **{method: "Operation" for method in _METHODS},
        "parameters": "List:Parameter",
        "servers": "List:Server",
        **_DESCRIBED,
    },
    "Operation": _OPERATION_FIELDS,
    "Parameter": _PARAMETER_FIELDS,
    "Header": _PARAMETER_FIELDS,
    "RequestBody": {"content": "Map:MediaType", "description": TEXT},
    "MediaType": {"schema": SCHEMA, "example": DATA, "examples": "Map:Example", "encoding": "Map:Encoding"},
    "Encoding": {"headers": "Map:Header"},
    "Response": {
        "content": "Map:MediaType",
        "headers": "Map:Header",
        "links": "Map:Link",
        "schema": SCHEMA,  # Swagger 2.0
        "examples": DATA,  # Swagger 2.0: a value per media type
        "description": TEXT,
    },
    "Callback": {"*": PATH_ITEM},
    "Example": {**_DESCRIBED, "value": DATA},
    "Link": {"description": TEXT},
    "SecurityScheme": {"description": TEXT},
    "Tag": {"description": TEXT, "externalDocs": "Docs"},
    "Info": _DESCRIBED,
    "Server": {"description": TEXT},
    "Docs": {"description": TEXT},
    "CodeSample": {"source": TEXT},
    SCHEMA: _SCHEMA_FIELDS,
    "Discriminator": {"mapping": "Mapping"},  # its values name schemas, or are references
}

# The kinds a `$ref` to another file makes a component of, and where the root keeps them.
COMPONENTS: dict[str, str] = {
    SCHEMA: "schemas",
    "Parameter": "parameters",
    "Response": "responses",
    "RequestBody": "requestBodies",
    "Header": "headers",
    "Example": "examples",
    "Link": "links",
    "Callback": "callbacks",
    "SecurityScheme": "securitySchemes",
}
SWAGGER2_COMPONENTS: dict[str, str] = {SCHEMA: "definitions", "Parameter": "parameters", "Response": "responses"}


def child(kind: str, key: str | int) -> str:
    """The kind of what `key` holds in a node of `kind`."""
    if kind == DATA:  # all the way down
        return DATA
    if kind.startswith(("Map:", "List:")):
        return kind.partition(":")[2]
    if isinstance(key, int):  # a list where one object was expected: `items: [...]` in old schemas
        return kind if kind == SCHEMA else ANY
    fields = FIELDS.get(kind)
    if fields is None:
        return ANY
    return fields.get(key) or fields.get("*", ANY)


def holds_references(kind: str) -> bool:
    """Whether a `$ref` under a node of `kind` may be a reference (not in example data)."""
    return kind != DATA


def is_object(kind: str) -> bool:
    """Whether a node of `kind` is a mapping (a `$ref` there must not point at text)."""
    return kind in FIELDS or kind.startswith("Map:")


def is_list(kind: str) -> bool:
    return kind.startswith("List:")


def describe(kind: str) -> str:
    """What the spec expects, in a message: `a schema`, `a map of responses`."""
    if kind.startswith("Map:"):
        return f"a map of {_words(kind[4:])}s"
    if kind.startswith("List:"):
        return f"a list of {_words(kind[5:])}s"
    return "text" if kind == TEXT else f"{_article(kind)} {_words(kind)}"


def _words(kind: str) -> str:
    return "".join(" " + c.lower() if c.isupper() else c for c in kind).strip()


def _article(kind: str) -> str:
    return "an" if kind[:1] in "AEIOU" else "a"
