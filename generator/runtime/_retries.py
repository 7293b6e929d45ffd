"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import email.utils
import math
import random
from dataclasses import dataclass

import httpx

__all__ = ["MAX_RETRY_AFTER", "RetryPolicy", "next_delay"]

# A server asking for a longer pause than this is more likely misconfigured than
# meaning it; waiting a minute and trying again is the better bet.
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff and retry conditions; the defaults apply when the spec names none.

    Intervals are in seconds. ``status_codes`` holds codes like ``"429"`` or
    ranges like ``"5XX"``.
    """

    initial_interval: float = 0.5
    max_interval: float = 8.0
    max_elapsed: float = 60.0
    exponent: float = 2.0
    status_codes: tuple[str, ...] = ("408", "409", "429", "5XX")
    retry_connection_errors: bool = True

    def retries_status(self, status_code: int) -> bool:
        code = str(status_code)
        return any(
            pattern == code or (pattern[1:].upper() == "XX" and pattern[0] == code[0])
            for pattern in self.status_codes
        )

    def backoff(self, retries_taken: int) -> float:
        """Full jitter, so that many clients failing together do not retry together."""
        ceiling = min(self.max_interval, self.initial_interval * self.exponent**retries_taken)
        return random.uniform(0.0, ceiling)


def retry_after(headers: httpx.Headers, now: float) -> float | None:
    """The pause the server asked for, in seconds, if it asked in a form we read."""
    milliseconds = headers.get("retry-after-ms")
    seconds: float | None = None
    if milliseconds is not None:
        seconds = _float(milliseconds)
        seconds = None if seconds is None else seconds / 1000
    value = headers.get("retry-after")
    if seconds is None and value is not None:
        seconds = _float(value)
        if seconds is None:
            try:
                seconds = email.utils.parsedate_to_datetime(value).timestamp() - now
            except (TypeError, ValueError):
                return None
    if seconds is None:
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def next_delay(
    policy: RetryPolicy,
    *,
    retries_taken: int,
    max_retries: int,
    elapsed: float,
    response: httpx.Response | None,
    now: float,
) -> float | None:
    """Seconds to wait before the next attempt, or None to stop.

    ``response`` is None when the attempt failed to connect or timed out.
    """
    if retries_taken >= max_retries:
        return None
    if response is None:
        if not policy.retry_connection_errors:
            return None
        delay = policy.backoff(retries_taken)
    else:
        if not policy.retries_status(response.status_code):
            return None
        asked = retry_after(response.headers, now)
        delay = policy.backoff(retries_taken) if asked is None else asked
    if elapsed + delay > policy.max_elapsed:
        return None
    return delay


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
