"""Parameters: path, query, header and cookie; style and explode; shared and path-level ones."""

from __future__ import annotations

from typing import Any

import pytest

from .support import Generated, Server, mypy_params, ok, openapi


def query(name: str, schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema, **extra}


def pairs(request: Any) -> list[str]:
    """The raw query string's ``name=value`` items, in order."""
    return [item for item in request.url.query.decode().split("&") if item]


STRINGS = {"type": "array", "items": {"type": "string"}}
POINT = {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}}

SPEC = openapi(
    paths={
        "/orgs/{org_id}/items/{item_id}": {
            # Path-level parameters apply to every operation below.
            "parameters": [
                {"name": "org_id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"$ref": "#/components/parameters/TraceId"},
                query("verbose", {"type": "boolean"}),
            ],
            "get": {
                "operationId": "getItem",
                "tags": ["items"],
                "parameters": [
                    {
                        "name": "item_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                    {"$ref": "#/components/parameters/Limit"},
                    {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                    {"name": "theme", "in": "cookie", "schema": {"type": "string"}},
                    {"name": "X-Dry-Run", "in": "header", "schema": {"type": "boolean"}},
                    {"name": "X-Tags", "in": "header", "schema": STRINGS},
                ],
                "responses": ok({"type": "object"}),
            },
            "delete": {
                "operationId": "deleteItem",
                "tags": ["items"],
                "parameters": [
                    {
                        "name": "item_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                    # Overrides the path-level parameter of the same name and location.
                    query("verbose", {"type": "integer"}, required=True),
                ],
                "responses": {"204": {"description": "gone"}},
            },
        },
        "/search": {
            "get": {
                "operationId": "search",
                "tags": ["items"],
                "parameters": [
                    {"$ref": "#/components/parameters/Limit"},
                    query("ids", {"type": "array", "items": {"type": "integer"}}),
                    query("csv", STRINGS, explode=False),
                    query("piped", STRINGS, style="pipeDelimited", explode=False),
                    query("spaced", STRINGS, style="spaceDelimited", explode=False),
                    query(
                        "filter",
                        {
                            "type": "object",
                            "properties": {
                                "status": {"type": "string"},
                                "min": {"type": "integer"},
                            },
                        },
                        style="deepObject",
                        explode=True,
                    ),
                    query("point", POINT, explode=True),
                    query("flat_point", POINT, explode=False),
                    query("q", {"type": "string"}),
                    query("required_flag", {"type": "boolean"}, required=True),
                ],
                "responses": ok({"type": "object"}),
            }
        },
    },
    components={
        "parameters": {
            "Limit": query("limit", {"type": "integer", "default": 20}),
            "TraceId": {"name": "X-Trace-Id", "in": "header", "schema": {"type": "string"}},
        }
    },
)


@pytest.fixture(scope="module")
def items(generate: Any) -> Generated:
    return generate(SPEC, "parameters")


@pytest.fixture
def client(items: Generated, server: Server) -> Any:
    return items.client(server).items


def test_path_header_cookie_and_shared_parameters(client: Any, server: Server) -> None:
    client.get_item(
        "acme corp",
        5,
        limit=3,
        session="abc",
        theme="dark",
        x_dry_run=True,
        x_tags=["a", "b"],
        x_trace_id="t-1",
        verbose=False,
    )
    request = server.last
    assert request.method == "GET"
    assert request.url.path == "/orgs/acme corp/items/5"
    assert request.url.raw_path.startswith(b"/orgs/acme%20corp/items/5?")
    assert sorted(pairs(request)) == ["limit=3", "verbose=false"]
    assert request.headers["X-Dry-Run"] == "true"
    assert request.headers["X-Tags"] == "a,b"
    assert request.headers["X-Trace-Id"] == "t-1"


def test_cookie_parameters_are_sent_as_cookies(client: Any, server: Server) -> None:
    client.get_item("o", 1, session="abc", theme="dark")
    assert server.last.headers["Cookie"] == "session=abc; theme=dark"
    assert "session" not in server.last.url.params
    assert "session" not in server.last.headers


def test_a_cookie_value_cannot_inject_another_cookie(client: Any, server: Server) -> None:
    client.get_item("o", 1, session="abc; admin=true", theme='"d\u00e4rk", x')
    cookie = server.last.headers["Cookie"]
    assert cookie == "session=abc%3B%20admin=true; theme=%22d%C3%A4rk%22%2C%20x"
    assert cookie.count(";") == 1


@pytest.mark.parametrize("value", [".", ".."])
def test_dot_path_segments_are_refused(client: Any, server: Server, value: str) -> None:
    with pytest.raises(ValueError, match="org_id"):
        client.get_item(value, 1)
    assert server.requests == []


def test_omitted_optional_parameters_are_not_sent(client: Any, server: Server) -> None:
    client.get_item("o", 1)
    request = server.last
    assert request.url.raw_path == b"/orgs/o/items/1"
    assert "Cookie" not in request.headers
    assert "X-Trace-Id" not in request.headers and "X-Dry-Run" not in request.headers


def test_operation_parameter_overrides_the_path_level_one(client: Any, server: Server) -> None:
    server.reply(204)
    assert client.delete_item("o", 9, verbose=2) is None
    assert server.last.method == "DELETE"
    assert server.last.url.raw_path == b"/orgs/o/items/9?verbose=2"


@pytest.mark.parametrize(
    ("arguments", "query_string"),
    [
        ({"ids": [1, 2]}, "ids=1&ids=2"),
        ({"csv": ["a", "b,c"]}, "csv=a,b%2Cc"),
        ({"piped": ["a", "b"]}, "piped=a|b"),
        ({"spaced": ["a", "b"]}, "spaced=a%20b"),
        ({"q": "a&b=c d"}, "q=a%26b%3Dc%20d"),
        ({"limit": 0}, "limit=0"),
    ],
)
def test_query_styles(
    client: Any, server: Server, arguments: dict[str, Any], query_string: str
) -> None:
    client.search(required_flag=True, **arguments)
    assert [p for p in pairs(server.last) if p != "required_flag=true"] == query_string.split("&")


@pytest.mark.parametrize(
    ("name", "model", "fields", "query_string"),
    [
        (
            "filter",
            "SearchFilter",
            {"status": "open", "min": 2},
            "filter%5Bstatus%5D=open&filter%5Bmin%5D=2",
        ),
        ("point", "SearchPoint", {"x": 1, "y": 2}, "x=1&y=2"),
        ("flat_point", "SearchFlatPoint", {"x": 1, "y": 2}, "flat_point=x,1,y,2"),
    ],
)
def test_object_query_styles(
    items: Generated,
    client: Any,
    server: Server,
    name: str,
    model: str,
    fields: dict[str, Any],
    query_string: str,
) -> None:
    client.search(required_flag=True, **{name: getattr(items.models, model)(**fields)})
    assert [p for p in pairs(server.last) if p != "required_flag=true"] == query_string.split("&")


def test_required_query_parameter_is_required(client: Any) -> None:
    with pytest.raises(TypeError):
        client.search()


MYPY_CHECKED = ("items",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
