"""Which fields are secret is decided in the IR by one rule (`generator/ir/secrets.py`): the spec's
flags and extensions, the config's `secret_fields`, and names; a secret is masked when printed,
in nested models too, and the generated README states the rule and lists the fields."""

from __future__ import annotations

from typing import Any

import pytest

from .support import Generated, Server, mypy_params, ok, openapi, ref

STR = {"type": "string"}

SPEC = openapi(
    {
        "/environments": {
            "get": {"operationId": "getEnvironment", "responses": ok(ref("Environment"))}
        },
        "/providers": {"get": {"operationId": "getProvider", "responses": ok(ref("Provider"))}},
    },
    {
        "ApiKey": {"type": "object", "properties": {"key": STR, "userId": STR}},
        "Environment": {
            "type": "object",
            "properties": {
                "name": STR,
                "keys": {"type": "array", "items": ref("ApiKey")},
                "signingKeys": {"type": "array", "items": STR},
            },
        },
        "Provider": {
            "type": "object",
            "properties": {
                "serviceAccount": STR,
                "webhookUrl": STR,
                "privateKey": STR,
                "secretValue": STR,
                "pin": {"type": "string", "x-sensitive": True},
                "hint": {"type": "string", "x-secret": True},
                "accessToken": {"type": "string", "x-sensitive": False},
                "region": STR,
                "topicKey": STR,
                "idempotencyKey": STR,
                "maxTokens": {"type": "integer"},
                "dsn": STR,
            },
        },
    },
)


@pytest.fixture(scope="module")
def secrets(generate: Any) -> Generated:
    return generate(SPEC, "secrets", config={"secret_fields": ["Provider.dsn"]})


@pytest.fixture
def client(secrets: Generated, server: Server) -> Any:
    return secrets.client(server)


PROVIDER = {
    "serviceAccount": "-----BEGIN PRIVATE KEY-----",
    "webhookUrl": "https://hooks.test/T0/B0/s3cr3t",
    "privateKey": "pk-1",
    "secretValue": "sv-1",
    "pin": "4321",
    "hint": "h-1",
    "dsn": "postgres://u:p@db",
}
SHOWN = {"accessToken": "at-1", "region": "eu", "topicKey": "topic-1", "idempotencyKey": "ik-1"}


def test_secrets_by_name_extension_and_config_are_masked(client: Any, server: Server) -> None:
    server.reply(json={**PROVIDER, **SHOWN, "maxTokens": 512})
    provider = client.get_provider()
    shown = repr(provider) + str(provider)
    for value in PROVIDER.values():
        assert value not in shown
    for value in [*SHOWN.values(), "512"]:
        assert value in shown
    assert provider.service_account == PROVIDER["serviceAccount"] and provider.dsn == PROVIDER["dsn"]


def test_a_key_in_a_model_about_keys_is_masked_nested_too(client: Any, server: Server) -> None:
    keys = [{"key": "sk-live-1", "userId": "u-1"}, {"key": "sk-live-2", "userId": "u-2"}]
    server.reply(json={"name": "prod", "keys": keys, "signingKeys": ["sig-1"]})
    environment = client.get_environment()
    shown = repr(environment) + str(environment) + repr(environment.keys[0])
    assert "sk-live-1" not in shown and "sk-live-2" not in shown and "sig-1" not in shown
    assert "u-1" in shown and "prod" in shown
    assert environment.keys[1].key == "sk-live-2"


def test_the_readme_states_the_rule_and_lists_the_masked_fields(secrets: Generated) -> None:
    readme = (secrets.out / "README.md").read_text(encoding="utf-8")
    assert "`x-sensitive: true` / `x-secret: true`" in readme and "`secret_fields`" in readme
    for name in ("ApiKey.key", "Provider.service_account", "Provider.webhook_url", "Provider.dsn"):
        assert f"`{name}`" in readme
    assert "`Provider.access_token`" not in readme and "`Provider.topic_key`" not in readme


MYPY_CHECKED = ("secrets",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
