"""Names from the spec that are not Python names: keywords, builtins, the SDK's own names,
non-ASCII text, names differing only in case or punctuation, dotted and very long names.

Whatever the Python name, the wire name must survive both ways.
"""

from __future__ import annotations

import inspect
import json
import keyword
import sys
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref

AWKWARD = [
    "class", "from", "import", "def", "None", "self", "type", "id", "list", "dict", "str",
    "model_config", "model_fields", "json", "copy", "schema", "validate", "dict", "List", "Client",
    "BaseModel", "Field", "Any", "datetime",
    "user_id", "userId", "user-id", "UserID", "user.id",
    "pr\u00e9nom", "\u540d\u524d", "\u5e74\u9f62", "_private", "__dunder__", "$ref", "@type", "1st",
]  # fmt: skip
AWKWARD = list(dict.fromkeys(AWKWARD))

LONG_OPERATION = "retrieveTheOrganizationMembershipInvitationSettingsForTheCurrentWorkspaceAndUser"

SPEC = openapi(
    paths={
        "/things": {
            "get": {
                "operationId": "getThing",
                "tags": ["things"],
                "parameters": [
                    {"name": name, "in": "query", "schema": {"type": "string"}}
                    for name in [
                        "from",
                        "class",
                        "self",
                        "options",
                        "body",
                        "user_id",
                        "userId",
                        "cast",
                        "models",
                    ]
                ]
                + [{"name": "X-Request-ID", "in": "header", "schema": {"type": "string"}}],
                "responses": ok(ref("Thing")),
            },
            "post": {
                "operationId": "putThing",
                "tags": ["things"],
                "requestBody": {"required": True, **json_content(ref("Thing"))},
                "responses": ok(ref("Thing")),
            },
        },
        "/sdk-names": {
            "get": {
                "operationId": "getSdkNames",
                "tags": ["things"],
                "responses": ok(
                    {
                        "type": "object",
                        "properties": {
                            name: ref(name)
                            for name in [
                                "List",
                                "Client",
                                "BaseModel",
                                "class",
                                "datetime",
                                "Field",
                            ]
                        },
                    }
                ),
            }
        },
        "/pods": {
            "get": {
                "operationId": "getPod",
                "tags": ["things"],
                "responses": ok(ref("io.k8s.api.core.v1.Pod")),
            }
        },
        "/cased": {
            "get": {"operationId": "getCased", "tags": ["things"], "responses": ok(ref("pet"))}
        },
        "/unicode": {
            "get": {"operationId": "getCafe", "tags": ["things"], "responses": ok(ref("Caf\u00e9"))}
        },
        "/long": {
            "get": {
                "operationId": LONG_OPERATION,
                "tags": ["things"],
                "responses": ok(
                    {
                        "type": "object",
                        "properties": {
                            "notificationPreferencesConfiguration": {
                                "type": "object",
                                "properties": {
                                    "emailDeliveryScheduleOverridesForWeekdays": {
                                        "type": "object",
                                        "properties": {
                                            "weekendQuietHoursConfigurationWindow": {
                                                "type": "object",
                                                "properties": {
                                                    "startsAt": {"type": "string"},
                                                    "deliveryMode": {
                                                        "type": "string",
                                                        "enum": ["digest", "instant"],
                                                    },
                                                },
                                            }
                                        },
                                    }
                                },
                            }
                        },
                    }
                ),
            }
        },
    },
    schemas={
        "Thing": {"type": "object", "properties": {name: {"type": "string"} for name in AWKWARD}},
        "EmptyName": {
            "type": "object",
            "properties": {"": {"type": "string"}, "a": {"type": "string"}},
        },
        **{
            name: {"type": "object", "properties": {"a": {"type": "string"}}}
            for name in ["List", "Client", "BaseModel", "class", "datetime", "Field"]
        },
        "Pet": {"type": "object", "properties": {"upper": {"type": "string"}}},
        "pet": {"type": "object", "properties": {"lower": {"type": "string"}}},
        "pet-dto": {"type": "object", "properties": {"kebab": {"type": "string"}}},
        "Caf\u00e9": {"type": "object", "properties": {"cr\u00e8me": {"type": "string"}}},
        "io.k8s.api.core.v1.Pod": {
            "type": "object",
            "properties": {"spec": ref("io.k8s.api.core.v1.PodSpec")},
        },
        "io.k8s.api.core.v1.PodSpec": {
            "type": "object",
            "properties": {"nodeName": {"type": "string"}},
        },
        "io.k8s.api.apps.v1.PodSpec": {
            "type": "object",
            "properties": {"replicas": {"type": "integer"}},
        },
    },
)


