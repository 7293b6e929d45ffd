"""Webhooks through generated code: Standard Webhooks signatures (the reference library's test
vector and its signer), tampered payloads, wrong secrets, stale and future timestamps, rotated
keys, missing headers; typed events told apart by a constant `type`, by a header, or by their
model; unknown events; the client's `webhook_secret`; a custom HMAC scheme from the config."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from standardwebhooks import Webhook as ReferenceSigner

from .support import Generated, json_content, mypy_params, ok, openapi

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OLD_SECRET = "whsec_" + base64.b64encode(b"the key before rotation").decode()


def hook(schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"post": {"requestBody": json_content(schema), "responses": ok(), **extra}}


def event_schema(kind: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["type", "data"],
        "properties": {"type": kind, "data": data},
    }


STANDARD = openapi(
    version="3.1.0",
    paths={},
    schemas={
        "InvoicePaid": event_schema(
            {"type": "string", "const": "invoice.paid"},
            {
                "type": "object",
                "required": ["amount"],
                "properties": {"amount": {"type": "integer"}},
            },
        ),
        "InvoiceFailed": event_schema(
            {"type": "string", "enum": ["invoice.failed"]},
            {"type": "object", "properties": {"reason": {"type": "string"}}},
        ),
    },
    webhooks={
        "invoicePaid": hook({"$ref": "#/components/schemas/InvoicePaid"}),
        "invoiceFailed": hook({"$ref": "#/components/schemas/InvoiceFailed"}),
    },
)

# Apideck's way: one payload shape, the event named by a header the operation declares and
# gives in an extension; signed with a hex HMAC-SHA256 of the body in its own header.
HEADER_NAMED = openapi(
    paths={},
    schemas={
        "CrmEvent": {
            "type": "object",
            "properties": {"entity_id": {"type": "string"}, "event_type": {"type": "string"}},
        }
    },
    **{
        "x-webhooks": {
            "x-sdk-exclude": True,
            **{
                name: hook(
                    {
                        "type": "object",
                        "properties": {"payload": {"$ref": "#/components/schemas/CrmEvent"}},
                    },
                    parameters=[
                        {
                            "name": "x-crm-event-type",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "x-crm-signature",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    security=[],
                    **{"x-crm-event-type": event},
                )
                for name, event in (
                    ("ContactCreated", "crm.contact.created"),
                    ("LeadDeleted", "crm.lead.deleted"),
                )
            },
        }
    },
)
HMAC_CONFIG = {
    "webhook_signing": {"header": "x-crm-signature", "algorithm": "sha256", "encoding": "hex"}
}


# One webhook whose payload is a union told apart by a discriminator, on an API whose every
# operation needs a key.
DISCRIMINATED = openapi(
    version="3.1.0",
    paths={"/orders": {"get": {"operationId": "listOrders", "responses": ok({"type": "object"})}}},
    components={
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        "schemas": {
            "OrderPlaced": {
                "type": "object",
                "required": ["kind", "total"],
                "properties": {"kind": {"type": "string"}, "total": {"type": "integer"}},
            },
            "OrderCancelled": {
                "type": "object",
                "required": ["kind"],
                "properties": {"kind": {"type": "string"}, "reason": {"type": "string"}},
            },
            "OrderEvent": {
                "oneOf": [
                    {"$ref": "#/components/schemas/OrderPlaced"},
                    {"$ref": "#/components/schemas/OrderCancelled"},
                ],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {
                        "placed": "#/components/schemas/OrderPlaced",
                        "cancelled": "#/components/schemas/OrderCancelled",
                    },
                },
            },
        },
    },
    security=[{"key": []}],
    webhooks={"orderEvent": hook({"$ref": "#/components/schemas/OrderEvent"})},
)


@pytest.fixture(scope="module")
def discriminated(generate: Any) -> Generated:
    return generate(DISCRIMINATED, "webhooks_union")


@pytest.fixture(scope="module")
def standard(generate: Any) -> Generated:
    return generate(STANDARD, "webhooks")


@pytest.fixture(scope="module")
def crm(generate: Any) -> Generated:
    return generate(HEADER_NAMED, "webhooks_hmac", config=HMAC_CONFIG)


@pytest.fixture(autouse=True)
def _no_secret_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEAT_WEBHOOKS_WEBHOOK_SECRET", raising=False)


def signed(
    payload: Any, secret: str = SECRET, *, at: float | None = None, msg_id: str = "msg_1"
) -> tuple[str, dict[str, str]]:
    """A delivery as a Standard Webhooks sender makes it, signed by the reference library."""
    body = payload if isinstance(payload, str) else json.dumps(payload)
    stamp = datetime.fromtimestamp(time.time() if at is None else at, tz=timezone.utc)
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(stamp.timestamp())),
        "webhook-signature": ReferenceSigner(secret).sign(msg_id, stamp, body),
    }
    return body, headers


PAID = {"type": "invoice.paid", "data": {"amount": 1200}}


def test_the_reference_test_vector_verifies(
    standard: Generated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Standard Webhooks test vector: this secret, id, timestamp and body give this signature."""
    monkeypatch.setattr(time, "time", lambda: 1614265330.0)
    headers = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    }
    standard.module.verify_webhook('{"test": 2432232314}', headers, secret=SECRET)
    with pytest.raises(standard.module.WebhookVerificationError):
        standard.module.verify_webhook('{"test": 2432232315}', headers, secret=SECRET)


