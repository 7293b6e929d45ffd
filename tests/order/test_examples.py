"""Issue 9, case by case: each known way the spec's mapping order leaks into the package,
as one spec and one reordering of it; and self-checks that the comparison is neither blind
nor stricter than the rule (member order may follow the spec)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import Generate
from .definitions import assert_same_definitions, defined_names, differences, package_definitions
from .permute import permute, reversed_order
from .strategies import enum, json_body, obj, ok, openapi, ref


def reordered(
    document: dict[str, Any], *keys: str, order: list[str] | None = None
) -> dict[str, Any]:
    """A copy with the mapping at `keys` in `order` (reversed when not given); nothing else moves."""
    copied = json.loads(json.dumps(document))
    parent = copied
    for key in keys[:-1]:
        parent = parent[key]
    mapping = parent[keys[-1]]
    parent[keys[-1]] = {key: mapping[key] for key in order or list(mapping)[::-1]}
    return copied


def assert_order_independent(
    generate: Generate, document: dict[str, Any], permuted: dict[str, Any]
) -> None:
    assert json.dumps(document) != json.dumps(permuted), "the permutation changed nothing"
    expected, actual = (
        package_definitions(generate(document)),
        package_definitions(generate(permuted)),
    )
    assert_same_definitions(expected, actual, "the same spec in another order")


def api(
    schemas: dict[str, Any] | None = None, paths: dict[str, Any] | None = None, **components: Any
) -> dict[str, Any]:
    document = openapi()
    document["components"] = {"schemas": schemas or {}, **components}
    document["paths"] = paths or {}
    return document


def get(
    op_id: str, schema: dict[str, Any] | None = None, tag: str = "things", **extra: Any
) -> dict[str, Any]:
    return {"get": {"operationId": op_id, "tags": [tag], "responses": ok(schema), **extra}}


# --- self-checks -------------------------------------------------------------------------

PETS = api(
    {
        "Pet": obj(
            {"name": {"type": "string"}, "age": {"type": "integer"}, "tag": {"type": "string"}},
            ("name",),
        )
    },
    {
        "/pets": {
            "post": {
                "operationId": "createPet",
                "tags": ["pets"],
                "requestBody": {"required": True, **json_body(ref("Pet"))},
                "responses": ok(ref("Pet")),
            },
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "kind", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        **json_body({"type": "array", "items": ref("Pet")}),
                    },
                    "404": {"description": "none"},
                },
            },
        },
        "/stores": get("listStores", {"type": "array", "items": {"type": "string"}}, tag="stores"),
    },
)


def test_a_different_spec_is_detected(generate: Generate) -> None:
    """The comparison is not blind: a changed field type and a changed path are reported by name."""
    changed = json.loads(json.dumps(PETS))
    changed["components"]["schemas"]["Pet"]["properties"]["age"] = {"type": "string"}
    changed["paths"]["/stores"]["get"]["operationId"] = "listShops"
    expected, actual = package_definitions(generate(PETS)), package_definitions(generate(changed))
    found = "\n".join(differences(expected, actual))
    assert "models/pet.py: definition Pet differs" in found
    assert "-    age: int" in found and "+    age: str" in found
    assert "resources/stores.py: names differ" in found and "_STORES_LIST_SHOPS" in found
    with pytest.raises(AssertionError, match="difference"):
        assert_same_definitions(expected, actual, "changed spec")


def test_member_order_is_forgiven(generate: Generate) -> None:
    """Fields, keyword arguments, body and query dicts, methods and resources may follow the
    spec's order: reordering only those changes no definition (and the package is not empty)."""
    document = reordered(PETS, "components", "schemas", "Pet", "properties")
    document = reordered(document, "paths", "/pets")
    document = reordered(document, "paths")
    expected = package_definitions(generate(PETS))
    assert {
        "order/models/pet.py:Pet",
        "order/resources/pets.py:PetsResource",
        "order/_client.py:SETTINGS",
    } <= defined_names(expected)
    assert_order_independent(generate, PETS, document)


def test_the_permuter_reorders_every_mapping_and_keeps_lists() -> None:
    document = {
        "tags": [{"name": "a"}, {"name": "b"}],
        "paths": {"/x": {"get": {"tags": ["a", "b"], "parameters": [1, 2]}, "put": {}}},
    }
    original = json.dumps(document)
    assert json.dumps(permute(document, reversed_order)) == json.dumps(
        {
            "paths": {"/x": {"put": {}, "get": {"parameters": [1, 2], "tags": ["a", "b"]}}},
            "tags": [{"name": "b"}, {"name": "a"}],
        }
    )
    assert json.dumps(document) == original, "the permuter changed its input"


