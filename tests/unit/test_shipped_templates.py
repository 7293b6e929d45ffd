"""The built-in templates' shipped code (`render/shipped.py`) is what Jinja compiles from them now."""

from __future__ import annotations

import jinja2
import pytest

from generator.paths import templates_dir
from generator.render import _environment
from generator.render.overrides import template_names
from generator.render.shipped import DIRECTORY, _shipped_code, fingerprint, module_name, shipped_jinja

RUN = "templates changed: run `python -m generator.render.ship_templates` and commit the result"

# Another Jinja than the one that compiled them: the templates are compiled at run time (correct,
# slower). A skip with its reason, not a failure: a new Jinja on the index must not fail builds.
same_jinja = pytest.mark.skipif(
    shipped_jinja() != jinja2.__version__,
    reason=f"the templates were shipped by Jinja {shipped_jinja()}, this is {jinja2.__version__}: run ship_templates",
)


@same_jinja
@pytest.mark.parametrize("name", template_names(templates_dir()))
def test_shipped_code_is_up_to_date(name: str) -> None:
    env = _environment(None)
    source = (templates_dir() / name).read_text(encoding="utf-8")
    assert _shipped_code(name, fingerprint(env, source)) is not None, RUN
    shipped = (DIRECTORY / f"{module_name(name)}.py").read_text(encoding="utf-8")
    assert shipped.split("\n", 2)[2] == env.compile(source, name, None, raw=True) + "\n", RUN


@same_jinja
def test_templates_come_from_the_shipped_code() -> None:
    template = _environment(None).get_template("package/models/module.py.jinja")
    assert template.filename is not None and template.filename.startswith(str(DIRECTORY))


def test_an_edited_template_is_compiled() -> None:
    env = _environment(None)
    source = (templates_dir() / "package/_version.py.jinja").read_text(encoding="utf-8")
    assert _shipped_code("package/_version.py.jinja", fingerprint(env, source + "edited")) is None
