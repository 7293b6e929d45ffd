"""Reading responses: errors, the envelope, forward compatibility, raw access."""

from __future__ import annotations

import httpx
import novu
import pytest
from novu._runtime import Endpoint

from .fakes import FakeAPI, integration, subscriber


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, novu.BadRequestError),
        (401, novu.AuthenticationError),
        (403, novu.PermissionDeniedError),
        (404, novu.NotFoundError),
        (409, novu.ConflictError),
        (422, novu.UnprocessableEntityError),
        (429, novu.RateLimitError),
        (500, novu.InternalServerError),
        (503, novu.InternalServerError),
        (418, novu.APIStatusError),
    ],
)
def test_each_status_maps_to_its_error_class(
    make_client, api: FakeAPI, status: int, error_class: type[novu.APIStatusError]
) -> None:
    api.reply(
        status, json={"statusCode": status, "message": "boom"}, headers={"X-Request-Id": "r1"}
    )
    with pytest.raises(error_class) as caught:
        make_client(max_retries=0).subscribers.retrieve("sub-1")
    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, novu.APIError)
    assert error.status_code == status
    assert error.headers["X-Request-Id"] == "r1"
    assert error.body == {"statusCode": status, "message": "boom"}
    assert error.response.status_code == status
    assert error.request.url.path == "/v1/subscribers/sub-1"
    assert str(status) in str(error)


def test_declared_error_body_is_parsed_into_its_type(make_client, api: FakeAPI) -> None:
    # Novu declares 409 bodies as a JSON string.
    api.reply(409, json="Request with key abc is currently being processed")
    with pytest.raises(novu.ConflictError) as caught:
        make_client(max_retries=0).events.trigger(name="welcome", to=["sub-1"])
    assert caught.value.body == "Request with key abc is currently being processed"


