"""`Source.locate` on JSON scans along the pointer (`load/json_positions`) instead of composing
the document: it must place every node where the YAML composer places it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.load.json_positions import JsonPositions, NotJson
from generator.load.source import Source, positions

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": "t\u00e9st \u2603 \"quoted\" \\ back", "version": "1"},
    "paths": {
        "/a/{id}": {"get": {"responses": {"200": {"description": "ok", "content": {}}}}},
        "/b~c": {"post": {"parameters": [{"name": "x", "in": "query"}, [], {}, [1, [2, {"y": None}]]]}},
    },
    "x-numbers": [1, -2.5e3, True, False, None, "", {"": {"~": []}}],
}


@pytest.mark.parametrize("indent", [None, 1, 4, "\t"])
def test_every_node_is_where_the_composer_places_it(indent: int | str | None) -> None:
    text = "\n  " + json.dumps(DOCUMENT, indent=indent, ensure_ascii=indent is None) + "\n"
    expected = positions(text)
    scanner = JsonPositions(text)
    assert {at: scanner.find(at) for at in expected} == expected
    assert scanner.find("/paths/nowhere") is None
    assert scanner.find("/x-numbers/7") is None
    assert scanner.find("/openapi/deeper") is None


def test_a_key_written_twice_is_located_at_its_first_value() -> None:
    text = '{"a": {"b": 1},\n "a": {"b": 2}}'
    assert JsonPositions(text).find("/a") == positions(text)["/a"] == (1, 7)


def test_text_that_is_not_json_is_composed_as_yaml() -> None:
    text = "{openapi: 3.0.3,\n info: {title: t}}"
    with pytest.raises(NotJson):
        JsonPositions(text).find("/info/title")
    assert Source(Path("spec.yaml"), text, "").locate("/info/title") == (2, 16)


def test_a_missing_node_is_located_at_its_nearest_ancestor() -> None:
    text = '{\n  "paths": {\n    "/a": {}\n  }\n}'
    source = Source(Path("spec.json"), text, "")
    assert source.locate("/paths/~1a/get/responses") == (3, 11)
    assert source._positions is None  # the document was never composed


@pytest.mark.parametrize("indent", [None, 2])
def test_pointers_asked_in_any_order_are_placed_alike(indent: int | None) -> None:
    text = json.dumps(DOCUMENT, indent=indent)
    expected = positions(text)
    scanner = JsonPositions(text)
    assert {at: scanner.find(at) for at in reversed(expected)} == expected
    assert scanner.find("/paths/nowhere") is None and scanner.find("/paths/~1a~1{id}") == expected["/paths/~1a~1{id}"]


def test_a_container_is_scanned_only_as_far_as_the_member_asked_for() -> None:
    text = '{"info": {"title": "t"},\n "paths": {"/a": {}}, "rest": {not json}}'
    scanner = JsonPositions(text)
    assert scanner.find("/paths/~1a") == positions(text[: text.index(', "rest"')] + "}")["/paths/~1a"]
    assert "/rest" not in scanner.offsets
    for _ in range(2):  # not JSON, however often it is asked
        with pytest.raises(NotJson):
            scanner.find("/rest/x")


def test_positions_counted_and_listed_agree() -> None:
    text = json.dumps(DOCUMENT, indent=2)
    expected = positions(text)
    scanner = JsonPositions(text)
    in_order = sorted(expected, key=lambda at: expected[at])
    counted = {at: scanner.find(at) for at in in_order}  # each counted from the last
    assert scanner.newlines is None and counted == expected
    backwards = {at: scanner.find(at) for at in reversed(expected)}  # each from the start: then listed
    assert scanner.newlines is not None and backwards == expected