def test_unwrap_returns_the_typed_event(standard: Generated) -> None:
    event = standard.module.unwrap_webhook(*signed(PAID), secret=SECRET)
    assert isinstance(event, standard.models.InvoicePaid)
    assert event.data.amount == 1200
    failed = standard.module.unwrap_webhook(
        *signed({"type": "invoice.failed", "data": {"reason": "card"}}), secret=SECRET
    )
    assert isinstance(failed, standard.models.InvoiceFailed)


def test_bytes_and_any_header_case(standard: Generated) -> None:
    body, headers = signed(PAID)
    shouted = {k.upper(): v for k, v in headers.items()}
    event = standard.module.unwrap_webhook(body.encode(), shouted, secret=SECRET)
    assert isinstance(event, standard.models.InvoicePaid)


@pytest.mark.parametrize(
    "change",
    [
        "tampered body",
        "wrong secret",
        "stale",
        "future",
        "no id",
        "no signature",
        "no timestamp",
        "v2 only",
    ],
)
def test_deliveries_that_are_not_the_apis_are_refused(standard: Generated, change: str) -> None:
    now = time.time()
    at = {"stale": now - 301, "future": now + 301}.get(change)
    secret = (
        "whsec_" + base64.b64encode(b"someone else").decode()
        if change == "wrong secret"
        else SECRET
    )
    body, headers = signed(PAID, secret, at=at)
    if change == "tampered body":
        body = body.replace("1200", "9999")
    if change.startswith("no "):
        del headers[f"webhook-{change[3:]}"]
    if change == "v2 only":
        headers["webhook-signature"] = headers["webhook-signature"].replace("v1,", "v2,")
    error = standard.module.WebhookVerificationError
    assert issubclass(error, standard.module.APIError)
    with pytest.raises(error):
        standard.module.verify_webhook(body, headers, secret=SECRET)
    with pytest.raises(error):
        standard.module.unwrap_webhook(body, headers, secret=SECRET)


def test_a_timestamp_within_the_tolerance_passes(standard: Generated) -> None:
    for offset in (-290, 290):
        standard.module.verify_webhook(*signed(PAID, at=time.time() + offset), secret=SECRET)
    with pytest.raises(standard.module.WebhookVerificationError, match="too old"):
        standard.module.verify_webhook(
            *signed(PAID, at=time.time() - 60), secret=SECRET, tolerance=30
        )


def test_rotated_keys_any_listed_signature_verifies(standard: Generated) -> None:
    body, headers = signed(PAID, OLD_SECRET)
    _, new = signed(PAID, SECRET)
    headers["webhook-signature"] = f"{headers['webhook-signature']} {new['webhook-signature']}"
    assert isinstance(
        standard.module.unwrap_webhook(body, headers, secret=SECRET), standard.models.InvoicePaid
    )
    assert isinstance(
        standard.module.unwrap_webhook(body, headers, secret=OLD_SECRET),
        standard.models.InvoicePaid,
    )


def test_an_unknown_event_type_is_an_unknown_event_unless_strict(standard: Generated) -> None:
    delivery = signed({"type": "invoice.refunded", "data": {}})
    event = standard.module.unwrap_webhook(*delivery, secret=SECRET)
    assert isinstance(event, standard.module.UnknownWebhookEvent)
    assert event.type == "invoice.refunded" and event.data["data"] == {}
    with pytest.raises(standard.module.WebhookVerificationError, match="invoice.refunded"):
        standard.module.unwrap_webhook(*delivery, secret=SECRET, strict=True)


