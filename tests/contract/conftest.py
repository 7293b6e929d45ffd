"""A Prism mock server started from specs/novu.yaml, and the generated `novu` package.

Prism is pinned in package.json/package-lock.json next to this file and installed
with `npm ci` on first use, so a plain `pytest` works on a fresh clone. Node and
npm are required: without them the contract tier fails instead of skipping,
because CI must never pass without having run it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from tests import novu_sdk
from tests.conftest import ROOT
from tests.npm_tools import install_pinned

HERE = Path(__file__).resolve().parent
SPEC = ROOT / "specs" / "novu.yaml"

STARTUP_TIMEOUT = 60.0
READY_LINE = "Prism is listening"


def pytest_configure(config: pytest.Config) -> None:
    """The Novu SDK the generator writes now, as the client tier runs it (tests/novu_sdk.py)."""
    novu_sdk.put_first(config)


def _fail(message: str) -> NoReturn:
    pytest.fail(message, pytrace=False)


_NEED_NODE = (
    "the contract tests (tests/contract) need Node.js and npm to run the Prism mock server "
    "(@stoplight/prism-cli, pinned in tests/contract/package.json): install Node.js 20 or "
    "newer with npm and run the tests again"
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(process: subprocess.Popen[str]) -> None:
    """Ends Prism and everything it started (it runs in a process group of its own)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    """The base URL of a Prism mock server for specs/novu.yaml.

    Responses are the spec's static examples unless a request asks for generated
    ones (`Prefer: dynamic=true`).
    """
    prism = install_pinned(HERE, "@stoplight/prism-cli", "prism", _NEED_NODE)
    port = _free_port()
    process = subprocess.Popen(
        # --seed: responses asked for with `Prefer: dynamic=true` are the same on every run.
        [str(prism), "mock", "--host", "127.0.0.1", "--port", str(port), "--seed", "1", str(SPEC)],
        cwd=HERE,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        start_new_session=True,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
    )
    output: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        # Keeps reading for the whole session so that Prism never blocks on a full pipe.
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if READY_LINE in line:
                ready.set()

    reader = threading.Thread(target=pump, name="prism-output", daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not ready.wait(0.1):
            if process.poll() is not None:
                _fail(
                    f"Prism exited with code {process.returncode} before listening:\n"
                    + "".join(output[-40:])
                )
            if time.monotonic() > deadline:
                _fail(
                    f"Prism did not report {READY_LINE!r} within {STARTUP_TIMEOUT:.0f} s:\n"
                    + "".join(output[-40:])
                )
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)
        reader.join(timeout=5)
