"""`python -m generator diff`: its inputs (specs, output directories), formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import PROVENANCE
from generator.cli import main
from tests.diff.support import base, changed


def write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document) if path.suffix == ".json" else yaml.safe_dump(document))
    return path


def diff(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def breaking(d: dict[str, Any]) -> None:
    d["components"]["schemas"]["Item"]["properties"].pop("label")


def feature(d: dict[str, Any]) -> None:
    d["components"]["schemas"]["Item"]["properties"]["stock"] = {"type": "integer"}


def reordered(node: Any) -> Any:
    """The same document with every mapping's keys in reverse order."""
    if isinstance(node, dict):
        return {k: reordered(node[k]) for k in reversed(list(node))}
    if isinstance(node, list):
        return [reordered(v) for v in node]
    return node


def test_a_cosmetic_change_bumps_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.yaml", base())
    new = write(tmp_path / "new.json", reordered(base()))
    code, out, _ = diff(capsys, old, new, "--format", "json")
    assert code == 0
    assert json.loads(out) == {"bump": "none", "changes": []}


def test_json_names_each_change_by_its_python_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(lambda d: (breaking(d), feature(d))))
    code, out, _ = diff(capsys, old, new, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["bump"] == "major"
    assert report["changes"] == [
        {"severity": "breaking", "path": "shop.models.Item.label", "message": "field label removed"},
        {"severity": "feature", "path": "shop.models.Item.stock", "message": "field stock added"},
    ]


def test_markdown_is_headed_by_the_next_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(feature))
    _, out, _ = diff(capsys, old, new, "--format", "markdown")
    assert out.splitlines()[0] == "## shop 1.3.0"
    assert "### Features\n\n- `shop.models.Item.stock`: field stock added" in out
    assert "Breaking" not in out


def test_text_gives_the_bump_and_one_line_a_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(breaking))
    _, out, _ = diff(capsys, old, new)
    assert out.splitlines() == [
        "bump: major (shop 1.2.0 -> 2.0.0)",
        "breaking  shop.models.Item.label: field label removed",
        "1 breaking, 0 feature, 0 docs",
    ]


@pytest.mark.parametrize(
    "tweak, fail_on, code",
    [(breaking, "major", 1), (feature, "major", 0), (feature, "minor", 1), (feature, "patch", 1), (None, "patch", 0)],
)
def test_fail_on_exits_1_at_or_above_the_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tweak: Any, fail_on: str, code: int
) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(tweak or (lambda d: None)))
    assert diff(capsys, old, new, "--fail-on", fail_on)[0] == code


@pytest.mark.parametrize("version, code", [("1.2.0", 1), ("1.9", 1), ("2.0.0", 0), ("3.0", 0)])
def test_unless_bumped_accepts_a_breaking_change_with_a_new_major_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str, code: int
) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(lambda d: (breaking(d), d["info"].update(version=version))))
    assert diff(capsys, old, new, "--fail-on", "major", "--unless-bumped")[0] == code


