"""Each way real projects split a spec over files, on a small tree: it generates what one file would.

The layouts are those of Redocly's starter template and of large public specs: path items,
parameters, bodies and responses in files of their own, `components` maps in index files,
schemas that refer to further files relative to themselves, text pulled in from Markdown and
code files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator.load import load

from .conftest import generate, models_source, source, write_tree


def root(paths: dict[str, Any], components: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1.0.0"}, "paths": paths}
    if components is not None:
        document["components"] = components
    document.update(extra)
    return document


def list_pets(schema_ref: str, **extra: Any) -> dict[str, Any]:
    """A path item with one operation returning a list of what `schema_ref` names."""
    return {
        "get": {
            "operationId": "listPets",
            "tags": ["pets"],
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": schema_ref}}}},
                }
            },
            **extra,
        }
    }


PET = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}


def classes(out: Path) -> list[str]:
    """The classes the models package defines, by module."""
    return [line.split("(")[0].split()[1] for line in models_source(out).splitlines() if line.startswith("class ")]


# --- $refs where real projects put them ----------------------------------------------------------


def test_path_items_in_their_own_files(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}, "/pets/{id}": {"$ref": "paths/pets_{id}.yaml"}}),
            "paths/pets.yaml": list_pets("../schemas/Pet.yaml"),
            "paths/pets_{id}.yaml": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "delete": {"operationId": "deletePet", "tags": ["pets"], "responses": {"204": {"description": "gone"}}},
            },
            "schemas/Pet.yaml": PET,
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    pets = source(tmp_path / "out", "resources/pets.py")
    # One tag for everything: the methods are named from the paths.
    assert "def list(" in pets and "def delete(self, id: str" in pets
    assert classes(tmp_path / "out") == ["Pet"]  # a path item is not a model


def test_parameters_bodies_and_responses_in_their_own_files(tmp_path: Path) -> None:
    operation = {
        "operationId": "createPet",
        "tags": ["pets"],
        "parameters": [{"$ref": "../parameters/DryRun.yaml"}],
        "requestBody": {"$ref": "../bodies/NewPet.yaml"},
        "responses": {"201": {"$ref": "../responses/Created.yaml"}, "default": {"$ref": "../responses/Problem.yaml"}},
    }
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}}),
            "paths/pets.yaml": {"post": operation},
            "parameters/DryRun.yaml": {"name": "dry_run", "in": "query", "schema": {"type": "boolean"}},
            "bodies/NewPet.yaml": {"required": True, "content": {"application/json": {"schema": {"$ref": "../schemas/Pet.yaml"}}}},
            "responses/Created.yaml": {"description": "created", "content": {"application/json": {"schema": {"$ref": "../schemas/Pet.yaml"}}}},
            "responses/Problem.yaml": {"description": "error", "content": {"application/json": {"schema": {"$ref": "../schemas/Problem.yaml"}}}},
            "schemas/Pet.yaml": PET,
            "schemas/Problem.yaml": {"type": "object", "properties": {"detail": {"type": "string"}}},
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    pets = source(tmp_path / "out", "resources/pets.py")
    assert "dry_run: bool | NotGiven" in pets and "name: str," in pets and ") -> models.Pet:" in pets
    assert classes(tmp_path / "out") == ["Pet", "Problem"]


def test_a_components_map_in_an_index_file_whose_entries_are_files(tmp_path: Path) -> None:
    """`schemas: {$ref: ./schemas/_index.yaml}`, its entries `$ref`s to files beside it, and a
    local `$ref` into the map it gives (the issue's "no 'X' in /components/schemas")."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root(
                {"/pets": list_pets("#/components/schemas/Pet")},
                {"schemas": {"$ref": "./schemas/_index.yaml"}, "parameters": {"$ref": "./parameters/_index.yaml"}},
            ),
            "schemas/_index.yaml": {"Pet": {"$ref": "./Pet.yaml"}, "Owner": {"$ref": "./Owner.yaml"}},
            "schemas/Pet.yaml": {**PET, "properties": {"name": {"type": "string"}, "owner": {"$ref": "#/components/schemas/Owner"}}},
            "schemas/Owner.yaml": {"type": "object", "properties": {"email": {"type": "string"}}},
            "parameters/_index.yaml": {"Limit": {"$ref": "./limit.yaml"}},
            "parameters/limit.yaml": {"name": "limit", "in": "query", "schema": {"type": "integer"}},
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 2 and "no 'components' in the document of Pet.yaml" in outcome.stderr, outcome.stderr
    # A `$ref` is relative to the file it is written in: Pet.yaml names Owner by its file.
    pet = tmp_path / "schemas" / "Pet.yaml"
    pet.write_text(pet.read_text().replace("'#/components/schemas/Owner'", "./Owner.yaml"))
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert classes(tmp_path / "out") == ["Owner", "Pet"]
    document = load(spec).document
    assert document["components"]["parameters"]["Limit"]["name"] == "limit"


