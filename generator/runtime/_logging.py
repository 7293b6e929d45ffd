"""Request logging through the stdlib logger named after the package.

Secrets never reach a log record: credential headers (the API's own, and any whose
name looks like one: ``X-Api-Key``, ``X-Auth-Token``, ``X-Secret`` passed in
``default_headers`` or ``extra_headers``) and query parameters are redacted, and
bodies are not logged at all. Server text (the reason phrase) is logged with its
control characters escaped, so a server cannot forge log lines.
"""

from __future__ import annotations

import logging
import os
import re

import httpx

from ._redirects import CredentialPlaces
from ._settings import ApiSettings, Endpoint
from ._text import printable

__all__ = ["RequestLogger"]

_REDACTED = "REDACTED"
# Header names that look like they carry a credential, whatever the spec declares.
_CREDENTIAL_LIKE = re.compile(
    r"auth|token|secret|passw|api-?key|(^|-)key$|session|cookie|signature|credential", re.I
)


class RequestLogger:
    def __init__(self, settings: ApiSettings) -> None:
        self._logger = logging.getLogger(settings.package)
        _configure_from_env(self._logger, f"{settings.env_prefix}_LOG")
        places = CredentialPlaces.of(settings)
        self._secret_headers = places.headers | {"set-cookie"}
        self._secret_query = places.query

    def request(self, request: httpx.Request, attempt: int) -> None:
        if self._logger.isEnabledFor(logging.DEBUG):
            headers = {
                name: _REDACTED if self._is_secret(name) else value
                for name, value in request.headers.items()
            }
            self._logger.debug(
                "HTTP request: %s %s (attempt %d) headers=%s",
                request.method,
                self._url(request.url),
                attempt,
                headers,
            )

    def response(self, response: httpx.Response, attempt: int, elapsed: float) -> None:
        if not self._logger.isEnabledFor(logging.DEBUG):
            return  # the URL and reason below cost more than the call is worth logging
        request = response.request
        self._logger.debug(
            "HTTP response: %s %s -> %d %s (attempt %d, %.0f ms)",
            request.method,
            self._url(request.url),
            response.status_code,
            printable(response.reason_phrase, 100),
            attempt,
            elapsed * 1000,
        )

    def retry(self, request: httpx.Request, reason: str, delay: float, attempt: int) -> None:
        """``attempt`` is the one that failed."""
        self._logger.info(
            "Retrying %s %s in %.2f s after %s (attempt %d)",
            request.method,
            self._url(request.url),
            delay,
            reason,
            attempt + 1,
        )

    def pagination_stopped(self, endpoint: Endpoint, query: dict[str, object]) -> None:
        """A server that does not advance: the next page would repeat a request."""
        self._logger.warning(
            "Pagination of %s %s stopped: the next page would repeat a request already made "
            "(%s); the server does not advance through the pages",
            endpoint.method,
            endpoint.path,
            query,
        )

    def _is_secret(self, name: str) -> bool:
        return name.lower() in self._secret_headers or _CREDENTIAL_LIKE.search(name) is not None

    def _url(self, url: httpx.URL) -> str:
        if not self._secret_query.intersection(url.params.keys()):
            return str(url)
        params = [
            (key, _REDACTED if key in self._secret_query else value)
            for key, value in url.params.multi_items()
        ]
        return str(url.copy_with(params=params))


def _configure_from_env(logger: logging.Logger, variable: str) -> None:
    """``<PREFIX>_LOG=debug`` (or ``info``) turns logging on without any code."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get(variable, "").lower())
    if level is None:
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        logger.addHandler(handler)
