"""Schemas -> IR types: recursion, unions, allOf, enums, nullability."""

from __future__ import annotations

import pytest

from generator.diagnostics import GenerationError
from generator.ir.types import (
    AliasSchema,
    EnumSchema,
    ListType,
    MapType,
    ObjectSchema,
    PrimitiveType,
    TypeRef,
    UnionType,
)
from tests.conftest import spec_document


def schema(api, name):  # type: ignore[no-untyped-def]
    return next(s for s in api.schemas if s.name == name)


def prop(model, wire_name):  # type: ignore[no-untyped-def]
    return next(p for p in model.properties if p.wire_name == wire_name)


def test_self_reference_through_array_and_map(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {
                "Node": {
                    "type": "object",
                    "properties": {
                        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                        "byName": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Node"}},
                        "parent": {"$ref": "#/components/schemas/Node"},
                    },
                }
            }
        )
    )
    node = schema(api, "Node")
    assert prop(node, "children").type == ListType(TypeRef("Node"))
    assert prop(node, "byName").type == MapType(TypeRef("Node"))
    assert prop(node, "parent").type == TypeRef("Node")
    assert prop(node, "byName").python_name == "by_name"


def test_mutual_recursion(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {
                "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
                "B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}},
            }
        )
    )
    assert prop(schema(api, "A"), "b").type == TypeRef("B")
    assert prop(schema(api, "B"), "a").type == TypeRef("A")


def test_one_of_objects_and_primitives_puts_models_first(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {
                "Pet": {"type": "object", "properties": {"name": {"type": "string"}}},
                "Holder": {
                    "type": "object",
                    "properties": {
                        "value": {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/Pet"}, {"type": "integer"}]}
                    },
                },
            }
        )
    )
    union = prop(schema(api, "Holder"), "value").type
    assert isinstance(union, UnionType)
    assert union.members == (TypeRef("Pet"), PrimitiveType("int"), PrimitiveType("str"))


def test_all_of_merges_properties_and_required_with_overrides(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {
                "Base": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}, "size": {"type": "string"}},
                },
                "Derived": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Base"},
                        {"type": "object", "required": ["size"], "properties": {"size": {"type": "integer"}}},
                    ]
                },
                "Wrapper": {"allOf": [{"$ref": "#/components/schemas/Base"}]},
            }
        )
    )
    derived = schema(api, "Derived")
    assert isinstance(derived, ObjectSchema)
    assert [p.wire_name for p in derived.properties] == ["id", "size"]
    assert prop(derived, "id").required and prop(derived, "size").required
    assert prop(derived, "size").type == PrimitiveType("int")
    assert schema(api, "Wrapper") == AliasSchema("Wrapper", "/components/schemas/Wrapper", TypeRef("Base"), module="wrapper")


def test_enums_with_odd_values_duplicates_and_null(build_api) -> None:
    api, warnings = build_api(
        spec_document({"Odd": {"type": "string", "nullable": True, "enum": ["a-b", "1st", "", "a-b", None, "class"]}})
    )
    enum = schema(api, "Odd")
    assert isinstance(enum, EnumSchema)
    assert [(m.python_name, m.value) for m in enum.members] == [
        ("A_B", "a-b"),
        ("VALUE_1ST", "1st"),
        ("EMPTY", ""),
        ("CLASS", "class"),
    ]
    assert any("listed twice" in w.message for w in warnings)


def test_nullable_and_optional_are_kept_apart(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {
                "M": {
                    "type": "object",
                    "required": ["must", "mustOrNull"],
                    "properties": {
                        "must": {"type": "string"},
                        "mustOrNull": {"type": "string", "nullable": True},
                        "may": {"type": "string"},
                        "mayOrNull": {"type": ["string", "null"]},
                    },
                }
            }
        )
    )
    model = schema(api, "M")
    flags = {p.wire_name: (p.required, p.nullable) for p in model.properties}
    assert flags == {
        "must": (True, False),
        "mustOrNull": (True, True),
        "may": (False, False),
        "mayOrNull": (False, True),
    }


def test_inline_objects_get_names_from_where_they_sit(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {"Order": {"type": "object", "properties": {"shipping address": {"type": "object", "properties": {"city": {"type": "string"}}}}}}
        )
    )
    assert prop(schema(api, "Order"), "shipping address").type == TypeRef("OrderShippingAddress")
    assert prop(schema(api, "Order"), "shipping address").python_name == "shipping_address"


def test_keyword_and_colliding_wire_names_both_work(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {"M": {"type": "object", "properties": {"class": {"type": "string"}, "user_id": {"type": "string"}, "userId": {"type": "string"}, "_json": {"type": "string"}}}}
        )
    )
    names = {p.wire_name: p.python_name for p in schema(api, "M").properties}
    assert names == {"class": "class_", "user_id": "user_id", "userId": "user_id_2", "_json": "json_"}


def test_ref_loop_without_schema_is_an_error(build_api) -> None:
    with pytest.raises(GenerationError) as caught:
        build_api(spec_document({"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}))
    assert "loops" in str(caught.value)


def test_malformed_required_and_properties_in_a_lenient_run_are_ignored(build_api) -> None:
    api, _ = build_api(
        spec_document(
            {
                "A": {"type": "object", "required": True, "properties": {"a": {"type": "string"}}},
                "B": {"allOf": [{"type": "object", "properties": [1, 2]}]},
            }
        )
    )
    assert prop(schema(api, "A"), "a").required is False
