"""The README's first call: a method sending a JSON body, each required argument a placeholder
its IR type decides, printed as Python that compiles."""

from __future__ import annotations

import ast
from dataclasses import replace

import pytest

from generator.ir.types import (
    AliasSchema,
    EnumMember,
    EnumSchema,
    ListType,
    LiteralType,
    NullableType,
    ObjectSchema,
    Parameter,
    PrimitiveType,
    RequestBody,
    TypeRef,
    UnionType,
)
from generator.render import render_package
from generator.render.example_values import NoPlaceholder, Placeholders
from generator.render.views import package_view
from tests.unit.test_render import ITEM, STR, api, operation, prop

COLOR = EnumSchema("Color", "#/c", "str", (EnumMember("RED", "red"), EnumMember("GREEN", "green")))
SIZE = EnumSchema("Size", "#/s", "float", (EnumMember("SMALL", 1.5),))
NAMED = ObjectSchema("Named", "#/n", (prop("name"), prop("nick", required=False), prop("id", read_only=True)), param_name="NamedParam")
PAIR = ObjectSchema("Pair", "#/p", (prop("name"), prop("other")), param_name="PairParam")
OUTPUT = ObjectSchema("Output", "#/o", (prop("name"),))
NODE = ObjectSchema("Node", "#/node", (prop("child", TypeRef("Node")),), param_name="NodeParam")
TWIN = ObjectSchema("Twin", "#/t", (prop("name"),), param_name="TwinParam")
LOOP = AliasSchema("Loop", "#/l", UnionType((TypeRef("Loop"), PrimitiveType("datetime"))))
SCHEMAS = {s.name: s for s in (COLOR, SIZE, NAMED, PAIR, OUTPUT, NODE, TWIN, LOOP)}


@pytest.mark.parametrize(
    "node, expected",
    [
        (STR, "label"),
        (PrimitiveType("int"), 1),
        (PrimitiveType("float"), 1.0),
        (PrimitiveType("bool"), True),
        (PrimitiveType("str", "email"), "user@example.com"),
        (PrimitiveType("uuid"), "123e4567-e89b-12d3-a456-426614174000"),
        (NullableType(ListType(TypeRef("Color"))), ["red"]),
        (LiteralType("fixed"), "fixed"),
        (TypeRef("Named"), {"name": "name"}),  # required keys only, read-only ones never sent
        (UnionType((LiteralType(None), STR)), "label"),
        (UnionType((TypeRef("Pair"), TypeRef("Named"))), {"name": "name"}),  # `Named` would take Pair's dict
    ],
)
def test_the_type_decides_the_placeholder(node: object, expected: object) -> None:
    assert Placeholders(SCHEMAS).value(node, "label") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "node",
    [PrimitiveType("datetime"), PrimitiveType("file"), TypeRef("Size"), TypeRef("Output"), TypeRef("Node"),
     UnionType((TypeRef("Named"), TypeRef("Twin"))), TypeRef("Loop")],
    ids=["datetime", "file", "float-enum", "model-without-typeddict", "endless-model", "ambiguous-union", "alias-loop"],
)
def test_a_type_no_import_free_literal_stands_for_has_none(node: object) -> None:
    with pytest.raises(NoPlaceholder):
        Placeholders(SCHEMAS).value(node, "label")  # type: ignore[arg-type]


def _with_body() -> object:
    body = RequestBody(
        "application/json", TypeRef("ItemInput"), True, True,
        (prop("name"), prop("count", PrimitiveType("int")), prop("color", TypeRef("Color")), prop("note", required=False)),
    )
    create = operation("create", method="POST", path="/items", parameters=(), body=body, endpoint_constant="_CREATE")
    update = operation(
        "update", method="PUT", body=RequestBody("application/json", STR, True, False), endpoint_constant="_UPDATE",
        parameters=(Parameter("id", "id", "path", STR, True),),
    )
    return api(operation(), update, create, schemas=(ITEM, COLOR))


def test_the_first_call_sends_a_body_with_every_required_argument() -> None:
    body = package_view(_with_body()).examples.body  # type: ignore[arg-type]
    assert body is not None
    assert body.attributes == ("items", "create") and body.arguments == ()
    assert body.keywords == (("name", "name"), ("count", 1), ("color", "red"))


def test_no_method_with_a_json_body_gives_no_first_call() -> None:
    assert package_view(api(operation())).examples.body is None


def test_the_readme_shows_it_first_as_python_that_compiles() -> None:
    readme = render_package(_with_body())["README.md"]  # type: ignore[arg-type]
    assert "pip install testapi\n" in readme
    first = readme.split("```python\n")[1].split("```", 1)[0]
    calls = [n for n in ast.walk(ast.parse(first)) if isinstance(n, ast.Call) and ast.unparse(n.func) == "client.items.create"]
    assert [ast.unparse(n) for n in calls] == ["client.items.create(name='name', count=1, color='red')"]



def test_a_call_that_returns_nothing_is_not_printed() -> None:
    value = _with_body()
    create = next(op for op in value.root.children[0].operations if op.python_name == "create")  # type: ignore[attr-defined]
    quiet = replace(create, return_type=None, responses=())
    readme = render_package(replace(value, root=replace(value.root, children=(replace(value.root.children[0], operations=(quiet,)),))))["README.md"]  # type: ignore[attr-defined, arg-type]
    first = readme.split("```python\n")[1].split("```", 1)[0]
    assert "\nclient.items.create(\n" in first and "result" not in first
