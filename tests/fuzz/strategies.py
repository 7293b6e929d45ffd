"""Hypothesis strategies: random but valid OpenAPI documents, and instances of their schemas.

`documents()` draws an OpenAPI 3.0 or 3.1 document with a few component schemas
(objects nesting objects, arrays, maps, unions, allOf, enums with odd values,
recursive `$ref`s, nullable fields), odd names everywhere (keywords, pydantic's own
names, names that differ only in case or punctuation, Unicode) and odd text in every
description. `instances(schema, components)` draws a JSON value valid for a schema,
in the shape the generated model should give back unchanged.

Kept out on purpose (each has its own test or is reported): string enums mixed with
numbers, `$ref` as a property name (the validator cannot read it), `format: binary` in
JSON bodies; and, until the last case in `test_found.py` is fixed, a union reading both
`date` and `date-time` strings. `test_found.py` keeps the smallest cases of what this found.
"""

from __future__ import annotations

import datetime
import string
from typing import Any

import pydantic_core
from hypothesis import strategies as st

ODD_TEXT = [
    '"""; import os; os.system("touch PWNED"); """',
    "'''",
    "\\",
    "ends with a backslash \\",
    "\\N{BULLET}",
    '"',
    "line\nbreak",
    "\u2028\u2029\x85",
    "\x00\x1b[31m",
    "{{ x }}{% if %}",
    "\u202e",
    "日本語",
    "",
    " ",
]
# Names the generated code, pydantic or Python itself also use.
ODD_NAMES = [
    "class", "def", "None", "True", "self", "cls", "type", "id", "list", "dict", "str", "int",
    "model_config", "model_fields", "model_dump", "model_validate", "schema", "copy", "json",
    "__init__", "__class__", "_private", "__", "_", "BaseModel", "Field", "Any", "Literal",
    "ClassVar", "datetime", "typing", "models", "options", "body", "client", "match", "case",
    "a-b", "a_b", "a.b", "a b", "aB", "AB", "ab", "Ab", "1st", "123", "ünïcödé", "日本",
]  # fmt: skip
COMPONENT_CHARS = string.ascii_letters + string.digits + "._-"


def text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=30))


def property_names() -> st.SearchStrategy[str]:
    plain = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
    return st.one_of(st.sampled_from(ODD_NAMES), plain).filter(lambda n: n != "$ref")


def component_names() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([n for n in ODD_NAMES if all(c in COMPONENT_CHARS for c in n)]),
        st.text(alphabet=COMPONENT_CHARS, min_size=1, max_size=12),
    )


def ref(name: str) -> dict[str, str]:
    return {"$ref": "#/components/schemas/" + name}


