"""The IR passes: names from where schemas are written, collisions settled by a rule on the set
of places, discriminators decided on the finished table, in whatever order the spec lists things."""

from __future__ import annotations

from typing import Any

from generator.config import Config
from generator.ir.types import Api, EnumSchema, ObjectSchema, TypeRef, UnionType
from tests.conftest import spec_document


def reordered(mapping: dict[str, Any]) -> dict[str, Any]:
    return dict(reversed(list(mapping.items())))


def schema(api: Api, name: str) -> Any:
    return next(s for s in api.schemas if s.name == name)


def names(api: Api) -> set[str]:
    return {s.name for s in api.schemas}


TREE = {
    "Node": {
        "oneOf": [{"$ref": "#/components/schemas/Leaf"}, {"$ref": "#/components/schemas/Branch"}],
        "discriminator": {
            "propertyName": "kind",
            "mapping": {"leaf": "#/components/schemas/Leaf", "branch": "#/components/schemas/Branch"},
        },
    },
    "Leaf": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
    "Branch": {
        "type": "object",
        "required": ["kind"],
        "properties": {
            "kind": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    },
}


def test_a_recursive_discriminated_union_is_tagged_whichever_schema_comes_first(build_api) -> None:
    for schemas in (TREE, reordered(TREE)):
        api, warnings = build_api(spec_document(schemas))
        union = schema(api, "Node").target
        assert isinstance(union, UnionType)
        assert union.discriminator is not None
        assert dict(union.discriminator.mapping) == {"leaf": "Leaf", "branch": "Branch"}
        assert warnings == []


def test_a_discriminator_that_cannot_be_honoured_is_dropped_with_a_warning(build_api) -> None:
    schemas = {
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "string"}],
            "discriminator": {"propertyName": "kind"},
        },
        "Cat": {"type": "object", "properties": {"kind": {"type": "string"}}},
    }
    api, warnings = build_api(spec_document(schemas))
    assert schema(api, "Pet").target.discriminator is None
    [warning] = warnings
    assert warning.pointer == "/components/schemas/Pet/discriminator"
    assert "discriminator 'kind' ignored" in warning.message


BASE_WITH_ENUM = {
    "Derived": {
        "allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"type": "object", "properties": {"extra": {"type": "string"}}},
        ]
    },
    "Base": {"type": "object", "properties": {"status": {"type": "string", "enum": ["on", "off"]}}},
}


def test_an_inline_enum_in_an_all_of_base_is_named_after_the_base_in_any_order(build_api) -> None:
    for schemas in (BASE_WITH_ENUM, reordered(BASE_WITH_ENUM)):
        api, _ = build_api(spec_document(schemas))
        assert isinstance(schema(api, "BaseStatus"), EnumSchema)
        status = {p.wire_name: p for p in schema(api, "Derived").properties}["status"]
        assert status.type == TypeRef("BaseStatus")
        assert "DerivedStatus" not in names(api)


COLLIDING = {
    "Foo": {"type": "object", "properties": {"bar": {"type": "object", "properties": {"x": {"type": "integer"}}}}},
    "FooBar": {"type": "object", "properties": {"y": {"type": "integer"}}},
    "foobar": {"type": "object", "properties": {"z": {"type": "integer"}}},
}


def test_colliding_names_are_settled_the_same_way_in_any_order(build_api) -> None:
    first, _ = build_api(spec_document(COLLIDING))
    second, _ = build_api(spec_document(reordered(COLLIDING)))
    by_pointer = {s.pointer: s.name for s in first.schemas}
    assert by_pointer == {s.pointer: s.name for s in second.schemas}
    # Components win over inline schemas; between components, the pointer decides.
    assert by_pointer["/components/schemas/FooBar"] == "FooBar"
    assert by_pointer["/components/schemas/foobar"] == "Foobar2"
    assert by_pointer["/components/schemas/Foo/properties/bar"] == "FooBar3"


def test_a_shared_component_response_is_named_after_the_component(build_api) -> None:
    error = {"type": "object", "properties": {"message": {"type": "string"}}}
    paths = {
        f"/{name}": {"get": {"operationId": name, "responses": {"404": {"$ref": "#/components/responses/NotFound"}}}}
        for name in ("first", "second")
    }
    document = spec_document({}, paths)
    document["components"]["responses"] = {
        "NotFound": {"description": "missing", "content": {"application/json": {"schema": error}}}
    }
    api, _ = build_api(document)
    model = schema(api, "NotFoundResponse")
    assert isinstance(model, ObjectSchema)
    assert {op.errors[0].type for op in api.operations()} == {TypeRef("NotFoundResponse")}


def test_method_names_that_collide_are_settled_by_pointer_not_by_order(build_api) -> None:
    def operation(op_id: str) -> dict[str, Any]:
        return {"get": {"operationId": op_id, "tags": ["items"], "responses": {"204": {"description": "ok"}}}}

    paths = {"/b": operation("list"), "/a": operation("list")}
    for ordered in (paths, reordered(paths)):
        api, warnings = build_api(spec_document({}, ordered), Config(resources="tags"))
        by_path = {op.path: op.python_name for op in api.operations()}
        assert by_path == {"/a": "list", "/b": "list_2"}
        assert [w.pointer for w in warnings] == ["/paths/~1b/get", "/paths/~1b/get"]
