"""A scripted fake API and a fake clock, and bodies as the Novu API returns them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx


class FakeAPI:
    """An ``httpx.MockTransport`` handler: records every request and answers from
    a script, repeating the last answer once the script runs out (with no script
    it answers 200 with a subscriber, wrapped as the live API does)."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self._script: list[Callable[[httpx.Request], httpx.Response]] = []
        self._last: Callable[[httpx.Request], httpx.Response] = lambda _: httpx.Response(
            200, json={"data": subscriber(0)}
        )

    def reply(
        self,
        status: int = 200,
        *,
        json: Any = None,
        content: bytes | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> FakeAPI:
        def answer(request: httpx.Request) -> httpx.Response:
            if json is not None:
                return httpx.Response(status, json=json, headers=headers)
            return httpx.Response(status, content=content, headers=headers)

        self._script.append(answer)
        return self

    def fail(self, error: Exception) -> FakeAPI:
        def answer(request: httpx.Request) -> httpx.Response:
            raise error

        self._script.append(answer)
        return self

    def handle(self, answer: Callable[[httpx.Request], httpx.Response]) -> FakeAPI:
        self._script.append(answer)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self._script:
            self._last = self._script.pop(0)
        return self._last(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


class FakeTime:
    """Stands in for sleeping and the monotonic clock: sleeps are recorded and
    advance the clock instantly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def subscriber(n: int | str, **extra: Any) -> dict[str, Any]:
    """A subscriber as the API returns it."""
    return {
        "_id": f"id-{n}",
        "subscriberId": f"sub-{n}",
        "_organizationId": "org",
        "_environmentId": "env",
        "deleted": False,
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:00Z",
        **extra,
    }


def integration(**extra: Any) -> dict[str, Any]:
    """An integration as the API returns it."""
    return {
        "_id": "int-1",
        "_environmentId": "env",
        "_organizationId": "org",
        "name": "Mailer",
        "identifier": "mailer",
        "providerId": "sendgrid",
        "channel": "email",
        "credentials": {},
        "active": True,
        "deleted": False,
        "deletedAt": "",
        "deletedBy": "",
        "primary": True,
        **extra,
    }


TRIGGERED = {"acknowledged": True, "status": "processed", "transactionId": "tx-1"}


def sdk_readme() -> str:
    """The README of the SDK under test: beside its package in a source tree, else the
    long description its installed wheel carries (the README is not a file there)."""
    from importlib import metadata
    from pathlib import Path

    import novu

    beside = Path(novu.__file__).resolve().parents[1] / "README.md"
    if beside.is_file():
        return beside.read_text(encoding="utf-8")
    for distribution in metadata.distributions():  # the one that installed novu/ (3.10 has
        # no packages_distributions() for wheels without top_level.txt)
        if any(str(path) == "novu/__init__.py" for path in distribution.files or ()):
            return str(distribution.metadata.get_payload())  # type: ignore[attr-defined]
    raise LookupError("no installed distribution holds the novu package")