def test_component_entries_in_their_own_files(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root(
                {"/pets": list_pets("#/components/schemas/Pet", parameters=[{"$ref": "#/components/parameters/Limit"}])},
                {"schemas": {"Pet": {"$ref": "schemas/Pet.yaml"}}, "parameters": {"Limit": {"$ref": "parameters/Limit.yaml"}}},
            ),
            "schemas/Pet.yaml": PET,
            "parameters/Limit.yaml": {"name": "limit", "in": "query", "schema": {"type": "integer"}},
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert "limit: int | NotGiven" in source(tmp_path / "out", "resources/pets.py")
    assert classes(tmp_path / "out") == ["Pet"]


def test_schemas_refer_to_further_files_relative_to_themselves(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": list_pets("schemas/pets/Pet.yaml")}),
            "schemas/pets/Pet.yaml": {**PET, "properties": {"name": {"type": "string"}, "label": {"$ref": "./Label.yaml"}, "id": {"$ref": "../common/Id.yaml"}}},
            "schemas/pets/Label.yaml": {"type": "object", "properties": {"label": {"type": "string"}}},
            "schemas/common/Id.yaml": {"type": "string", "format": "uuid"},
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    models = models_source(tmp_path / "out")
    assert classes(tmp_path / "out") == ["Label", "Pet"]
    assert "label: Label | None" in models and "id: Id | None" in models and "\nId = str\n" in models


def test_a_chain_of_refs_across_directories(tmp_path: Path) -> None:
    """root -> paths/v1/pets.yaml -> responses/lists/pets.yaml -> schemas/a/b/Page.yaml ->
    schemas/Pet.yaml, each `$ref` relative to the file it is in."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": {"$ref": "paths/v1/pets.yaml"}}),
            "paths/v1/pets.yaml": {"get": {"operationId": "listPets", "tags": ["pets"], "responses": {"200": {"$ref": "../../responses/lists/pets.yaml"}}}},
            "responses/lists/pets.yaml": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "../../schemas/a/b/Page.yaml"}}}},
            "schemas/a/b/Page.yaml": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "../../Pet.yaml"}}}},
            "schemas/Pet.yaml": PET,
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert classes(tmp_path / "out") == ["Page", "Pet"]
    assert "items: list[Pet] | None" in models_source(tmp_path / "out")


def test_fragments_into_other_files(tmp_path: Path) -> None:
    """`file.yaml#/Foo/Bar`: into a shared definitions file, and back into the root."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root(
                {"/pets": {"$ref": "paths/pets.yaml"}},
                {"schemas": {"Owner": {"type": "object", "properties": {"email": {"type": "string"}}}}},
            ),
            "paths/pets.yaml": list_pets("../shared.yaml#/components/schemas/Pet"),
            "shared.yaml": {
                "components": {
                    "schemas": {
                        "Pet": {**PET, "properties": {"name": {"type": "string"}, "owner": {"$ref": "openapi.yaml#/components/schemas/Owner"}, "kind": {"$ref": "#/components/schemas/Kind"}}},
                        "Kind": {"type": "string", "enum": ["cat", "dog"]},
                    }
                }
            },
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert classes(tmp_path / "out") == ["Kind", "Owner", "Pet"]
    assert "owner: Owner | None" in models_source(tmp_path / "out")


def test_yaml_and_json_files_mixed(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": {"$ref": "paths/pets.json"}}),
            "paths/pets.json": list_pets("../schemas/Pet.json"),
            "schemas/Pet.json": {**PET, "properties": {"name": {"type": "string"}, "label": {"$ref": "Label.yaml"}}},
            "schemas/Label.yaml": "type: object\nproperties:\n  label: {type: string}\n",
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert classes(tmp_path / "out") == ["Label", "Pet"]


def test_a_discriminator_mapping_to_files(tmp_path: Path) -> None:
    """As Redocly's cafe writes it: `mapping: {beverage: ./Beverage.yaml}` beside a oneOf of files."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/items": list_pets("schemas/MenuItem.yaml")}),
            "schemas/MenuItem.yaml": {
                "oneOf": [{"$ref": "./Beverage.yaml"}, {"$ref": "./Dessert.yaml"}],
                "discriminator": {"propertyName": "category", "mapping": {"beverage": "./Beverage.yaml", "dessert": "./Dessert.yaml"}},
            },
            "schemas/Beverage.yaml": {"type": "object", "required": ["category"], "properties": {"category": {"type": "string"}, "volume": {"type": "number"}}},
            "schemas/Dessert.yaml": {"type": "object", "required": ["category"], "properties": {"category": {"type": "string"}, "calories": {"type": "number"}}},
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    mapping = load(spec).document["components"]["schemas"]["MenuItem"]["discriminator"]["mapping"]
    assert mapping == {"beverage": "#/components/schemas/Beverage", "dessert": "#/components/schemas/Dessert"}
    models = models_source(tmp_path / "out")
    assert '{"beverage": "Beverage", "dessert": "Dessert"}' in models


# --- text ----------------------------------------------------------------------------------------


def test_text_is_read_where_the_spec_expects_a_string(tmp_path: Path) -> None:
    """Markdown, code samples and a YAML string node, pulled in where a string goes."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root(
                {"/pets": {"$ref": "paths/pets.yaml"}},
                info={"title": "Pets", "version": "1.0.0", "description": {"$ref": "docs/intro.md"}},
                tags=[{"name": "pets", "description": {"$ref": "texts.yml#/tags/pets"}}],
            ),
            "paths/pets.yaml": list_pets(
                "../schemas/Pet.yaml",
                description={"$ref": "../docs/list-pets.md"},
                **{"x-codeSamples": [{"lang": "PHP", "source": {"$ref": "../samples/list.php"}}]},
            ),
            "schemas/Pet.yaml": {**PET, "description": {"$ref": "../docs/pet.md"}},
            "docs/intro.md": "# Pets\n\nAn API for pets.\n",
            "docs/list-pets.md": "Every pet, *oldest first*.\n",
            "docs/pet.md": "A pet in the shop.\n",
            "texts.yml": {"tags": {"pets": "Everything about pets."}},
            "samples/list.php": "<?php\necho file_get_contents('https://pets.example/pets');\n",
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    pets = source(tmp_path / "out", "resources/pets.py")
    assert "Every pet, *oldest first*." in pets and "Everything about pets." in pets
    assert "A pet in the shop." in models_source(tmp_path / "out")
    document = load(spec).document
    assert document["info"]["description"] == "# Pets\n\nAn API for pets.\n"
    sample = document["paths"]["/pets"]["get"]["x-codeSamples"][0]["source"]
    assert sample == "<?php\necho file_get_contents('https://pets.example/pets');\n"


def test_text_where_an_object_is_expected_is_refused_where_the_ref_is_written(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}}),
            "paths/pets.yaml": "get:\n  operationId: listPets\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema:\n            $ref: ../docs/pet.md\n",
            "docs/pet.md": "A pet.\n",
        },
    )
    outcome = generate(spec, tmp_path / "out")
    outcome.assert_clean_failure()
    error = outcome.error_with("points at text, not an object (a schema is expected here)")
    assert error["file"].endswith("paths/pets.yaml") and error["line"] == "9"
    assert error["pointer"] == "/get/responses/200/content/application~1json/schema"
    lenient = generate(spec, tmp_path / "out", "--lenient")
    assert lenient.code == 0, lenient.stderr
    [warning] = [w for w in lenient.warnings if "points at text" in w["message"]]
    assert warning["file"].endswith("paths/pets.yaml") and "ignored (--lenient)" in warning["message"]


