"""Fixtures for behaviour tests of the generated client against a scripted fake API.

The tests import the generated package (``generated/novu``); the environment
variable SDK_UNDER_TEST can point them at another directory holding a ``novu``
package (for instance one whose ``_runtime`` links to ``generator/runtime``
while the runtime is being worked on), or, set to ``installed``, at the ``novu``
installed in the running Python (the install tests run this tier so on every
Python the package claims, from its wheel).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
INSTALLED = os.environ.get("SDK_UNDER_TEST") == "installed"
SDK_ROOT = Path(os.environ.get("SDK_UNDER_TEST") or CHECKOUT / "generated")
if not INSTALLED and str(SDK_ROOT) not in sys.path:
    sys.path.insert(0, str(SDK_ROOT))

import novu  # noqa: E402

if INSTALLED and Path(novu.__file__).resolve().is_relative_to(CHECKOUT):
    raise RuntimeError(f"SDK_UNDER_TEST=installed, yet novu comes from the checkout: {novu.__file__}")

from .fakes import FakeAPI, FakeTime  # noqa: E402


@pytest.fixture
def api() -> FakeAPI:
    return FakeAPI()


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NOVU_API_KEY", "NOVU_BASE_URL", "NOVU_LOG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_client(api: FakeAPI, clock: FakeTime) -> Iterator[Callable[..., novu.Novu]]:
    made: list[novu.Novu] = []

    def make(**options: Any) -> novu.Novu:
        options.setdefault("api_key", "test-key")
        options.setdefault("http_client", httpx.Client(transport=httpx.MockTransport(api)))
        client = novu.Novu(**options)
        client._sleep = clock.sleep
        client._monotonic = clock.monotonic
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., novu.Novu]) -> novu.Novu:
    return make_client()


@pytest.fixture
def make_async_client(api: FakeAPI, clock: FakeTime) -> Callable[..., novu.AsyncNovu]:
    def make(**options: Any) -> novu.AsyncNovu:
        options.setdefault("api_key", "test-key")
        options.setdefault("http_client", httpx.AsyncClient(transport=httpx.MockTransport(api)))
        client = novu.AsyncNovu(**options)
        client._sleep = clock.async_sleep
        client._monotonic = clock.monotonic
        return client

    return make


@pytest.fixture
def async_client(make_async_client: Callable[..., novu.AsyncNovu]) -> novu.AsyncNovu:
    return make_async_client()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
