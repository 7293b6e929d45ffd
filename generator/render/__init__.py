"""IR -> {relative path: source text}, through the Jinja templates in `templates/`.

The only module that knows templates. `views` turns the IR into values (and `python_types`
spells the types); the templates escape them with the filters in `filters` and lay out the
Python. Spec text that reaches a template unfiltered stops the run. Beside the package go
`api.md` (a template over the same views) and `api.json` (the `surface` `diff` reads).
"""

from __future__ import annotations

import gc
from dataclasses import fields
from pathlib import Path
from typing import Any

import jinja2

from .. import GENERATOR_NAME, PROVENANCE
from ..diff.surface import surface
from ..gc_pause import collections_paused
from ..ir.types import Api
from ..paths import runtime_dir
from .compiled import CompiledTemplates
from .filters import (
    docstring,
    inline,
    json_document,
    pyliteral,
    refuse_raw,
    toml_list,
    toml_string,
    whole_docstring,
)
from .layout import wrap, wrap_import
from .overrides import check_overrides, template_error
from .overrides import loader as overrides_loader
from .views import LICENSE_FILE, PackageView, package_version, package_view

API_SURFACE = "api.json"  # the public API as data, for `diff` (see surface.py)


def _environment(cache_dir: Path | None, overrides: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=overrides_loader(overrides),
        bytecode_cache=None if cache_dir is None else CompiledTemplates(cache_dir),
        auto_reload=False,  # templates do not change during a run: no stat per file rendered
        cache_size=-1,  # a plain dict: each import in a template looks its template up there
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=refuse_raw,
    )
    env.filters["docstring"] = docstring
    env.filters["whole_docstring"] = whole_docstring
    env.filters["pyliteral"] = pyliteral
    env.filters["inline"] = inline
    env.filters["toml_string"] = toml_string
    env.filters["toml_list"] = toml_list
    env.filters["wrap"] = wrap
    env.filters["wrap_import"] = wrap_import
    return env


def _context(env: jinja2.Environment, view: PackageView) -> dict[str, Any]:
    """What every template sees: Jinja's globals (`range`, `namespace`...) and the view's fields."""
    context = dict(env.globals)
    context |= {f.name: getattr(view, f.name) for f in fields(view)}
    context["generator"] = GENERATOR_NAME
    context["provenance"] = PROVENANCE
    return context


def render_package(api: Api, cache_dir: Path | None = None, overrides: Path | None = None) -> dict[str, str]:
    """Every file of the generated project, by path relative to the output directory."""
    package = PackageRenderer(api, cache_dir, overrides)
    return {path: package.render(path) for path in package.paths}


