"""Bases of the generated resource classes (``client.integrations`` and the like), and
what a client hands its resources (``SyncCalls``, ``AsyncCalls``): its entry points as
public attributes, so that no resource reaches into the client's private members (which
type checkers in strict mode report)."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ._request import CallArguments
from ._settings import Endpoint
from ._types import Unpack

if TYPE_CHECKING:
    from ._client import AsyncAPIClient, SyncAPIClient
    from ._pages import AsyncPage, SyncPage

__all__ = ["AsyncAPIResource", "AsyncCalls", "SyncAPIResource", "SyncCalls", "lazy_resource"]

_R_co = TypeVar("_R_co", covariant=True)


class CallsEndpoint(Protocol[_R_co]):
    """A client's entry point for one call: the endpoint and the generated method's arguments."""

    def __call__(self, endpoint: Endpoint, /, **arguments: Unpack[CallArguments]) -> _R_co: ...


@dataclass(frozen=True, slots=True)
class SyncCalls:
    """A sync client and its entry points: one call, and a paginated call."""

    client: SyncAPIClient
    request: CallsEndpoint[Any]
    request_page: CallsEndpoint[SyncPage[Any, Any]]


@dataclass(frozen=True, slots=True)
class AsyncCalls:
    """The async twin of ``SyncCalls``."""

    client: AsyncAPIClient
    request: CallsEndpoint[Awaitable[Any]]
    request_page: CallsEndpoint[AsyncPage[Any, Any]]


class SyncAPIResource:
    def __init__(self, calls: SyncCalls | SyncAPIClient) -> None:
        """``calls`` is what the client hands its resources; a team's subclass made outside
        the client may be given the client itself."""
        if not isinstance(calls, SyncCalls):
            calls = calls._calls  # pyright: ignore[reportPrivateUsage]
        self._calls = calls
        self._client = calls.client
        self._request = calls.request
        self._request_page = calls.request_page


class AsyncAPIResource:
    def __init__(self, calls: AsyncCalls | AsyncAPIClient) -> None:
        """The async twin of ``SyncAPIResource``'s."""
        if not isinstance(calls, AsyncCalls):
            calls = calls._calls  # pyright: ignore[reportPrivateUsage]
        self._calls = calls
        self._client = calls.client
        self._request = calls.request
        self._request_page = calls.request_page


def lazy_resource(package: str | None, module: str, name: str) -> Any:
    """A client's property giving its resource ``name`` of ``module`` (relative to
    ``package``), imported and made on first use, then kept: one line per resource in
    the generated client, which a big API's has hundreds of (less to compile at import)."""

    def make(client: SyncAPIClient | AsyncAPIClient) -> Any:
        resource = getattr(importlib.import_module(module, package), name)
        return resource(client._calls)  # pyright: ignore[reportPrivateUsage]

    return functools.cached_property(make)
