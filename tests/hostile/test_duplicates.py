"""Keys written twice in the spec or the config: an error at the second key, a warning with --lenient.

YAML and JSON parsers keep the last of two equal keys silently; so do they for keys that become
equal as JSON strings (`true:` and `'true':`, `200:` and `'200':`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run, write

HEAD = "openapi: 3.0.3\ninfo: {title: Dup, version: '1'}\n"
OPERATION = "    get:\n      operationId: {name}\n      responses:\n{responses}"

SPECS = {
    "same key": (
        HEAD + "paths:\n  /a:\n" + OPERATION.format(name="getA", responses="        '200': {description: ok}\n")
        + "  /a:\n" + OPERATION.format(name="getB", responses="        '200': {description: ok}\n"),
        9, "/paths/~1a", "duplicate key '/a'",
    ),
    "200 beside '200'": (
        HEAD + "paths:\n  /a:\n" + OPERATION.format(name="getA", responses="        '200': {description: ok}\n        200: {description: also}\n"),
        9, "/paths/~1a/get/responses/200", "key 200 repeats the key '200' at line 8",
    ),
    "true beside 'true'": (
        HEAD + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        'true': {type: string}\n        true: {type: integer}\n",
        10, "/components/schemas/A/properties/true", "key true repeats the key 'true' at line 9",
    ),
}


@pytest.mark.parametrize("case", SPECS, ids=list(SPECS))
def test_a_key_written_twice_in_the_spec_is_an_error_at_the_second(tmp_path: Path, case: str) -> None:
    text, line, at, fragment = SPECS[case]
    spec = write(tmp_path / "spec.yaml", text)
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    error = outcome.error_with(fragment)
    assert (error["file"], error["line"], error["pointer"]) == (str(spec), str(line), at), outcome.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", SPECS, ids=list(SPECS))
def test_a_key_written_twice_in_the_spec_is_a_warning_with_lenient(tmp_path: Path, case: str) -> None:
    text, line, at, fragment = SPECS[case]
    spec = write(tmp_path / "spec.yaml", text)
    outcome = run(spec, "-o", tmp_path / "out", "--lenient")
    assert outcome.code == 0, outcome.stderr
    [warning] = [w for w in outcome.warnings if fragment in w["message"]]
    assert (warning["line"], warning["pointer"]) == (str(line), at)


def test_a_key_written_twice_in_a_json_spec_is_an_error_at_the_second(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.json", '{"openapi": "3.0.3",\n "info": {"title": "A", "version": "1",\n  "title": "B"},\n "paths": {}}\n')
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    error = outcome.error_with("duplicate key 'title'")
    assert (error["line"], error["pointer"]) == ("3", "/info/title")


def test_a_yaml_merge_that_overrides_a_key_is_not_a_duplicate(tmp_path: Path) -> None:
    text = HEAD + "x-base: &base {type: object, description: base}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      <<: *base\n      description: own\n"
    outcome = run(write(tmp_path / "spec.yaml", text), "-o", tmp_path / "out")
    assert outcome.code == 0 and not outcome.warnings, outcome.stderr


@pytest.mark.parametrize(
    ("config", "line", "at", "fragment"),
    [
        ("package: one\npackage: two\n", 2, "/package", "duplicate key 'package'"),
        ("auth_prefixes:\n  Key: 'Bearer '\n  Key: 'Token '\n", 3, "/auth_prefixes/Key", "duplicate key 'Key'"),
        ("server_names: [a]\nauth_prefixes: {1: 'A ', '1': 'B '}\n", 2, "/auth_prefixes/1", "key '1' repeats the key 1 at line 2"),
    ],
)
def test_a_key_written_twice_in_the_config_is_an_error_at_the_second(tmp_path: Path, config: str, line: int, at: str, fragment: str) -> None:
    schemes = "components:\n  securitySchemes:\n    Key: {type: http}\n    '1': {type: apiKey, in: header, name: X-One}\n"
    spec = write(tmp_path / "spec.yaml", HEAD + "paths: {}\nservers: [{url: 'https://a.test'}]\n" + schemes)
    config_path = write(tmp_path / "spec.generator.yaml", config)
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    error = outcome.error_with(fragment)
    assert (error["file"], error["line"], error["pointer"]) == (str(config_path), str(line), at)
    lenient = run(spec, "-o", tmp_path / "out", "--lenient")
    assert lenient.code == 0, lenient.stderr
    assert any(fragment in w["message"] for w in lenient.warnings)
