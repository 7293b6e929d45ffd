"""Customising an SDK without editing its spec: hooks, default headers and renames, through the
generated client (sync and async) and the CLI's errors."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from .support import (
    Generated,
    Server,
    json_content,
    mypy_params,
    ok,
    openapi,
    run_generator,
    write_spec,
)

SPEC = openapi(
    paths={
        "/pets/{id}": {
            "get": {
                "operationId": "PetsController_getPetById",
                "tags": ["pet-store"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": ok({"$ref": "#/components/schemas/Schema4"}),
            }
        },
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pet-store"],
                "parameters": [{"name": "page[size]", "in": "query", "schema": {"type": "integer"}}],
                "responses": ok({"type": "array", "items": {"$ref": "#/components/schemas/Schema4"}}),
            },
            "post": {
                "operationId": "createPet",
                "tags": ["pet-store"],
                "requestBody": {"required": True, **json_content({"$ref": "#/components/schemas/Schema4"})},
                "responses": ok({"$ref": "#/components/schemas/Schema4"}, "201"),
            },
        },
    },
    schemas={
        "Schema4": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "@type": {"type": "string"}}},
        "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
    },
)

RENAMES = {
    "operations": {"PetsController_getPetById": "fetch", "listPets": "all_pets"},
    "models": {"Schema4": "Pet"},
    "resources": {"pet_store": "pets"},
    "parameters": {"listPets": {"page[size]": "per_page"}},
    "properties": {"Schema4": {"@type": "kind"}},
}


@pytest.fixture(scope="module")
def custom(generate: Any) -> Generated:
    return generate(SPEC, "custom", config={"rename": RENAMES, "default_headers": {"Api-Version": "2024-06-01"}})


def test_renamed_method_model_and_resource(custom: Generated, server: Server) -> None:
    server.reply(json={"name": "Rex"})
    pet = custom.client(server).pets.fetch("7")
    assert type(pet).__name__ == "Pet" and pet.name == "Rex"
    assert server.last.url.path == "/pets/7"
    assert not hasattr(custom.models, "Schema4")
    client = custom.client(server)
    assert not hasattr(client, "pet_store") and callable(client.pets.all_pets)
    assert callable(client.pets.create_pet)  # not renamed: the usual name


def test_renamed_argument_and_field_keep_their_wire_names(custom: Generated, server: Server) -> None:
    server.reply(json=[{"name": "Rex", "@type": "dog"}])
    [pet] = custom.client(server).pets.all_pets(per_page=5)
    assert server.last.url.params["page[size]"] == "5"
    assert pet.kind == "dog" and pet.model_dump(by_alias=True)["@type"] == "dog"
    assert custom.models.Pet(name="Tom", kind="cat").kind == "cat"


def test_default_headers_from_the_config(custom: Generated, server: Server) -> None:
    server.reply(json=[])
    custom.client(server).pets.all_pets()
    assert server.last.headers["Api-Version"] == "2024-06-01"
    custom.client(server, default_headers={"Api-Version": "2025-01-01"}).pets.all_pets()
    assert server.last.headers["Api-Version"] == "2025-01-01"  # the caller's wins


def _retrying(custom: Generated, server: Server, hooks: Any, *, asynchronous: bool = False) -> Any:
    server.reply(503, json={"message": "busy"}).reply(200, json={"name": "Rex"})
    make = custom.async_client if asynchronous else custom.client
    client = make(server, max_retries=2, hooks=hooks)

    def no_wait(_seconds: float) -> Any:
        return asyncio.sleep(0) if asynchronous else None

    client._sleep = no_wait
    return client


def test_sync_hooks_see_every_attempt_and_response(custom: Generated, server: Server) -> None:
    seen: list[tuple[str, Any, int]] = []

    def sign(request: httpx.Request, context: Any) -> None:
        assert request.headers["Api-Version"] == "2024-06-01"  # complete: after the defaults and auth
        request.headers["X-Signature"] = f"sig-{context.attempt}"
        seen.append(("before", context.path, context.attempt))

    def record(response: httpx.Response, context: Any) -> None:
        seen.append(("after", response.status_code, context.attempt))

    hooks = custom.module.Hooks(before_request=[sign], after_response=[record])
    pet = _retrying(custom, server, hooks).pets.fetch("7")
    assert pet.name == "Rex"
    assert [r.headers["X-Signature"] for r in server.requests] == ["sig-1", "sig-2"]
    assert seen == [("before", "/pets/{id}", 1), ("after", 503, 1), ("before", "/pets/{id}", 2), ("after", 200, 2)]


def test_a_hook_sees_an_error_response_before_it_is_raised(custom: Generated, server: Server) -> None:
    statuses: list[int] = []
    hooks = custom.module.Hooks(after_response=[lambda response, _: statuses.append(response.status_code)])
    server.reply(404, json={"message": "no such pet"})
    with pytest.raises(custom.module.NotFoundError):
        custom.client(server, hooks=hooks).pets.fetch("7")
    assert statuses == [404]


def test_a_before_hook_may_replace_the_request(custom: Generated, server: Server) -> None:
    def elsewhere(request: httpx.Request, _: Any) -> httpx.Request:
        return httpx.Request(request.method, "https://mirror.test/pets", headers=request.headers)

    server.reply(json=[])
    custom.client(server, hooks=custom.module.Hooks(before_request=[elsewhere])).pets.all_pets()
    assert str(server.last.url) == "https://mirror.test/pets"


def test_async_hooks_see_every_attempt(custom: Generated, server: Server) -> None:
    seen: list[tuple[str, int]] = []

    async def sign(request: httpx.Request, context: Any) -> None:
        await asyncio.sleep(0)
        request.headers["X-Signature"] = f"sig-{context.attempt}"
        seen.append(("before", context.attempt))

    def record(response: httpx.Response, context: Any) -> None:  # a plain function works too
        seen.append((f"after {response.status_code}", context.attempt))

    hooks = custom.module.AsyncHooks(before_request=[sign], after_response=[record])

    async def call() -> Any:
        client = _retrying(custom, server, hooks, asynchronous=True)
        async with client:
            return await client.pets.fetch("7")

    assert asyncio.run(call()).name == "Rex"
    assert [r.headers["X-Signature"] for r in server.requests] == ["sig-1", "sig-2"]
    assert seen == [("before", 1), ("after 503", 1), ("before", 2), ("after 200", 2)]


def test_hooks_of_the_wrong_kind_are_refused(custom: Generated, server: Server) -> None:
    with pytest.raises(TypeError, match="hooks must be Hooks"):
        custom.client(server, hooks=custom.module.AsyncHooks())
    with pytest.raises(TypeError, match="hooks must be AsyncHooks"):
        custom.async_client(server, hooks=custom.module.Hooks())
    with pytest.raises(TypeError, match="before_request must be a sequence of callables"):
        custom.module.Hooks(before_request=print)
    with pytest.raises(TypeError, match="returned int"):
        custom.client(server, hooks=custom.module.Hooks(before_request=[lambda r, c: 1])).pets.all_pets()


def test_with_options_keeps_the_hooks(custom: Generated, server: Server) -> None:
    attempts: list[int] = []
    hooks = custom.module.Hooks(before_request=[lambda _, context: attempts.append(context.attempt)])
    server.reply(json=[])
    custom.client(server, hooks=hooks).with_options(max_retries=1).pets.all_pets()
    assert attempts == [1]


def _cli(tmp_path: Path, config: dict[str, Any]) -> tuple[int, str]:
    spec = write_spec(tmp_path / "spec", SPEC, "yaml")
    config_path = spec.parent / "spec.generator.yaml"
    config_path.write_text(yaml.safe_dump({"package": "feat_refused", **config}), encoding="utf-8")
    return run_generator(spec, tmp_path / "out")


def test_a_rename_of_nothing_is_a_located_error_naming_the_closest(tmp_path: Path) -> None:
    code, stderr = _cli(tmp_path, {"rename": {"operations": {"listPet": "everything"}, "models": {"Schema5": "Pet"}}})
    assert code == 2
    assert "spec.generator.yaml:4:" in stderr and "/rename/models/Schema5" in stderr
    assert "no operationId 'listPet'; did you mean 'listPets'?" in stderr
    assert "no schema in components/schemas 'Schema5'; did you mean 'Schema4'?" in stderr


def test_a_rename_of_a_parameter_or_property_of_nothing_names_the_closest(tmp_path: Path) -> None:
    renames = {"parameters": {"listPets": {"page[sise]": "per_page"}, "listPet": {"x": "y"}}, "properties": {"Schema4": {"nme": "title"}}}
    code, stderr = _cli(tmp_path, {"rename": renames})
    assert code == 2
    assert "/rename/parameters/listPets/page[sise]" in stderr and "listPets has no parameter 'page[sise]'; did you mean 'page[size]'?" in stderr
    assert "/rename/parameters/listPet:" in stderr and "did you mean 'listPets'?" in stderr
    assert "Schema4 has no property 'nme'; did you mean 'name'?" in stderr


def test_a_parameter_or_property_rename_that_collides_is_a_located_error(tmp_path: Path) -> None:
    code, stderr = _cli(tmp_path, {"rename": {"properties": {"Schema4": {"@type": "name"}}}})
    assert code == 2, stderr
    assert "/rename/properties/Schema4/@type" in stderr and "'name' collides with the property 'name' of Schema4" in stderr


def test_a_rename_that_collides_is_a_located_error(tmp_path: Path) -> None:
    code, stderr = _cli(tmp_path, {"rename": {"operations": {"listPets": "create"}, "models": {"Schema4": "Owner"}}})
    assert code == 2, stderr
    assert "/rename/operations/listPets" in stderr and "'create' collides with the operation 'createPet' on pets" in stderr
    assert "/rename/models/Schema4" in stderr and "'Owner' collides with the schema at /components/schemas/Owner" in stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"rename": {"methods": {}}}, "rename: unknown kind 'methods'"),
        ({"rename": {"models": {"Schema4": "class"}}}, "must be a class name"),
        ({"default_headers": {"Bad Header": "x"}}, "'Bad Header' is not an HTTP header name"),
        ({"extra_exports": {"models": ["X"]}}, "a module the generator writes"),
    ],
)
def test_bad_customisation_keys_are_located_errors(tmp_path: Path, config: dict[str, Any], message: str) -> None:
    code, stderr = _cli(tmp_path, config)
    assert code == 2 and message in stderr and "spec.generator.yaml:" in stderr, stderr


MYPY_CHECKED = ("custom",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []


def test_diff_reports_what_a_rename_in_the_config_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regenerating with a rename breaks callers: `diff` of the output against the spec read with
    the new config says so, as a rename, with the entries that would undo it."""
    from generator.cli import main

    spec = write_spec(tmp_path / "spec", SPEC, "yaml")
    (spec.parent / "spec.generator.yaml").write_text(yaml.safe_dump({"package": "feat_diffed"}), encoding="utf-8")
    assert run_generator(spec, tmp_path / "out")[0] == 0
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(yaml.safe_dump({"package": "feat_diffed", "rename": {"operations": {"listPets": "everything"}, "models": {"Schema4": "Pet"}}}), encoding="utf-8")
    capsys.readouterr()
    assert main(["diff", str(tmp_path / "out"), str(spec), "--config", str(renamed), "--format", "json"]) == 0
    report = yaml.safe_load(capsys.readouterr().out)
    assert report["bump"] == "major"
    breaking = {(c["path"], c["message"]) for c in report["changes"] if c["severity"] == "breaking"}
    assert ("client.pets.everything", "method renamed from client.pets.list (GET /pets)") in breaking
    assert ("feat_diffed.models.Pet", "class renamed from feat_diffed.models.Schema4") in breaking
    assert report["rename"] == {"operations": {"listPets": "list"}, "models": {"Schema4": "Schema4"}}
