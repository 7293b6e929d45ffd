"""Every exception the client raises, so that callers need catch only ``APIError``.

Each one pickles (Celery and multiprocessing send exceptions between processes): it is
rebuilt from its message and its attributes, not by calling its constructor again.
"""

from __future__ import annotations

from typing import Any

import httpx

from ._text import excerpt, printable

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseBodyError",
    "ResponseTooLargeError",
    "UnprocessableEntityError",
]


class APIError(Exception):
    message: str

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self._request = request

    @property
    def request(self) -> httpx.Request | None:
        """The request that failed; None when the error came before one was made."""
        return self._request

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args), self.__dict__)


class MissingCredentialsError(APIError):
    """Raised before sending: the operation needs a credential nobody supplied."""


class ClientClosedError(APIError):
    """Raised before sending: the client (or the httpx client it was given) is closed."""


class APIConnectionError(APIError):
    def __init__(self, *, request: httpx.Request, message: str = "Connection error.") -> None:
        super().__init__(message, request=request)
        self._sent = request

    @property
    def request(self) -> httpx.Request:
        return self._sent


class APITimeoutError(APIConnectionError):
    def __init__(self, *, request: httpx.Request) -> None:
        super().__init__(request=request, message="Request timed out.")


class APIStatusError(APIError):
    """A non-2xx response.

    ``body`` is the declared error model when the spec declares one for this
    status and the body fits it; otherwise the decoded JSON, else the text.
    """

    response: httpx.Response
    status_code: int
    headers: httpx.Headers
    body: Any

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.body = body

    @property
    def retry_after(self) -> float | None:
        """The seconds the server asked the caller to wait (``Retry-After``), if it asked."""
        import time

        from ._retries import retry_after

        return retry_after(self.headers, time.time())

    @property
    def request(self) -> httpx.Request:
        return self.response.request


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    """A 401; or a token request the token endpoint refused, whose OAuth2 ``error``
    and ``error_description`` are then set (never the client secret)."""

    error: str | None = None
    error_description: str | None = None


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not fit the documented type."""

    response: httpx.Response
    status_code: int
    body: Any

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.body = body

    @property
    def request(self) -> httpx.Request:
        return self.response.request


def _rebuild(cls: type[APIError], args: tuple[Any, ...]) -> APIError:
    """An error as unpickled: its message set, its attributes restored by pickle after."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    return error


class ResponseBodyError(APIError):
    """A response whose body the client will not read: larger than the client's cap,
    compressed with a coding it does not decode (or with more than one), corrupt, or
    nested deeper than the JSON parser allows. Raised whatever the status."""

    response: httpx.Response
    status_code: int

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code

    @property
    def request(self) -> httpx.Request:
        return self.response.request


class ResponseTooLargeError(ResponseBodyError):
    """The body (decompressed) is larger than ``max_response_size``; nothing beyond the
    cap was read into memory."""


# The largest body whose decoded value is formatted into an error message.
_FORMATTED = 1 << 16

_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(response: httpx.Response, body: Any) -> APIStatusError:
    status = response.status_code
    cls = InternalServerError if status >= 500 else _BY_STATUS.get(status, APIStatusError)
    # A big body is quoted from its bytes: formatting it whole would cost many times its size.
    small = body is None or len(response.content) <= _FORMATTED
    detail = printable(str(body)) if small else excerpt(response.content)
    return cls(f"Error code: {status} - {detail}", response=response, body=body)