class Builder:
    """Draws schemas for one document; knows its version and which components exist."""

    def __init__(self, draw: st.DrawFn, version: str, names: list[str]) -> None:
        self.draw, self.version, self.names = draw, version, names

    def nullable(self, schema: dict[str, Any]) -> dict[str, Any]:
        if "type" not in schema or not self.draw(st.booleans()):
            return schema
        if self.version.startswith("3.1"):
            return {**schema, "type": [schema["type"], "null"]}
        return {**schema, "nullable": True}

    def primitive(self) -> dict[str, Any]:
        kind = self.draw(st.sampled_from(["string", "integer", "number", "boolean", "uuid", "date-time", "date"]))
        if kind in ("date-time", "date", "uuid"):
            schema: dict[str, Any] = {"type": "string", "format": kind}
        else:
            schema = {"type": kind}
        if self.draw(st.booleans()):
            schema["description"] = self.draw(text())
        return schema

    def enum(self) -> dict[str, Any]:
        kind = self.draw(st.sampled_from(["string", "integer", "number"]))
        if kind == "string":
            values: list[Any] = self.draw(st.lists(st.one_of(st.sampled_from(ODD_TEXT + ODD_NAMES), st.text(max_size=8)), min_size=1, max_size=6, unique=True))
        elif kind == "integer":
            values = self.draw(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=5, unique=True))
        else:
            values = self.draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3)), min_size=1, max_size=5, unique=True))
        schema = {"type": kind, "enum": values, "description": self.draw(text())}
        return self.nullable(schema) if schema["type"] != "number" else schema

    def schema(self, depth: int, refs: bool = True) -> dict[str, Any]:
        """Any schema; `refs` allows `$ref`s (only where an instance can do without them)."""
        choices = ["primitive", "enum"]
        if depth > 0:
            choices += ["array", "object", "map", "union", "allOf"]
        kind = self.draw(st.sampled_from(choices))
        if kind == "primitive":
            return self.nullable(self.primitive())
        if kind == "enum":
            return self.enum()
        if kind == "array":
            return self.nullable({"type": "array", "items": self.schema_or_ref(depth - 1, refs)})
        if kind == "map":
            return {"type": "object", "additionalProperties": self.schema_or_ref(depth - 1, refs)}
        if kind == "union":
            members = [self.schema(depth - 1, refs=False)]  # one member needs no $ref
            for _ in range(self.draw(st.integers(1, 2))):
                members.append(self.schema_or_ref(depth - 1, refs))
            if {"date", "date-time"} <= _union_formats(members):  # see test_found.py: not yet
                members = [_without_dates(m) for m in members]
            return {self.draw(st.sampled_from(["oneOf", "anyOf"])): members}
        if kind == "allOf":
            taken: set[str] = set()
            halves = [self.object(depth - 1, refs, taken), self.object(depth - 1, refs, taken)]
            return {"allOf": halves, "description": self.draw(text())}
        return self.object(depth - 1, refs)

    def schema_or_ref(self, depth: int, refs: bool) -> dict[str, Any]:
        if refs and self.names and self.draw(st.integers(0, 3)) == 0:
            return ref(self.draw(st.sampled_from(self.names)))
        return self.schema(depth, refs)

    def object(self, depth: int, refs: bool = True, taken: set[str] | None = None) -> dict[str, Any]:
        # Names that differ only in punctuation or case are welcome; `taken` keeps the two
        # halves of an allOf from defining one property twice (the second would win).
        taken = set() if taken is None else taken
        names = [n for n in self.draw(st.lists(property_names(), min_size=1, max_size=5, unique=True)) if n not in taken]
        names = names or ["fallback" if "fallback" not in taken else "fallback2"]
        taken.update(names)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for name in names:
            if self.draw(st.booleans()):
                required.append(name)
                properties[name] = self.schema(max(depth, 0), refs=False)  # required: never a $ref cycle
            else:
                properties[name] = self.schema_or_ref(max(depth, 0), refs)
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        if self.draw(st.booleans()):
            schema["title"] = self.draw(text())
            schema["description"] = self.draw(text())
        return schema


def _union_formats(members: list[dict[str, Any]]) -> set[str]:
    """The string formats a union's members (their items, their own members) read."""
    found: set[str] = set()
    for member in members:
        if isinstance(member.get("format"), str):
            found.add(member["format"])
        if isinstance(member.get("items"), dict):
            found |= _union_formats([member["items"]])
        for key in ("oneOf", "anyOf"):
            found |= _union_formats(member.get(key, []))
    return found


