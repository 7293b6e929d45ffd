"""Request-only models refuse unknown fields (response models keep them), and one `None` rule
holds at every depth: a mapping given for a model is checked as the model would be."""

from __future__ import annotations

import json

import pydantic
import pytest

import novu
import novu.models

from .fakes import FakeAPI, integration


def test_a_request_only_model_refuses_a_misspelled_field() -> None:
    with pytest.raises(pydantic.ValidationError, match="emial"):
        novu.models.SubscriberPayloadDto(subscriber_id="s", emial="a@b.c")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="emial"):
        novu.models.CreateSubscriberRequestDto.model_validate({"subscriberId": "s", "emial": "x"})


def test_a_response_model_keeps_unknown_fields(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration(addedLater=1)})
    found = client.integrations.set_as_primary("int-1")
    assert found.model_extra == {"addedLater": 1}


def test_a_misspelled_key_in_a_mapping_argument_is_refused_before_sending(
    client: novu.Novu, api: FakeAPI
) -> None:
    with pytest.raises(TypeError, match=r"argument 'subscribers'\[1\].*emial"):
        client.subscribers.create_bulk(
            subscribers=[{"subscriberId": "a"}, {"subscriberId": "b", "emial": "x"}]  # type: ignore[typeddict-unknown-key]
        )
    assert api.requests == []


def test_none_inside_a_mapping_argument_is_refused_naming_its_path(
    client: novu.Novu, api: FakeAPI
) -> None:
    """As `None` for a top-level argument is: the spec does not let `email` be null."""
    with pytest.raises(TypeError, match=r"argument 'subscribers'\[0\]\['email'\] must not be None"):
        client.subscribers.create_bulk(subscribers=[{"subscriberId": "a", "email": None}])
    with pytest.raises(TypeError, match="argument 'name' must not be None"):
        client.topics.create(key="k", name=None)  # type: ignore[arg-type]
    assert api.requests == []


def test_none_where_the_spec_allows_null_and_models_with_none_still_pass(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(201, json={})
    client.subscribers.create_bulk(
        subscribers=[
            {"subscriberId": "a", "email": "a@b.c"},
            novu.models.CreateSubscriberRequestDto(subscriber_id="b", email=None),  # None: absent
        ]
    )
    assert json.loads(api.last.content) == {
        "subscribers": [{"subscriberId": "a", "email": "a@b.c"}, {"subscriberId": "b"}]
    }
