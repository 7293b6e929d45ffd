"""The corpus specs with OAuth2 or webhooks, generated and driven: Redocly's cafe (client
credentials with per-operation scopes, an API key alternative, a Standard Webhooks event),
Apideck CRM (three API keys together, 18 `x-webhooks` events signed with an HMAC header the
config describes) and Spotify (authorization code: a token or a token provider)."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import json
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import yaml
from standardwebhooks import Webhook as ReferenceSigner

from tests.conftest import ROOT

from .support import Generated, mypy_params, run_generator, run_mypy

CORPUS = ROOT.parent / "shared" / "corpus"
SPECS = {
    "cafe": ("redocly-cafe/openapi.yaml", {}),
    "apideck": (
        "apideck-crm.yaml",
        {"webhook_signing": {"header": "x-apideck-signature", "encoding": "hex"}},
    ),
    "spotify": ("spotify-fixed-open-api.yml", {}),
}

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout"
)


def _generate(name: str, root: Path) -> Generated:
    relative, config = SPECS[name]
    package = f"feat_corpus_{name}"
    config_path = root / "config.yaml"
    config_path.write_text(yaml.safe_dump({"package": package, **config}))
    code, stderr = run_generator(CORPUS / relative, root / "out", "--config", str(config_path))
    assert code == 0, stderr
    sys.path.insert(0, str(root / "out"))
    importlib.invalidate_caches()
    return Generated(package, root / "out", importlib.import_module(package), stderr)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Generated]]:
    made = {name: _generate(name, tmp_path_factory.mktemp(name)) for name in SPECS}
    yield made
    for generated in made.values():
        sys.path.remove(str(generated.out))


@pytest.fixture(scope="module")
def cafe(corpus: dict[str, Generated]) -> Generated:
    return corpus["cafe"]


@pytest.fixture(scope="module")
def apideck(corpus: dict[str, Generated]) -> Generated:
    return corpus["apideck"]


@pytest.fixture(scope="module")
def spotify(corpus: dict[str, Generated]) -> Generated:
    return corpus["spotify"]


def test_cafe_fetches_a_client_credentials_token_with_the_operations_scope(cafe: Generated) -> None:
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        if request.url.path == "/oauth2/token":
            return httpx.Response(200, json={"access_token": "cafe-token", "expires_in": 3600})
        return httpx.Response(204)

    http = httpx.Client(transport=httpx.MockTransport(server))
    client = cafe.client_class(client_id="barista", client_secret="beans", http_client=http)
    client.orders.delete_order("o-1")
    client.orders.delete_order("o-2")
    token, call, second = seen
    assert str(token.url) == "https://api.cafe.redocly.com/oauth2/token"
    assert parse_qs(token.content.decode()) == {
        "grant_type": ["client_credentials"],
        "scope": ["orders:write"],
    }
    assert call.headers["Authorization"] == second.headers["Authorization"] == "Bearer cafe-token"


def test_cafe_webhook_unwraps_to_the_order_notification(cafe: Generated) -> None:
    secret = "whsec_" + "c2VjcmV0LWtleS1mb3ItY2FmZQ=="
    body = json.dumps(
        {"orderId": "o-1", "orderStatus": "placed", "timestamp": "2026-01-01T00:00:00Z"}
    )
    stamp = datetime.fromtimestamp(time.time(), tz=timezone.utc)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(stamp.timestamp())),
        "webhook-signature": ReferenceSigner(secret).sign("msg_1", stamp, body),
    }
    client = cafe.client_class(webhook_secret=secret)
    event = client.unwrap_webhook(body, headers)
    assert isinstance(event, cafe.models.OrderNotification)
    assert event.order_id == "o-1"


def test_apideck_needs_its_three_keys_when_the_client_is_made(apideck: Generated) -> None:
    with pytest.raises(apideck.module.MissingCredentialsError) as raised:
        apideck.client_class()
    assert "pass api_key= (or FEAT_CORPUS_APIDECK_API_KEY) and application_id= (or " in str(
        raised.value
    )
    assert " and consumer_id= (or FEAT_CORPUS_APIDECK_CONSUMER_ID)" in str(raised.value)


def test_apideck_webhooks_are_told_apart_by_their_event_type_header(apideck: Generated) -> None:
    body = json.dumps({"payload": {"event_type": "crm.lead.deleted", "entity_id": "l-1"}})
    signature = hmac.new(b"apideck-secret", body.encode(), hashlib.sha256).hexdigest()
    headers = {"x-apideck-event-type": "crm.lead.deleted", "x-apideck-signature": signature}
    event = apideck.module.unwrap_webhook(body, headers, secret="apideck-secret")
    assert isinstance(event, apideck.models.LeadDeletedWebhookPayload)
    assert event.payload is not None and event.payload.entity_id == "l-1"
    with pytest.raises(apideck.module.WebhookVerificationError):
        apideck.module.verify_webhook(body + " ", headers, secret="apideck-secret")
    assert len(apideck.module._webhooks.events()) == 18


def test_spotify_takes_a_token_provider_for_its_authorization_code_flow(spotify: Generated) -> None:
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    http = httpx.Client(transport=httpx.MockTransport(server))
    client = spotify.client_class(access_token=lambda: "user-token", http_client=http)
    client.request("GET", "/me")
    assert seen[0].headers["Authorization"] == "Bearer user-token"
    scheme = spotify.module._client.SETTINGS.security_schemes["oauth_2_0"]
    assert scheme.client_credentials is None  # authorization code only: the SDK fetches nothing


MYPY_CHECKED = ("cafe", "apideck")


@pytest.fixture(scope="module")
def mypy_errors(
    corpus: dict[str, Generated], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    generated = {name: corpus[name] for name in MYPY_CHECKED}
    found = run_mypy(list(generated.values()), tmp_path_factory.mktemp("mypy") / "cache")
    unattributed = found.get("?", [])
    return {name: found[g.package] + unattributed for name, g in generated.items()}


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