# --- the known failures --------------------------------------------------------------------

NODES = api(
    {
        "Node": {
            "oneOf": [ref("Leaf"), ref("Branch")],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {
                    "leaf": "#/components/schemas/Leaf",
                    "branch": "#/components/schemas/Branch",
                },
            },
        },
        "Leaf": obj({"kind": {"type": "string"}, "value": {"type": "integer"}}, ("kind",)),
        "Branch": obj(
            {"kind": {"type": "string"}, "children": {"type": "array", "items": ref("Node")}},
            ("kind", "children"),
        ),
    },
    {"/nodes": get("getNode", ref("Node"))},
)


def test_a_recursive_discriminated_union_stays_tagged_whichever_schema_comes_first(
    generate: Generate,
) -> None:
    """`Node` first: a tagged union; `Branch` first: `Node = Leaf | Branch`."""
    assert "Discriminator(" in generate(NODES)["order/models/node.py"]
    branch_first = reordered(NODES, "components", "schemas", order=["Branch", "Leaf", "Node"])
    assert_order_independent(generate, NODES, branch_first)


ANIMALS = api(
    {
        "Animal": obj({"id": {"type": "string"}, "status": enum("active", "retired")}, ("id",)),
        "Cat": {"allOf": [ref("Animal"), obj({"name": {"type": "string"}})]},
    },
    {"/cats": get("getCat", ref("Cat"))},
)


def test_the_inline_enum_of_an_allof_base_keeps_its_name(generate: Generate) -> None:
    """Whichever of `Animal` and `Cat` is built first names `Animal.status`'s enum."""
    assert_order_independent(generate, ANIMALS, reordered(ANIMALS, "components", "schemas"))


INVOICES = api(
    {
        "Invoice": obj({"lineItem": obj({"quantity": {"type": "integer"}})}),
        "InvoiceLine": obj({"item": obj({"sku": {"type": "string"}})}),
    },
    {"/invoices": get("getInvoice", ref("Invoice")), "/lines": get("getLine", ref("InvoiceLine"))},
)


def test_inline_schemas_of_two_components_wanting_one_name(generate: Generate) -> None:
    """`Invoice.lineItem` and `InvoiceLine.item` both want `InvoiceLineItem`; the first built gets it."""
    assert_order_independent(generate, INVOICES, reordered(INVOICES, "components", "schemas"))


def _order_op(op_id: str, tag: str, size: list[str]) -> dict[str, Any]:
    body = obj({"item": {"type": "string"}, "size": enum(*size)})
    return {
        "post": {
            "operationId": op_id,
            "tags": [tag],
            "requestBody": json_body(body),
            "responses": ok(),
        }
    }


ORDERS = api(
    paths={
        "/orders": _order_op("create-order", "orders", ["s", "m"]),
        "/baskets": _order_op("createOrder", "baskets", ["l", "xl"]),
    }
)


def test_inline_bodies_of_two_operations_wanting_one_name(generate: Generate) -> None:
    """Both bodies are `CreateOrderBody`; the operation met first in `paths` gets the plain name."""
    assert_order_independent(generate, ORDERS, reordered(ORDERS, "paths"))


KEYS_TAGS = api(paths={"/a": get("getA", tag="api-keys"), "/b": get("getB", tag="apikeys")})


def test_resource_class_names_equal_but_for_case(generate: Generate) -> None:
    """Resources `api_keys` and `apikeys` want `ApiKeysResource` and `ApikeysResource`: one is
    renamed, and which one follows `paths`."""
    assert_order_independent(generate, KEYS_TAGS, reordered(KEYS_TAGS, "paths"))


MONEY = api(
    {"Money": obj({"amount": {"type": "number"}}), "money": obj({"cents": {"type": "integer"}})},
    {"/a": get("getA", ref("Money")), "/b": get("getB", ref("money"))},
)


def test_component_names_equal_but_for_case(generate: Generate) -> None:
    """`Money` and `money` are `Money` and `Money2` in the order components list them."""
    assert_order_independent(generate, MONEY, reordered(MONEY, "components", "schemas"))


USERS = api(
    paths={
        "/users": get(
            "users_all", tag="users", summary="all", **{"x-speakeasy-name-override": "list"}
        ),
        "/users/active": get(
            "users_active", tag="users", summary="active", **{"x-speakeasy-name-override": "list"}
        ),
    }
)


def test_method_names_colliding_on_one_resource(generate: Generate) -> None:
    """Two operations of `users` want `list`; the first in `paths` gets it."""
    assert_order_independent(generate, USERS, reordered(USERS, "paths"))


