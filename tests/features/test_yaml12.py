"""YAML is read as YAML 1.2 (its core schema), as OpenAPI recommends: `yes`, `no`, `on`, `off`
and the country code `NO` are strings, `012` is twelve, a date is text. PyYAML's YAML 1.1 made
them booleans, numbers and dates, so that a YAML spec and its JSON bundle gave different SDKs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from .support import Generated, Server, mypy_params, run_generator

SPEC = """\
openapi: 3.0.3
info: {title: Answers, version: "1"}
paths:
  /answers:
    get:
      operationId: getAnswer
      tags: [answers]
      parameters:
        - name: country
          in: query
          schema: {type: string, enum: [SE, NO, DK]}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Answer'}
components:
  schemas:
    Reply:
      type: string
      enum: [yes, no, NO, on, off]
    Answer:
      type: object
      required: [reply]
      properties:
        reply: {$ref: '#/components/schemas/Reply'}
        agreed: {type: string, enum: [yes]}
        code: {type: integer, enum: [012, 0o17, 0x1f]}
        day: {type: string, example: 2024-01-01}
        ratio: {type: number, enum: [1e3, .5, -.inf]}
        none: {type: string, nullable: true, enum: [~, null, x]}
"""
# The same document as a bundler writes it in JSON: every scalar spelled as it is meant.
AS_JSON = {
    "reply": ["yes", "no", "NO", "on", "off"],
    "agreed": ["yes"],
    "code": [12, 15, 31],
    "ratio": [1000.0, 0.5, float("-inf")],
}


@pytest.fixture(scope="module")
def answers(generate: Any) -> Generated:
    return generate(SPEC, "yaml_core", fmt="yaml")


def test_yes_no_on_off_and_the_country_code_no_are_string_members(answers: Generated) -> None:
    reply = answers.models.Reply
    assert [member.value for member in reply] == AS_JSON["reply"]
    assert all(type(member.value) is str for member in reply)


def test_the_country_code_no_goes_out_as_written(answers: Generated, server: Server) -> None:
    server.reply(json={"reply": "NO"})
    got = answers.client(server).answers.get_answer(country="NO")
    assert server.last.url.params["country"] == "NO"
    assert got.reply is answers.models.Reply("NO")
    assert got.reply is not answers.models.Reply("no")


def test_numbers_are_read_by_the_core_schema(answers: Generated) -> None:
    assert [m.value for m in answers.models.AnswerCode] == AS_JSON["code"]
    assert [m.value for m in answers.models.AnswerRatio] == AS_JSON["ratio"]
    assert [m.value for m in answers.models.AnswerAgreed] == AS_JSON["agreed"]


def test_a_yaml_spec_and_its_json_bundle_give_the_same_sdk(tmp_path: Path) -> None:
    """The YAML spec, and the JSON a bundler writes from it, generate byte-identical files."""
    config = yaml.safe_dump({"package": "answers", "resources": "tags"})
    outputs = []
    for name, text in (("spec.yaml", SPEC), ("spec.json", json.dumps(_as_json(SPEC), indent=1))):
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        (folder / "spec.generator.yaml").write_text(config, encoding="utf-8")
        code, stderr = run_generator(folder / name, folder / "out")
        assert code == 0, stderr
        outputs.append(_files(folder / "out"))
    assert outputs[0] == outputs[1]


def _as_json(text: str) -> Any:
    """The spec as a YAML 1.2 bundler reads it (the scalars spelled out by hand, not by PyYAML)."""
    spelled = text.replace("enum: [yes, no, NO, on, off]", 'enum: ["yes", "no", "NO", "on", "off"]')
    spelled = spelled.replace("enum: [SE, NO, DK]", 'enum: [SE, "NO", DK]')
    spelled = spelled.replace("enum: [yes]", 'enum: ["yes"]')
    spelled = spelled.replace("enum: [012, 0o17, 0x1f]", "enum: [12, 15, 31]")
    spelled = spelled.replace("example: 2024-01-01", 'example: "2024-01-01"')
    spelled = spelled.replace("enum: [1e3, .5, -.inf]", "enum: [1000.0, 0.5, -.inf]")
    return yaml.load(spelled, Loader=yaml.SafeLoader)


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.name != ".manifest.json"
    }


MYPY_CHECKED = ("answers",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
