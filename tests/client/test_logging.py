"""Logging through the ``novu`` logger, with secrets and bodies kept out."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import novu
import pytest
from novu._runtime import ApiSettings, Endpoint, SecurityScheme, Server, SyncAPIClient

from .fakes import TRIGGERED, FakeAPI


@pytest.fixture(autouse=True)
def _restore_logger() -> Iterator[None]:
    logger = logging.getLogger("novu")
    level, handlers = logger.level, list(logger.handlers)
    yield
    logger.setLevel(level)
    logger.handlers[:] = handlers


def test_silent_by_default(
    client: novu.Novu, api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    client.subscribers.retrieve("s")
    assert [r for r in caplog.records if r.name == "novu"] == []


def test_novu_log_debug_switches_logging_on(
    make_client, api: FakeAPI, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NOVU_LOG", "debug")
    client = make_client(api_key="sk-very-secret", max_retries=1)
    assert logging.getLogger("novu").getEffectiveLevel() == logging.DEBUG
    assert logging.getLogger("novu").handlers
    api.reply(503).reply(201, json=TRIGGERED)
    client.events.trigger(name="welcome", to=["sub-1"], payload={"password": "hunter2"})

    messages = [r.getMessage() for r in caplog.records if r.name == "novu"]
    text = "\n".join(messages)
    assert "HTTP request: POST https://api.novu.co/v1/events/trigger (attempt 1)" in text
    assert "-> 503 Service Unavailable (attempt 1" in text
    assert "Retrying POST https://api.novu.co/v1/events/trigger in" in text
    assert "-> 201 Created (attempt 2" in text
    assert "sk-very-secret" not in text
    assert "'authorization': 'REDACTED'" in text
    assert "hunter2" not in text


def test_redaction_holds_when_logging_is_enabled_in_code(
    client: novu.Novu, api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="novu")
    client.subscribers.retrieve("s", extra_headers={"Cookie": "session=abc"})
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "novu")
    assert "HTTP response: GET https://api.novu.co/v1/subscribers/s -> 200 OK" in text
    assert "test-key" not in text
    assert "session=abc" not in text


def test_query_api_keys_are_redacted(api: FakeAPI, caplog: pytest.LogCaptureFixture) -> None:
    settings = ApiSettings(
        package="novu",
        version="0",
        env_prefix="NOVU",
        servers=(Server(url="https://api.test"),),
        security_schemes={
            "key": SecurityScheme(
                kind="apiKey", location="query", parameter_name="api_key", credential="api_key"
            )
        },
        default_security=(("key",),),
    )
    client = SyncAPIClient(
        settings,
        credentials={"api_key": "q-secret"},
        http_client=httpx.Client(transport=httpx.MockTransport(api)),
    )
    caplog.set_level(logging.DEBUG, logger="novu")
    client._request(
        Endpoint(method="GET", path="/items"),
        path={},
        query={"page": 1},
        headers={},
        cookies={},
        body=None,
        options={},
    )
    assert api.last.url.params["api_key"] == "q-secret"
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "novu")
    assert "q-secret" not in text
    assert "api_key=REDACTED" in text
