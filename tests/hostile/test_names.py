"""Names from a spec cannot escape, shadow or overwrite: each resource, method and endpoint stays itself.

Names are made in `generator/ir/identifiers.py` and `generator/render/`; these tests drive
the generated client against `httpx.MockTransport` and check which request each method
sends.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import document, generate, python, run, write


def answering_op(operation_id: str, **extra: Any) -> dict[str, Any]:
    schema = {"type": "object", "properties": {"path": {"type": "string"}}}
    return {
        "operationId": operation_id,
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}},
        **extra,
    }


CLIENT = """
import importlib, json, httpx
pkg = importlib.import_module({package!r})
Client = getattr(pkg, pkg.__all__[0])
client = Client(base_url="https://api.test", max_retries=0,
                http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json={{"path": r.url.path}}))))
"""


def calls(out: Path, package: str, root: Path, expressions: dict[str, str]) -> dict[str, Any]:
    """Evaluate `expressions` against a client whose server answers with the path it was sent."""
    code = CLIENT.format(package=package) + "\n".join(
        [
            "found = {}",
            *(
                f"try:\n    found[{key!r}] = repr({expr})\nexcept Exception as exc:\n    found[{key!r}] = 'raised ' + type(exc).__name__"
                for key, expr in expressions.items()
            ),
            "print(json.dumps(found))",
        ]
    )
    return dict(json.loads(python(out, code, root / "run")))


@pytest.fixture(scope="module")
def nested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    root = tmp_path_factory.mktemp("nested")
    spec = document(
        {
            "/5": {"get": answering_op("z", **{"x-speakeasy-group": "a.b_c"})},
            "/6": {"get": answering_op("zz", **{"x-speakeasy-group": "a.b.c", "x-speakeasy-name-override": "z"})},
            "/7": {"get": answering_op("cX", **{"x-speakeasy-group": "a.b"})},
            "/8": {"get": answering_op("x8", **{"x-speakeasy-group": "a.b.c", "x-speakeasy-name-override": "x"})},
        }
    )
    out, package = generate(root, spec)
    return out, package, root


def test_groups_whose_names_join_alike_keep_their_own_operations(nested: tuple[Path, str, Path]) -> None:
    found = calls(*nested, {"bc": "client.a.b_c.z().path", "b.c": "client.a.b.c.z().path"})
    assert found == {"bc": "'/5'", "b.c": "'/6'"}


def test_endpoint_constants_do_not_collide(nested: tuple[Path, str, Path]) -> None:
    found = calls(*nested, {"c_x": "client.a.b.c_x().path", "c.x": "client.a.b.c.x().path"})
    assert found == {"c_x": "'/7'", "c.x": "'/8'"}


@pytest.fixture(scope="module")
def shadowing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    root = tmp_path_factory.mktemp("shadowing")
    spec = document(
        {
            "/close": {"get": answering_op("list", tags=["close"])},
            "/timeout": {"get": answering_op("list2", tags=["timeout"])},
            "/base-url": {"get": answering_op("baseUrl")},
            "/max-retries": {"get": answering_op("maxRetries")},
            "/with-options": {"get": answering_op("withOptions")},
        }
    )
    out, package = generate(root, spec)
    return out, package, root


def test_a_resource_cannot_replace_a_client_method(shadowing: tuple[Path, str, Path]) -> None:
    found = calls(
        *shadowing,
        {"close": "(client.close(), 'closed')[1]", "timeout": "type(client.timeout).__name__", "with": "client.__exit__(None, None, None)"},
    )
    assert found == {"close": "'closed'", "timeout": "'Timeout'", "with": "None"}


def test_an_operation_cannot_replace_a_client_property(shadowing: tuple[Path, str, Path]) -> None:
    found = calls(*shadowing, {"base_url": "str(client.base_url)", "max_retries": "client.max_retries"})
    assert found == {"base_url": "'https://api.test'", "max_retries": "0"}


def test_reserved_and_escaping_names_are_sanitized(tmp_path: Path) -> None:
    spec = document(
        {
            "/a": {"get": answering_op("../../etc/passwd", tags=["../../escape"])},
            "/b": {"get": answering_op("__init__", tags=["__init__"])},
            "/c": {"get": answering_op("withOptions", tags=["/absolute/path"])},
            "/d": {"get": answering_op("class", tags=["Models"])},
            "/e": {"get": answering_op("Model", tags=["models"])},
        },
        {
            "BaseModel": {"type": "object", "properties": {"a": {"type": "string"}}},
            "Field": {"type": "object", "properties": {"b": {"type": "string"}}},
            "Any": {"type": "object", "properties": {"c": {"$ref": "#/components/schemas/Any"}}},
            "x": {"type": "object", "properties": {"d": {"type": "string"}}},
            "X": {"type": "object", "properties": {"e": {"type": "string"}}},
            "../../y": {"type": "string", "enum": ["a"]},
            "None": {"type": "string"},
            "class": {"type": "object", "properties": {"class": {"type": "string"}, "model_dump": {"type": "integer"}}},
        },
    )
    out, package = generate(tmp_path, spec)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert all(".." not in f and not f.startswith("/") for f in files)
    lowered = [f.lower() for f in files]
    assert len(set(lowered)) == len(lowered)
    code = CLIENT.format(package=package) + """
