"""An enum of many values (more than `MOST_INLINE_VALUES`) is named once, as a `Literal` alias
beside its class (`ProviderValues`), and signatures and api.md refer to it instead of spelling
every value; a short enum is still written out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.ir.schema_names import MOST_INLINE_VALUES

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref

PROVIDERS = [f"provider-{n:03d}" for n in range(300)]

SPEC = openapi(
    {
        "/integrations": {
            "post": {
                "operationId": "createIntegration",
                "requestBody": json_content(
                    {
                        "type": "object",
                        "required": ["providerId"],
                        "properties": {"providerId": ref("Provider"), "channel": ref("Channel")},
                    }
                ),
                "responses": ok({"type": "object", "properties": {"providerId": ref("Provider")}}),
            }
        }
    },
    {
        "Provider": {"type": "string", "enum": PROVIDERS},
        "Channel": {"type": "string", "enum": ["email", "sms"]},
    },
)


@pytest.fixture(scope="module")
def long_enums(generate: Any) -> Generated:
    return generate(SPEC, "long_enums")


def test_a_long_enum_is_named_once_and_referred_to(long_enums: Generated) -> None:
    assert len(PROVIDERS) > MOST_INLINE_VALUES
    client_module = long_enums.source("_client.py")
    assert "models.ProviderValues" in client_module and "provider-299" not in client_module
    assert 'Literal["email", "sms"]' in client_module  # a short enum is still spelled out
    api_md = (long_enums.out / "api.md").read_text(encoding="utf-8")
    assert api_md.count('"provider-150"') == 1  # in the enum's class, once
    assert "ProviderValues: TypeAlias" in api_md and "models.ProviderValues" in api_md
    model = long_enums.model_source("Provider")
    assert "ProviderValues: TypeAlias = Literal[" in model and '"provider-299"' in model
    assert long_enums.models.ProviderValues is not None


def test_a_value_of_a_long_enum_is_sent(long_enums: Generated, server: Server) -> None:
    server.reply(json={"providerId": "provider-007"})
    found = long_enums.client(server).create_integration(provider_id="provider-007")
    assert json.loads(server.last.content) == {"providerId": "provider-007"}
    assert found.provider_id == long_enums.models.Provider("provider-007")


MYPY_CHECKED = ("long_enums",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
