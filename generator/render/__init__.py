"""IR -> {relative path: source text}, through the Jinja templates in `templates/`.

The only module that knows templates. `views` turns the IR into values (and `python_types`
spells the types); the templates escape them with the filters in `filters` and lay out the
Python. Spec text that reaches a template unfiltered stops the run. Beside the package go
`api.md` (a template over the same views) and `api.json` (the `surface` `diff` reads).
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import jinja2

from ..ir.types import Api
from ..surface import surface
from .filters import docstring, inline, pyliteral, refuse_raw, toml_string
from .views import PackageView, package_view

GENERATOR_NAME = "openapi-pyclient-generator"


def templates_dir() -> Path:
    """Templates sit at the checkout's top level, and inside the package once installed."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=refuse_raw,
    )
    env.filters["docstring"] = docstring
    env.filters["pyliteral"] = pyliteral
    env.filters["inline"] = inline
    env.filters["toml_string"] = toml_string
    return env


def _context(view: PackageView) -> dict[str, Any]:
    context = {f.name: getattr(view, f.name) for f in fields(view)}
    context["generator"] = GENERATOR_NAME
    return context


def render_package(api: Api) -> dict[str, str]:
    """Every file of the generated project, by path relative to the output directory."""
    env = _environment()
    view = package_view(api)
    context = _context(view)
    pkg = api.naming.package
    templates = {
        "pyproject.toml": "pyproject.toml.jinja",
        "README.md": "README.md.jinja",
        "api.md": "api.md.jinja",
        f"{pkg}/__init__.py": "package/__init__.py.jinja",
        f"{pkg}/_version.py": "package/_version.py.jinja",
        f"{pkg}/_client.py": "package/_client.py.jinja",
        f"{pkg}/py.typed": None,
        f"{pkg}/models.py": "package/models.py.jinja",
        f"{pkg}/resources/__init__.py": "package/resources/__init__.py.jinja",
    }
    files = {
        path: env.get_template(name).render(context) if name else ""
        for path, name in templates.items()
    }
    resource_template = env.get_template("package/resources/resource.py.jinja")
    for module in view.resources:
        files[f"{pkg}/resources/{module.attribute}.py"] = resource_template.render(
            context, module=module
        )
    files["api.json"] = json.dumps(surface(api, view.version), indent=1, ensure_ascii=False) + "\n"
    for source in sorted((templates_dir() / "runtime").glob("*.py")):
        files[f"{pkg}/_runtime/{source.name}"] = source.read_text(encoding="utf-8")
    return files
