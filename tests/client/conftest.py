"""Fixtures for behaviour tests of the generated client against a scripted fake API.

The tests run the Novu SDK as the generator writes it now: at the start of the session the
current generator turns ``specs/novu.yaml`` into a package in a temporary directory, and
``novu`` is imported from there. So a change to the runtime (``generator/runtime``) or to
the templates reaches these tests at once, without regenerating the committed snapshot
(``generated/``), which this tier never imports. The run cache, kept in pytest's cache
directory (never the user's), makes a repeat take a fraction of a second.

The environment variable SDK_UNDER_TEST points the tests elsewhere: at another directory
holding a ``novu`` package, or, set to ``installed``, at the ``novu`` installed in the
running Python (the install tests run this tier so on every Python the package claims,
from its wheel; the generator need not be importable then).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests import novu_sdk

from .fakes import FakeAPI, FakeTime

if TYPE_CHECKING:
    import novu

def pytest_configure(config: pytest.Config) -> None:
    """The SDK under test first on ``sys.path`` before any test module imports ``novu``."""
    novu_sdk.put_first(config)


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

    import novu

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
    import novu

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
