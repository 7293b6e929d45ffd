"""A Prism mock server started from specs/novu.yaml, and the generated `novu` package.

Prism is pinned in package.json/package-lock.json next to this file and installed
with `npm ci` on first use, so a plain `pytest` works on a fresh clone. Node and
npm are required: without them the contract tier fails instead of skipping,
because CI must never pass without having run it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
SPEC = ROOT / "specs" / "novu.yaml"
# The committed package; SDK_UNDER_TEST points every tier that imports `novu` at
# another directory holding one (see tests/client/conftest.py).
GENERATED = Path(os.environ.get("SDK_UNDER_TEST") or ROOT / "generated").resolve()
PRISM = HERE / "node_modules" / ".bin" / "prism"

STARTUP_TIMEOUT = 60.0
INSTALL_TIMEOUT = 300.0
READY_LINE = "Prism is listening"

# The contract test exercises the committed package, not a fresh generation.
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


def _fail(message: str) -> NoReturn:
    pytest.fail(message, pytrace=False)


_NEED_NODE = (
    "the contract tests (tests/contract) need Node.js and npm to run the Prism mock server "
    "(@stoplight/prism-cli, pinned in tests/contract/package.json): install Node.js 20 or "
    "newer with npm and run the tests again"
)


def _install_prism() -> None:
    """`npm ci` from the committed lock file, once per checkout."""
    if shutil.which("node") is None:
        _fail(_NEED_NODE)
    if PRISM.exists() and _installed_version() == _pinned_version():
        return
    npm = shutil.which("npm")
    if npm is None:
        _fail(_NEED_NODE)
    # --ignore-scripts: the only install script in the tree is a telemetry ping.
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        result = subprocess.run(
            command, cwd=HERE, capture_output=True, text=True, timeout=INSTALL_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        _fail(f"`npm ci` in tests/contract did not finish within {INSTALL_TIMEOUT:.0f} s")
    if result.returncode != 0 or not PRISM.exists():
        _fail(
            f"`npm ci` in tests/contract failed (exit {result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )


def _pinned_version() -> str:
    manifest = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    return str(manifest["devDependencies"]["@stoplight/prism-cli"])


def _installed_version() -> str | None:
    installed = HERE / "node_modules" / "@stoplight" / "prism-cli" / "package.json"
    try:
        return str(json.loads(installed.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None


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
    _install_prism()
    port = _free_port()
    process = subprocess.Popen(
        # --seed: responses asked for with `Prefer: dynamic=true` are the same on every run.
        [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), "--seed", "1", str(SPEC)],
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