KEYS = api(
    securitySchemes={
        "primaryKey": {"type": "apiKey", "in": "header", "name": "X-Primary"},
        "secondaryKey": {"type": "apiKey", "in": "header", "name": "X-Secondary"},
    },
    paths={"/secure": get("getSecure", security=[{"secondaryKey": []}])},
)


def test_security_schemes_of_one_kind(generate: Generate) -> None:
    """The first apiKey scheme in `securitySchemes` gets the credential `api_key`."""
    assert_order_independent(generate, KEYS, reordered(KEYS, "components", "securitySchemes"))


BOTH_KEYS = api(
    securitySchemes={
        "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
        "token": {"type": "http", "scheme": "bearer"},
    },
    paths={"/secure": get("getSecure", security=[{"key": [], "token": []}])},
)


def test_a_security_requirement_naming_two_schemes(generate: Generate) -> None:
    """`{key: [], token: []}` (both are sent) is a mapping: its endpoint table may not follow its order."""
    permuted = json.loads(json.dumps(BOTH_KEYS))
    permuted["paths"]["/secure"]["get"]["security"] = [{"token": [], "key": []}]
    assert_order_independent(generate, BOTH_KEYS, permuted)


def _report(group: str, name: str) -> dict[str, Any]:
    return {
        "get": {
            "operationId": f"{group}.{name}",
            "x-speakeasy-group": group,
            "x-speakeasy-name-override": name,
            "responses": ok(),
        }
    }


REPORTS = api(
    paths={
        "/reports/daily": _report("reports.daily", "get"),
        "/reports/daily-get": _report("reports", "daily_get"),
        "/reports/daily-get-2": _report("reports", "daily_get_2"),
    }
)


def test_endpoint_constants_colliding_in_one_module(generate: Generate) -> None:
    """`reports.daily.get()` takes `_REPORTS_DAILY_GET`, so `reports.daily_get()` and
    `reports.daily_get_2()` both want `_REPORTS_DAILY_GET_2`: the first in `paths` gets it."""
    assert_order_independent(generate, REPORTS, reordered(REPORTS, "paths"))


LIBRARY = api(
    responses={
        "Listing": {
            "description": "a page",
            **json_body(obj({"total": {"type": "integer"}, "sort": enum("asc", "desc")})),
        }
    },
    paths={
        "/shelves": {
            "get": {
                "operationId": "listShelves",
                "tags": ["library"],
                "responses": {"200": ref("Listing", "responses")},
            }
        },
        "/books": {
            "get": {
                "operationId": "listBooks",
                "tags": ["library"],
                "responses": {"200": ref("Listing", "responses")},
            }
        },
    },
)


def test_a_shared_response_with_an_inline_schema(generate: Generate) -> None:
    """components/responses/Listing's inline schema is named after the first operation using it."""
    assert_order_independent(generate, LIBRARY, reordered(LIBRARY, "paths"))


TAGGED = api(paths={"/a": get("getA", tag="users"), "/b": get("getB", tag="Users")})
TAGGED["tags"] = [
    {"name": "users", "description": "Lower case."},
    {"name": "Users", "description": "Upper case."},
]


def test_tags_equal_but_for_case(generate: Generate) -> None:
    """`users` and `Users` are one resource; its description comes from the first of them in `tags`."""
    permuted = json.loads(json.dumps(TAGGED))
    permuted["tags"].reverse()
    assert_order_independent(generate, TAGGED, permuted)


def _untagged(op_id: str, *params: str) -> dict[str, Any]:
    parameters = [
        {"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params
    ]
    return {"operationId": op_id, "parameters": parameters, "responses": ok()}


UNGROUPED = api(
    paths={
        "/v2/charges": {"get": _untagged("listLegacyCharges")},
        "/v1/charges": {"get": _untagged("listCharges"), "post": _untagged("createCharge")},
        "/v1/charges/{charge}": {
            "get": _untagged("getCharge", "charge"),
            "delete": _untagged("deleteCharge", "charge"),
        },
        "/v1/charges/{charge}/capture": {"post": _untagged("captureCharge", "charge")},
        "/v1/charges/search": {"get": _untagged("searchCharges")},
        "/v1/items/{id}/tags": {"post": _untagged("tagItem", "id")},
        "/v1/items/tags": {"get": _untagged("listItemTags")},
    }
)


def test_resources_from_the_paths_of_an_ungrouped_spec(generate: Generate) -> None:
    """Which path is a resource, which segment a verb, and which of two paths wanting
    `charges.list` keeps it, read the set of paths, not their order."""
    assert "def capture(" in generate(UNGROUPED)["order/resources/charges.py"]
    assert_order_independent(generate, UNGROUPED, permute(UNGROUPED, reversed_order))