def test_the_client_verifies_with_its_webhook_secret(
    standard: Generated, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = standard.client_class(webhook_secret=SECRET)
    assert isinstance(client.unwrap_webhook(*signed(PAID)), standard.models.InvoicePaid)
    with pytest.raises(standard.module.WebhookVerificationError):
        client.verify_webhook(*signed(PAID, OLD_SECRET))
    monkeypatch.setenv("FEAT_WEBHOOKS_WEBHOOK_SECRET", SECRET)
    standard.async_client_class().verify_webhook(*signed(PAID))
    assert client.with_options(max_retries=1).unwrap_webhook(*signed(PAID)).data.amount == 1200


def test_a_client_without_a_secret_says_what_to_pass(standard: Generated) -> None:
    with pytest.raises(TypeError, match="webhook_secret=.*FEAT_WEBHOOKS_WEBHOOK_SECRET"):
        standard.client_class().unwrap_webhook(*signed(PAID))


def test_a_discriminated_payload_unwraps_to_its_member(discriminated: Generated) -> None:
    module = discriminated.module
    placed = module.unwrap_webhook(*signed({"kind": "placed", "total": 3}), secret=SECRET)
    assert isinstance(placed, discriminated.models.OrderPlaced) and placed.total == 3
    cancelled = module.unwrap_webhook(*signed({"kind": "cancelled"}), secret=SECRET)
    assert isinstance(cancelled, discriminated.models.OrderCancelled)
    refunded = module.unwrap_webhook(*signed({"kind": "refunded"}), secret=SECRET)
    assert isinstance(refunded, module.UnknownWebhookEvent) and refunded.type == "refunded"
    with pytest.raises(module.WebhookVerificationError, match="refunded"):
        module.unwrap_webhook(*signed({"kind": "refunded"}), secret=SECRET, strict=True)


def test_a_client_with_only_a_webhook_secret_can_be_made(discriminated: Generated) -> None:
    """Every operation needs the key, but a client for webhooks alone needs no key."""
    with pytest.raises(discriminated.module.MissingCredentialsError, match="api_key="):
        discriminated.client_class()
    client = discriminated.client_class(webhook_secret=SECRET)
    event = client.unwrap_webhook(*signed({"kind": "placed", "total": 1}))
    assert isinstance(event, discriminated.models.OrderPlaced)


def crm_delivery(
    event: str, body: dict[str, Any], secret: str = "crm-secret"
) -> tuple[str, dict[str, str]]:
    text = json.dumps(body)
    signature = hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()
    return text, {"x-crm-event-type": event, "x-crm-signature": signature}


def test_a_custom_hmac_header_from_the_config(crm: Generated) -> None:
    body = {"payload": {"entity_id": "c-1", "event_type": "crm.contact.created"}}
    event = crm.module.unwrap_webhook(
        *crm_delivery("crm.contact.created", body), secret="crm-secret"
    )
    assert isinstance(event, crm.models.ContactCreatedWebhookPayload)
    assert event.payload.entity_id == "c-1"
    lead = crm.module.unwrap_webhook(*crm_delivery("crm.lead.deleted", body), secret="crm-secret")
    assert isinstance(lead, crm.models.LeadDeletedWebhookPayload)
    with pytest.raises(crm.module.WebhookVerificationError):
        crm.module.verify_webhook(
            *crm_delivery("crm.lead.deleted", body, "other"), secret="crm-secret"
        )
    text, headers = crm_delivery("crm.lead.deleted", body)
    with pytest.raises(crm.module.WebhookVerificationError):
        crm.module.verify_webhook(text.replace("c-1", "c-2"), headers, secret="crm-secret")
    unknown = crm.module.unwrap_webhook(*crm_delivery("crm.deal.won", body), secret="crm-secret")
    assert isinstance(unknown, crm.module.UnknownWebhookEvent) and unknown.type == "crm.deal.won"


def test_the_docs_list_the_events(standard: Generated, crm: Generated) -> None:
    api = (standard.out / "api.md").read_text()
    assert "`invoicePaid`: `models.InvoicePaid`, when its `type` is `invoice.paid`" in api
    readme = (standard.out / "README.md").read_text()
    assert "unwrap_webhook(await request.body(), request.headers" in readme
    crm_api = (crm.out / "api.md").read_text()
    assert "when the `x-crm-event-type` header is `crm.contact.created`" in crm_api
    assert "x-sdk-exclude" not in crm_api


def test_the_config_is_checked(run_cli: Any, tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(HEADER_NAMED))
    (tmp_path / "spec.generator.yaml").write_text(
        "webhook_signing:\n  header: x-sig\n  encoding: base32\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", str(spec), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert (
        "spec.generator.yaml:3" in result.stderr
        and "encoding" in result.stderr
        and "base32" in result.stderr
    )


NARROWING = """
import {package}

def amount(payload: bytes, headers: dict[str, str]) -> int:
    event = {package}.unwrap_webhook(payload, headers, secret="whsec_x")
    if isinstance(event, {package}.models.InvoicePaid):
        return event.data.amount
    if isinstance(event, {package}.UnknownWebhookEvent):
        return 0
    reveal_type(event)
    return 1
"""


def test_mypy_narrows_the_event_union(standard: Generated, tmp_path: Path) -> None:
    (tmp_path / "use.py").write_text(NARROWING.format(package=standard.package))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(tmp_path / "use.py")],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(standard.out), "PATH": ""},
        cwd=tmp_path,
    )
    assert (
        'Revealed type is "feat_webhooks.models.invoice_failed.InvoiceFailed"' in result.stdout
    ), result.stdout
    assert "error" not in result.stdout.replace("Revealed", ""), result.stdout


MYPY_CHECKED = ("standard", "crm", "discriminated")


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
