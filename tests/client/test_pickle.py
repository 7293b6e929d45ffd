"""Every SDK exception survives pickle (Celery and multiprocessing send them between processes)."""

from __future__ import annotations

import pickle
from typing import Any

import httpx
import pytest

import novu

from .fakes import FakeAPI, integration


def round_trip(error: BaseException) -> Any:
    return pickle.loads(pickle.dumps(error))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 418, 500, 503])
def test_status_errors_round_trip(client: novu.Novu, api: FakeAPI, status: int) -> None:
    api.reply(status, json={"message": "nope", "statusCode": status})
    with pytest.raises(novu.APIStatusError) as caught:
        client.with_options(max_retries=0).subscribers.retrieve("sub-1")
    copy = round_trip(caught.value)
    assert type(copy) is type(caught.value)
    assert str(copy) == str(caught.value) and copy.message == caught.value.message
    assert copy.status_code == status and copy.headers == caught.value.headers
    assert copy.body == caught.value.body
    assert copy.request.url == caught.value.request.url
    assert copy.response.status_code == status


def test_a_declared_error_model_round_trips(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(400, json={"statusCode": 400, "timestamp": "t", "path": "/v1/events/trigger", "message": "m"})
    with pytest.raises(novu.BadRequestError) as caught:
        client.with_options(max_retries=0).events.trigger(name="welcome", to=["sub-1"])
    assert round_trip(caught.value).body == caught.value.body


def test_connection_and_timeout_errors_round_trip(client: novu.Novu, api: FakeAPI) -> None:
    for failure, kind in [
        (httpx.ConnectError("refused"), novu.APIConnectionError),
        (httpx.ReadTimeout("slow"), novu.APITimeoutError),
    ]:
        api.fail(failure)
        with pytest.raises(kind) as caught:
            client.with_options(max_retries=0).subscribers.retrieve("sub-1")
        copy = round_trip(caught.value)
        assert type(copy) is kind and str(copy) == str(caught.value)
        assert copy.request.url == caught.value.request.url


def test_a_response_validation_error_round_trips(make_client: Any, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration(_id=5, unknown=1)})
    with pytest.raises(novu.APIResponseValidationError) as caught:
        make_client(strict_response_validation=True).integrations.set_as_primary("int-1")
    copy = round_trip(caught.value)
    assert str(copy) == str(caught.value) and copy.status_code == 200


def test_errors_raised_before_sending_round_trip(client: novu.Novu) -> None:
    client.close()
    with pytest.raises(novu.ClientClosedError) as closed:
        client.subscribers.retrieve("sub-1")
    with pytest.raises(novu.MissingCredentialsError) as missing:
        novu.Novu(api_key=None).subscribers.retrieve("sub-1")
    for error in (closed.value, missing.value):
        copy = round_trip(error)
        assert type(copy) is type(error) and str(copy) == str(error) and copy.request is None
