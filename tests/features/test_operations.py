"""Operations: without operationId, with duplicate operationIds, with awkward ids, without tags."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from .support import Generated, Server, mypy_params, ok, openapi

OBJECT = {"type": "object", "properties": {"where": {"type": "string"}}}


def op(
    tags: list[str] | None = None, operation_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    operation: dict[str, Any] = {"responses": ok(OBJECT), **extra}
    if tags is not None:
        operation["tags"] = tags
    if operation_id is not None:
        operation["operationId"] = operation_id
    return operation


SPEC = openapi(
    paths={
        "/pets": {"get": op(["pets"]), "post": op(["pets"])},
        "/pets/{petId}": {
            "parameters": [
                {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": op(["pets"]),
            "delete": op(["pets"]),
        },
        "/keyword": {"get": op(["things"], "import")},
        "/reserved": {"get": op(["things"], "with_raw_response")},
        "/spaced-tag": {"get": op(["Pet Store"], "ping")},
    },
)

DUPLICATES = openapi(
    paths={
        "/a": {"get": op(["things"], "listThings")},
        "/b": {"get": op(["things"], "listThings")},
        "/c": {"get": op(["things"], "list_things")},
    },
)

UNTAGGED = openapi(
    paths={
        "/untagged": {"get": op(None, "getUntagged")},
        "/untagged/{id}": {
            "get": op(
                None,
                parameters=[
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
            )
        },
        "/tagged": {"get": op(["tagged"], "getTagged")},
    },
)


@pytest.fixture(scope="module")
def operations(generate: Any) -> Generated:
    return generate(SPEC, "operations")


@pytest.fixture(scope="module")
def duplicates(generate: Any) -> Generated:
    # Duplicate operationIds make the spec invalid, so validation needs --lenient.
    return generate(DUPLICATES, "duplicate_ids", args=("--lenient",))


@pytest.fixture(scope="module")
def untagged(generate: Any) -> Generated:
    return generate(UNTAGGED, "untagged")


def methods(resource: Any) -> list[str]:
    return [
        name
        for name, value in inspect.getmembers(type(resource), inspect.isfunction)
        if not name.startswith("_")
    ]


def test_operations_without_operation_id_are_named_from_method_and_path(
    operations: Generated, server: Server
) -> None:
    pets = operations.client(server).pets
    assert len(set(methods(pets))) == 4
    calls = {
        "get_pets": ("GET", "/pets", ()),
        "post_pets": ("POST", "/pets", ()),
        "get_pets_by_pet_id": ("GET", "/pets/p1", ("p1",)),
        "delete_pets_by_pet_id": ("DELETE", "/pets/p1", ("p1",)),
    }
    for name, (verb, path, args) in calls.items():
        getattr(pets, name)(*args)
        assert (server.last.method, server.last.url.path) == (verb, path)


def test_duplicate_operation_ids_give_distinct_methods_and_a_warning(
    duplicates: Generated, server: Server
) -> None:
    things = duplicates.client(server).things
    listing = [name for name in methods(things) if name.startswith("list_things")]
    assert len(listing) == 3
    paths = set()
    for name in listing:
        getattr(things, name)()
        paths.add(server.last.url.path)
    assert paths == {"/a", "/b", "/c"}
    assert "listThings" in duplicates.warnings and "/paths/~1b/get" in duplicates.warnings


def test_duplicate_operation_ids_are_a_located_error_unless_lenient(run_cli: Any) -> None:
    """Invalid OpenAPI, so refused by default (issue 5); --lenient generates with warnings (issue 4)."""
    outcome = run_cli(DUPLICATES)
    assert outcome.exit_code == 2
    assert "/paths/~1b/get/operationId" in outcome.stderr and "not unique" in outcome.stderr


def test_operation_ids_that_are_keywords_or_sdk_names(
    operations: Generated, server: Server
) -> None:
    client = operations.client(server)
    things = client.things
    things.import_()
    assert server.last.url.path == "/keyword"
    # `with_raw_response` stays the SDK's; the operation gets another name.
    assert callable(things.with_raw_response.import_)
    renamed = [
        name for name in methods(things) if "raw_response" in name and name != "with_raw_response"
    ]
    assert len(renamed) == 1
    getattr(things, renamed[0])()
    assert server.last.url.path == "/reserved"


def test_a_tag_with_spaces_is_a_snake_case_resource(operations: Generated, server: Server) -> None:
    operations.client(server).pet_store.ping()
    assert server.last.url.path == "/spaced-tag"


def test_operations_without_tags_are_methods_of_the_client(
    untagged: Generated, server: Server
) -> None:
    client = untagged.client(server)
    client.get_untagged()
    assert server.last.url.path == "/untagged"
    client.get_untagged_by_id("x")
    assert server.last.url.path == "/untagged/x"


def test_tagged_operations_beside_untagged_ones(untagged: Generated, server: Server) -> None:
    untagged.client(server).tagged.get_tagged()
    assert server.last.url.path == "/tagged"


MYPY_CHECKED = ("operations", "duplicates", "untagged")


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
