"""What a method tells its caller: its arguments' docs, and what is deprecated."""

from __future__ import annotations

import inspect
import warnings

import novu
import pytest

from .fakes import FakeAPI

ACTIVITIES = {"hasMore": False, "data": [], "pageSize": 10, "page": 0}


def test_docstrings_list_the_arguments_with_allowed_values_and_defaults() -> None:
    doc = novu.Novu(api_key="k").integrations.create.__doc__ or ""
    assert "Args:" in doc
    assert 'channel: One of: "in_app", "email", "sms", "chat", "push".' in doc
    assert "active: If the integration is active the validation on the credentials field" in doc
    listing = novu.Novu(api_key="k").subscribers.list.__doc__ or ""
    assert "limit: Default: 10." in listing


def test_a_deprecated_optional_argument_warns_once_when_given(client: novu.Novu, api: FakeAPI) -> None:
    novu._runtime._request._WARNED.clear()
    api.reply(201, json={})
    required = {"name": "w", "notification_group_id": "g", "steps": []}
    with pytest.warns(DeprecationWarning, match="argument 'draft' of POST /v1/workflows") as caught:
        with pytest.raises(novu.APIResponseValidationError):
            client.workflows.create(draft=True, **required)
    assert caught[0].filename == __file__  # points at the caller's line
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(novu.APIResponseValidationError):
            client.workflows.create(draft=True, **required)


def test_a_deprecated_required_argument_does_not_warn(client: novu.Novu, api: FakeAPI) -> None:
    """`search` of GET /v1/notifications is required and deprecated: no call can avoid it, so a
    warning would only fail every call under `-W error`; its docs say it is deprecated."""
    novu._runtime._request._WARNED.clear()
    api.reply(200, json=ACTIVITIES)
    arguments = {"channels": ["email"], "templates": [], "emails": [], "subscriber_ids": []}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.notifications.list(search="x", **arguments)
    assert "search: Deprecated." in (client.notifications.list.__doc__ or "")


def test_docstrings_list_every_argument_the_return_type_and_the_errors() -> None:
    """Arguments the spec does not describe are listed too (where they go), with the per-call
    options, what the method returns and what it raises."""
    client = novu.Novu(api_key="k")
    doc = inspect.getdoc(client.integrations.webhooks.retrieve) or ""
    assert "provider_or_integration_id: The `providerOrIntegrationId` path parameter." in doc
    assert "**options: Per-call options: extra_body, extra_headers" in doc
    assert "Returns:\n    `bool`." in doc
    for raised in ("ConflictError: HTTP 409.", "RateLimitError: HTTP 429.", "APIConnectionError:"):
        assert raised in doc
    listing = inspect.getdoc(client.subscribers.list) or ""
    assert "Returns:\n    A page whose body is" in listing
    for method in (client.integrations.create, client.subscribers.create_bulk, client.topics.create):
        doc = inspect.getdoc(method) or ""
        for name in inspect.signature(method).parameters:
            assert f"    {name}: " in doc or name == "options", (method.__name__, name)
        assert "Returns:" in doc and "Raises:" in doc