# --- one file, one model ---------------------------------------------------------------------------


def test_one_file_is_one_model_named_by_its_components_key(tmp_path: Path) -> None:
    """Reached through `components/schemas/Pet` and by its path from two files: one model, `Pet`."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root(
                {"/pets": {"$ref": "paths/pets.yaml"}, "/pet": {"$ref": "paths/pet.yaml"}},
                {"schemas": {"Pet": {"$ref": "./schemas/pet-file.yaml"}}},
            ),
            "paths/pets.yaml": list_pets("../schemas/pet-file.yaml"),
            "paths/pet.yaml": {"get": {"operationId": "getPet", "tags": ["pets"], "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "../openapi.yaml#/components/schemas/Pet"}}}}}}},
            "schemas/pet-file.yaml": PET,
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert classes(tmp_path / "out") == ["Pet"]
    assert "PetFile" not in models_source(tmp_path / "out")


def test_a_file_not_listed_in_components_is_named_by_its_file(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": list_pets("schemas/PetRecord.yaml")}),
            "schemas/PetRecord.yaml": PET,
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert classes(tmp_path / "out") == ["PetRecord"]


def test_same_file_names_in_different_folders_get_distinct_stable_names(tmp_path: Path) -> None:
    def build(folder: Path, first: str, second: str) -> Path:
        pet = {"type": "object", "properties": {"a": {"$ref": f"{first}/Error.yaml"}, "b": {"$ref": f"{second}/Error.yaml"}}}
        return write_tree(
            folder,
            {
                "openapi.yaml": root({"/pets": list_pets("schemas/Pet.yaml")}),
                "schemas/Pet.yaml": pet,
                "schemas/v1/Error.yaml": {"type": "object", "properties": {"code": {"type": "integer"}}},
                "schemas/v2/Error.yaml": {"type": "object", "properties": {"message": {"type": "string"}}},
            },
        )

    one = build(tmp_path / "one", "v1", "v2")
    other = build(tmp_path / "other", "v2", "v1")  # met in the other order
    assert generate(one, tmp_path / "one-out").code == 0
    assert generate(other, tmp_path / "other-out").code == 0
    models = models_source(tmp_path / "one-out")
    assert classes(tmp_path / "one-out") == ["Pet", "V1Error", "V2Error"]
    assert "code: int | None" in models.split("class V1Error")[1].split("class ")[0]
    schemas = load(other).document["components"]["schemas"]
    assert schemas["v2_Error"]["properties"] == {"message": {"type": "string"}}  # by its folder, not by order


# --- errors where the $ref is written ------------------------------------------------------------


BROKEN_PATH = """\
get:
  operationId: listPets
  tags: [pets]
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema:
            $ref: ../schemas/Missing.yaml
    '404':
      description: missing
      content:
        application/json:
          schema: {$ref: '../shared.yaml#/Nope'}
