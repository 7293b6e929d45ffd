"""Request and response hooks: the caller's code, run by the request loop.

A client made with ``hooks=Hooks(...)`` (``AsyncHooks`` for the async client) runs
each ``before_request`` hook on every attempt's request, after auth and the
idempotency key are in it and just before it is sent (signing, tracing headers),
and each ``after_response`` hook on every response, before a retry is decided or
an error status becomes an exception (metrics, logging). Retries are attempts of
their own: the hooks see each one, and ``HookContext.attempt`` counts them from 1.

A ``before_request`` hook may change the request in place and return None, or
return another request to send instead. Hooks run in the order given.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import httpx

__all__ = [
    "AsyncAfterResponse",
    "AsyncBeforeRequest",
    "AsyncHooks",
    "AfterResponse",
    "BeforeRequest",
    "HookContext",
    "Hooks",
]


@dataclass(frozen=True)
class HookContext:
    """What a hook knows of the call: the endpoint (HTTP method and the spec's path
    template, such as ``/v1/users/{id}``) and which attempt this is (from 1)."""

    method: str
    path: str
    attempt: int


BeforeRequest = Callable[[httpx.Request, HookContext], "httpx.Request | None"]
AfterResponse = Callable[[httpx.Response, HookContext], None]
AsyncBeforeRequest = Callable[
    [httpx.Request, HookContext], "httpx.Request | None | Awaitable[httpx.Request | None]"
]
AsyncAfterResponse = Callable[[httpx.Response, HookContext], "None | Awaitable[None]"]


@dataclass(frozen=True)
class Hooks:
    """The hooks of a sync client: plain functions."""

    before_request: Sequence[BeforeRequest] = ()
    after_response: Sequence[AfterResponse] = ()

    def __post_init__(self) -> None:
        _check_callables(self)


@dataclass(frozen=True)
class AsyncHooks:
    """The hooks of an async client: coroutine functions, or plain ones."""

    before_request: Sequence[AsyncBeforeRequest] = ()
    after_response: Sequence[AsyncAfterResponse] = ()

    def __post_init__(self) -> None:
        _check_callables(self)


def _check_callables(hooks: Hooks | AsyncHooks) -> None:
    """A mistake is reported when the hooks are made, not on the first call."""
    for name in ("before_request", "after_response"):
        value = getattr(hooks, name)
        if callable(value) or isinstance(value, (str, bytes)):
            raise TypeError(f"{name} must be a sequence of callables, not one {type(value)!r}")
        for hook in value:
            if not callable(hook):
                raise TypeError(f"{name} must hold callables; got {hook!r}")
        object.__setattr__(hooks, name, tuple(value))


def checked_hooks(hooks: object, kind: type[Hooks] | type[AsyncHooks]) -> Hooks | AsyncHooks:
    """The client's ``hooks`` argument, of the kind its client runs; none given is none to run."""
    if hooks is None:
        return kind()
    if not isinstance(hooks, kind):
        raise TypeError(f"hooks must be {kind.__name__}(...), not {type(hooks).__name__}")
    return hooks


def before_request(hooks: Hooks, request: httpx.Request, context: HookContext) -> httpx.Request:
    for hook in hooks.before_request:
        request = _request_from(hook(request, context), request, hook)
    return request


def after_response(hooks: Hooks, response: httpx.Response, context: HookContext) -> None:
    for hook in hooks.after_response:
        hook(response, context)


async def async_before_request(
    hooks: AsyncHooks, request: httpx.Request, context: HookContext
) -> httpx.Request:
    for hook in hooks.before_request:
        returned = hook(request, context)
        if inspect.isawaitable(returned):
            returned = await returned
        request = _request_from(returned, request, hook)
    return request


async def async_after_response(
    hooks: AsyncHooks, response: httpx.Response, context: HookContext
) -> None:
    for hook in hooks.after_response:
        returned = hook(response, context)
        if inspect.isawaitable(returned):
            await returned


def _request_from(returned: object, request: httpx.Request, hook: object) -> httpx.Request:
    if returned is None:
        return request
    if isinstance(returned, httpx.Request):
        return returned
    raise TypeError(
        f"before_request hook {hook!r} returned {type(returned).__name__}: "
        "return None or an httpx.Request"
    )
