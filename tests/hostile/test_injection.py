"""Spec text never becomes code: every string field of a spec carries a payload, and nothing runs.

The payloads try every way out of a Python string or docstring (closing quotes,
backslashes before the closing quote, `\\N{...}`, line breaks Python counts and
editors do not, a UTF-7 coding cookie, Jinja syntax). The generated package must
compile, import (in a fresh interpreter, in an empty directory), create no file,
and hold the spec's text as data: enum values, the path template, server URLs,
aliases and docstrings come back exactly.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import generate, python

MARK = "PWNED"
PAYLOADS = [
    f'"""; import os; os.system("touch {MARK}1"); """',
    f"'''; __import__('os').system('touch {MARK}2'); '''",
    f'\\"""; import os; os.system("touch {MARK}3") #',
    "\\N{BULLET} \\x41 \\u0041 \\ ends with a backslash \\",
    "ends with a quote\"",
    "line\u2028separator\u2029paragraph\x85next line\x0bvtab\x0cformfeed\r\ncrlf\x00nul\x1b[31mansi\ttab",
    f"\n\nimport os\nos.system('touch {MARK}4')\n#",
    f'"\n"""\n__import__("os").system("touch {MARK}5")\n"""\n"',
    "{{ 7 * 7 }} {% raw %}{% endraw %} ${HOME} %s {0} {{",
    f"Safe.\n# -*- coding: utf-7 -*-\n+ACIAIgAi-+AAo-import os+ADs-os.system(+ACI-touch {MARK}6+ACI-)+AAo-+ACIAIgAi-",
    "<script>alert(1)</script> ](javascript:alert(1)) ```",
    f"__import__('os').system('touch {MARK}7')",
    f"); import os; os.system('touch {MARK}8'); (",
    "\u202etxt.exe\u202c RTL override",
]
P = PAYLOADS
TITLE = P[0] + " " + P[1]  # both kinds of quote


