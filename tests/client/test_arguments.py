"""Arguments as Python users write them: enum values as strings, dicts for models, and models
built with Python field names; all sent under the API's JSON names. Responses stay models."""

from __future__ import annotations

import json

import novu
from novu import models

from .fakes import FakeAPI, integration


def test_strings_for_enums_and_dicts_for_models_are_sent_as_given(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(201, json={"data": integration()})
    created = client.integrations.create(
        provider_id="sendgrid",
        channel="email",
        credentials={"user": "u", "domain": "d"},
        conditions=[{"isNegated": True, "type": "TEXT", "value": "OR", "children": []}],
    )
    assert json.loads(api.last.content) == {
        "providerId": "sendgrid",
        "channel": "email",
        "credentials": {"user": "u", "domain": "d"},
        "conditions": [{"isNegated": True, "type": "TEXT", "value": "OR", "children": []}],
    }
    assert isinstance(created, models.IntegrationResponseDto)
    assert created.channel == models.IntegrationResponseDtoChannel.EMAIL


def test_models_built_with_python_names_are_sent_with_json_names(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(201, json={"data": integration()})
    condition = models.StepFilter(
        is_negated=False,
        type=models.StepFilterType.BOOLEAN,
        value=models.StepFilterValue.AND,
        children=[],
    )
    client.integrations.create(
        provider_id="sendgrid",
        channel=models.CreateIntegrationRequestDtoChannel.EMAIL,
        credentials=models.CredentialsDto(api_key="k", secret_key="s"),
        conditions=(condition,),
    )
    body = json.loads(api.last.content)
    assert body["credentials"] == {"apiKey": "k", "secretKey": "s"}
    assert body["conditions"] == [
        {"isNegated": False, "type": "BOOLEAN", "value": "AND", "children": []}
    ]
    assert condition.is_negated is False


def test_a_string_for_an_enum_query_parameter(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"hasMore": False, "data": [], "pageSize": 10, "page": 0})
    client.messages.retrieve(channel="sms")
    assert api.last.url.params["channel"] == "sms"


def test_responses_are_models_read_by_python_names(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration(credentials={"apiKey": "k", "secretKey": "s"})})
    found = client.integrations.set_as_primary("int-1")
    assert isinstance(found.credentials, models.CredentialsDto)
    assert (found.credentials.api_key, found.credentials.secret_key) == ("k", "s")
    assert found.model_dump(by_alias=True)["credentials"]["apiKey"] == "k"
