"""`python -m generator.render.ship_templates`: compile the built-in templates into
`render/shipped_templates/` (see `shipped`). Run it after changing a template."""

from __future__ import annotations

from ..paths import templates_dir
from . import _environment
from .overrides import template_names
from .shipped import write

if __name__ == "__main__":
    print("\n".join(write(_environment(None), template_names(templates_dir()))))
