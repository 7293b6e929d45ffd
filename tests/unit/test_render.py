"""Render on hand-built IR: type spelling, the views, imports as data, and the printed package."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.config import Config
from generator.ir import build
from generator.ir.package import package_metadata
from generator.ir.schema_names import module_names
from generator.ir.types import (
    AliasSchema,
    AnyType,
    Api,
    Discriminator,
    Docs,
    EnumMember,
    EnumSchema,
    ListType,
    LiteralType,
    MapType,
    Naming,
    NullableType,
    ObjectSchema,
    Pagination,
    Operation,
    Parameter,
    PrimitiveType,
    Property,
    RequestBody,
    Resource,
    Response,
    RetryPolicy,
    SecurityScheme,
    Server,
    TypeRef,
    UnionType,
)
from generator.load import load
from generator.render import _environment, python_types, render_package
from generator.render.filters import SpecText, docstring
from generator.render.imports import ImportLine, import_block, needs
from generator.render.method_views import method_view
from generator.render.model_views import models_module
from generator.render.views import package_view

STR = PrimitiveType("str")


def prop(name: str, type_: object = STR, *, required: bool = True, nullable: bool = False, **extra: object) -> Property:
    return Property(name, name, type_, required, nullable, **extra)  # type: ignore[arg-type]


def operation(name: str = "retrieve", **changes: object) -> Operation:
    op = Operation(
        operation_id=name,
        python_name=name,
        method="GET",
        path="/items/{id}",
        parameters=(Parameter("id", "id", "path", STR, True),),
        body=None,
        responses=(Response("200", TypeRef("Item"), "application/json"),),
        errors=(),
        return_type=TypeRef("Item"),
        security=None,
        endpoint_constant="_ITEMS_RETRIEVE",
    )
    return replace(op, **changes)  # type: ignore[arg-type]


ITEM = ObjectSchema("Item", "#/components/schemas/Item", (prop("id"),))


def api(*operations: Operation, schemas: tuple[object, ...] = (ITEM,), **changes: object) -> Api:
    items = Resource("items", "ItemsResource", tuple(operations))
    modules = module_names(s.name for s in schemas)  # type: ignore[attr-defined]
    value = Api(
        title="Test API",
        version="1.0.0",
        description=None,
        naming=Naming("testapi", "testapi", "TestApi", "AsyncTestApi", "TESTAPI"),
        servers=(Server("https://api.test"),),
        security_schemes=(),
        default_security=(),
        schemas=tuple(replace(s, module=modules[s.name]) for s in schemas),  # type: ignore[attr-defined,type-var,misc]
        root=Resource("", "", (), (items,)),
        retry=RetryPolicy(),
        metadata=package_metadata(Config()),
    )
    return replace(value, **changes)  # type: ignore[arg-type]


def imported(source: str) -> set[str]:
    """The names a module's import statements bind."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def used(source: str) -> set[str]:
    """Names the code reads, also inside string annotations (a TypedDict's types)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isprintable():
            try:
                found |= used(node.value)
            except SyntaxError:
                pass
    return found


def modules(files: dict[str, str]) -> list[str]:
    """The generated Python modules: each model's, the resources' and the client's."""
    return sorted(p for p in files if p.endswith(".py") and "/_runtime/" not in p)


# --- type spelling ---------------------------------------------------------------------------


PET = UnionType(
    (TypeRef("Cat"), TypeRef("Dog")),
    Discriminator("petType", (("cat", "Cat"), ("dog", "Dog"))),
)
CAT = ObjectSchema("Cat", "#/c", (prop("petType", LiteralType("cat")),))
DOG = ObjectSchema("Dog", "#/d", (prop("petType", LiteralType("dog")),))


def test_a_discriminated_union_is_a_tagged_union_in_models() -> None:
    spelled = python_types.for_models({"Cat": CAT, "Dog": DOG}).spell(PET)
    assert spelled.text == (
        'Annotated[Union[Annotated[Cat, Tag("Cat")], Annotated[Dog, Tag("Dog")]], '
        'Discriminator(discriminate("petType", "petType", {"cat": "Cat", "dog": "Dog"}))]'
    )
    assert {("typing", "Annotated"), ("typing", "Union"), ("pydantic", "Tag")} <= spelled.imports.pairs
    assert ("._runtime._unions", "discriminate") in spelled.imports.pairs


def test_in_a_method_signature_the_same_union_is_plain() -> None:
    spelled = python_types.for_methods(set()).spell(PET)
    assert spelled.text == "models.Cat | models.Dog"
    assert spelled.imports == needs(".", "models")


