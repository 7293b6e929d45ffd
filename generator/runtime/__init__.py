"""The runtime shared by every generated SDK: the names generated code imports (its
public surface), each from the module that owns it; API-specific values arrive through
``ApiSettings`` and ``Endpoint`` objects defined in the generated modules. What only
model modules, paged or streamed methods and webhooks use (``BaseModel``, ``Pagination``,
streams, webhook checks) loads with the first name of it asked for, so that
``import <package>`` stays light."""

import importlib
from typing import TYPE_CHECKING, Any

from httpx import Timeout

from ._client import AsyncAPIClient, SyncAPIClient
from ._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, InsecureBaseURLWarning
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
    ResponseBodyError,
    ResponseTooLargeError,
    UnprocessableEntityError,
)
from ._hooks import AfterResponse, AsyncHooks, BeforeRequest, HookContext, Hooks
from ._oauth import TokenProvider
from ._pages import AsyncPage, SyncPage
from ._request import RequestSpec
from ._resource import AsyncAPIResource, SyncAPIResource, lazy_resource
from ._response import RawResponse, to_async_raw_response_wrapper, to_raw_response_wrapper
from ._retries import RetryPolicy
from ._settings import (
    ApiSettings,
    Argument,
    ClientCredentialsFlow,
    Endpoint,
    SecurityScheme,
    Server,
    ServerVariable,
)
from ._types import NOT_GIVEN, FileTypes, NotGiven, RequestOptions, Unpack

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WEBHOOK_TOLERANCE",
    "NOT_GIVEN",
    "APIConnectionError",
    "AfterResponse",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ApiSettings",
    "Argument",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "AsyncHooks",
    "AsyncPage",
    "AuthenticationError",
    "BadRequestError",
    "BeforeRequest",
    "ClientClosedError",
    "BaseModel",
    "ClientCredentialsFlow",
    "RequestModel",
    "ConflictError",
    "Endpoint",
    "FileTypes",
    "HookContext",
    "Hooks",
    "InsecureBaseURLWarning",
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
    "ResponseBodyError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "SecurityScheme",
    "Server",
    "ServerVariable",
    "SyncAPIClient",
    "SyncAPIResource",
    "SyncPage",
    "Timeout",
    "TokenProvider",
    "UnknownWebhookEvent",
    "UnprocessableEntityError",
    "Unpack",
    "WebhookEventSpec",
    "WebhookSigning",
    "WebhookVerificationError",
    "lazy_exports",
    "lazy_model",
    "lazy_resource",
    "lazy_type",
    "parse_webhook_event",
    "to_async_raw_response_wrapper",
    "to_raw_response_wrapper",
    "verify_webhook_signature",
    "AsyncStream",
    "AsyncStreamedResponse",
    "AsyncStreamedResponseManager",
    "ServerSentEvent",
    "Stream",
    "StreamError",
    "StreamFormat",
    "StreamedResponse",
    "StreamedResponseManager",
    "to_async_streamed_response_wrapper",
    "to_streamed_response_wrapper",
]

# What only model modules, paged, streamed methods or webhooks use loads with the first name
# of it asked for, so that `import <package>` stays light.
_LAZY = {
    "BaseModel": "_models",
    "RequestModel": "_models",
    "OpenFloatEnum": "_models",
    "OpenIntEnum": "_models",
    "OpenStrEnum": "_models",
    "LazyUnion": "_lazy",
    "lazy_exports": "_lazy",
    "lazy_model": "_lazy",
    "lazy_type": "_lazy",
    "Pagination": "_pagination",
    "AsyncStream": "_streaming",
    "ServerSentEvent": "_streaming",
    "Stream": "_streaming",
    "StreamError": "_streaming",
    "StreamFormat": "_streaming",
    "AsyncStreamedResponse": "_streamed_response",
    "AsyncStreamedResponseManager": "_streamed_response",
    "StreamedResponse": "_streamed_response",
    "StreamedResponseManager": "_streamed_response",
    "to_async_streamed_response_wrapper": "_streamed_response",
    "to_streamed_response_wrapper": "_streamed_response",
    "DEFAULT_WEBHOOK_TOLERANCE": "_webhooks",
    "UnknownWebhookEvent": "_webhooks",
    "WebhookEventSpec": "_webhooks",
    "WebhookSigning": "_webhooks",
    "WebhookVerificationError": "_webhooks",
    "parse_webhook_event": "_webhooks",
    "verify_webhook_signature": "_webhooks",
}

if TYPE_CHECKING:
    from ._lazy import LazyUnion, lazy_exports, lazy_model, lazy_type
    from ._models import BaseModel, OpenFloatEnum, OpenIntEnum, OpenStrEnum, RequestModel
    from ._pagination import Pagination
    from ._streamed_response import (
        AsyncStreamedResponse,
        AsyncStreamedResponseManager,
        StreamedResponse,
        StreamedResponseManager,
        to_async_streamed_response_wrapper,
        to_streamed_response_wrapper,
    )
    from ._streaming import AsyncStream, ServerSentEvent, Stream, StreamError, StreamFormat
    from ._webhooks import (
        DEFAULT_WEBHOOK_TOLERANCE,
        UnknownWebhookEvent,
        WebhookEventSpec,
        WebhookSigning,
        WebhookVerificationError,
        parse_webhook_event,
        verify_webhook_signature,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