"""


def test_a_ref_that_leads_nowhere_is_reported_in_the_file_that_holds_it(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {"openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}}), "paths/pets.yaml": BROKEN_PATH, "shared.yaml": {"Yes": PET}},
    )
    outcome = generate(spec, tmp_path / "out")
    outcome.assert_clean_failure()
    missing = outcome.error_with("no such file")
    assert (missing["file"], missing["line"]) == (str(tmp_path / "paths" / "pets.yaml"), "10")
    assert missing["pointer"] == "/get/responses/200/content/application~1json/schema"
    nothing = outcome.error_with("points at nothing: no 'Nope' in the document of shared.yaml")
    assert (nothing["file"], nothing["line"]) == (str(tmp_path / "paths" / "pets.yaml"), "15")
    assert nothing["pointer"] == "/get/responses/404/content/application~1json/schema"


def test_lenient_drops_what_leads_nowhere_and_generates(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {"openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}}), "paths/pets.yaml": BROKEN_PATH, "shared.yaml": {"Yes": PET}},
    )
    outcome = generate(spec, tmp_path / "out", "--lenient")
    assert outcome.code == 0, outcome.stderr
    assert len([w for w in outcome.warnings if w["file"].endswith("pets.yaml") and "ignored (--lenient)" in w["message"]]) == 2
    assert "def list(" in source(tmp_path / "out", "resources/pets.py")


def test_a_problem_inside_another_file_is_reported_there(tmp_path: Path) -> None:
    """Validation works on the bundled document, but says where the bad node is written."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": list_pets("schemas/Pet.yaml")}),
            "schemas/Pet.yaml": "type: object\nproperties:\n  name:\n    type: string\nrequired: name\n",
        },
    )
    outcome = generate(spec, tmp_path / "out")
    outcome.assert_clean_failure()
    assert all(e["file"] == str(tmp_path / "schemas" / "Pet.yaml") for e in outcome.errors), outcome.stderr
    error = outcome.error_with("is not of type 'array'")
    assert (error["line"], error["pointer"]) == ("5", "/required")


