"""Template overrides (`--templates DIR`, `templates:` in the config): a file in DIR replaces
the built-in template at the same relative path (`README.md.jinja`,
`package/resources/resource.py.jinja`); a file that matches none is an error, as is a
template that does not compile or render. What each template receives is documented in
`docs/templates.md`: the view layer's types (`render/views.py`) are that contract.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from ..diagnostics import Diagnostic, GenerationError
from ..paths import templates_dir
from .shipped import ShippedLoader


def template_names(root: Path) -> list[str]:
    """Every file under `root`, by its path relative to it (POSIX slashes), sorted."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        found += [(Path(dirpath) / name).relative_to(root).as_posix() for name in filenames]
    return sorted(found)


def check_overrides(directory: Path) -> list[str]:
    """The built-in templates `directory` overrides; raises for a file that overrides none."""
    if not directory.is_dir():
        raise GenerationError([Diagnostic(str(directory), 0, 0, "", "templates: no such directory")])
    builtin = set(template_names(templates_dir()))
    found = template_names(directory)
    unknown = [name for name in found if name not in builtin]
    if unknown:
        known = ", ".join(sorted(builtin))
        raise GenerationError(
            [Diagnostic(str(directory / name), 0, 0, "", f"template override {name!r} matches no built-in template (they are: {known})") for name in unknown]
        )
    return found


def loader(directory: Path | None) -> jinja2.BaseLoader:
    """The overrides first, then the built-in templates (from their shipped code: `shipped`)."""
    builtin = ShippedLoader(str(templates_dir()))
    if directory is None:
        return builtin
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(directory)), builtin])


def template_error(directory: Path, exc: jinja2.TemplateError) -> GenerationError:
    """A template override that does not compile or render, located in it when Jinja says where."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.filename or str(directory), exc.lineno
    else:
        where, line = str(directory), 0
    return GenerationError([Diagnostic(where, line, 0, "", f"template override: {type(exc).__name__}: {exc.message or exc}")])
