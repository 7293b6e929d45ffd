"""Paths -> resources and methods: grouping, naming rules, collisions, bodies, parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Config, load_config
from generator.diagnostics import GenerationError
from generator.ir import build
from generator.load import load
from tests.conftest import ROOT, spec_document


@pytest.fixture(scope="module")
def novu():  # type: ignore[no-untyped-def]
    spec = load(ROOT / "specs" / "novu.yaml")
    return build(spec, load_config(None, spec.path))[0]


def methods(api):  # type: ignore[no-untyped-def]
    found = {}

    def walk(resource, prefix):  # type: ignore[no-untyped-def]
        for op in resource.operations:
            found[".".join([*prefix, op.python_name])] = op
        for child in resource.children:
            walk(child, [*prefix, child.python_name])

    walk(api.root, [])
    return found


def test_novu_names_follow_speakeasy_groups_and_overrides(novu) -> None:
    names = methods(novu)
    assert len(names) == 89
    assert names["integrations.set_as_primary"].operation_id == "IntegrationsController_setIntegrationAsPrimary"
    assert names["events.trigger"].path == "/v1/events/trigger"
    assert names["subscribers.list"].operation_id == "SubscribersController_listSubscribers"
    assert names["subscribers.credentials.update"].method == "PUT"
    assert names["subscribers.retrieve"].operation_id == "SubscribersController_getSubscriber"
    assert names["topics.subscribers.assign"].method == "POST"


def test_novu_schemas_and_pagination(novu) -> None:
    components = [s for s in novu.schemas if s.pointer.count("/") == 3 and s.pointer.startswith("/components/schemas/")]
    assert len(components) == 118
    page = methods(novu)["subscribers.list"].pagination
    assert page is not None and (page.style, page.param, page.source) == ("page", "page", "extension")
    assert page.items_path == ("data",) and page.limit_param == "limit"


def test_novu_flattened_body(novu) -> None:
    trigger = methods(novu)["events.trigger"]
    assert trigger.body is not None and trigger.body.flattened
    assert [p.python_name for p in trigger.body.properties if p.required] == ["name", "to"]


# Resources from tags and groups only, as before resources came from the paths of ungrouped specs.
TAGS = Config(resources="tags")


def op(operation_id: str, **extra):  # type: ignore[no-untyped-def]
    return {"operationId": operation_id, "responses": {"204": {"description": "ok"}}, **extra}


def test_name_collisions_are_resolved_deterministically_and_reported(build_api) -> None:
    document = spec_document(
        paths={
            "/a": {"get": op("getA", tags=["things"])},
            "/b": {"get": op("getB", tags=["things"])},
        },
        **{"x-speakeasy-name-override": [{"operationId": "^get.*", "methodNameOverride": "retrieve"}]},
    )
    api, warnings = build_api(document, TAGS)
    assert [o.python_name for o in api.root.children[0].operations] == ["retrieve", "get_b"]
    assert any("'retrieve' is taken" in w.message for w in warnings)


def test_untagged_operations_live_on_the_client_and_need_no_operation_id(build_api) -> None:
    """With `resources: tags` (test_resources_from_paths has the default, from the paths)."""
    api, _ = build_api(spec_document(paths={"/pets/{petId}": {"get": {"parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}], "responses": {"204": {"description": "ok"}}}}}), TAGS)
    assert [o.python_name for o in api.root.operations] == ["get_pets_by_pet_id"]
    assert api.root.operations[0].parameters[0].python_name == "pet_id"


def test_body_property_colliding_with_a_parameter_is_renamed(build_api) -> None:
    body = {"content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}}}
    parameters = [{"name": "name", "in": "query", "schema": {"type": "string"}}]
    api, _ = build_api(spec_document(paths={"/x": {"post": op("make", parameters=parameters, requestBody=body)}}), TAGS)
    operation = api.root.operations[0]
    assert [p.python_name for p in operation.body.properties] == ["id", "name_body"]


def test_path_parameter_missing_from_template_is_located(build_api) -> None:
    with pytest.raises(GenerationError) as caught:
        build_api(spec_document(paths={"/x/{id}": {"get": op("getX")}}))
    [problem] = caught.value.diagnostics
    assert problem.pointer == "/paths/~1x~1{id}/get"
    assert "{id}" in problem.message and problem.line > 0


def test_unresolved_ref_names_where_it_is_used(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/Missing'\n"
    )
    with pytest.raises(GenerationError) as caught:
        build(load(spec), load_config(None, spec))
    [problem] = caught.value.diagnostics
    assert problem.pointer == "/components/schemas/A/properties/b/$ref"
    assert (problem.line, "Missing" in problem.message) == (10, True)