def test_methods_use_typing_generics_and_models_use_builtins() -> None:
    node = ListType(MapType(PrimitiveType("datetime")))
    in_method = python_types.for_methods(set()).spell(node)
    in_model = python_types.for_models({}).spell(node)
    assert in_method.text == "List[Dict[str, datetime.datetime]]"
    assert in_model.text == "list[dict[str, datetime.datetime]]"
    assert in_method.imports.pairs == {("typing", "List"), ("typing", "Dict"), ("", "datetime")}
    assert in_model.imports.pairs == {("", "datetime")}


def test_files_are_file_types_in_methods_and_bytes_in_models() -> None:
    file = PrimitiveType("file")
    assert python_types.for_methods(set()).spell(file).text == "FileTypes"
    assert python_types.for_models({}).spell(file).text == "bytes"


def test_any_absorbs_none_and_union_members() -> None:
    types = python_types.for_models({})
    assert python_types.or_none(types.spell(NullableType(STR))).text == "str | None"
    assert types.spell(UnionType((STR, AnyType()))).text == "Any"
    assert types.spell(NullableType(AnyType())).text == "Any"
    assert python_types.or_none(types.spell(AnyType())).text == "Any"


# --- views -------------------------------------------------------------------------------------


def test_a_nullable_optional_field_defaults_to_none_once() -> None:
    model = ObjectSchema("Item", "#/i", (prop("note", required=False, nullable=True),))
    view = models_module(api(schemas=(model,)))
    [field] = view.models[0].fields
    assert (field.annotation, field.optional) == ("str | None", True)
    assert view.models[0].nullable == ("note",)


def test_an_endpoint_view_carries_the_irs_constant_name() -> None:
    view = method_view(operation(endpoint_constant="_CHOSEN_BY_THE_IR"), python_types.for_methods(set()))
    assert view.endpoint.constant == "_CHOSEN_BY_THE_IR"
    files = render_package(api(operation(endpoint_constant="_CHOSEN_BY_THE_IR")))
    assert "_CHOSEN_BY_THE_IR = Endpoint(" in files["testapi/resources/items.py"]


def test_optional_arguments_are_not_given_and_path_arguments_positional() -> None:
    limit = Parameter("limit", "limit", "query", PrimitiveType("int"), False)
    view = method_view(operation(parameters=(*operation().parameters, limit)), python_types.for_methods(set()))
    assert [a.name for a in view.positional] == ["id"]
    assert [(a.name, a.annotation, a.default) for a in view.keyword] == [("limit", "int | NotGiven", "not_given")]
    assert {("._runtime", "NOT_GIVEN"), ("._runtime", "NotGiven")} <= view.imports.pairs


def test_a_paged_method_returns_pages_of_its_items_with_the_body_type() -> None:
    page = Pagination("page", "extension", ("data",), TypeRef("Item"), param="page", limit_param="limit")
    files = render_package(api(operation("list", pagination=page, endpoint_constant="_ITEMS_LIST")))
    module = files["testapi/resources/items.py"]
    assert "-> SyncPage[models.Item, models.Item]:" in module
    assert "-> AsyncPage[models.Item, models.Item]:" in module
    assert "item_type=models.Item" in module
    assert {"SyncPage", "AsyncPage", "Pagination"} <= imported(module)


def test_a_credential_is_read_from_the_irs_environment_variable() -> None:
    scheme = SecurityScheme("token", "token", "CHOSEN_VARIABLE", "http", scheme="bearer")
    files = render_package(api(operation(), security_schemes=(scheme,)))
    assert "`CHOSEN_VARIABLE`" in files["README.md"]
    assert "Read from `CHOSEN_VARIABLE` when not given." in files["testapi/_client.py"]


# --- imports -----------------------------------------------------------------------------------


def test_a_module_without_datetimes_does_not_import_datetime() -> None:
    files = render_package(api(operation()))
    for path in modules(files):
        assert "datetime" not in imported(files[path]), path
    stamped = ObjectSchema("Item", "#/i", (prop("at", PrimitiveType("datetime")),))
    assert "datetime" in imported(render_package(api(operation(), schemas=(stamped,)))["testapi/models/item.py"])


