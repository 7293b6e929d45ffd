"""Credentials in models are masked when printed and readable as attributes."""

from __future__ import annotations

import novu

from .fakes import FakeAPI, integration

SECRETS = {"apiKey": "sk-live-1", "secretKey": "s-2", "password": "pw-3", "token": "t-4"}


def test_integration_credentials_are_masked_in_repr_and_str(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(200, json={"data": integration(credentials={**SECRETS, "user": "mailer"})})
    found = client.integrations.set_as_primary("int-1")
    credentials = found.credentials
    for shown in (repr(found), str(found), repr(credentials), str(credentials)):
        for value in SECRETS.values():
            assert value not in shown
        assert "mailer" in shown
    assert "api_key='**********'" in repr(credentials)
    assert credentials.api_key == "sk-live-1" and credentials.password == "pw-3"


def test_an_unset_secret_shows_as_none(client: novu.Novu) -> None:
    credentials = novu.models.CredentialsDto(user="u")
    assert "api_key=None" in repr(credentials)


def test_secrets_are_still_sent(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration()})
    credentials = novu.models.CredentialsDto.model_validate({"apiKey": "sk-1"})
    client.integrations.update("int-1", credentials=credentials)
    assert b'"apiKey":"sk-1"' in api.last.content