@pytest.fixture(scope="module")
def named(generate: Any) -> Generated:
    return generate(SPEC, "names")


@pytest.fixture
def client(named: Generated, server: Server) -> Any:
    return named.client(server).things


def field_for(model: Any, wire_name: str) -> str:
    """The Python attribute that carries ``wire_name``."""
    found = [
        name
        for name, info in model.model_fields.items()
        if (name if info.serialization_alias is None else info.serialization_alias) == wire_name
    ]
    assert len(found) == 1, f"{wire_name!r}: {found}"
    return found[0]


def model_classes(named: Generated) -> dict[str, type]:
    base = named.module._runtime.BaseModel
    exported = {name: getattr(named.models, name) for name in named.models.__all__}
    return {
        name: value
        for name, value in exported.items()
        if isinstance(value, type) and issubclass(value, base) and value is not base
    }


def test_every_awkward_property_is_a_distinct_usable_attribute(named: Generated) -> None:
    thing = named.models.Thing
    attributes = [field_for(thing, wire) for wire in AWKWARD]
    assert len(set(attributes)) == len(AWKWARD)
    for attribute in attributes:
        assert attribute.isidentifier() and not keyword.iskeyword(attribute)
        assert not hasattr(named.module._runtime.BaseModel, attribute), attribute
    assert field_for(thing, "class") == "class_"
    assert field_for(thing, "user_id") == "user_id"


def test_awkward_properties_survive_a_round_trip(
    named: Generated, client: Any, server: Server
) -> None:
    body = {wire: f"value of {wire}" for wire in AWKWARD}
    server.reply(json=body)
    thing = client.get_thing()
    for wire in AWKWARD:
        assert getattr(thing, field_for(type(thing), wire)) == f"value of {wire}"
    assert thing.model_extra == {}
    # The model still behaves as a model: the SDK's own methods are not shadowed.
    assert thing.model_dump(by_alias=True, exclude_none=True) == body
    assert callable(thing.model_copy)


def test_awkward_properties_are_sent_through_distinct_arguments(
    client: Any, server: Server
) -> None:
    arguments = [
        name for name in inspect.signature(client.put_thing).parameters if name != "options"
    ]
    assert len(arguments) == len(AWKWARD)
    for argument in arguments:
        assert argument.isidentifier() and not keyword.iskeyword(argument)
    client.put_thing(**{argument: f"sent {argument}" for argument in arguments})
    sent = json.loads(server.last.content)
    assert set(sent) == set(AWKWARD)
    assert len(set(sent.values())) == len(AWKWARD)
    assert sent["class"] == "sent class_" and sent["userId"] != sent["user_id"]


def test_an_empty_property_name_keeps_its_wire_name(named: Generated) -> None:
    model = named.models.EmptyName
    attribute = field_for(model, "")
    parsed = model.model_validate({"": "x", "a": "y"})
    assert getattr(parsed, attribute) == "x"
    assert parsed.model_extra == {}


def test_an_empty_property_name_is_sent_under_its_wire_name(named: Generated) -> None:
    parsed = named.models.EmptyName.model_validate({"": "x", "a": "y"})
    assert named.module._runtime._models.to_wire(parsed) == {"": "x", "a": "y"}