def test_every_import_of_a_generated_module_is_used() -> None:
    body = RequestBody("application/json", TypeRef("Item"), required=False, flattened=False)
    page = Pagination("offset", "inference", ("data",), TypeRef("Pet"), param="offset")
    color = EnumSchema("Color", "#/e", "str", (EnumMember("RED", "red"),))
    pet = AliasSchema("Pet", "#/p", PET)
    schemas = (ITEM, CAT, DOG, color, pet)
    ops = (
        operation(),
        operation("create", method="POST", body=body, endpoint_constant="_ITEMS_CREATE"),
        operation("pets", pagination=page, endpoint_constant="_ITEMS_PETS"),
    )
    files = render_package(api(*ops, schemas=schemas))
    assert "testapi/models/pet.py" in files
    for path in modules(files):
        source = files[path]
        assert imported(source) - used(source) == set(), path


def test_import_lines_follow_isort_from_any_depth() -> None:
    imports = needs("._runtime", "Endpoint", "NOT_GIVEN", "to_raw_response_wrapper") | needs(
        "typing", "cast", "Any"
    ) | needs("", "functools") | needs("pydantic", "Field") | needs(".", "models")
    assert import_block(imports, depth=1) == (
        (ImportLine("", ("functools",)), ImportLine("typing", ("Any", "cast"))),
        (ImportLine("pydantic", ("Field",)),),
        (ImportLine("..", ("models",)), ImportLine(".._runtime", ("NOT_GIVEN", "Endpoint", "to_raw_response_wrapper"))),
    )


# --- spec text -------------------------------------------------------------------------------


HOSTILE = 'ends """\nimport os\x00\u2028os.system("x") \\'


def test_spec_text_cannot_leave_a_docstring() -> None:
    model = ObjectSchema("Item", "#/i", (prop("id", description=HOSTILE),), Docs(description=HOSTILE))
    source = render_package(api(operation(), schemas=(model,)))["testapi/models/item.py"]
    tree = ast.parse(source)
    [item] = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    docstrings = [str(n.value.value) for n in ast.walk(item) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)]
    assert all('"""' in d and "import os" in d for d in docstrings) and len(docstrings) == 2
    assert not any(isinstance(n, ast.Call) for n in ast.walk(item))


def test_docstring_escapes_quotes_backslashes_and_control_characters() -> None:
    escaped = docstring(HOSTILE)
    assert '"""' not in escaped
    assert "\x00" not in escaped and "\u2028" not in escaped
    assert ast.literal_eval(f'"""{escaped}"""').startswith('ends """')


def test_unfiltered_spec_text_stops_the_render() -> None:
    template = _environment(None).from_string("{{ text }}")
    with pytest.raises(ValueError, match="without a filter"):
        template.render(text=SpecText("x"))
    assert template.render(text="plain") == "plain"


def test_server_url_and_name_are_one_value_each() -> None:
    server = Server("https://{region}.api.test/'quoted'", name="eu")
    view = package_view(api(operation(), servers=(server,)))
    assert view.client.servers[0].url == server.url and isinstance(view.client.servers[0].url, SpecText)
    files = render_package(api(operation(), servers=(server,)))
    assert f"url={server.url!r}," in files["testapi/_client.py"]
    assert "`\"eu\"`: https://{region}.api.test/'quoted'" in files["README.md"]


def test_api_md_shows_the_typed_dicts_arguments_take_and_deprecated_methods(tmp_path: Path) -> None:
    from tests.diff.support import changed, surface_of  # a small spec, built as `diff` builds it

    def tweak(d: dict[str, Any]) -> None:
        d["components"]["schemas"]["Dimensions"] = {"type": "object", "properties": {"width": {"type": "number"}}}
        d["components"]["schemas"]["ItemInput"]["properties"]["dimensions"] = {"$ref": "#/components/schemas/Dimensions"}
        d["paths"]["/items/{item_id}"]["put"]["deprecated"] = True

    document = changed(tweak)
    path = tmp_path / "spec.json"
    surface = surface_of(document, path)
    api_md = render_package(build(load(path), Config(resources="tags"))[0])["api.md"]
    assert 'DimensionsParam = TypedDict("DimensionsParam", {"width": float}, total=False)  # Dimensions' in api_md
    assert '@deprecated("PUT /items/{item_id} is deprecated")\ndef update_item(' in api_md
    dimensions = next(a for a in surface["resources"]["client.items"]["methods"]["update_item"]["arguments"] if a["name"] == "dimensions")
    assert dimensions["annotation"] == "models.Dimensions | models.DimensionsParam | NotGiven"
    assert surface["models"]["Dimensions"]["param"] == "DimensionsParam"