def test_keys_beside_a_ref_are_ignored_with_a_warning(tmp_path: Path) -> None:
    """Redocly cafe's `- $ref: ../components/parameters/Filter.yaml` with `required: true` beside it:
    OpenAPI ignores what is written beside a `$ref` there; so does the generator, and says so."""
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": {**root({"/pets": {"$ref": "paths/pets.yaml"}}), "openapi": "3.1.0"},
            "paths/pets.yaml": list_pets("../schemas/Pet.yaml", parameters=[{"$ref": "../parameters/Filter.yaml", "required": True}]),
            "parameters/Filter.yaml": {"name": "filter", "in": "query", "schema": {"type": "string"}},
            "schemas/Pet.yaml": PET,
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    [warning] = outcome.warnings
    assert warning["file"] == str(tmp_path / "paths" / "pets.yaml") and warning["pointer"] == "/get/parameters/0"
    assert "'required' beside $ref: ignored" in warning["message"]
    assert "filter: str | NotGiven" in source(tmp_path / "out", "resources/pets.py")


def test_the_files_a_run_read_are_listed_for_the_cache(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}}),
            "paths/pets.yaml": list_pets("../schemas/Pet.json", description={"$ref": "../docs/list.md"}),
            "schemas/Pet.json": PET,
            "docs/list.md": "All of them.\n",
        },
    )
    read = {Path(resolved).relative_to(tmp_path.resolve()).as_posix(): digest for _, resolved, digest in load(spec).inputs}
    assert set(read) == {"openapi.yaml", "paths/pets.yaml", "schemas/Pet.json", "docs/list.md"}
    assert all(len(digest) == 64 for digest in read.values())
    assert json.loads((tmp_path / "schemas" / "Pet.json").read_text()) == PET


REFUSALS = {
    "a URL": ("https://example.com/pet.yaml", "URL is refused"),
    "a file outside the spec's tree": ("../../outside.yaml", "leaves the spec's directory"),
    "a FIFO": ("../pipe.yaml", "not a regular file"),
    "a directory": ("../schemas", "not a regular file"),
}


@pytest.mark.parametrize("target", REFUSALS, ids=list(REFUSALS))
@pytest.mark.parametrize("flags", [(), ("--lenient",)], ids=["strict", "lenient"])
def test_refusals_stay_and_are_located_in_the_file_that_holds_them(tmp_path: Path, target: str, flags: tuple[str, ...]) -> None:
    ref, message = REFUSALS[target]
    tree = tmp_path / "spec"
    (tmp_path / "outside.yaml").write_text("type: string\n")
    spec = write_tree(
        tree,
        {"openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}}), "paths/pets.yaml": list_pets(ref), "schemas/Pet.yaml": PET},
    )
    os.mkfifo(tree / "pipe.yaml")
    outcome = generate(spec, tmp_path / "out", *flags)
    outcome.assert_clean_failure()
    error = outcome.error_with(message)
    assert error["file"] == str(tree / "paths" / "pets.yaml") and int(error["line"]) > 0, outcome.stderr
    assert error["pointer"] == "/get/responses/200/content/application~1json/schema/items"
    assert not (tmp_path / "out").exists()


def test_lenient_drops_an_index_file_or_a_component_that_leads_nowhere(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": list_pets("schemas/Alias.yaml")}, {"parameters": {"$ref": "./parameters/_index.yaml"}}),
            "schemas/Alias.yaml": {"$ref": "./Gone.yaml"},
        },
    )
    assert generate(spec, tmp_path / "out").code == 2
    outcome = generate(spec, tmp_path / "out", "--lenient")
    assert outcome.code == 0, outcome.stderr
    assert {w["file"] for w in outcome.warnings if "ignored (--lenient)" in w["message"]} == {
        str(tmp_path / "openapi.yaml"),
        str(tmp_path / "schemas" / "Alias.yaml"),
    }


