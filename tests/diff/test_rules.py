"""Every rule of `diff` on a small spec pair, both ways: a change that must break callers of the
old SDK, and its near twin that must not (README, "What `diff` calls breaking")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.diff.support import base, changed, verdict

Doc = dict[str, Any]
ITEM = "/items/{item_id}"


def schemas(d: Doc) -> Doc:
    return d["components"]["schemas"]


def op(d: Doc, method: str = "put", path: str = ITEM) -> Doc:
    return d["paths"][path][method]


def set_query(d: Doc, required: bool, kind: str = "integer") -> None:
    op(d, "get", "/items")["parameters"] = [{"name": "limit", "in": "query", "required": required, "schema": {"type": kind}}]


def add_page(d: Doc, method: str = "get", path: str = "/items") -> None:
    """A `page` number argument: on a list, the method starts paging (inferred)."""
    op(d, method, path).setdefault("parameters", []).append({"name": "page", "in": "query", "schema": {"type": "integer"}})


def add_query(d: Doc, required: bool) -> None:
    op(d, "get", "/items")["parameters"].append({"name": "cursor", "in": "query", "required": required, "schema": {"type": "string"}})


def rename_override(d: Doc, name: str) -> None:
    op(d, "get")["x-speakeasy-name-override"] = name


def retag(d: Doc) -> None:
    for operations in d["paths"].values():
        for operation in operations.values():
            operation["tags"] = ["products"]


def add_resource(d: Doc) -> None:
    d["paths"]["/carts"] = {"get": {"operationId": "listCarts", "tags": ["carts"], "responses": {"204": {"description": "none"}}}}


def rename_component(d: Doc) -> None:
    schemas(d)["Product"] = schemas(d).pop("Item")
    text = json.dumps(d).replace('#/components/schemas/Item"', '#/components/schemas/Product"')
    d.clear()
    d.update(json.loads(text))


def add_component(d: Doc) -> None:
    schemas(d)["Cart"] = {"type": "object", "properties": {"id": {"type": "string"}}}


def start_streaming(d: Doc) -> None:
    """`get_item` answers with JSON or with a stream of items, as the server chooses."""
    op(d, "get")["responses"]["200"]["content"]["text/event-stream"] = {"schema": {"$ref": "#/components/schemas/Item"}}


# (name, a change that breaks, where it shows, the near twin, the twin's bump)
CASES: list[tuple[str, Callable[[Doc], None], str, Callable[[Doc], None], str]] = [
    (
        "a method removed / added",
        lambda d: d["paths"][ITEM].pop("get"),
        "client.items.get_item",
        lambda d: d["paths"]["/items"].update(post={"operationId": "createItem", "tags": ["items"], "responses": {"204": {"description": "none"}}}),
        "minor",
    ),
    (
        "a method renamed / an operationId changed that does not reach Python",
        lambda d: rename_override(d, "fetch"),
        "client.items.fetch",  # reported as a rename, where the method is now
        lambda d: (rename_override(d, "get_item"), op(d, "get").update(operationId="ItemsController_getOne")),
        "none",
    ),
    ("a resource renamed (each method renamed) / added", retag, "client.products.get_item", add_resource, "minor"),
    ("a model renamed / added", rename_component, "shop.models.Product", add_component, "minor"),
    (
        "a response field removed / added",
        lambda d: schemas(d)["Item"]["properties"].pop("label"),
        "shop.models.Item.label",
        lambda d: schemas(d)["Item"]["properties"].update(stock={"type": "integer"}),
        "minor",
    ),
    (
        "a required request field added / an optional one",
        lambda d: (schemas(d)["ItemInput"]["properties"].update(sku={"type": "string"}), schemas(d)["ItemInput"]["required"].append("sku")),
        "client.items.update_item",
        lambda d: schemas(d)["ItemInput"]["properties"].update(sku={"type": "string"}),
        "minor",
    ),
    (
        "a required argument added / an optional one",
        lambda d: add_query(d, required=True),
        "client.items.list_items",
        lambda d: add_query(d, required=False),
        "minor",
    ),
    (
        "an optional argument becomes required / the reverse",
        lambda d: set_query(d, required=True),
        "client.items.list_items",
        lambda d: schemas(d)["ItemInput"].update(required=[]),
        "minor",
    ),
    (
        "an argument's type narrowed (number -> integer) / widened (integer -> number)",
        lambda d: (set_query(d, False, "number"), schemas(d)["ItemInput"]["properties"]["weight"].update(type="string")),
        "client.items.update_item",
        lambda d: set_query(d, required=False, kind="number"),
        "minor",
    ),
    (
        "a response field's type changed incompatibly (number -> string) / narrowed (number -> integer)",
        lambda d: schemas(d)["Item"]["properties"]["price"].update(type="string"),
        "shop.models.Item.price",
        lambda d: schemas(d)["Item"]["properties"]["price"].update(type="integer"),
        "minor",
    ),
    (
        "a response field's type widened (enum -> str) / a request argument's (enum -> str)",
        lambda d: schemas(d)["Item"]["properties"].update(status={"type": "string"}),
        "shop.models.Item.status",
        lambda d: schemas(d)["ItemInput"]["properties"].update(color={"type": "string"}),
        "minor",
    ),
    (
        "a response field becomes optional / a request field does",
        lambda d: schemas(d)["Item"]["required"].remove("price"),
        "shop.models.Item.price",
        lambda d: schemas(d)["ItemInput"]["required"].remove("name"),
        "minor",
    ),
    (
        "a response field becomes nullable / a request field does",
        lambda d: schemas(d)["Item"]["properties"]["price"].update(nullable=True),
        "shop.models.Item.price",
        lambda d: schemas(d)["ItemInput"]["properties"]["weight"].update(nullable=True),
        "minor",
    ),
    (
        "a return type changed incompatibly / one that returned nothing now returns a model",
        lambda d: op(d, "get")["responses"]["200"].update(content={"application/json": {"schema": {"type": "string"}}}),
        "client.items.get_item",
        lambda d: add_resource(d) or d["paths"]["/carts"]["get"]["responses"].update({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}}),
        "minor",
    ),
    (
        "a request enum loses a value / gains one",
        lambda d: schemas(d)["Color"].update(enum=["red"]),
        "shop.models.Color.GREEN",
        lambda d: schemas(d)["Color"].update(enum=["red", "green", "blue"]),
        "minor",
    ),
    (
        "an enum member is removed / a response enum gains a value (enums are open)",
        lambda d: schemas(d)["Status"].update(enum=["active"]),
        "shop.models.Status.ARCHIVED",
        lambda d: schemas(d)["Status"].update(enum=["active", "archived", "sold"]),
        "minor",
    ),
    (
        "a list method starts paging / a method returning one object takes a page number (no paging)",
        add_page,
        "client.items.list_items",
        lambda d: add_page(d, "get", ITEM),
        "minor",
    ),
    (
        "a server removed / added",
        lambda d: d.update(servers=[{"url": "https://eu.example.com"}]),
        "shop.Shop",
        lambda d: d["servers"].append({"url": "https://eu.example.com"}),
        "minor",
    ),
    (
        "a path argument renamed / an operation deprecated",
        lambda d: d["paths"].update({"/items/{id}": d["paths"].pop(ITEM)}) or [p.update(name="id") for m in ("get", "put") for p in op(d, m, "/items/{id}")["parameters"]],
        "client.items.get_item",
        lambda d: op(d, "get").update(deprecated=True),
        "minor",
    ),
    (
        "a method starts streaming / a streamed operation is added",
        lambda d: start_streaming(d),
        "client.items.get_item",
        lambda d: add_resource(d) or d["paths"]["/carts"]["get"]["responses"].update({"200": {"description": "ok", "content": {"text/event-stream": {"schema": {"$ref": "#/components/schemas/Item"}}}}}),
        "minor",
    ),
    (
        "a field's type changed on a model sent and read / only its description",
        lambda d: schemas(d)["ItemInput"]["properties"].update(extra={"$ref": "#/components/schemas/Item"}) or schemas(d)["Item"]["properties"]["id"].update(type="integer"),
        "shop.models.Item.id",
        lambda d: schemas(d)["Item"]["properties"]["label"].update(description="Shown in the shop."),
        "patch",
    ),
]


@pytest.mark.parametrize("name, breaks, where, twin, twin_bump", CASES, ids=[c[0] for c in CASES])
def test_breaking_change_and_its_twin(
    name: str, breaks: Callable[[Doc], None], where: str, twin: Callable[[Doc], None], twin_bump: str, tmp_path: Path
) -> None:
    level, found = verdict(base(), changed(breaks), tmp_path)
    assert level == "major", found
    assert any(severity == "breaking" and path == where for severity, path, _ in found), found
    level, found = verdict(base(), changed(twin), tmp_path)
    assert level == twin_bump, found
    assert all(severity != "breaking" for severity, _, _ in found), found


def list_query(kind: str, array: str = "array") -> Callable[[Doc], None]:
    """`list_items` takes `ids`, a list of `kind` (the method's argument is a `Sequence`)."""
    items = {"type": kind}
    schema = {"type": "array", "items": items} if array == "array" else {"type": "object", "additionalProperties": items}
    return lambda d: op(d, "get", "/items")["parameters"].append({"name": "ids", "in": "query", "required": False, "schema": schema})


@pytest.mark.parametrize("container", ["array", "object"])
def test_a_sequence_argument_may_widen_its_items_not_narrow_them(container: str, tmp_path: Path) -> None:
    level, found = verdict(changed(list_query("integer", container)), changed(list_query("number", container)), tmp_path)
    assert level == "minor", found
    assert any("(widened)" in message and path == "client.items.list_items" for _, path, message in found), found
    level, found = verdict(changed(list_query("number", container)), changed(list_query("integer", container)), tmp_path)
    assert level == "major", found


def test_a_const_argument_that_becomes_an_enum_with_its_value_still_takes_it(tmp_path: Path) -> None:
    def color(schema: Doc) -> Callable[[Doc], None]:
        return lambda d: (d.update(openapi="3.1.0"), schemas(d)["ItemInput"]["properties"].update(color=schema))

    old = changed(color({"const": "red"}))  # Literal["red"]
    new = changed(color({"$ref": "#/components/schemas/Color"}))  # Color, or Literal["red", "green"]
    def argument(found: list[tuple[str, str, str]]) -> list[str]:  # (the model class breaks either way)
        return [severity for severity, path, _ in found if path == "client.items.update_item"]

    assert argument(verdict(old, new, tmp_path)[1]) == ["feature"]
    assert argument(verdict(changed(color({"const": "blue"})), new, tmp_path)[1]) == ["breaking"]


def with_dimensions(key: str) -> Callable[[Doc], None]:
    """`update_item` takes `dimensions`, a `Dimensions` model or its TypedDict keyed `key`."""

    def tweak(d: Doc) -> None:
        schemas(d)["Dimensions"] = {"type": "object", "properties": {key: {"type": "number"}}}
        schemas(d)["ItemInput"]["properties"]["dimensions"] = {"$ref": "#/components/schemas/Dimensions"}

    return tweak


def test_a_typed_dict_key_renamed_breaks_callers_passing_the_dict(tmp_path: Path) -> None:
    level, found = verdict(changed(with_dimensions("width")), changed(with_dimensions("Width")), tmp_path)
    assert level == "major", found
    assert ("breaking", "shop.models.Dimensions.width", "field width: wire name width -> Width (a TypedDict key)") in found
    level, found = verdict(changed(read_dimensions), changed(sent_and_read_dimensions), tmp_path)
    assert level == "minor", found
    assert ("feature", "shop.models.DimensionsParam", "TypedDict DimensionsParam added") in found
    level, found = verdict(changed(sent_and_read_dimensions), changed(read_dimensions), tmp_path)
    assert ("breaking", "shop.models.DimensionsParam", "TypedDict DimensionsParam removed") in found


def sent_and_read_dimensions(d: Doc) -> None:
    with_dimensions("width")(d)
    schemas(d)["Item"]["properties"]["dimensions"] = {"$ref": "#/components/schemas/Dimensions"}


def read_dimensions(d: Doc) -> None:
    """`Dimensions` only read (in `Item`): no argument takes it, so it has no TypedDict."""
    sent_and_read_dimensions(d)
    schemas(d)["ItemInput"]["properties"].pop("dimensions")


def test_an_argument_deprecated_is_a_feature(tmp_path: Path) -> None:
    level, found = verdict(base(), changed(lambda d: op(d, "get", "/items")["parameters"][0].update(deprecated=True)), tmp_path)
    assert level == "minor", found
    assert ("feature", "client.items.list_items", "argument limit deprecated") in found


def test_a_method_that_stops_paging_breaks_and_one_paging_another_way_does_not(tmp_path: Path) -> None:
    level, found = verdict(changed(add_page), base(), tmp_path)
    assert level == "major"
    assert ("breaking", "client.items.list_items") in [(severity, path) for severity, path, _ in found], found
    offset = changed(lambda d: op(d, "get", "/items")["parameters"].append({"name": "offset", "in": "query", "schema": {"type": "integer"}}))
    _, found = verdict(changed(add_page), offset, tmp_path)
    assert ("feature", "client.items.list_items", "pages by offset (was page)") in found, found
    assert [m for s, _, m in found if s == "breaking"] == ["argument page removed"], found


def test_a_method_that_stops_streaming_breaks_and_its_item_gaining_a_field_does_not(tmp_path: Path) -> None:
    level, found = verdict(changed(start_streaming), base(), tmp_path)
    assert level == "major", found
    assert ("breaking", "client.items.get_item", "no longer streams (sse)") in found, found
    grown = changed(lambda d: (start_streaming(d), schemas(d)["Item"]["properties"].update(stock={"type": "integer"})))
    level, found = verdict(changed(start_streaming), grown, tmp_path)
    assert level == "minor" and all(severity != "breaking" for severity, _, _ in found), found


def test_a_renamed_method_model_and_resource_are_renames_with_the_config_that_keeps_them(tmp_path: Path) -> None:
    """Matched by HTTP method and path, and by where the schema is used: one breaking change
    each (not a removal and an addition), and the `rename:` entries that undo them."""
    from generator.diff.renames import find_renames
    from tests.diff.support import surface_of

    def renamed(d: Doc) -> None:
        rename_component(d)
        op(d, "put")["operationId"] = "ItemsController_replace"
        retag(d)

    old, new = surface_of(base(), tmp_path / "old.json"), surface_of(changed(renamed), tmp_path / "new.json")
    level, found = verdict(base(), changed(renamed), tmp_path)
    assert level == "major"
    breaking = sorted((path, message) for severity, path, message in found if severity == "breaking")
    assert breaking == [
        ("client.products.get_item", "method renamed from client.items.get_item (GET /items/{item_id})"),
        ("client.products.list_items", "method renamed from client.items.list_items (GET /items)"),
        ("client.products.replace", "method renamed from client.items.update_item (PUT /items/{item_id})"),
        ("shop.models.Product", "class renamed from shop.models.Item"),
    ]
    assert not [message for _, _, message in found if "removed" in message or "added" in message]
    renames = find_renames(old, new)
    assert renames.config(new) == {
        "models": {"Product": "Item"},
        "resources": {"products": "items"},
    }


def test_the_rename_config_keeps_an_operation_name(tmp_path: Path) -> None:
    from generator.diff.renames import find_renames
    from tests.diff.support import surface_of

    new_doc = changed(lambda d: op(d, "put").update(operationId="ItemsController_replace"))
    old, new = surface_of(base(), tmp_path / "old.json"), surface_of(new_doc, tmp_path / "new.json")
    assert find_renames(old, new).config(new) == {"operations": {"ItemsController_replace": "update_item"}}
    kept = build_with_rename(new_doc, {"operations": {"ItemsController_replace": "update_item"}}, tmp_path)
    assert verdict_of(old, kept) == ("none", [])


def build_with_rename(document: Doc, rename: dict[str, dict[str, str]], tmp_path: Path) -> dict[str, Any]:
    """The surface of `document` generated with the config's `rename:`."""
    from generator.config import Config
    from generator.diff.surface import surface
    from generator.ir import build
    from generator.load import load
    from generator.render.views import package_version

    path = tmp_path / "kept.json"
    path.write_text(json.dumps(document))
    api, _ = build(load(path), Config(resources="tags", rename=rename))
    return surface(api, package_version(api))


def verdict_of(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, list[Any]]:
    from generator.diff.report import bump
    from generator.diff.rules import compare

    found = [c for c in compare(old, new) if c.severity != "docs"]
    return bump(found), found