models = importlib.import_module(pkg.__name__ + ".models")
import pydantic, sys
schema = models.BaseModel2  # the schema named BaseModel: its module's `BaseModel` is still the runtime's
assert issubclass(schema, pydantic.BaseModel) and sys.modules[schema.__module__].BaseModel is pkg._runtime.BaseModel
assert client.escape.etc_passwd().path == "/a"
assert client.init.init().path == "/b"
print("ok")
"""
    assert python(out, code, tmp_path / "run").strip() == "ok"


def pet_op(operation_id: str, tag: str) -> dict[str, Any]:
    return answering_op(operation_id, tags=[tag]) | {
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}
    }


@pytest.fixture(scope="module")
def python_named(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """Tags, methods and properties named like what the generated code itself uses."""
    root = tmp_path_factory.mktemp("python_named")
    kind = {"type": "string", "enum": ["cat"]}
    spec = document(
        {
            "/a": {"get": pet_op("getA", "functools")},
            "/b": {"get": pet_op("getB", "models")},
            "/c": {"get": answering_op("getC", tags=["users"])},
            "/d": {"get": answering_op("getD", tags=["async users"])},
            "/e": {"get": answering_op("str", tags=["pets"])},
            "/f": {"get": answering_op("models", tags=["pets"], parameters=[{"name": "q", "in": "query", "schema": {"type": "string"}}])},
            "/g": {"get": answering_op("getG", tags=["httpx"])},
        },
        {
            "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": kind, "discriminate": {"type": "string"}}},
            "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["dog"]}}},
            "Pet": {
                "type": "object",
                "properties": {
                    "discriminate": {"type": "string"},
                    "frozenset": {"type": "string", "nullable": True},
                    "animal": {
                        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                        "discriminator": {"propertyName": "kind"},
                    },
                },
            },
        },
    )
    out, package = generate(root, spec)
    return out, package, root


def test_names_the_generated_code_uses_still_import_and_work(python_named: tuple[Path, str, Path]) -> None:
    found = calls(
        *python_named,
        {
            "models": "type(client.models.get_b()).__name__",
            "functools": "client.functools_.get_a().path",
            "fields": "sorted(type(client.models.get_b()).model_fields)",
            "users": "client.users.get_c().path",
            "async_users": "client.async_users.get_d().path",
            "str": "client.pets.str_().path",
            "models_method": "client.pets.models(q='x').path",
            "httpx": "client.httpx_.get_g().path",
        },
    )
    assert found == {
        "models": "'Pet'",
        "functools": "'/a'",
        "fields": "['animal', 'discriminate_', 'frozenset_']",
        "users": "'/c'",
        "async_users": "'/d'",
        "str": "'/e'",
        "models_method": "'/f'",
        "httpx": "'/g'",
    }


def test_names_the_generated_code_uses_pass_mypy_strict(python_named: tuple[Path, str, Path]) -> None:
    out, package, root = python_named
    env = {**os.environ, "MYPYPATH": str(out)}
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(root / "mypy"), "-p", package]
    result = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("title", "package", "client"),
    [
        ("GitHub v3 REST API", "github", "GitHub"),
        ("OpenAI API", "openai", "OpenAI"),
        ("Swagger Petstore", "swagger_petstore", "SwaggerPetstore"),
        ("Stripe API 2021-09", "stripe", "Stripe"),
    ],
)
def test_package_names_from_titles_read_as_people_write_them(tmp_path: Path, title: str, package: str, client: str) -> None:
    spec = document({"/a": {"get": answering_op("getA")}})
    spec["info"]["title"] = title
    out, found = generate(tmp_path, spec)
    assert found == package
    assert f"class {client}(SyncAPIClient)" in (out / package / "_client.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(("title", "package"), [("Email", "email_client"), ("Typing", "typing_client"), ("Httpx", "httpx_client")])
def test_a_title_that_would_shadow_a_module_is_renamed_with_a_warning(tmp_path: Path, title: str, package: str) -> None:
    spec = document({"/a": {"get": answering_op("getA")}})
    spec["info"]["title"] = title
    path = write(tmp_path / "spec" / "spec.json", spec)
    outcome = run(path, "-o", tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    [warning] = [w for w in outcome.warnings if "shadow" in w["message"]]
    assert warning["pointer"] == "/info/title" and package in warning["message"]
    assert python(tmp_path / "out", f"import {package}; print({package}.__name__)", tmp_path / "run").strip() == package


@pytest.mark.parametrize("package", ["os", "typing", "pydantic"])
def test_a_configured_package_that_would_shadow_a_module_is_refused(tmp_path: Path, package: str) -> None:
    path = write(tmp_path / "spec" / "spec.json", document({"/a": {"get": answering_op("getA")}}))
    config = tmp_path / "spec" / "spec.generator.yaml"
    config.write_text(f"client: Demo\npackage: {package}\n", encoding="utf-8")
    outcome = run(path, "-o", tmp_path / "out")
    outcome.assert_clean_failure()
    error = outcome.error_with("shadow")
    assert error["file"].endswith("spec.generator.yaml") and error["line"] == "2"
    assert not (tmp_path / "out").exists()