class PackageRenderer:
    """The generated project's files, each rendered when asked for: so that formatting can start
    on one file while the next is rendered, and several processes can share the work."""

    def __init__(self, api: Api, cache_dir: Path | None = None, overrides: Path | None = None) -> None:
        """`cache_dir`: the generator's cache, where compiled templates are kept between runs;
        `overrides`: a directory of templates that replace the built-in ones (`overrides`)."""
        if overrides is not None:
            check_overrides(overrides)
        self._overrides = overrides
        with collections_paused():
            view = package_view(api)
            # The views live as long as the renderer, without cycles: no collection need walk
            # them (the driver unfreezes when the run ends). Jinja's environment, which has
            # cycles, is made after, so that it stays collectable.
            gc.freeze()
        self._env = _environment(cache_dir, overrides)
        self._context = _context(self._env, view)
        pkg = api.naming.package
        templates = {
            "pyproject.toml": "pyproject.toml.jinja",
            "README.md": "README.md.jinja",
            "api.md": "api.md.jinja",
            f"{pkg}/__init__.py": "package/__init__.py.jinja",
            f"{pkg}/_version.py": "package/_version.py.jinja",
            f"{pkg}/_client.py": "package/_client.py.jinja",
            f"{pkg}/pagination.py": "package/pagination.py.jinja",
            f"{pkg}/py.typed": None,
            f"{pkg}/models/__init__.py": "package/models/__init__.py.jinja",
            f"{pkg}/resources/__init__.py": "package/resources/__init__.py.jinja",
        }
        self._jobs: dict[str, tuple[str | None, dict[str, Any]]] = {
            path: (name, {}) for path, name in templates.items()
        }
        if view.webhooks is not None:
            self._jobs[f"{pkg}/_webhooks.py"] = ("package/_webhooks.py.jinja", {})
        for model in view.models.modules:
            path = f"{pkg}/models/{model.module}.py"
            self._jobs[path] = ("package/models/module.py.jinja", {"m": model})
        for module in view.resources:
            path = f"{pkg}/resources/{module.attribute}.py"
            self._jobs[path] = ("package/resources/resource.py.jinja", {"module": module})
        self._api, self._version, self._root = api, view.version, view.client.root
        self._runtime = {
            f"{pkg}/_runtime/{source.name}": source
            for source in sorted(runtime_dir().glob("*.py"))
        }
        # Files written as they are: the licence text the config names.
        license_text = api.metadata.license_text
        self._texts = {} if license_text is None else {LICENSE_FILE: license_text}
        self.paths = (*self._jobs, API_SURFACE, *self._texts, *self._runtime)  # in the order a whole render lists them
        self._sizes = _sizes(view, pkg)
        self._compile()

    def _compile(self) -> None:
        """Every template compiled once, here: forked workers inherit them."""
        try:
            names = sorted({name for name, _ in self._jobs.values() if name})
            self._templates = {name: self._env.get_template(name) for name in names}
        except jinja2.TemplateError as exc:
            raise self._template_error(exc) from None

    def render(self, path: str) -> str:
        if path == API_SURFACE:
            with collections_paused():
                return json_document(surface(self._api, self._version, self._root))
        if path in self._runtime:
            return self._runtime[path].read_text(encoding="utf-8")
        if path in self._texts:
            return self._texts[path]
        name, extra = self._jobs[path]
        try:
            return _render(self._templates[name], self._context | extra) if name else ""
        except jinja2.TemplateError as exc:
            raise self._template_error(exc) from None

    def _template_error(self, exc: jinja2.TemplateError) -> Exception:
        """An override's mistake is the user's, located; a built-in template's is a bug."""
        return exc if self._overrides is None else template_error(self._overrides, exc)

    def size(self, path: str) -> int:
        """About how many lines `path` will have: to hand out the largest files first."""
        return self._sizes.get(path, 0)


def render_surface(api: Api) -> str:
    """`api.json` from the IR alone (the client's view built for it): what `PackageRenderer`
    renders for that path, without its views, so that another process can render it while
    this one builds them."""
    with collections_paused():
        return json_document(surface(api, package_version(api)))


def _render(template: jinja2.Template, values: dict[str, Any]) -> str:
    """`template.render(values)`, where `values` already holds the environment's globals.

    `render` would merge the globals into a new dict and list them again for each `import`
    (a few microseconds a file, many thousands of files)."""
    env = template.environment
    context = env.context_class(env, values, template.name, template.blocks)
    try:
        return env.concat(template.root_render_func(context))
    except Exception:
        env.handle_exception()


def _sizes(view: PackageView, pkg: str) -> dict[str, int]:
    sizes = {f"{pkg}/models/__init__.py": 3 * len(view.models.exports)}
    for model in view.models.modules:
        lines = len(model.model.fields) * 2 if model.model is not None else 0
        lines += len(model.enum.members) if model.enum is not None else 0
        lines += len(model.param.keys) if model.param is not None else 0
        sizes[f"{pkg}/models/{model.module}.py"] = 10 + lines
    for module in view.resources:
        methods = sum(len(c.methods) for c in module.classes)
        sizes[f"{pkg}/resources/{module.attribute}.py"] = 40 * methods + 20 * len(module.classes)
    sizes[f"{pkg}/_client.py"] = 200 + 40 * len(view.client.root.methods)
    # The two files about the whole API, in the same units (about as long to render as that
    # many lines of the modules): api.json, the largest of all, is then handed out first
    # rather than last, where one process would render it while the others wait.
    methods = sum(len(resource.methods) for _, resource in view.reference)
    fields = sum(len(model.fields) for model in view.models.models)
    sizes[API_SURFACE] = fields + 10 * methods
    sizes["api.md"] = 8 * methods
    return sizes
