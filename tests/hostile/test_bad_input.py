"""Broken and hostile specs: each fails with exit 2 and located one-line errors, never a traceback.

Each case writes its files into a fresh directory and names what the error must say,
and where (the JSON pointer and, where the spec has a line for it, that line). Nothing
may be written to the output directory.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import driver
from generator.load import limits, source
from generator.output import parallel
from generator.regular import read_regular

from .conftest import document, operation, run, write

REF_A = {"$ref": "#/components/schemas/A"}


@dataclass
class Case:
    name: str
    build: Callable[[Path], Path]  # writes the files, returns the spec's path
    fragment: str  # part of the first error's message
    pointer: str | None = None  # the error's JSON pointer, when it has one
    line: int | None = None  # its line (0: the problem has no line; -1: any line, but one)
    args: tuple[str, ...] = ()


def text(content: str | bytes, name: str = "spec.yaml") -> Callable[[Path], Path]:
    return lambda d: write(d / name, content)


def doc(content: dict, name: str = "spec.yaml", **others: dict | str) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        for other, value in others.items():
            write(d / other.replace("__", "."), value)
        return write(d / name, content)

    return build


def yaml_lines(*lines: str) -> Callable[[Path], Path]:
    return text("\n".join(lines) + "\n")


HEAD = ("openapi: 3.0.3", "info: {title: Hostile, version: '1.0'}", "paths: {}")


def _fifo(d: Path) -> Path:
    os.mkfifo(d / "pipe.yaml")
    return write(d / "spec.yaml", document(schemas={"A": {"$ref": "pipe.yaml#/A"}}))


def _outside(d: Path) -> Path:
    write(d.parent / f"{d.name}-secret.yaml", {"A": {"type": "string", "description": "secret"}})
    return write(d / "spec.yaml", document(schemas={"A": {"$ref": f"../{d.name}-secret.yaml#/A"}}))


def _symlink_out(d: Path) -> Path:
    write(d.parent / f"{d.name}-elsewhere.yaml", {"A": {"type": "string"}})
    (d / "link.yaml").symlink_to(d.parent / f"{d.name}-elsewhere.yaml")
    return write(d / "spec.yaml", document(schemas={"A": {"$ref": "link.yaml#/A"}}))


def _deep_json(depth: int) -> Callable[[Path], Path]:
    return text('{"openapi": "3.0.3", "x": ' + "[" * depth + "]" * depth + "}", "spec.json")


def _deep_schema(depth: int) -> dict:
    schema: dict = {"type": "string"}
    for _ in range(depth):
        schema = {"type": "object", "properties": {"p": schema}}
    return document(schemas={"A": schema})


LAUGHS = "\n".join(
    [*HEAD, 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
)


SECURED = document(components={"securitySchemes": {"api_key": {"type": "apiKey", "in": "header", "name": "X-Key"}, "bearer": {"type": "http", "scheme": "bearer"}}})
SWAGGER = {"swagger": "2.0", "info": {"title": "Old", "version": "1"}, "paths": {}, "securityDefinitions": {"api_key": {"type": "apiKey", "in": "header", "name": "X-Key"}}}
PREFIXED = "package: x\nauth_prefixes:\n  api-key: 'ApiKey '\n"
SERVERS = [{"url": "https://us.test"}, {"url": "https://eu.test/v1"}]

CASES = [
    # --- not a spec at all
    Case("missing file", lambda d: d / "nope.yaml", "no such file", line=0),
    Case("a directory", lambda d: (d / "dir.yaml").mkdir() or d / "dir.yaml", "not a regular file", line=0),
    Case("a named pipe", lambda d: os.mkfifo(d / "p.yaml") or d / "p.yaml", "not a regular file", line=0),
    Case("empty", text(""), "file is empty", line=0),
    Case("only whitespace", text("  \n\n\t\n"), "file is empty", line=0),
    Case("not UTF-8", text(b"openapi: 3.0.3\ninfo:\n  title: caf\xe9\n"), "not UTF-8", line=3),
    Case("UTF-16", text("openapi: 3.0.3\n".encode("utf-16")), "not UTF-8", line=1),
    Case("YAML syntax", yaml_lines("openapi: 3.0.3", "info: [1, 2", "paths: {}"), "invalid YAML", line=3),
    Case("YAML bad indentation", yaml_lines("openapi: 3.0.3", "info:", "  title: x", " version: 1"), "invalid YAML", line=4),
    Case("YAML control character", text("openapi: 3.0.3\ninfo: \x07\n"), "invalid YAML", line=2),
    Case("YAML two documents", yaml_lines(*HEAD, "---", *HEAD), "invalid YAML", line=4),
    Case("YAML python tag", yaml_lines(*HEAD, "x: !!python/object/apply:os.system ['touch PWNED']"), "invalid YAML", line=4),
    Case("JSON syntax", text('{"openapi": "3.0.3",\n "info": }', "spec.json"), "invalid JSON", line=2),
    Case("top level is a list", text("- openapi: 3.0.3\n"), "not an OpenAPI document", line=1),
    Case("top level is a string", text("just some text\n"), "not an OpenAPI document", line=1),
    Case("no openapi key", yaml_lines("info: {title: x, version: '1'}", "paths: {}"), "no `openapi` or `swagger` key", line=1),
    Case("OpenAPI 4", yaml_lines("openapi: 4.0.0", *HEAD[1:]), "unsupported version", "/openapi", 1),
    Case("Swagger 1.2", yaml_lines("swagger: '1.2'", *HEAD[1:]), "unsupported version", "/swagger", 1),
    Case("version is a bool", yaml_lines("openapi: true", *HEAD[1:]), "unsupported version", "/openapi", 1),
    # --- values YAML has but JSON has not, and sizes
    Case("binary value", yaml_lines(*HEAD[:1], "info: {title: !!binary aGVsbG8=, version: '1'}", "paths: {}"), "not JSON data", "/info/title", 2),
    Case("set value", yaml_lines(*HEAD, "x: !!set {a, b}"), "not JSON data", "/x", 4),
    Case("timestamp value", yaml_lines(*HEAD, "x: !!timestamp 2020-01-01"), "not JSON data", "/x", 4),
    Case("alias inside itself", yaml_lines(*HEAD, "x: &loop [1, *loop]"), "contains itself", "/x/1", 4),
    Case("billion laughs", text(LAUGHS + "\n"), "too large", None, -1),
    Case("a million values", text('{"openapi": "3.0.3", "x": [' + ",".join(["0"] * 1_000_001) + "]}", "spec.json"), "too large", None, 1),
    Case("a 5000-digit number", yaml_lines(*HEAD, "x: " + "7" * 5000), "too many digits", line=4),
    Case("JSON nested 100000 deep", _deep_json(100_000), "nested too deeply", line=0),
    Case("YAML nested 100000 deep", text("openapi: 3.0.3\nx: " + "[" * 100_000 + "]" * 100_000 + "\n"), "nesting depth", line=2),
    Case("JSON nested 300 deep", _deep_json(300), "nested deeper than 128 levels", None, 1),
    Case("schemas nested 200 deep", doc(_deep_schema(200), "spec.json"), "nested deeper than 128 levels", None, -1),
    # --- $refs
    Case("unresolved local $ref", doc(document(schemas={"A": {"$ref": "#/components/schemas/B"}})), "no 'B' in /components/schemas", "/components/schemas/A/$ref", -1),
    Case("unresolved $ref in an operation", doc(document({"/a": {"get": operation("getA", {"$ref": "#/components/schemas/Missing"})}}, {})), "unresolved $ref", "/paths/~1a/get/responses/200/content/application~1json/schema/$ref", -1),
    Case("$ref into nothing", doc(document(schemas={"A": {"$ref": "#/nowhere/at/all"}})), "no 'nowhere' in the document", "/components/schemas/A/$ref", -1),
    Case("$ref loop A->B->A", doc(document(schemas={"A": {"$ref": "#/components/schemas/B"}, "B": REF_A})), "$ref chain loops", None, -1),
    Case("$ref to itself", doc(document(schemas={"A": REF_A})), "$ref chain loops", "/components/schemas/A/$ref", -1),
    Case("$ref to an http URL", doc(document(schemas={"A": {"$ref": "http://example.com/s.yaml#/A"}})), "URL is refused", "/components/schemas/A", -1),
    Case("$ref to an https URL in a path", doc(document({"/a": {"$ref": "https://example.com/p.yaml"}})), "URL is refused", "/paths/~1a", -1),
    Case("$ref to a file: URL", doc(document(schemas={"A": {"$ref": "file:///etc/passwd#/A"}})), "URL is refused"),
    Case("$ref to a protocol-relative URL", doc(document(schemas={"A": {"$ref": "//example.com/s.yaml"}})), "URL is refused"),
    Case("$ref to an absolute path", doc(document(schemas={"A": {"$ref": "/etc/passwd"}})), "leaves the spec's directory"),
    Case("$ref up and out of the directory", _outside, "leaves the spec's directory"),
    Case("$ref through a symlink out of the directory", _symlink_out, "leaves the spec's directory"),
    Case("$ref to a missing file", doc(document(schemas={"A": {"$ref": "missing.yaml#/A"}})), "no such file", "/components/schemas/A", -1),
    Case("$ref to a directory", lambda d: (d / "sub").mkdir() or write(d / "spec.yaml", document(schemas={"A": {"$ref": "sub#/A"}})), "not a regular file"),
    Case("$ref to a named pipe", _fifo, "not a regular file"),
    Case("$ref to a broken file", doc(document(schemas={"A": {"$ref": "other.yaml#/A"}}), other__yaml="A: [1,\n"), "invalid YAML"),
    Case("$ref to nothing in a file", doc(document(schemas={"A": {"$ref": "other.yaml#/B"}}), other__yaml="A: {type: string}\n"), "no 'B' in the document of other.yaml"),
    Case("$ref to a scalar", doc(document(schemas={"A": {"$ref": "other.yaml#/A"}}), other__yaml="A: 5\n"), "not an object"),
    Case("$ref with a NUL byte", doc(document(schemas={"A": {"$ref": "a\u0000b.yaml#/A"}}), "spec.json"), "does not name a file"),
    Case("$ref in a symlink loop", lambda d: (d / "loop.yaml").symlink_to(d / "loop.yaml") or write(d / "spec.yaml", document(schemas={"A": {"$ref": "loop.yaml#/A"}})), "cannot read: Too many levels of symbolic links", "/components/schemas/A", -1),
    Case("$ref to a file name too long", doc(document(schemas={"A": {"$ref": "a" * 300 + ".yaml#/A"}})), "cannot read: File name too long", "/components/schemas/A", -1),
    Case("$ref to a folder name too long", doc(document(schemas={"A": {"$ref": "d" * 300 + "/a.yaml"}})), "cannot read: File name too long", "/components/schemas/A", -1),
    Case("$ref to a name too long, lenient", doc(document(schemas={"A": {"$ref": "a" * 300 + ".yaml#/A"}})), "File name too long", "/components/schemas/A", -1, ("--lenient",)),
    Case("$ref fragment not a pointer", doc(document(schemas={"A": {"$ref": "other.yaml#A"}}), other__yaml="A: {type: string}\n"), "must be a JSON pointer"),
    Case("$ref from another file to a URL", doc(document(schemas={"A": {"$ref": "other.yaml#/A"}}), other__yaml="A: {$ref: 'http://x.test/a'}\n"), "URL is refused"),
    # --- validation: every problem at once, located
    Case("duplicate operationIds", doc(document({"/a": {"get": operation("same")}, "/b": {"get": operation("same")}})), "is not unique", "/paths/~1b/get/operationId", -1),
    Case("path parameter not in the template", doc(document({"/a": {"get": operation("getA", parameters=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}])}})), "was not resolved", "/paths/~1a/get", -1),
    Case("template parameter not declared", doc(document({"/a/{id}": {"get": operation("getA")}})), "was not resolved", "/paths/~1a~1{id}/get", -1),
    Case("unbalanced brace in a path", doc(document({"/a/{id": {"get": operation("getA")}})), "", None, None),
    Case("paths missing", yaml_lines(*HEAD[:2]), "'paths' is a required property", None, 1),
    Case("$ref that is a number", doc(document(schemas={"A": {"type": "object", "properties": {"x": {"$ref": 5}}}})), "", None, None),
    # --- the config file
    Case("config: unknown key", doc(document(), spec__generator__yaml="packge: x\n"), "unknown config key 'packge'", "/packge", -1),
    Case("config: distribution that would inject TOML", doc(document(), spec__generator__yaml="distribution: 'x\"\\n[tool.evil]'\n"), "PEP 508 distribution name", "/distribution", -1),
    Case("config: package that is not a module name", doc(document(), spec__generator__yaml="package: ../../x\n"), "Python module name", "/package", -1),
    Case("config: header with a line break", doc(document(), spec__generator__yaml="idempotency_header: \"X-Key\\r\\nEvil: 1\"\n"), "HTTP header name", "/idempotency_header", -1),
    Case("config: license that would inject TOML", doc(document(), spec__generator__yaml="license: 'MIT\"\\n[tool.evil]'\n"), "SPDX license expression", "/license", -1),
    Case("config: license_file outside its directory", doc(document(), spec__generator__yaml="license_file: ../LICENSE\n"), "outside the config file's directory", "/license_file", -1),
    Case("config: invalid YAML", doc(document(), spec__generator__yaml="package: [x\n"), "invalid YAML in config", None, -1),
    Case("config: not a mapping", doc(document(), spec__generator__yaml="- x\n"), "config must be a mapping", None, -1),
    Case("config: missing --config file", doc(document()), "no such file", args=("--config", "does-not-exist.yaml")),
    # --- the config against the spec: what it names must be there, or the SDK would be broken
    Case("config: auth prefix for no scheme", doc(SECURED, spec__generator__yaml=PREFIXED), "spec.yaml has no security scheme 'api-key': did you mean 'api_key'? (its schemes: api_key, bearer)", "/auth_prefixes/api-key", 3),
    Case("config: auth prefix for no scheme, --lenient", doc(SECURED, spec__generator__yaml=PREFIXED), "did you mean 'api_key'?", "/auth_prefixes/api-key", 3, ("--lenient",)),
    Case("config: auth prefix, spec without schemes", doc(document(), spec__generator__yaml=PREFIXED), "no security scheme 'api-key' (it defines none)", "/auth_prefixes/api-key", 3),
    Case("config: auth prefix for no scheme of a Swagger 2.0 spec", doc(SWAGGER, spec__generator__yaml=PREFIXED), "did you mean 'api_key'?", "/auth_prefixes/api-key", 3),
    Case("config: more server names than servers", doc(document(servers=SERVERS[:1]), spec__generator__yaml="package: x\nserver_names: [us, eu]\n"), "server_names lists 2 names but spec.yaml has 1 server: https://us.test", "/server_names", 2),
    Case("config: fewer server names than servers", doc(document(servers=SERVERS), spec__generator__yaml="server_names: [us]\n"), "server_names lists 1 name but spec.yaml has 2 servers: https://us.test, https://eu.test/v1", "/server_names", 1),
    Case("config: server names, spec without servers", doc(document(), spec__generator__yaml="server_names: [us]\n"), "spec.yaml has no servers", "/server_names", 1, ("--lenient",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_fails_with_located_errors(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    monkeypatch.chdir(spec_dir)
    spec = case.build(spec_dir)
    out = tmp_path / "out"
    outcome = run(spec, "-o", out, *case.args)
    outcome.assert_clean_failure()
    error = outcome.error_with(case.fragment)
    if case.pointer is not None:
        assert error["pointer"] == case.pointer, outcome.stderr
    if case.line is not None:
        line = int(error["line"] or 0)
        assert line == case.line or (case.line == -1 and line > 0), outcome.stderr
    assert not out.exists()


def test_a_referenced_file_the_system_will_not_read_is_an_error_at_the_ref(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EACCES (tests run as root, who may read anything: the refusal is simulated)."""
    write(tmp_path / "secret.yaml", {"A": {"type": "string"}})
    spec = write(tmp_path / "spec.yaml", document(schemas={"A": {"$ref": "secret.yaml#/A"}}))

    def refuse(path: Path | str, limit: int | None = None) -> bytes:
        if Path(path).name == "secret.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return read_regular(path, limit)

    monkeypatch.setattr(source, "read_regular", refuse)
    outcome = run(spec, "-o", tmp_path / "out", "--lenient")
    outcome.assert_clean_failure()
    error = outcome.error_with("cannot read: Permission denied")
    assert error["file"] == str(spec) and error["pointer"] == "/components/schemas/A" and int(error["line"]) > 0


