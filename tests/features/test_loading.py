"""Loading: JSON that a YAML parser would reject (surrogate-pair escapes, tab indentation)
still loads, and its text reaches the client intact."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .support import Generated, Server, mypy_params

# Written by hand: json.dumps would not produce the escapes (or the tabs) under test.
SURROGATES = r"""{
	"openapi": "3.0.3",
	"info": {"title": "Emoji \ud83d\udc4d API", "version": "1.0.0", "description": "Thumbs \ud83d\udc4d up"},
	"paths": {
		"/reactions": {
			"post": {
				"operationId": "react",
				"tags": ["reactions"],
				"summary": "React with \ud83d\ude00 or \ud83d\udc4d",
				"requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reaction"}}}},
				"responses": {"200": {"description": "ok \ud83c\udf89", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reaction"}}}}}
			}
		}
	},
	"components": {
		"schemas": {
			"Reaction": {
				"type": "object",
				"description": "A reaction \ud83d\udc4d\u2014with a dash",
				"required": ["emoji"],
				"properties": {
					"emoji": {"type": "string", "enum": ["\ud83d\udc4d", "\ud83d\udc4e", "\u2764"]},
					"note \ud83d\udcdd": {"type": "string"}
				}
			}
		}
	}
}
"""

LONE_SURROGATE = r"""{
	"openapi": "3.0.3",
	"info": {"title": "Broken Text", "version": "1.0.0"},
	"paths": {"/x": {"get": {"operationId": "getX", "tags": ["x"], "description": "half an emoji: \ud83d", "responses": {"204": {"description": "none"}}}}}
}
"""


@pytest.fixture(scope="module")
def reactions(generate: Any) -> Generated:
    return generate(SURROGATES, "surrogates")


def test_surrogate_pair_escapes_load_as_the_characters_they_encode(reactions: Generated) -> None:
    assert {member.value for member in reactions.models.ReactionEmoji} == {
        "\U0001f44d",
        "\U0001f44e",
        "\u2764",
    }
    assert "\U0001f44d" in reactions.model_source("ReactionEmoji")


def test_the_text_reaches_the_wire_intact(reactions: Generated, server: Server) -> None:
    server.reply(json={"emoji": "\U0001f44e", "note \U0001f4dd": "meh"})
    client = reactions.client(server).reactions
    got = client.react(emoji=reactions.models.ReactionEmoji("\U0001f44d"))
    assert json.loads(server.last.content.decode("utf-8")) == {"emoji": "\U0001f44d"}
    assert got.emoji.value == "\U0001f44e"
    note = next(
        name
        for name, info in type(got).model_fields.items()
        if info.validation_alias == "note \U0001f4dd"
    )
    assert getattr(got, note) == "meh"


def test_a_lone_surrogate_is_reported_not_a_crash(run_cli: Any) -> None:
    outcome = run_cli(LONE_SURROGATE)
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, (
        outcome.stderr
    )
    assert outcome.exit_code in (0, 2)
    if outcome.exit_code:
        assert "/paths/~1x/get/description" in outcome.stderr


MYPY_CHECKED = ("reactions",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
