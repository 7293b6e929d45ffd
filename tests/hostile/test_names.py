"""Names from a spec cannot escape, shadow or overwrite: each resource, method and endpoint stays itself.

Names are made in `generator/ir/naming.py` and `generator/render/`; these tests drive
the generated client against `httpx.MockTransport` and check which request each method
sends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import document, generate, python


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
import pydantic
assert models.BaseModel is not None
assert issubclass(models.BaseModel2 if hasattr(models, "BaseModel2") else models.BaseModel, pydantic.BaseModel)
assert client.escape.etc_passwd().path == "/a"
assert client.init.init().path == "/b"
print("ok")
"""
    assert python(out, code, tmp_path / "run").strip() == "ok"
