"""The runtime shared by every generated SDK: the names generated code imports (its
public surface), each from the module that owns it; API-specific values arrive through
``ApiSettings`` and ``Endpoint`` objects defined in the generated modules. What only
model modules use (``BaseModel``, the open enums, lazy models) loads with the first of
them, so that ``import <package>`` stays light."""

import importlib
from typing import TYPE_CHECKING, Any

from httpx import Timeout

from ._client import AsyncAPIClient, SyncAPIClient
from ._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
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
    "RequestModel",
    "ConflictError",
    "Endpoint",
    "FileTypes",
    "InternalServerError",
    "LazyUnion",
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
    "lazy_exports",
    "lazy_model",
    "lazy_type",
    "to_async_raw_response_wrapper",
    "to_raw_response_wrapper",
]

# What only model modules use loads with the first of them, so `import <package>` stays light.
_MODEL_SUPPORT = {
    "BaseModel": "_models",
    "RequestModel": "_models",
    "OpenFloatEnum": "_models",
    "OpenIntEnum": "_models",
    "OpenStrEnum": "_models",
    "LazyUnion": "_lazy",
    "lazy_exports": "_lazy",
    "lazy_model": "_lazy",
    "lazy_type": "_lazy",
}

if TYPE_CHECKING:
    from ._lazy import LazyUnion, lazy_exports, lazy_model, lazy_type
    from ._models import BaseModel, OpenFloatEnum, OpenIntEnum, OpenStrEnum, RequestModel


def __getattr__(name: str) -> Any:
    module = _MODEL_SUPPORT.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