def test_awkward_parameter_names(client: Any, server: Server) -> None:
    client.get_thing(
        from_="a", class_="b", self_="c", options_="d", body_="e", user_id="f", user_id_2="g", cast_="h", models_="i",
        x_request_id="r-1",
    )  # fmt: skip
    assert server.last.url.params.multi_items() == [
        ("from", "a"), ("class", "b"), ("self", "c"), ("options", "d"), ("body", "e"),
        ("user_id", "f"), ("userId", "g"), ("cast", "h"), ("models", "i"),
    ]  # fmt: skip
    assert server.last.headers["X-Request-ID"] == "r-1"


def test_schemas_named_like_the_sdk_or_python(
    named: Generated, client: Any, server: Server
) -> None:
    classes = model_classes(named)
    server.reply(
        json={
            name: {"a": name}
            for name in ["List", "Client", "BaseModel", "class", "datetime", "Field"]
        }
    )
    got = client.get_sdk_names()
    for wire in ["List", "Client", "BaseModel", "class", "datetime", "Field"]:
        value = getattr(got, field_for(type(got), wire))
        assert type(value).__name__ in classes and value.a == wire
    # The SDK's own names still mean what they did.
    assert sys.modules[type(got).__module__].BaseModel is named.module._runtime.BaseModel
    assert named.module.__all__[0] in vars(named.module)


def test_schema_names_differing_only_in_case_or_punctuation_stay_apart(
    named: Generated, client: Any, server: Server
) -> None:
    classes = model_classes(named)
    by_field = {
        next(iter(c.model_fields)): name for name, c in classes.items() if len(c.model_fields) == 1
    }
    assert {"upper", "lower", "kebab"} <= set(by_field)
    assert len({by_field["upper"], by_field["lower"], by_field["kebab"]}) == 3
    assert len({name.lower() for name in classes}) == len(classes)  # case-insensitive file systems
    server.reply(json={"lower": "x"})
    got = client.get_cased()
    assert type(got).__name__ == by_field["lower"] and got.lower == "x"


def test_dotted_schema_names(named: Generated, client: Any, server: Server) -> None:
    server.reply(json={"spec": {"nodeName": "n1"}})
    pod = client.get_pod()
    assert type(pod).__name__.endswith("Pod")
    assert type(pod.spec).__name__.endswith("PodSpec")
    assert pod.spec.node_name == "n1"
    specs = [name for name in model_classes(named) if name.endswith("PodSpec")]
    assert len(specs) == 2  # core.v1 and apps.v1 do not collide


def test_non_ascii_names(named: Generated, client: Any, server: Server) -> None:
    server.reply(json={"cr\u00e8me": "br\u00fbl\u00e9e"})
    got = client.get_cafe()
    assert type(got).__name__.isidentifier()
    assert getattr(got, field_for(type(got), "cr\u00e8me")) == "br\u00fbl\u00e9e"


def test_long_inline_schema_paths_give_readable_names(
    named: Generated, client: Any, server: Server
) -> None:
    for name in model_classes(named):
        assert len(name) <= 60, name
    for path in (named.out / named.package).rglob("*.py"):
        assert len(path.stem) <= 60, path.name
    server.reply(
        json={
            "notificationPreferencesConfiguration": {
                "emailDeliveryScheduleOverridesForWeekdays": {
                    "weekendQuietHoursConfigurationWindow": {
                        "startsAt": "22:00",
                        "deliveryMode": "digest",
                    }
                }
            }
        }
    )
    method = next(name for name in dir(client) if name.startswith("retrieve_the_organization"))
    got = getattr(client, method)()
    window = got.notification_preferences_configuration.email_delivery_schedule_overrides_for_weekdays.weekend_quiet_hours_configuration_window
    assert window.starts_at == "22:00"
    assert window.delivery_mode.value == "digest"
    assert len(type(window).__name__) <= 60 and len(type(window.delivery_mode).__name__) <= 60


MYPY_CHECKED = ("named",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
