"""The config's package metadata keys: each value checked and located, then written to
pyproject.toml (and the licence text to LICENSE) as the package index expects it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from generator.config import Config, load_config
from generator.diagnostics import GenerationError
from generator.ir.package import package_metadata
from generator.package_metadata import spdx_expression
from generator.render import render_package
from tests.unit.test_render import api

tomllib = pytest.importorskip("tomllib")

FULL = """\
package: shop
license: Apache-2.0 OR MIT
license_file: legal/LICENSE.txt
authors:
  - {name: "Shop, Inc.", email: dev@shop.example}
  - {name: Jane Doe}
  - {email: ops@shop.example}
homepage: https://shop.example
repository: https://github.com/shop/shop-python
documentation: https://docs.shop.example/python?v=1
keywords: [shop, "online shop"]
classifiers: ["Typing :: Typed", "Development Status :: 4 - Beta"]
"""


def config_at(tmp_path: Path, text: str, license_text: str | bytes | None = None) -> Config:
    path = tmp_path / "api.generator.yaml"
    path.write_text(text)
    if license_text is not None:
        (tmp_path / "legal").mkdir(exist_ok=True)
        target = tmp_path / "legal" / "LICENSE.txt"
        target.write_bytes(license_text.encode() if isinstance(license_text, str) else license_text)
    return load_config(path, tmp_path / "api.yaml")


def pyproject(config: Config) -> tuple[dict[str, str], dict[str, Any]]:
    files = render_package(api(metadata=package_metadata(config)))
    return files, tomllib.loads(files["pyproject.toml"])


def test_every_key_reaches_pyproject_and_the_licence_its_file(tmp_path: Path) -> None:
    files, toml = pyproject(config_at(tmp_path, FULL, "\ufeffMIT License\n"))
    project = toml["project"]
    assert project["license"] == "Apache-2.0 OR MIT"
    assert project["license-files"] == ["LICENSE"] and files["LICENSE"] == "MIT License\n"
    assert project["authors"] == [
        {"name": "Shop, Inc.", "email": "dev@shop.example"},
        {"name": "Jane Doe"},
        {"email": "ops@shop.example"},
    ]
    assert project["urls"] == {
        "Homepage": "https://shop.example",
        "Repository": "https://github.com/shop/shop-python",
        "Documentation": "https://docs.shop.example/python?v=1",
    }
    assert project["keywords"] == ["shop", "online shop"]
    assert project["classifiers"] == ["Typing :: Typed", "Development Status :: 4 - Beta"]


def test_without_the_keys_the_package_gets_the_default_classifiers_and_nothing_else(tmp_path: Path) -> None:
    files, toml = pyproject(config_at(tmp_path, "package: shop\n"))
    project = toml["project"]
    assert project["classifiers"] == [
        "Intended Audience :: Developers",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Typing :: Typed",
    ]
    assert project["requires-python"] == ">=3.10"
    assert not {"license", "license-files", "authors", "keywords", "urls"} & project.keys()
    assert "LICENSE" not in files


@pytest.mark.parametrize(
    "expression",
    ["MIT", "Apache-2.0 OR MIT", "GPL-2.0+ WITH Classpath-exception-2.0", "(MIT OR Apache-2.0) AND BSD-3-Clause",
     "LicenseRef-Shop-1.0", "MIT OR(Apache-2.0 AND (BSD-2-Clause))"],
)
def test_an_spdx_expression_is_accepted(expression: str) -> None:
    assert spdx_expression(expression)


@pytest.mark.parametrize(
    "expression",
    ["", "MIT or Apache-2.0", "MIT OR", "AND", "(MIT", "MIT)", "MIT Apache-2.0", "MIT WITH (X)", "M!T",
     "MIT OR ()", 'MIT"\n[tool.evil]'],
)
def test_anything_else_is_no_spdx_expression(expression: str) -> None:
    assert not spdx_expression(expression)


def failure(tmp_path: Path, text: str, license_text: str | bytes | None = None) -> tuple[int, int, str, str]:
    with pytest.raises(GenerationError) as raised:
        config_at(tmp_path, text, license_text)
    [problem] = raised.value.diagnostics
    assert problem.file == str(tmp_path / "api.generator.yaml")
    return problem.line, problem.col, problem.pointer, problem.message


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("license: mit and apache-2.0", "SPDX license expression"),
        ("license: [MIT]", "SPDX license expression"),
        ("license_file: /etc/passwd", "relative to the config file"),
        ("authors: {name: Jane}", "list of mappings"),
        ("authors: [{}]", "authors[0] must be a mapping of name, email or both"),
        ("authors: [{name: Jane, mail: j@x.io}]", "authors[0] must be a mapping"),
        ("authors: [{name: Jane}, {email: not-an-address}]", "authors[1] email must be an email address"),
        ("authors: [{name: \"Jane\\nDoe\"}]", "authors[0] name must be a short line of text"),
        ("authors: [{email: zoë@example.com}]", "authors[0] email"),
        ("homepage: ftp://shop.example", "'homepage' must be an http(s) URL"),
        ("repository: 'https://shop.example/a b'", "'repository' must be an http(s) URL"),
        ("documentation: https://", "'documentation' must be an http(s) URL"),
        ("keywords: shop", "'keywords' must be a list of strings"),
        ("keywords: [shop, 'a,b']", "keywords[1] must be a word or short phrase"),
        ("classifiers: [Typed]", "classifiers[0] must be a trove classifier"),
        ("classifiers: ['Typing ::Typed']", "classifiers[0] must be a trove classifier"),
        ("classifiers: [1]", "'classifiers' must be a list of strings"),
    ],
)
def test_a_bad_value_is_located_at_its_key(tmp_path: Path, line: str, fragment: str) -> None:
    key = line.split(":")[0]
    assert failure(tmp_path, f"package: shop\n{line}\n")[:3] == (2, 1, f"/{key}")
    assert fragment in failure(tmp_path, f"package: shop\n{line}\n")[3]


def test_a_licence_classifier_beside_a_licence_expression_is_refused(tmp_path: Path) -> None:
    text = "license: MIT\nclassifiers: ['License :: OSI Approved :: MIT License']\n"
    line, _, at, message = failure(tmp_path, text)
    assert (line, at) == (2, "/classifiers") and "PEP 639" in message


def test_the_unknown_key_message_lists_the_new_keys(tmp_path: Path) -> None:
    message = failure(tmp_path, "licence: MIT\n")[3]
    assert "unknown config key 'licence'" in message
    for key in ("license", "license_file", "authors", "homepage", "repository", "documentation", "keywords", "classifiers"):
        assert key in message


def _link_out(tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("secret\n")
    (tmp_path / "legal").mkdir()
    (tmp_path / "legal" / "LICENSE.txt").symlink_to(outside)


@pytest.mark.parametrize(
    "license_file, prepare, fragment",
    [
        ("legal/LICENSE.txt", None, "cannot read license_file 'legal/LICENSE.txt': No such file"),
        ("../LICENSE", None, "is outside the config file's directory"),
        ("legal/LICENSE.txt", _link_out, "is outside the config file's directory"),
        ("legal", lambda d: (d / "legal").mkdir(), "is not a regular file"),
        ("legal/LICENSE.txt", b"MIT \xff", "is not UTF-8 text (byte 4)"),
        ("legal/LICENSE.txt", b"x" * (256 * 1024 + 1), "is larger than 256 KiB"),
    ],
)
def test_a_licence_file_that_cannot_be_used_is_located_at_its_key(
    tmp_path: Path, license_file: str, prepare: object, fragment: str
) -> None:
    content = prepare if isinstance(prepare, bytes) else None
    if callable(prepare):
        prepare(tmp_path)
    line, col, at, message = failure(tmp_path, f"license: MIT\nlicense_file: {license_file}\n", content)
    assert (line, col, at) == (2, 1, "/license_file")
    assert fragment in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_licence_file_that_is_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "LICENSE")
    assert "is not a regular file" in failure(tmp_path, "license_file: LICENSE\n")[3]
