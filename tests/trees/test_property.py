"""The same API as one file or as a tree of files gives a byte-identical package.

One file is either the spec as its authors wrote it, or Redocly CLI's bundle of the tree: the
generator must read a tree the way the tool that most API projects split their specs with does.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path
from typing import Any

from generator.load import load
from tests.conftest import ROOT

from .conftest import generate, package, write_tree

CAFE = ROOT / "tests" / "corpus" / "specs" / "redocly-cafe"
SPOTIFY = ROOT / "tests" / "corpus" / "specs" / "spotify-fixed-open-api.yml"


def test_redocly_cafe_as_a_tree_and_bundled_by_redocly_give_the_same_package(tmp_path: Path, redocly_bundle: Any) -> None:
    tree = tmp_path / "cafe"
    shutil.copytree(CAFE, tree)
    bundled = redocly_bundle(tree / "openapi.yaml", tmp_path / "bundled.yaml")
    from_tree = generate(tree / "openapi.yaml", tmp_path / "from-tree")
    from_bundle = generate(bundled, tmp_path / "from-bundle")
    assert from_tree.code == 0 and not from_tree.errors, from_tree.stderr  # no --lenient needed
    assert from_bundle.code == 0, from_bundle.stderr
    assert package(tmp_path / "from-tree") == package(tmp_path / "from-bundle")


def test_a_corpus_spec_split_into_files_gives_the_package_of_the_one_file(tmp_path: Path, redocly_bundle: Any) -> None:
    """Spotify's spec with every path item and schema in a file of its own (in two folders, half
    of them JSON): the original, the tree and Redocly's bundle of the tree agree to the byte."""
    document = load(SPOTIFY).document  # read as the generator reads it: dates stay strings
    root = write_tree(tmp_path / "tree", split(document))
    assert len(list((tmp_path / "tree").rglob("*.*"))) > 150
    bundled = redocly_bundle(root, tmp_path / "bundled.yaml")
    outcomes = {
        "one file": generate(SPOTIFY, tmp_path / "one-file"),
        "tree": generate(root, tmp_path / "tree-out"),
        "redocly": generate(bundled, tmp_path / "redocly-out"),
    }
    for name, outcome in outcomes.items():
        assert outcome.code == 0, f"{name}: {outcome.stderr}"
    expected = package(tmp_path / "one-file")
    assert package(tmp_path / "tree-out") == expected
    assert package(tmp_path / "redocly-out") == expected


# --- splitting a one-file spec the way Redocly's starter template lays a project out -------------

SCHEMA_REF = "#/components/schemas/"


def split(document: dict[str, Any]) -> dict[str, Any]:
    """`openapi.yaml` plus `paths/<path>.yaml` and `components/schemas/<folder>/<Name>.yaml|json`;
    every `$ref` rewritten to the file it now names, relative to the file it is written in."""
    document = copy.deepcopy(document)
    schemas = document["components"].pop("schemas")
    files: dict[str, Any] = {}
    for name, schema in schemas.items():
        files[schema_file(name)] = rewrite(schema, schema_file(name))
    for path, item in document["paths"].items():
        name = "paths/" + path.strip("/").replace("/", "_") + ".yaml"
        files[name] = rewrite(item, name)
        document["paths"][path] = {"$ref": name}
    files["openapi.yaml"] = rewrite(document, "openapi.yaml")
    return files


def schema_file(name: str) -> str:
    folder = "a-m" if name[:1].lower() <= "m" else "n-z"
    return f"components/schemas/{folder}/{name}.{'json' if len(name) % 2 else 'yaml'}"


def rewrite(node: Any, written_in: str) -> Any:
    """A copy of `node` whose local `$ref`s name files relative to `written_in`."""
    if isinstance(node, list):
        return [rewrite(item, written_in) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: rewrite(value, written_in) for key, value in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        out["$ref"] = relative(ref, written_in)
    mapping = out.get("mapping")
    if isinstance(mapping, dict) and "propertyName" in out:
        out["mapping"] = {key: relative(value, written_in) for key, value in mapping.items()}
    return out


def relative(ref: str, written_in: str) -> str:
    """`#/components/schemas/X` -> the path of X's file from `written_in`; any other local
    `$ref` -> into `openapi.yaml` (unchanged in the root itself)."""
    if ref.startswith(SCHEMA_REF):
        target = schema_file(ref[len(SCHEMA_REF) :])
    elif written_in == "openapi.yaml":
        return ref
    else:
        target = "openapi.yaml" + ref
    return os.path.relpath(target, os.path.dirname(written_in) or ".").replace(os.sep, "/")


def test_the_split_names_files_relative_to_where_they_are_written() -> None:
    """The tree builder itself: one check, so that a wrong tree cannot pass by accident."""
    assert relative("#/components/schemas/Zebra", "paths/a.yaml") == "../components/schemas/n-z/Zebra.json"
    assert relative("#/components/schemas/Ant", "components/schemas/n-z/Zebra.yaml") == "../a-m/Ant.json"
    assert relative("#/components/parameters/P", "paths/a.yaml") == "../openapi.yaml#/components/parameters/P"
    assert json.dumps(relative("#/components/parameters/P", "openapi.yaml")) == '"#/components/parameters/P"'
