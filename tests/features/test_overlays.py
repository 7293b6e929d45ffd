"""OpenAPI Overlays (1.0.0) through the CLI and the generated code: paths removed, descriptions
updated, `x-` names added, on a corpus spec; a stale overlay; errors located in the overlay."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .support import Generated, Server, mypy_params, ok, openapi, run_generator, write_spec

# The copy vendored with the tests: they must run on a checkout with nothing beside it.
PETSTORE = Path(__file__).resolve().parents[1] / "corpus" / "specs" / "oai-v3.0-petstore-expanded.yaml"

SHAPING = {
    "overlay": "1.0.0",
    "info": {"title": "Our SDK's shape", "version": "1.0.0"},
    "actions": [
        {"target": "$.paths['/pets/{id}'].delete", "remove": True},
        {
            "target": "$.paths['/pets'].get",
            "update": {"description": "Every pet the store has.", "x-speakeasy-name-override": "everything"},
        },
        {"target": "$.paths.*[?@.operationId == 'find pet by id']", "update": {"x-speakeasy-name-override": "fetch"}},
        {"target": "$.components.schemas.NewPet.properties.tag", "update": {"description": "A free-form label."}},
    ],
}


def _write(directory: Path, name: str, data: Any) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shaped(generate: Any, tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """The corpus petstore, shaped by an overlay given on the command line."""
    overlay = _write(tmp_path_factory.mktemp("overlay"), "shape.overlay.yaml", SHAPING)
    return generate(PETSTORE.read_text(encoding="utf-8"), "overlaid", fmt="yaml", config={"resources": "auto"}, args=("--overlay", str(overlay)))


def test_removed_path_updated_description_and_added_names(shaped: Generated, server: Server) -> None:
    client = shaped.client(server)
    pets = client.pets
    assert not hasattr(pets, "delete")  # removed
    assert "Every pet the store has." in type(pets).everything.__doc__  # updated, and named
    server.reply(json={"id": 1, "name": "Rex"})
    assert pets.fetch(1).name == "Rex"
    assert server.last.url.path == "/pets/1"
    assert "A free-form label." in shaped.model_source("NewPet")


def test_overlays_from_the_config_relative_to_it_then_the_command_lines(tmp_path: Path) -> None:
    spec = tmp_path / "api" / "petstore.yaml"
    spec.parent.mkdir()
    shutil.copy(PETSTORE, spec)
    _write(tmp_path / "api" / "overlays", "first.yaml", SHAPING)
    rename_again = {**SHAPING, "actions": [{"target": "$.paths['/pets'].get", "update": {"x-speakeasy-name-override": "all_of_them"}}]}
    second = _write(tmp_path, "second.yaml", rename_again)
    _write(tmp_path / "api", "petstore.generator.yaml", {"package": "feat_overlay_config", "overlays": ["overlays/first.yaml"]})
    code, stderr = run_generator(spec, tmp_path / "out", "--overlay", str(second), "--no-cache")
    assert code == 0, stderr
    source = (tmp_path / "out" / "feat_overlay_config" / "resources" / "pets.py").read_text(encoding="utf-8")
    assert "def all_of_them(" in source and "def everything(" not in source  # applied in order
    assert "def delete(" not in source  # the config's overlay ran


def _run(tmp_path: Path, overlay: Any, *args: str) -> tuple[int, str, Path]:
    spec = write_spec(tmp_path / "spec", openapi({"/pets": {"get": {"operationId": "listPets", "responses": ok({"type": "object"})}}}), "yaml")
    path = _write(tmp_path, "my.overlay.yaml", overlay)
    code, stderr = run_generator(spec, tmp_path / "out", "--overlay", str(path), "--no-cache", *args)
    return code, stderr, path


STALE = {
    "overlay": "1.0.0",
    "info": {"title": "stale", "version": "1"},
    "actions": [
        {"target": "$.paths['/pets'].get", "update": {"summary": "still here"}},
        {"target": "$.paths['/internal/health'].get", "remove": True},
    ],
}


def test_a_stale_target_is_a_located_error(tmp_path: Path) -> None:
    code, stderr, path = _run(tmp_path, STALE)
    assert code == 2
    assert f"{path}:9:" in stderr and "/actions/1/target" in stderr
    assert "selects nothing in spec.yaml: has the spec changed under this overlay?" in stderr


def test_a_stale_target_is_a_warning_with_lenient(tmp_path: Path) -> None:
    code, stderr, path = _run(tmp_path, STALE, "--lenient")
    assert code == 0, stderr
    assert f"{path}:9:" in stderr and "warning" in stderr and "selects nothing" in stderr


def test_an_error_in_a_value_the_overlay_wrote_is_located_in_the_overlay(tmp_path: Path) -> None:
    broken = {**STALE, "actions": [{"target": "$.paths['/pets'].get.responses['200']", "update": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}]}
    code, stderr, path = _run(tmp_path, broken)
    assert code == 2
    assert str(path) in stderr and "/actions/0/update/content/application~1json/schema" in stderr, stderr
    assert "spec.yaml" not in stderr.split(":")[0]


def test_a_validation_error_in_an_overlay_value_is_located_in_the_overlay(tmp_path: Path) -> None:
    broken = {**STALE, "actions": [{"target": "$.paths['/pets'].get", "update": {"parameters": [{"name": "limit", "in": "nowhere"}]}}]}
    code, stderr, path = _run(tmp_path, broken)
    assert code == 2
    assert stderr.startswith(str(path)) and "/actions/0/update/parameters" in stderr, stderr


@pytest.mark.parametrize(
    ("overlay", "message", "at"),
    [
        ({"overlay": "2.0.0", "info": {"title": "t", "version": "1"}, "actions": []}, "Overlay 1.0.0", ":1:"),
        ({**STALE, "actions": [{"target": "$.paths[", "remove": True}]}, "invalid JSONPath", "/actions/0/target"),
        ({**STALE, "actions": [{"target": "$.paths", "remove": True, "update": {}}]}, "either `update` or `remove: true`", "/actions/0"),
        ({**STALE, "actions": [{"target": "$.info.title", "update": {"x": 1}}]}, "cannot update a value at /info/title", "/actions/0/update"),
    ],
)
def test_bad_overlays_are_located_errors(tmp_path: Path, overlay: Any, message: str, at: str) -> None:
    code, stderr, path = _run(tmp_path, overlay)
    assert code == 2 and message in stderr and at in stderr and str(path) in stderr, stderr


def test_check_sees_a_changed_overlay(tmp_path: Path) -> None:
    """`--check` (through the run cache) compares with what the overlay makes now."""
    spec = tmp_path / "petstore.yaml"
    shutil.copy(PETSTORE, spec)
    overlay = _write(tmp_path, "o.yaml", SHAPING)
    out = tmp_path / "out"
    assert run_generator(spec, out, "--overlay", str(overlay))[0] == 0
    assert run_generator(spec, out, "--overlay", str(overlay), "--check")[0] == 0
    _write(tmp_path, "o.yaml", {**SHAPING, "actions": SHAPING["actions"][1:]})  # the delete kept
    code, stderr = run_generator(spec, out, "--overlay", str(overlay), "--check")
    assert code == 1 and "def delete(" in stderr, stderr
    assert run_generator(spec, out, "--check")[0] == 1  # without the overlay: stale too


MYPY_CHECKED = ("shaped",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
