"""Servers: variables with defaults and enums, several servers, names from the config."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .support import Generated, Server, mypy_params, ok, openapi

SPEC = openapi(
    paths={
        "/ping": {
            "get": {"operationId": "ping", "tags": ["health"], "responses": ok({"type": "object"})}
        }
    },
    servers=[
        {
            "url": "https://{region}.api.example.com/{version}",
            "variables": {
                "region": {"default": "us", "enum": ["us", "eu"]},
                "version": {"default": "v2"},
            },
        },
        {"url": "https://sandbox.example.com/base/"},
    ],
)


@pytest.fixture(scope="module")
def health(generate: Any) -> Generated:
    return generate(SPEC, "servers", config={"server_names": ["production", "sandbox"]})


@pytest.fixture(autouse=True)
def _no_base_url_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEAT_SERVERS_BASE_URL", raising=False)


def make(health: Generated, fake: Server, **options: Any) -> Any:
    return health.client_class(
        http_client=httpx.Client(transport=httpx.MockTransport(fake)), max_retries=0, **options
    )


def test_the_first_server_with_its_variable_defaults(health: Generated, server: Server) -> None:
    make(health, server).health.ping()
    assert str(server.last.url) == "https://us.api.example.com/v2/ping"


@pytest.mark.parametrize("choice", [1, "sandbox"])
def test_another_server_by_index_or_name(health: Generated, server: Server, choice: Any) -> None:
    make(health, server, server=choice).health.ping()
    assert str(server.last.url) == "https://sandbox.example.com/base/ping"


def test_base_url_argument_and_environment_override_the_servers(
    health: Generated, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(health, server, base_url="http://localhost:8080/api").health.ping()
    assert str(server.last.url) == "http://localhost:8080/api/ping"
    monkeypatch.setenv("FEAT_SERVERS_BASE_URL", "http://proxy.test/x")
    make(health, server).health.ping()
    assert str(server.last.url) == "http://proxy.test/x/ping"


def test_an_unknown_server_name_is_refused(health: Generated, server: Server) -> None:
    with pytest.raises(ValueError, match="production"):
        make(health, server, server="staging")


def test_a_server_variable_can_be_chosen(health: Generated, server: Server) -> None:
    make(health, server, server_variables={"region": "eu"}).health.ping()
    assert str(server.last.url) == "https://eu.api.example.com/v2/ping"
    make(health, server, server_variables={"version": "v3-beta"}).health.ping()
    assert str(server.last.url) == "https://us.api.example.com/v3-beta/ping"


@pytest.mark.parametrize("variables", [{"region": "apac"}, {"zone": "a"}])
def test_server_variables_outside_the_spec_are_refused(
    health: Generated, server: Server, variables: dict[str, str]
) -> None:
    with pytest.raises(ValueError, match="region|zone"):
        make(health, server, server_variables=variables)


MYPY_CHECKED = ("health",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