def test_old_may_be_an_output_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(lambda d: (breaking(d), feature(d))))
    assert main([str(old), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    capsys.readouterr()
    from_spec = diff(capsys, old, new, "--format", "json")
    from_directory = diff(capsys, tmp_path / "out", new, "--format", "json")
    assert from_directory[:2] == from_spec[:2]
    assert diff(capsys, tmp_path / "out", old, "--format", "json")[1] == json.dumps({"bump": "none", "changes": []}, indent=2) + "\n"


def test_an_sdk_made_by_another_generator_version_has_the_same_api(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """api.json records what generated it; `diff` compares APIs, not generators."""
    spec = write(tmp_path / "shop.json", base())
    assert main([str(spec), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    snapshot = json.loads((tmp_path / "out" / "api.json").read_text())
    assert snapshot["generator"] == PROVENANCE
    (tmp_path / "out" / "api.json").write_text(json.dumps({**snapshot, "generator": "openapi-pyclient-generator 0.0.1"}))
    capsys.readouterr()
    code, out, _ = diff(capsys, tmp_path / "out", spec, "--format", "json")
    assert code == 0 and json.loads(out) == {"bump": "none", "changes": []}


def test_a_directory_without_a_snapshot_is_invalid_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = write(tmp_path / "new.json", base())
    (tmp_path / "empty").mkdir()
    code, out, err = diff(capsys, tmp_path / "empty", new)
    assert code == 2 and out == ""
    assert f"{tmp_path / 'empty' / 'api.json'}: error: no API snapshot" in err


def test_an_invalid_spec_is_located_as_for_generation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    broken = write(tmp_path / "new.yaml", changed(lambda d: d["paths"]["/items"]["get"].update(responses="none")))
    code, out, err = diff(capsys, old, broken)
    assert code == 2 and out == ""
    line = next(n for n, text in enumerate(broken.read_text().splitlines(), 1) if "responses: none" in text)
    assert f"{broken}:{line}:" in err and "/paths/~1items/get/responses" in err


def test_each_spec_reads_its_own_config_or_both_use_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", base())
    (tmp_path / "old.generator.yaml").write_text("package: shop_one\n")
    (tmp_path / "new.generator.yaml").write_text("package: shop_two\n")
    _, out, err = diff(capsys, old, new, "--format", "json")
    assert {"severity": "breaking", "path": "shop_two", "message": "package renamed from shop_one"} in json.loads(out)["changes"]
    assert err == ""
    (tmp_path / "both.yaml").write_text("package: shop3\n")
    _, out, err = diff(capsys, old, new, "--config", tmp_path / "both.yaml", "--format", "json")
    assert json.loads(out)["bump"] == "none" and err == ""


@pytest.mark.parametrize("beside", ["old", "new"])
def test_a_config_beside_one_spec_serves_both_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str], beside: str) -> None:
    """Else the side without one would be read with the defaults: package, client and servers renamed."""
    specs = {side: write(tmp_path / f"{side}.json", base()) for side in ("old", "new")}
    config = tmp_path / f"{beside}.generator.yaml"
    config.write_text("package: shop_two\nclient: ShopTwo\nserver_names: [main]\n")
    code, out, err = diff(capsys, specs["old"], specs["new"], "--format", "json")
    assert (code, json.loads(out)) == (0, {"bump": "none", "changes": []})
    other = specs["new" if beside == "old" else "old"]
    assert err.splitlines() == [f"diff: {other} has no config beside it: {config} is used for both"]


def test_without_a_config_the_defaults_are_used_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", base())
    _, _, err = diff(capsys, old, new)
    assert err.splitlines() == [f"diff: no config beside {old} or {new} (nor --config): the defaults are used"]


def test_an_output_directory_neither_lends_nor_borrows_a_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its api.json holds the names it was generated with."""
    old = write(tmp_path / "old.json", base())
    (tmp_path / "old.generator.yaml").write_text("package: shop_two\n")
    assert main([str(old), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    new = write(tmp_path / "new.json", base())
    capsys.readouterr()
    code, out, err = diff(capsys, tmp_path / "out", new, "--format", "json")
    assert code == 0 and err.splitlines() == [f"diff: no config beside {new} (nor --config): the defaults are used"]
    assert {"severity": "breaking", "path": "shop", "message": "package renamed from shop_two"} in json.loads(out)["changes"]
    (tmp_path / "new.generator.yaml").write_text("package: shop_two\n")
    assert diff(capsys, tmp_path / "out", new, "--format", "json")[1:] == (json.dumps({"bump": "none", "changes": []}, indent=2) + "\n", "")


def test_what_a_config_names_that_its_spec_lacks_is_an_error_as_for_generation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", base())
    (tmp_path / "old.generator.yaml").write_text("package: shop\n")
    (tmp_path / "new.generator.yaml").write_text("server_names: [us, eu]\n")
    code, out, err = diff(capsys, old, new)
    assert code == 2 and out == ""
    assert f"{tmp_path / 'new.generator.yaml'}:1:1: /server_names: error: server_names lists 2 names but new.json has 1 server: https://api.example.com" in err


def test_what_a_config_for_both_names_that_one_spec_lacks_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A config read for the other spec, or given with --config, may predate or postdate a spec."""
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(lambda d: d["servers"].append({"url": "https://eu.example.com"})))
    config = tmp_path / "new.generator.yaml"
    config.write_text("server_names: [us, eu]\n")
    for args in [(), ("--config", config)]:
        code, out, err = diff(capsys, old, new, "--format", "json", *args)
        assert code == 0 and json.loads(out)["bump"] == "minor"
        assert f"{config}:1:1: /server_names: warning: server_names lists 2 names but old.json has 1 server: https://api.example.com" in err.splitlines()


def test_the_configs_package_version_is_the_packages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The version `--unless-bumped` reads is the config's `package_version`, else info.version."""
    old = write(tmp_path / "old.json", base())
    new = write(tmp_path / "new.json", changed(breaking))
    assert diff(capsys, old, new, "--fail-on", "major", "--unless-bumped")[0] == 1
    (tmp_path / "new.generator.yaml").write_text("package_version: 2.0.0\n")
    assert diff(capsys, old, new, "--fail-on", "major", "--unless-bumped")[0] == 0
    assert main([str(new), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    assert (tmp_path / "out" / "shop" / "_version.py").read_text().splitlines()[0] == '__version__ = "2.0.0"'
