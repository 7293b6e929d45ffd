"""The runtime shared by every generated SDK; API-specific values arrive through
``ApiSettings`` and ``Endpoint`` objects defined in the generated modules."""

from typing import TYPE_CHECKING, Any

from httpx import Timeout

from ._client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, SyncAPIClient
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._pagination import AsyncPage, Pagination, SyncPage
from ._request import RequestSpec
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import RawResponse, to_async_raw_response_wrapper, to_raw_response_wrapper
from ._retries import RetryPolicy
from ._settings import ApiSettings, Argument, Endpoint, SecurityScheme, Server, ServerVariable
from ._types import NOT_GIVEN, FileTypes, NotGiven, RequestOptions, Unpack

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ApiSettings",
    "Argument",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "AsyncPage",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "BaseModel",
    "ConflictError",
    "Endpoint",
    "FileTypes",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "NotGiven",
    "OpenFloatEnum",
    "OpenIntEnum",
    "OpenStrEnum",
    "Pagination",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "RequestSpec",
    "RetryPolicy",
    "SecurityScheme",
    "Server",
    "ServerVariable",
    "SyncAPIClient",
    "SyncAPIResource",
    "SyncPage",
    "Timeout",
    "UnprocessableEntityError",
    "Unpack",
    "to_async_raw_response_wrapper",
    "to_raw_response_wrapper",
]

_MODEL_BASES = ("BaseModel", "OpenFloatEnum", "OpenIntEnum", "OpenStrEnum")

if TYPE_CHECKING:
    from ._models import BaseModel, OpenFloatEnum, OpenIntEnum, OpenStrEnum


def __getattr__(name: str) -> Any:
    """Model bases load with the models module, so `import <package>` stays light."""
    if name in _MODEL_BASES:
        from . import _models

        return getattr(_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
