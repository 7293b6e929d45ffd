"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import email.utils
import random
import re
from dataclasses import dataclass

import httpx

__all__ = ["MAX_RETRY_AFTER", "RetryPolicy", "next_delay"]

# The longest pause the client makes because a server asked for it. A server asking
# for more is answered at once with its error (which carries ``retry_after``): a call
# blocked for minutes is worse than one the caller can reschedule.
MAX_RETRY_AFTER = 60.0
# A server-given pause is stretched by up to this fraction, so that clients told the
# same ``Retry-After`` do not all come back in the same millisecond.
_JITTER = 0.1
# RFC 9110: delay-seconds is digits only; an HTTP-date is IMF-fixdate or one of the two
# obsolete forms (RFC 850, asctime), told apart here by shape before they are parsed.
_SECONDS = re.compile(r"[0-9]{1,10}")
_MILLISECONDS = re.compile(r"[0-9]{1,13}(\.[0-9]{1,6})?")
_HTTP_DATE = re.compile(
    r"[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT"
    r"|[A-Z][a-z]{5,8}, [0-9]{2}-[A-Z][a-z]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT"
    r"|[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}"
)


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
    """The pause the server asked for, in seconds, if it asked in a form RFC 9110 allows
    (or OpenAI's ``retry-after-ms``); a pause of zero or less (a date in the past) is
    no request at all."""
    seconds: float | None = None
    milliseconds = headers.get("retry-after-ms", "").strip()
    if _MILLISECONDS.fullmatch(milliseconds):
        seconds = float(milliseconds) / 1000
    value = headers.get("retry-after", "").strip()
    if seconds is None and _SECONDS.fullmatch(value):
        seconds = float(value)
    elif seconds is None and _HTTP_DATE.fullmatch(value):
        try:
            seconds = email.utils.parsedate_to_datetime(value).timestamp() - now
        except (TypeError, ValueError, OverflowError):
            return None
    return seconds if seconds is not None and seconds > 0 else None


def next_delay(
    policy: RetryPolicy,
    *,
    retries_taken: int,
    max_retries: int,
    elapsed: float,
    response: httpx.Response | None,
    now: float,
    remaining: float | None = None,
) -> float | None:
    """Seconds to wait before the next attempt, or None to stop.

    ``response`` is None when the attempt failed to connect or timed out;
    ``remaining`` is what is left of the call's timeout (None: no bound), which the
    wait must end within, as the spec's ``max_elapsed`` bounds the retrying.
    """
    if retries_taken >= max_retries:
        return None
    delay = _wait(policy, retries_taken, response, now)
    if delay is None or elapsed + delay > policy.max_elapsed:
        return None
    if remaining is not None and delay >= remaining:
        return None
    return delay


def _wait(
    policy: RetryPolicy, retries_taken: int, response: httpx.Response | None, now: float
) -> float | None:
    """The pause before retrying what ended in ``response`` (None: a connection error),
    or None when it is not retried."""
    if response is None:
        return policy.backoff(retries_taken) if policy.retry_connection_errors else None
    if not policy.retries_status(response.status_code):
        return None
    asked = retry_after(response.headers, now)
    if asked is None:
        return policy.backoff(retries_taken)
    if asked > MAX_RETRY_AFTER:
        return None  # longer than the client waits: the caller gets the error now
    return asked * random.uniform(1.0, 1.0 + _JITTER)