def test_error_body_that_is_not_json_is_kept_as_text(make_client, api: FakeAPI) -> None:
    api.reply(502, content="<html>Bad gateway</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(novu.InternalServerError) as caught:
        make_client(max_retries=0).subscribers.retrieve("sub-1")
    assert caught.value.body == "<html>Bad gateway</html>"


def test_body_that_does_not_fit_raises_validation_error_with_raw_response(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(200, json={"subscriberId": 5})
    with pytest.raises(novu.APIResponseValidationError) as caught:
        client.subscribers.retrieve("sub-1")
    assert caught.value.response.status_code == 200
    assert caught.value.body == {"subscriberId": 5}
    assert caught.value.response.json() == {"subscriberId": 5}


def test_a_wrapped_body_that_does_not_fit_names_what_is_wrong_inside_the_envelope(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(200, json={"data": {**subscriber(1), "subscriberId": 5}})
    with pytest.raises(novu.APIResponseValidationError) as caught:
        client.subscribers.retrieve("sub-1")
    # The reading the server meant (unwrapped) is the one reported, not the bare one's.
    assert "subscriberId\n  Input should be a valid string" in str(caught.value)
    assert "Field required" not in str(caught.value)
    assert caught.value.body == {"data": {**subscriber(1), "subscriberId": 5}}


@pytest.mark.parametrize(
    ("content", "headers", "error_body"),
    [
        (b"", {"Content-Type": "application/json"}, None),
        (b"{not json", {"Content-Type": "application/json"}, "{not json"),
        (b'{"data": {}}', {"Content-Type": "text/plain"}, '{"data": {}}'),
    ],
    ids=["empty", "not JSON", "JSON under another media type"],
)
def test_a_body_that_is_not_a_json_model_is_a_validation_error(
    client: novu.Novu, api: FakeAPI, content: bytes, headers: dict[str, str], error_body: object
) -> None:
    api.reply(200, content=content, headers=headers)
    with pytest.raises(novu.APIResponseValidationError) as caught:
        client.subscribers.retrieve("sub-1")
    assert caught.value.body == error_body


def test_json_text_is_read_as_its_media_type_says(client: novu.Novu, api: FakeAPI) -> None:
    note = Endpoint(method="GET", path="/note", responses={"200": str})

    def call() -> object:
        return client._request(
            note, path={}, query={}, headers={}, cookies={}, body=None, options={}
        )

    api.reply(200, content=b'"hi"', headers={"Content-Type": "application/json; charset=utf-8"})
    assert call() == "hi"
    api.reply(200, content=b'"hi"', headers={"Content-Type": "text/plain"})
    assert call() == '"hi"'
    api.reply(200, content=b'{"data": "hi"}', headers={})  # no media type: JSON if it parses
    assert call() == "hi"


def test_wrapped_and_bare_bodies_both_parse(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": subscriber(1)})
    assert client.subscribers.retrieve("sub-1").subscriber_id == "sub-1"
    api.reply(200, json=subscriber(2))
    assert client.subscribers.retrieve("sub-2").subscriber_id == "sub-2"


def test_wrapped_and_bare_lists_both_parse(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": [integration(), integration(_id="int-2")]})
    assert [i.id for i in client.integrations.list()] == ["int-1", "int-2"]
    api.reply(200, json=[integration()])
    assert [i.id for i in client.integrations.list()] == ["int-1"]


def test_documented_body_with_its_own_data_field_is_not_unwrapped(
    client: novu.Novu, api: FakeAPI
) -> None:
    page = {"page": 0, "hasMore": False, "pageSize": 10, "data": [subscriber(1)]}
    api.reply(200, json=page)
    result = client.request("GET", "/v1/subscribers", cast_to=novu.models.ListSubscribersResponse)
    assert [s.subscriber_id for s in result.data] == ["sub-1"]
    api.reply(200, json={"data": page})
    result = client.request("GET", "/v1/subscribers", cast_to=novu.models.ListSubscribersResponse)
    assert result.has_more is False
    assert [s.subscriber_id for s in result.data] == ["sub-1"]


def test_documented_data_wrapper_body_parses_wrapped_or_bare(
    client: novu.Novu, api: FakeAPI
) -> None:
    DataWrapper = novu.models.DataWrapperDto
    api.reply(200, json={"data": {"status": "ok"}})
    assert client.request("GET", "/x", cast_to=DataWrapper).data == {"status": "ok"}
    api.reply(200, json={"data": {"data": {"status": "ok"}}})
    assert client.request("GET", "/x", cast_to=DataWrapper).data == {"status": "ok"}


def test_unknown_enum_values_and_fields_parse_leniently(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration(channel="carrier_pigeon", rating=5)})
    result = client.integrations.set_as_primary("int-1")
    assert result.channel == "carrier_pigeon"
    assert result.channel.value == "carrier_pigeon"
    assert result.rating == 5  # type: ignore[attr-defined]
    assert result.model_extra == {"rating": 5}
    api.reply(200, json={"data": integration()})
    known = client.integrations.set_as_primary("int-1").channel
    assert known is type(known).EMAIL


@pytest.mark.parametrize(
    "body",
    [integration(channel="carrier_pigeon"), integration(rating=5)],
    ids=["unknown enum value", "unknown field"],
)
def test_strict_mode_rejects_unknown_values_and_fields(
    make_client, api: FakeAPI, body: dict
) -> None:
    api.reply(200, json={"data": body})
    strict = make_client(strict_response_validation=True)
    with pytest.raises(novu.APIResponseValidationError):
        strict.integrations.set_as_primary("int-1")
    assert make_client().integrations.set_as_primary("int-1").id == "int-1"
    assert strict.with_options(strict_response_validation=False).integrations.set_as_primary(
        "int-1"
    )


def test_strict_mode_rejects_unknown_fields_in_a_bare_body(make_client, api: FakeAPI) -> None:
    api.reply(200, json=integration(rating=5))
    with pytest.raises(novu.APIResponseValidationError, match="rating"):
        make_client(strict_response_validation=True).integrations.set_as_primary("int-1")
    assert make_client().integrations.set_as_primary("int-1").model_extra == {"rating": 5}


def test_strict_mode_accepts_conforming_bodies(make_client, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration()})
    strict = make_client(strict_response_validation=True)
    assert strict.integrations.set_as_primary("int-1").primary is True


def test_raw_response_gives_status_headers_and_parse(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(201, json={"data": integration()}, headers={"RateLimit-Remaining": "41"})
    raw = client.integrations.with_raw_response.set_as_primary("int-1")
    assert raw.status_code == 201
    assert raw.headers["RateLimit-Remaining"] == "41"
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.http_response.json() == {"data": integration()}
    parsed = raw.parse()
    assert isinstance(parsed, novu.models.IntegrationResponseDto)
    assert parsed.id == "int-1"


def test_raw_response_after_retries_is_the_final_one(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(503).reply(200, json=integration())
    raw = client.integrations.with_raw_response.set_as_primary("int-1")
    assert raw.status_code == 200


@pytest.mark.anyio
async def test_async_raw_response(async_client: novu.AsyncNovu, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration()}, headers={"RateLimit-Remaining": "7"})
    raw = await async_client.integrations.with_raw_response.set_as_primary("int-1")
    assert raw.headers["RateLimit-Remaining"] == "7"
    assert raw.parse().id == "int-1"


def test_no_content_returns_none(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(204)
    assert client.layouts.delete("layout-1") is None


def test_binary_text_and_untyped_bodies(client: novu.Novu, api: FakeAPI) -> None:
    download = Endpoint(method="GET", path="/files/{id}", responses={"200": bytes})
    note = Endpoint(method="GET", path="/note", responses={"200": str})
    anything = Endpoint(method="GET", path="/any", responses={})

    def call(endpoint: Endpoint) -> object:
        return client._request(
            endpoint, path={"id": "f"}, query={}, headers={}, cookies={}, body=None, options={}
        )

    api.reply(200, content=b"\x89PNG\x00", headers={"Content-Type": "image/png"})
    assert call(download) == b"\x89PNG\x00"
    api.reply(200, content="hello", headers={"Content-Type": "text/plain"})
    assert call(note) == "hello"
    api.reply(200, json={"x": [1]})
    assert call(anything) == {"x": [1]}


def test_undocumented_success_status_uses_the_documented_type(
    client: novu.Novu, api: FakeAPI
) -> None:
    # Novu documents 201 for create; a 200 must parse the same way.
    api.reply(200, json={"data": subscriber(3)})
    created = client.subscribers.create(subscriber_id="sub-3")
    assert isinstance(created, novu.models.SubscriberResponseDto)
