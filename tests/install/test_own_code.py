"""The team's own module, kept across regeneration and re-exported from the package root
(`extra_exports`), ships in the wheel: installed into a fresh environment, it is imported from
the root and its subclass of a generated resource works, with nothing of this checkout in reach."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from .conftest import build, generate, make_env

VENDORED = Path(__file__).resolve().parents[1] / "corpus" / "specs"  # nothing beside the checkout needed

pytestmark = pytest.mark.slow

TEAM = '''"""The team's own code: a resource with a method the spec does not have."""

from ._client import SwaggerPetstore
from .resources.pets import PetsResource


class TeamPets(PetsResource):
    def names(self) -> list[str]:
        return [pet.name for pet in self.list()]


def team_pets(client: SwaggerPetstore) -> TeamPets:
    return TeamPets(client)
'''

CALL = '''
import httpx

import petstore_team
from petstore_team import SwaggerPetstore, TeamPets, team_pets

transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[{"id": 1, "name": "Rex"}]))
client = SwaggerPetstore(base_url="https://api.test", http_client=httpx.Client(transport=transport))
pets = team_pets(client)
assert isinstance(pets, TeamPets) and pets.names() == ["Rex"]
print(petstore_team.__file__)
'''


def test_the_teams_module_ships_in_the_wheel_and_imports_from_the_root(tmp_path: Path) -> None:
    spec = tmp_path / "petstore.yaml"
    spec.write_text((VENDORED / "oai-v3.0-petstore-expanded.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    config = {"package": "petstore_team", "distribution": "petstore-team"}
    (tmp_path / "petstore.generator.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    out = generate(spec, tmp_path / "out")
    (out / "petstore_team" / "team.py").write_text(TEAM, encoding="utf-8")
    config["extra_exports"] = {"team": ["TeamPets", "team_pets"]}
    (tmp_path / "petstore.generator.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    generate(spec, out)  # again, now re-exporting the team's names
    wheel = build(out, tmp_path / "dists").wheel
    assert "petstore_team/team.py" in zipfile.ZipFile(wheel).namelist()
    env = make_env(tmp_path / "env")
    env.install(wheel)
    script = tmp_path / "call.py"
    script.write_text(CALL, encoding="utf-8")
    assert "site-packages" in env.run("-I", script)