@pytest.mark.parametrize(
    ("cpus", "large"),
    [(1, False), (2, False), (2, True)],
    ids=["validated-in-process", "validated-in-a-fork", "validated-in-a-fork-after-the-load"],
)
def test_validation_errors_are_listed_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpus: int, large: bool) -> None:
    monkeypatch.setattr(parallel, "cpus", lambda: cpus)
    monkeypatch.setattr(driver, "LARGE_SPEC_BYTES", 0 if large else driver.LARGE_SPEC_BYTES)
    spec = write(
        tmp_path / "spec.yaml",
        document(
            {
                "/a": {"get": operation("same")},
                "/b": {"get": operation("same")},
                "/c/{id}": {"get": operation("getC")},
            },
            {"A": {"type": "object", "required": "not-a-list"}},
        ),
    )
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    assert len(outcome.errors) >= 3, outcome.stderr
    assert outcome.lines[-1].startswith("hint: --lenient"), outcome.stderr
    assert all(int(e["line"] or 0) > 0 for e in outcome.errors), outcome.stderr


def test_lenient_turns_validation_errors_into_warnings(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", document({"/a": {"get": operation("same")}, "/b": {"get": operation("same")}}))
    outcome = run(spec, "-o", tmp_path / "out", "--lenient")
    assert outcome.code == 0, outcome.stderr
    assert any("is not unique" in w["message"] for w in outcome.warnings), outcome.stderr


def test_errors_no_lenient_can_fix_come_without_the_lenient_hint(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", document(schemas={"A": {"$ref": "#/components/schemas/B"}}))
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    assert "--lenient" not in outcome.stderr


def test_two_operations_with_the_same_method_name_are_renamed_with_a_warning(tmp_path: Path) -> None:
    # Untagged: both are `a.list`, from their paths.
    spec = write(tmp_path / "spec.yaml", document({"/v1/a": {"get": operation("getA")}, "/v2/a": {"get": operation("get_a")}}))
    outcome = run(spec, "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    [warning] = [w for w in outcome.warnings if "taken" in w["message"]]
    assert warning["pointer"] == "/paths/~1v2~1a/get" and int(warning["line"]) > 0


def test_control_characters_in_a_reported_key_stay_on_one_line(tmp_path: Path) -> None:
    evil = "x\n\x1b[2J\u202eerror: fake\r"
    spec = write(tmp_path / "spec.json", document(schemas={evil: {"$ref": "#/components/schemas/Nope"}}))
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    assert "\x1b" not in outcome.stderr and "\u202e" not in outcome.stderr and "\r" not in outcome.stderr
    [error] = outcome.errors
    assert "\\x1b[2J" in error["pointer"] and "\\n" in error["pointer"]


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_BYTES", 10_000)
    spec = write(tmp_path / "spec.yaml", "openapi: 3.0.3\n" + "# padding\n" * 2000)
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    outcome.error_with("too large")


def test_referred_files_share_one_size_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TOTAL_BYTES", 30_000)
    schemas = {f"S{i}": {"$ref": f"part{i}.yaml#/S"} for i in range(5)}
    for i in range(5):
        write(tmp_path / f"part{i}.yaml", "S: {type: string}\n" + "# padding\n" * 1000)
    spec = write(tmp_path / "spec.yaml", document(schemas=schemas))
    outcome = run(spec, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    outcome.error_with("too large")


def test_files_that_refer_to_each_other_are_bundled(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", {"A": {"type": "object", "properties": {"b": {"$ref": "b.yaml#/B"}}}})
    write(tmp_path / "b.yaml", {"B": {"type": "object", "properties": {"a": {"$ref": "a.yaml#/A"}, "root": {"$ref": "spec.yaml#/components/schemas/Root"}}}})
    write(tmp_path / "params.yaml", {"P": {"name": "q", "in": "query", "schema": {"$ref": "b.yaml#/B/properties/a"}}})
    spec = write(
        tmp_path / "spec.yaml",
        document(
            {"/a": {"get": operation("getA", {"$ref": "a.yaml#/A"}, parameters=[{"$ref": "params.yaml#/P"}])}},
            {"Root": {"type": "object", "properties": {"x": {"type": "string"}}}},
        ),
    )
    outcome = run(spec, "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    models = "".join(p.read_text() for p in sorted((tmp_path / "out" / "hostile" / "models").glob("*.py")))
    assert "class A(" in models and "class B(" in models and "class Root(" in models
    assert "class Root_(" not in models and "Root2" not in models  # a $ref back into the spec is not a copy


def test_an_inline_ref_cycle_across_files_terminates(tmp_path: Path) -> None:
    write(tmp_path / "other.yaml", {"node": {"type": "object", "properties": {"next": {"$ref": "#/node"}}}})
    spec = write(tmp_path / "spec.yaml", document({"/a": {"get": operation("getA", {"$ref": "other.yaml#/node"})}}))
    outcome = run(spec, "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_a_spec_given_as_json_with_a_yaml_suffix_is_read(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", json.dumps(document({"/a": {"get": operation("getA")}})))
    outcome = run(spec, "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr


SWAGGER_UPLOAD = {
    "swagger": "2.0",
    "info": {"title": "Legacy", "version": "1.0.0"},
    "paths": {
        "/upload": {
            "post": {
                "operationId": "upload",
                "consumes": ["multipart/form-data"],
                "parameters": [{"name": "f", "in": "formData", "type": "file"}],
                "responses": {"200": {"description": "ok", "schema": {"type": "object", "required": "bad"}}},
            }
        },
        "/photo": {"get": {"operationId": "photo", "produces": ["image/png"], "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}}},
    },
}


def test_a_schema_error_is_placed_in_the_schema_not_at_a_lookalike(tmp_path: Path) -> None:
    outcome = run(write(tmp_path / "spec.json", SWAGGER_UPLOAD), "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    assert outcome.error_with("'bad' is not of type 'array'")["pointer"] == "/paths/~1upload/post/responses/200/schema/required"


def test_a_swagger_file_response_is_valid(tmp_path: Path) -> None:
    spec = json.loads(json.dumps(SWAGGER_UPLOAD))
    del spec["paths"]["/upload"]["post"]["responses"]["200"]["schema"]
    outcome = run(write(tmp_path / "spec.json", spec), "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr


def test_a_default_that_does_not_fit_its_schema_is_located(tmp_path: Path) -> None:
    """The validator checks a default on its own and says where only by the value."""
    param = {"name": "q", "in": "query", "schema": {"type": "string", "default": 1}}
    spec = document(
        {"/a": {"get": operation("getA", parameters=[param])}},
        {"S": {"type": "string", "default": 1}, "N": {"type": "integer", "default": 1}},
    )
    outcome = run(write(tmp_path / "spec.yaml", spec), "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    located = sorted((e["pointer"], e["message"]) for e in outcome.errors)
    assert located == [
        ("/components/schemas/S/default", "1 is not of type 'string'"),
        ("/paths/~1a/get/parameters/0/schema/default", "1 is not of type 'string'"),
    ], outcome.stderr
    assert all(int(e["line"] or 0) > 0 for e in outcome.errors)


def test_a_failed_one_of_names_its_most_likely_cause(tmp_path: Path) -> None:
    """`const` is not a 3.0 keyword: said at the schema that uses it, not as a dump of the response."""
    schema = {"type": "object", "properties": {"kind": {"type": "string", "const": "a"}}}
    spec = document({"/a": {"get": operation("getA", schema)}})
    outcome = run(write(tmp_path / "spec.yaml", spec), "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    [error] = outcome.errors
    assert error["pointer"] == "/paths/~1a/get/responses/200/content/application~1json/schema/properties/kind"
    assert error["message"] == "unexpected keyword 'const': only x- extensions may be added here"
    assert int(error["line"]) > 0