def _without_dates(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with `format: date` dropped from its members and items (not inside objects)."""
    schema = {k: v for k, v in schema.items() if not (k == "format" and v == "date")}
    if isinstance(schema.get("items"), dict):
        schema["items"] = _without_dates(schema["items"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            schema[key] = [_without_dates(m) for m in schema[key]]
    return schema


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    version = draw(st.sampled_from(["3.0.3", "3.1.0"]))
    names = draw(st.lists(component_names(), min_size=1, max_size=4, unique=True))
    builder = Builder(draw, version, [])
    schemas: dict[str, Any] = {}
    for i, name in enumerate(names):
        builder.names = names  # every component may refer to every other one, itself included
        if i and draw(st.integers(0, 4)) == 0:
            schemas[name] = ref(names[draw(st.integers(0, i - 1))])  # an alias of an earlier one
        else:
            schemas[name] = builder.object(2) if draw(st.integers(0, 3)) else builder.schema(2)
    paths: dict[str, Any] = {}
    for i, name in enumerate(names):
        prefix = draw(st.one_of(st.sampled_from(ODD_NAMES), st.text(min_size=1, max_size=15)).filter(lambda t: not t.startswith("create")))
        operation_id = f"{prefix}{i}"
        # The validator reads path templates with str.format: no braces, `!`, `:` or `[` in names.
        parameter = draw(property_names().filter(lambda n: not set(n) & set("{}/#?%!:[]")))
        response = {"description": draw(text()), "content": {"application/json": {"schema": ref(name)}}}
        paths[f"/items{i}/{{{parameter}}}"] = {
            "parameters": [
                {"name": parameter, "in": "path", "required": True, "schema": {"type": "string"}, "description": draw(text())},
            ],
            "get": {
                "operationId": operation_id,
                "summary": draw(text()),
                "tags": [draw(st.one_of(st.sampled_from(ODD_NAMES), st.text(min_size=1, max_size=10)))],
                "parameters": [{"name": draw(property_names()), "in": "query", "schema": builder.enum()}],
                "responses": {"200": response},
            },
            "post": {
                "operationId": f"create{i}",
                "requestBody": {"required": draw(st.booleans()), "content": {"application/json": {"schema": ref(name)}}},
                "responses": {"201": response},
            },
        }
    return {
        "openapi": version,
        "info": {"title": draw(text()), "version": "1.0.0", "description": draw(text())},
        "servers": [{"url": "https://api.test/" + draw(st.text(alphabet=string.ascii_letters, max_size=5))}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


# --- instances -------------------------------------------------------------------------------

MAX_DEPTH = 3


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in schema and seen < 20:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        seen += 1
    return schema


def _types(schema: dict[str, Any]) -> tuple[str | None, bool]:
    kind = schema.get("type")
    nullable = schema.get("nullable") is True
    if isinstance(kind, list):
        nullable = nullable or "null" in kind
        kind = next((k for k in kind if k != "null"), None)
    return kind, nullable


def instances(schema: dict[str, Any], components: dict[str, Any], depth: int = 0, top: bool = False) -> st.SearchStrategy[Any]:
    """JSON values valid for `schema`, as a generated model gives them back (dates canonical).

    With `top`, never null: a nullable component is a model (or enum) whose references
    carry the `| None`, not the class itself.
    """
    nullable = False
    while "$ref" in schema:  # null if any schema on the way says so
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        nullable = nullable or _types(schema)[1]
    kind, own = _types(schema)
    nullable = nullable or own
    value = _non_null(schema, kind, components, depth)
    return st.one_of(st.none(), value) if nullable and not top else value


def _non_null(schema: dict[str, Any], kind: str | None, components: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "enum" in schema:
        return st.sampled_from([v for v in schema["enum"] if v is not None])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            members = schema[key] if depth < MAX_DEPTH else [m for m in schema[key] if "$ref" not in m][:1]
            return st.one_of([instances(m, components, depth + 1) for m in members])
    if "allOf" in schema:
        merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        for part in schema["allOf"]:
            part = _resolve(part, components)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += [r for r in part.get("required", []) if r not in merged["required"]]
        return _object(merged, components, depth)
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date-time":
            moments = st.datetimes(
                min_value=datetime.datetime(1970, 1, 2), max_value=datetime.datetime(2200, 1, 1), timezones=st.just(datetime.timezone.utc)
            )
            return moments.map(pydantic_core.to_jsonable_python)
        if fmt == "date":
            return st.dates(min_value=datetime.date(1, 1, 1)).map(pydantic_core.to_jsonable_python)
        if fmt == "uuid":
            return st.uuids().map(str)
        return st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=20))
    if kind == "integer":
        return st.integers(-(2**53), 2**53)
    if kind == "number":
        return st.one_of(st.integers(-1000, 1000), st.floats(-1e9, 1e9, allow_nan=False).map(lambda f: round(f, 6)))
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = schema.get("items", {})
        if depth >= MAX_DEPTH:
            return st.just([])
        return st.lists(instances(items, components, depth + 1), max_size=3)
    if kind == "object" or "properties" in schema or "additionalProperties" in schema:
        return _object(schema, components, depth)
    return st.just(None)


def _object(schema: dict[str, Any], components: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    properties = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    extra = schema.get("additionalProperties")
    if not properties:
        if not isinstance(extra, dict) or depth >= MAX_DEPTH:
            return st.just({})
        keys = st.text(min_size=1, max_size=8)
        return st.dictionaries(keys, instances(extra, components, depth + 1), max_size=3)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        value: dict[str, Any] = {}
        for name, prop in properties.items():
            if name not in required and (depth >= MAX_DEPTH or not draw(st.booleans())):
                continue
            value[name] = draw(instances(prop, components, depth + 1))
        return value

    return build()
