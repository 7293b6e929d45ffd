"""`docs/templates.md` is the contract of template overrides: every value each view type gives the
templates is listed under its type, so a change to the views shows in the doc (and the changelog)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.ir.types import Naming
from generator.paths import templates_dir
from generator.render import (
    io_examples,
    method_views,
    model_views,
    security_views,
    stream_views,
    views,
    webhook_views,
)
from generator.render.overrides import template_names
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
CONTRACT = [
    views.PackageView,
    Naming,
    views.MetadataView,
    views.ClientView,
    views.ServerView,
    security_views.SecurityView,
    security_views.ClientCredentialsView,
    webhook_views.WebhooksView,
    webhook_views.WebhookEventView,
    views.RetryView,
    views.Examples,
    views.ExampleCall,
    method_views.ResourceModuleView,
    method_views.ResourceView,
    method_views.MethodView,
    method_views.ArgView,
    method_views.BodyView,
    method_views.EndpointView,
    method_views.ArgumentEntry,
    method_views.PaginationView,
    model_views.ModelsModuleView,
    model_views.ModelModuleView,
    model_views.ModelView,
    model_views.FieldView,
    model_views.EnumView,
    model_views.AliasView,
    model_views.ParamView,
    stream_views.StreamView,
    stream_views.OverloadView,
    io_examples.IOExamples,
    io_examples.IOCall,
]


def section(name: str) -> str:
    found = re.search(rf"^### `{name}`\n(.*?)(?=^### |\Z)", DOC, re.S | re.M)
    assert found, f"docs/templates.md has no section for {name}"
    return found.group(1)


@pytest.mark.parametrize("view", CONTRACT, ids=lambda v: v.__name__)
def test_every_value_is_documented_with_its_type(view: type) -> None:
    listed = section(view.__name__)
    for field in dataclasses.fields(view):
        assert f"- `{field.name}`: `{field.type}`" in listed, f"{view.__name__}.{field.name} ({field.type})"
    documented = set(re.findall(r"^- `(\w+)`", listed, re.M))
    known = {f.name for f in dataclasses.fields(view)} | {n for n, v in vars(view).items() if isinstance(v, property)}
    assert documented <= known, f"documented but gone: {documented - known}"


def test_every_built_in_template_is_listed() -> None:
    for name in template_names(templates_dir()):
        assert f"`{name}`" in DOC, name