def test_an_empty_text_file_is_empty_text(tmp_path: Path) -> None:
    """A description file not written yet is no error (an empty spec file still is)."""
    spec = write_tree(
        tmp_path,
        {"openapi.yaml": root({"/pets": list_pets("schemas/Pet.yaml", description={"$ref": "docs/todo.md"})}), "schemas/Pet.yaml": PET, "docs/todo.md": ""},
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert load(spec).document["paths"]["/pets"]["get"]["description"] == ""


def test_a_swagger_2_tree_bundles_into_definitions(tmp_path: Path) -> None:
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": {"swagger": "2.0", "info": {"title": "Legacy", "version": "1"}, "paths": {"/pets": {"$ref": "paths/pets.yaml"}}, "definitions": {"$ref": "defs/_index.yaml"}},
            "defs/_index.yaml": {"Pet": {"$ref": "./pet.yaml"}},
            "defs/pet.yaml": {"type": "object", "properties": {"name": {"type": "string"}, "owner": {"$ref": "./Owner.json"}}},
            "defs/Owner.json": {"type": "object", "properties": {"email": {"type": "string"}}},
            "paths/pets.yaml": {
                "get": {
                    "operationId": "listPets",
                    "tags": ["pets"],
                    "parameters": [{"$ref": "../params.yaml#/limit"}],
                    "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "../defs/pet.yaml"}}}},
                }
            },
            "params.yaml": {"limit": {"name": "limit", "in": "query", "type": "integer"}},
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert classes(tmp_path / "out") == ["Owner", "Pet"]
    document = load(spec).document
    assert document["paths"]["/pets"]["get"]["parameters"] == [{"$ref": "#/parameters/limit"}]
    assert document["definitions"]["Pet"]["properties"]["owner"] == {"$ref": "#/definitions/Owner"}


def test_a_ref_in_example_data_of_a_file_is_data(tmp_path: Path) -> None:
    """A schema file whose example (and default, enum) holds a `$ref` key: data, copied as
    written, not a file to read (issue 24)."""
    schema = {
        **PET,
        "properties": {
            "name": {"type": "string"},
            "spec": {"type": "object", "default": {"$ref": "./default.yaml"}, "example": {"$ref": "../../outside.yaml"}},
        },
        "example": {"name": "rex", "spec": {"$ref": "./nowhere.yaml#/Pet"}},
    }
    pets = list_pets("../schemas/Pet.yaml")
    pets["get"]["responses"]["200"]["content"]["application/json"]["examples"] = {"all": {"$ref": "../examples/pets.yaml"}}
    spec = write_tree(
        tmp_path,
        {
            "openapi.yaml": root({"/pets": {"$ref": "paths/pets.yaml"}}),
            "paths/pets.yaml": pets,
            "schemas/Pet.yaml": schema,
            "examples/pets.yaml": {"value": [{"spec": {"$ref": "missing.json"}}]},
        },
    )
    outcome = generate(spec, tmp_path / "out")
    assert outcome.code == 0, outcome.stderr
    assert "$ref" not in outcome.stderr, outcome.stderr
    bundled = load(spec).document
    assert bundled["components"]["schemas"]["Pet"]["example"]["spec"] == {"$ref": "./nowhere.yaml#/Pet"}
    assert bundled["components"]["examples"]["pets"]["value"] == [{"spec": {"$ref": "missing.json"}}]