def payload(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


def hostile_spec() -> dict[str, Any]:
    """A valid OpenAPI 3.0 document whose every free-text field, name and value is a payload."""
    enum_values = [p for p in PAYLOADS if "\x00" not in p] + ["", " ", "None", "True", "class", "__init__"]
    return {
        "openapi": "3.0.3",
        "info": {"title": TITLE, "version": P[1], "description": P[2] + P[3]},
        "servers": [
            {"url": "https://api.test/" + P[3], "description": P[0], "variables": {P[0]: {"default": P[1], "enum": [P[1], P[4]]}}},
            {"url": "https://{region}.api.test", "variables": {"region": {"default": P[6]}}},
        ],
        "tags": [{"name": P[0], "description": P[9]}, {"name": "../../escape", "description": P[5]}, {"name": "__init__", "description": P[7]}],
        "paths": {
            "/items/{" + P[0] + "}/" + P[1]: {
                "parameters": [{"name": P[0], "in": "path", "required": True, "schema": {"type": "string"}, "description": P[3]}],
                "get": {
                    "operationId": P[0],
                    "summary": P[2],
                    "description": P[5],
                    "tags": [P[0]],
                    "parameters": [
                        {"name": P[1], "in": "query", "schema": {"type": "string", "enum": enum_values, "default": P[4]}, "description": P[7]},
                        {"name": P[12], "in": "header", "schema": {"type": "integer", "default": 1}},
                        {"name": P[11], "in": "cookie", "schema": {"type": "string", "example": P[6]}},
                    ],
                    "responses": {
                        "200": {"description": P[0], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item~1" + "Evil"}}}},
                        "default": {"description": P[1], "content": {"application/json": {"schema": {"type": "object", "properties": {P[0]: {"type": "string"}}}}}},
                    },
                },
                "post": {
                    "operationId": "../../etc/passwd",
                    "tags": ["../../escape"],
                    "x-speakeasy-group": "__init__.os.system",
                    "x-speakeasy-name-override": P[7],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/__init__"}}}},
                    "responses": {"201": {"description": P[8]}},
                },
            },
            "/" + P[11]: {
                "get": {"operationId": "__import__", "tags": ["/absolute/path"], "summary": P[9], "responses": {"204": {"description": P[10]}}},
                "put": {"operationId": P[12], "tags": ["__init__"], "responses": {"204": {"description": P[13]}}},
            },
        },
        "components": {
            "securitySchemes": {
                P[0]: {"type": "apiKey", "in": "header", "name": P[11].replace(" ", ""), "description": P[3]},
                P[1]: {"type": "http", "scheme": "bearer", "description": P[9]},
            },
            "schemas": {
                "Item/Evil": {
                    "type": "object",
                    "title": P[0],
                    "description": P[1],
                    "required": [P[0]],
                    "properties": {
                        P[0]: {"type": "string", "description": P[3], "default": P[4], "example": P[0]},
                        P[1]: {"type": "string", "enum": enum_values},
                        "__class__": {"type": "integer", "default": 5},
                        "model_config": {"type": "string", "description": P[9]},
                        P[5]: {"type": "number", "enum": [1.5, -2.25]},
                        P[8]: {"type": "integer", "enum": [1, 2, -3]},
                        "self": {"type": "string", "pattern": P[0]},
                        "nested": {"type": "object", "description": P[6], "properties": {P[7]: {"type": "boolean", "description": P[7]}}},
                    },
                },
                "__init__": {"type": "object", "description": P[0], "properties": {"os": {"type": "string"}, P[4]: {"type": "boolean"}}},
                "../../x": {"type": "string", "enum": [P[0], P[1]], "description": P[5]},
                P[0]: {"oneOf": [{"$ref": "#/components/schemas/__init__"}, {"$ref": "#/components/schemas/Item~1Evil"}], "description": P[9]},
                P[7]: {"type": "array", "items": {"type": "string", "enum": [P[7], P[8]]}, "description": P[10]},
            },
        },
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    root = tmp_path_factory.mktemp("injection")
    out, package = generate(root, hostile_spec())
    return out, package, root


def python_sources(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.py"))}


def test_every_file_stays_inside_the_output_directory_with_a_plain_name(generated: tuple[Path, str, Path]) -> None:
    out, package, root = generated
    manifest = json.loads((out / ".generated-by-pyclient.json").read_text())
    for relative in manifest["files"]:
        assert (out / relative).resolve().is_relative_to(out.resolve()), relative
        *dirs, name = relative.split("/")
        assert all(d.isidentifier() and d.isascii() and d.islower() for d in dirs), relative
        assert name in ("pyproject.toml", "README.md", "api.md", "api.json", "py.typed") or (name.endswith(".py") and name[:-3].isidentifier() and name.isascii()), relative
    assert sorted(p.name for p in root.iterdir()) == ["out", "spec"]
    names = [p.lower() for p in manifest["files"]]
    assert len(names) == len(set(names)), "two files differ only in case"


def test_spec_text_only_ever_appears_inside_string_literals(generated: tuple[Path, str, Path]) -> None:
    out, _, _ = generated
    forbidden_calls = {"system", "__import__", "exec", "eval", "popen", "spawn", "compile"}
    for relative, source in python_sources(out).items():
        if "/_runtime/" in relative:
            continue
        tree = ast.parse(source, relative)  # also: it compiles
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                assert name not in forbidden_calls, f"{relative}:{node.lineno}: a call to {name}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                assert not {"os", "subprocess", "sys", "shutil"} & set(modules), f"{relative}:{node.lineno}: imports {modules}"


def test_the_package_imports_and_nothing_runs(generated: tuple[Path, str, Path]) -> None:
    out, package, root = generated
    workdir = root / "run"
    code = f"""
import importlib, pkgutil, httpx
pkg = importlib.import_module({package!r})
for info in pkgutil.walk_packages(pkg.__path__, {package!r} + "."):
    importlib.import_module(info.name)
client_cls = getattr(pkg, pkg.__all__[0])
client = client_cls(http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(204))))
resources = [name for name, value in vars(type(client)).items() if hasattr(value, "__set_name__") and not name.startswith("_")]
for name in resources:
    getattr(client, name)
print("ok", len(resources))
"""
    assert python(out, code, workdir).startswith("ok")
    created = [p for p in root.rglob(f"*{MARK}*")] + [p for p in Path.cwd().glob(f"*{MARK}*")]
    assert not created, created


def test_spec_text_comes_back_as_data(generated: tuple[Path, str, Path]) -> None:
    out, package, root = generated
    spec = hostile_spec()
    path = next(iter(spec["paths"]))
    code = f"""
import importlib, json, pkgutil, sys
pkg = importlib.import_module({package!r})
client = importlib.import_module({package!r} + "._client")
models = importlib.import_module({package!r} + ".models")
found = {{"paths": [], "enums": [], "aliases": [], "docs": []}}
for info in pkgutil.walk_packages(pkg.__path__, {package!r} + "."):
    module = importlib.import_module(info.name)
    for value in vars(module).values():
        if type(value).__name__ == "Endpoint":
            found["paths"].append(value.path)
for value in [getattr(models, name) for name in models.__all__]:
    if isinstance(value, type) and value.__module__.startswith(models.__name__ + "."):
        found["docs"].append(value.__doc__ or "")
        if hasattr(value, "__members__"):
            found["enums"].extend(str(m.value) for m in value)
        for field in getattr(value, "model_fields", {{}}).values():
            if field.serialization_alias:
                found["aliases"].append(field.serialization_alias)
settings = client.SETTINGS
found["servers"] = [s.url for s in settings.servers]
found["variables"] = [(v.name, v.default, list(v.enum)) for s in settings.servers for v in s.variables]
found["schemes"] = sorted(settings.security_schemes)
print(json.dumps(found))
"""
    found = json.loads(python(out, code, root / "run"))
    assert path in found["paths"]
    assert "/" + P[11] in found["paths"]
    item = spec["components"]["schemas"]["Item/Evil"]
    assert set(item["properties"][P[1]]["enum"]) <= set(found["enums"])
    assert set(spec["components"]["schemas"]["../../x"]["enum"]) <= set(found["enums"])
    assert {P[0], P[1], P[5], P[8]} <= set(found["aliases"])
    assert found["servers"][0] == spec["servers"][0]["url"].rstrip("/")
    assert [P[0], P[1], [P[1], P[4]]] in found["variables"]
    assert found["schemes"] == sorted([P[0], P[1]])
    # Docstrings keep the text readable: the quotes and backslashes are there, as text.
    assert any(P[1] in doc for doc in found["docs"]), found["docs"]


def test_pyproject_is_valid_toml_holding_the_title(generated: tuple[Path, str, Path]) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    out, _, _ = generated
    project = tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["description"] == "Python client for " + TITLE


def test_pyproject_is_valid_toml_for_a_title_with_one_kind_of_quote(tmp_path: Path) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    for i, title in enumerate(['say "hi"', "it's", "back\\slash", "tab\there"]):
        out, _ = generate(tmp_path / str(i), {"openapi": "3.0.3", "info": {"title": title, "version": "1"}, "paths": {}})
        project = tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert project["name"] and "Python client for" in project["description"]


def test_the_package_type_checks_strictly(generated: tuple[Path, str, Path]) -> None:
    import os
    import subprocess
    import sys

    out, package, root = generated
    workdir = root / "mypy"
    workdir.mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(workdir / "cache"), "-p", package],
        cwd=workdir, env={**os.environ, "MYPYPATH": str(out)}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
