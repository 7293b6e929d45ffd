"""Enums: strings, integers, numbers, mixed, duplicates, odd values, nullable; unknown values."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref

SPEC = openapi(
    paths={
        "/paint": {
            "get": {"operationId": "getPaint", "tags": ["paint"], "responses": ok(ref("Paint"))},
            "post": {
                "operationId": "createPaint",
                "tags": ["paint"],
                "requestBody": {"required": True, **json_content(ref("Paint"))},
                "responses": {"204": {"description": "made"}},
            },
        },
        "/paints": {
            "get": {
                "operationId": "listPaints",
                "tags": ["paint"],
                "parameters": [
                    {"name": "color", "in": "query", "schema": ref("Color")},
                    {
                        "name": "priorities",
                        "in": "query",
                        "schema": {"type": "array", "items": ref("Priority")},
                    },
                ],
                "responses": ok({"type": "array", "items": ref("Color")}),
            }
        },
    },
    schemas={
        "Color": {
            "type": "string",
            "enum": ["red", "a-b", "1st", "", "with space", "class", "None"],
        },
        "Priority": {"type": "integer", "enum": [1, 2, 10]},
        "Ratio": {"type": "number", "enum": [0.5, 1.5]},
        "Mixed": {"enum": [1, "two", True]},
        "Cased": {"type": "string", "enum": ["x", "X"]},
        "State": {"type": "string", "enum": ["on", "off", None], "nullable": True},
        "Paint": {
            "type": "object",
            "required": ["color", "state"],
            "properties": {
                "color": ref("Color"),
                "priority": ref("Priority"),
                "ratio": ref("Ratio"),
                "mixed": ref("Mixed"),
                "cased": ref("Cased"),
                "state": ref("State"),
                "finish": {"type": "string", "enum": ["matte", "gloss"]},
            },
        },
    },
)


@pytest.fixture(scope="module")
def paint(generate: Any) -> Generated:
    return generate(SPEC, "enums")


@pytest.fixture
def client(paint: Generated, server: Server) -> Any:
    return paint.client(server).paint


def test_string_enum_members_for_odd_values(paint: Generated) -> None:
    color = paint.models.Color
    values = {member.value for member in color}
    assert values == {"red", "a-b", "1st", "", "with space", "class", "None"}
    for member in color:
        assert member.name.isidentifier(), member.name
    assert color("a-b") is next(m for m in color if m.value == "a-b")
    assert color.RED == "red"


def test_integer_and_number_enums_hold_numbers(paint: Generated) -> None:
    assert sorted(m.value for m in paint.models.Priority) == [1, 2, 10]
    assert all(type(m.value) is int for m in paint.models.Priority)
    assert sorted(m.value for m in paint.models.Ratio) == [0.5, 1.5]


DUPLICATES = openapi(
    paths={
        "/dup": {"get": {"operationId": "getDup", "tags": ["dup"], "responses": ok(ref("Dup"))}}
    },
    schemas={"Dup": {"type": "string", "enum": ["a", "b", "a"]}},
)


@pytest.fixture(scope="module")
def dupes(generate: Any) -> Generated:
    # Duplicate enum values break JSON Schema's uniqueItems, so validation needs --lenient.
    return generate(DUPLICATES, "enum_duplicates", args=("--lenient",))


def test_duplicate_values_are_kept_once_with_a_warning(dupes: Generated, server: Server) -> None:
    assert [m.value for m in dupes.models.Dup] == ["a", "b"]
    assert "/components/schemas/Dup" in dupes.warnings and "listed twice" in dupes.warnings
    server.reply(json="a")
    assert dupes.client(server).dup.get_dup() is dupes.models.Dup("a")


def test_the_duplicates_warning_names_where_they_are(dupes: Generated) -> None:
    warnings = [line for line in dupes.warnings.splitlines() if "listed twice" in line]
    assert warnings and all("/components/schemas/Dup" in line for line in warnings)


def test_duplicate_enum_values_generate_without_lenient(run_cli: Any) -> None:
    outcome = run_cli(DUPLICATES)
    assert outcome.exit_code == 0, outcome.stderr
    assert "listed twice" in outcome.stderr


def test_values_differing_only_in_case_are_both_kept(paint: Generated) -> None:
    assert sorted(m.value for m in paint.models.Cased) == ["X", "x"]


def test_response_enums_parse_to_members(paint: Generated, client: Any, server: Server) -> None:
    server.reply(
        json={"color": "a-b", "priority": 10, "ratio": 1.5, "state": "on", "finish": "gloss"}
    )
    got = client.get_paint()
    assert got.color is paint.models.Color("a-b")
    assert got.priority is paint.models.Priority(10)
    assert got.ratio == 1.5
    assert got.finish.value == "gloss"
    assert isinstance(got.finish, paint.models.PaintFinish)


def test_nullable_enum_accepts_null(client: Any, server: Server) -> None:
    server.reply(json={"color": "red", "state": None})
    assert client.get_paint().state is None


def test_unknown_enum_values_parse_leniently(client: Any, server: Server) -> None:
    server.reply(json={"color": "ultraviolet", "priority": 99, "state": "dimmed"})
    got = client.get_paint()
    assert got.color.value == "ultraviolet" and got.color == "ultraviolet"
    assert got.priority.value == 99
    assert got.state.value == "dimmed"


def test_unknown_enum_values_are_refused_under_strict_validation(
    paint: Generated, server: Server
) -> None:
    strict = paint.client(server, strict_response_validation=True).paint
    server.reply(json={"color": "ultraviolet", "state": "on"})
    with pytest.raises(paint.module.APIResponseValidationError):
        strict.get_paint()


@pytest.mark.xfail(
    strict=True,
    reason="a mixed enum [1, 'two', true] becomes a str enum ('1', 'two'; true is dropped as a "
    "'duplicate' of 1 because True == 1 in Python), so the JSON values 1 and true do not parse "
    "and members would be sent as strings",
)
def test_mixed_enum_values_keep_their_json_types(
    paint: Generated, client: Any, server: Server
) -> None:
    server.reply(json={"color": "red", "state": "on", "mixed": 1})
    assert client.get_paint().mixed.value == 1
    server.reply(json={"color": "red", "state": "on", "mixed": True})
    assert client.get_paint().mixed.value is True


def test_mixed_enum_string_value_parses(client: Any, server: Server) -> None:
    server.reply(json={"color": "red", "state": "on", "mixed": "two"})
    assert client.get_paint().mixed.value == "two"


def test_enum_members_are_sent_as_their_values(
    paint: Generated, client: Any, server: Server
) -> None:
    models = paint.models
    server.reply(204)
    client.create_paint(
        color=models.Color("1st"),
        state=None,
        priority=models.Priority(2),
        finish=models.PaintFinish("matte"),
    )
    assert json.loads(server.last.content) == {
        "color": "1st",
        "state": None,
        "priority": 2,
        "finish": "matte",
    }


def test_enum_query_parameters(paint: Generated, client: Any, server: Server) -> None:
    models = paint.models
    server.reply(json=["red", "with space"])
    colors = client.list_paints(
        color=models.Color(""), priorities=[models.Priority(1), models.Priority(10)]
    )
    assert server.last.url.params.multi_items() == [
        ("color", ""),
        ("priorities", "1"),
        ("priorities", "10"),
    ]
    assert colors == [models.Color("red"), models.Color("with space")]


MYPY_CHECKED = ("paint", "dupes")


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []


BOOLEAN_ENUMS = openapi(
    paths={"/gone": {"get": {"operationId": "getGone", "tags": ["gone"], "responses": ok(ref("Deleted"))}}},
    schemas={
        "Deleted": {
            "type": "object",
            "required": ["deleted", "flag"],
            "properties": {
                "deleted": {"type": "boolean", "enum": [True]},
                "flag": {"type": "boolean", "enum": [True, False]},
            },
        }
    },
)


def test_a_boolean_enum_is_the_constant_not_text(generate: Any, server: Server) -> None:
    """Stripe's deleted objects say `deleted: {type: boolean, enum: [true]}`: JSON's `true`."""
    gone = generate(BOOLEAN_ENUMS, "boolean_enums")
    server.reply(json={"deleted": True, "flag": False})
    got = gone.client(server).gone.get_gone()
    assert got.deleted is True and got.flag is False
    server.reply(json={"deleted": False, "flag": False})
    with pytest.raises(gone.module.APIResponseValidationError):
        gone.client(server).gone.get_gone()
