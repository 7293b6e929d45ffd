"""Every exception the client raises, so that callers need catch only ``APIError``."""

from __future__ import annotations

from typing import Any

import httpx

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
    "UnprocessableEntityError",
]


class APIError(Exception):
    message: str
    request: httpx.Request | None

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class MissingCredentialsError(APIError):
    """Raised before sending: the operation needs a credential nobody supplied."""


class ClientClosedError(APIError):
    """Raised before sending: the client (or the httpx client it was given) is closed."""


class APIConnectionError(APIError):
    request: httpx.Request

    def __init__(self, *, request: httpx.Request, message: str = "Connection error.") -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    def __init__(self, *, request: httpx.Request) -> None:
        super().__init__(request=request, message="Request timed out.")


class APIStatusError(APIError):
    """A non-2xx response.

    ``body`` is the declared error model when the spec declares one for this
    status and the body fits it; otherwise the decoded JSON, else the text.
    """

    request: httpx.Request
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

    request: httpx.Request
    response: httpx.Response
    status_code: int
    body: Any

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.body = body


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
    detail = str(body)
    if len(detail) > 500:
        detail = detail[:500] + "..."
    return cls(f"Error code: {status} - {detail}", response=response, body=body)
