"""Credentials in models are masked when printed and readable as attributes."""

from __future__ import annotations

import novu

from .fakes import FakeAPI, integration, sdk_readme

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


def test_api_keys_are_masked_when_listed_and_inside_an_environment(
    client: novu.Novu, api: FakeAPI
) -> None:
    """`ApiKey.key` (a key in a model about keys) and `EnvironmentResponseDto.api_keys`."""
    keys = [{"key": "nv-live-1", "_userId": "u-1"}]
    api.reply(200, json={"data": keys})
    listed = client.environments.api_keys.list()
    environment = {"name": "prod", "_organizationId": "o", "identifier": "i", "_parentId": "p"}
    api.reply(200, json={"data": {**environment, "apiKeys": keys}})
    found = client.environments.retrieve()
    for shown in (repr(listed), str(listed), repr(found), str(found)):
        assert "nv-live-1" not in shown
    assert "u-1" in repr(listed) and "prod" in repr(found)
    assert listed[0].key == "nv-live-1"


def test_service_accounts_and_webhook_urls_are_masked_in_a_logged_integration_list(
    client: novu.Novu, api: FakeAPI
) -> None:
    private = "-----BEGIN PRIVATE KEY-----\nMIIE"
    hook = "https://hooks.slack.test/services/T0/B0/s3cr3t"
    credentials = {"serviceAccount": private, "webhookUrl": hook, "user": "mailer"}
    api.reply(200, json={"data": [integration(credentials=credentials)]})
    found = client.integrations.list()
    for shown in (repr(found), str(found)):
        assert "PRIVATE KEY" not in shown and "s3cr3t" not in shown and "mailer" in shown
    assert found[0].credentials.service_account == private


def test_the_readme_states_the_masking_rule() -> None:
    readme = sdk_readme()
    assert "Model fields that hold secrets are masked" in readme
    for name in ("ApiKey.key", "EnvironmentResponseDto.api_keys", "CredentialsDto.service_account"):
        assert f"`{name}`" in readme
