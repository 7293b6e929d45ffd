"""The later Novu spec (February 2025) generates a client with the same runtime guarantees."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

SPEC = ROOT / "specs" / "novu-2025-02.yaml"

SCENARIO = textwrap.dedent(
    """
    import httpx
    from novu import Novu

    seen = []

    def handler(request):
        seen.append(request)
        if len(seen) == 1:
            return httpx.Response(503, json="Please wait some time, then try again.")
        body = {"acknowledged": True, "status": "processed", "transactionId": "t1"}
        return httpx.Response(201, json={"data": body}, headers={"RateLimit-Remaining": "99"})

    client = Novu(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    client._sleep = lambda seconds: None
    raw = client.events.with_raw_response.trigger(name="welcome", to="subscriber-1")
    result = raw.parse()
    assert type(result).__name__ == "TriggerEventResponseDto", type(result)
    assert result.transaction_id == "t1"
    assert raw.headers["RateLimit-Remaining"] == "99"
    assert [r.headers["authorization"] for r in seen] == ["ApiKey k", "ApiKey k"]
    keys = {r.headers["idempotency-key"] for r in seen}
    assert len(seen) == 2 and len(keys) == 1, keys
    print("ok")
    """
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("novu-2025") / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", str(SPEC), "-o", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return out


def test_trigger_retries_with_one_idempotency_key_and_exposes_rate_limit_headers(package: Path) -> None:
    result = subprocess.run([sys.executable, "-c", SCENARIO], cwd=package, capture_output=True, text=True)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr


def test_mypy_strict_passes(package: Path) -> None:
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "novu"],
        cwd=package, capture_output=True, text=True,
    )
    assert typed.returncode == 0, typed.stdout[-3000:]
