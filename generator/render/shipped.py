"""The built-in templates, compiled when the generator is written, so that no run compiles them.

Compiling the templates (Jinja's lexer, parser and code generator, in Python) takes longer
than rendering a small API, and a run without a cache would do it every time. Jinja compiles a
template to Python source; `python -m generator.render.ship_templates` writes that source for each
built-in template into `render/shipped_templates/`, with a fingerprint of what it was made from
(the template's text, Jinja's version, the environment's options). A template is used from there
only while its fingerprint still matches: an edited template, another Jinja or other options
compile as before (and `tests/unit/test_shipped_templates.py` says to run the command again).
Python keeps the modules' bytecode as it keeps any module's; each environment executes the code
in a namespace of its own, as Jinja does with a template it compiled.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import jinja2

from ..paths import templates_dir

PACKAGE = f"{__package__}.shipped_templates"
DIRECTORY = Path(__file__).parent / "shipped_templates"


def module_name(template: str) -> str:
    """`package/models/module.py.jinja` -> `package__models__module_py_jinja`."""
    return template.replace("/", "__").replace(".", "_").replace("-", "_")


def fingerprint(env: jinja2.Environment, source: str) -> str:
    """What a template's compiled code depends on: its text, Jinja, the environment's options."""
    options = (
        jinja2.__version__,
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
        env.newline_sequence, env.keep_trailing_newline, env.optimized, env.finalize is not None,
        env.autoescape, sorted(env.extensions),
    )  # fmt: skip
    return hashlib.sha256(repr((options, source)).encode("utf-8", "surrogatepass")).hexdigest()


class ShippedLoader(jinja2.FileSystemLoader):
    """The built-in templates: each from its shipped code when that is up to date, else compiled."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        code = _shipped_code(name, fingerprint(environment, source))
        if code is None:
            return super().load(environment, name, globals)
        return environment.template_class.from_code(
            environment, code, environment.make_globals(globals), uptodate
        )


def _shipped_code(name: str, wanted: str) -> Any:
    """The code object shipped for template `name` if it was made from the same inputs, else None."""
    if _fingerprints().get(name) != wanted:
        return None
    module = f"{PACKAGE}.{module_name(name)}"
    spec = importlib.util.find_spec(module)
    return None if spec is None or spec.loader is None else spec.loader.get_code(module)  # type: ignore[attr-defined]


def shipped_jinja() -> str | None:
    """The Jinja version that compiled the shipped templates (None: never written)."""
    try:
        return getattr(importlib.import_module(PACKAGE), "JINJA", None)
    except ImportError:
        return None


def _fingerprints() -> dict[str, str]:
    """What each shipped template was made from (none: the directory was never written)."""
    try:
        index = importlib.import_module(PACKAGE)
    except ImportError:
        return {}
    return getattr(index, "FINGERPRINTS", {})


def write(env: jinja2.Environment, names: list[str]) -> list[str]:
    """Compile the built-in templates `names` into `shipped_templates/`; the names written."""
    DIRECTORY.mkdir(exist_ok=True)
    for stale in DIRECTORY.glob("*.py"):
        stale.unlink()
    fingerprints = {}
    for name in names:
        source = (templates_dir() / name).read_text(encoding="utf-8")
        code = env.compile(source, name, None, raw=True)
        header = f"# {name}, compiled by Jinja {jinja2.__version__}: written by `python -m generator.render.ship_templates`."
        (DIRECTORY / f"{module_name(name)}.py").write_text(f"{header}\n# fmt: off\n{code}\n", encoding="utf-8")
        fingerprints[name] = fingerprint(env, source)
    index = "\n".join(f"    {name!r}: {value!r}," for name, value in fingerprints.items())
    (DIRECTORY / "__init__.py").write_text(
        f'"""Written by `python -m generator.render.ship_templates`: do not edit."""\n\n'
        f"JINJA = {jinja2.__version__!r}  # the Jinja that compiled them\n\nFINGERPRINTS = {{\n{index}\n}}\n",
        encoding="utf-8",
    )
    return sorted(fingerprints)

