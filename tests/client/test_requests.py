"""What goes on the wire: paths, queries, headers and bodies."""

from __future__ import annotations

import io
import json

import httpx
import novu
import pytest
from novu._runtime import Endpoint

from .fakes import TRIGGERED, FakeAPI, subscriber


def call(client: novu.Novu, endpoint: Endpoint, **arguments: object) -> object:
    """Calls the runtime the way a generated method does."""
    parts: dict[str, object] = {"path": {}, "query": {}, "headers": {}, "cookies": {}, "body": None}
    parts.update(arguments)
    parts.setdefault("options", {})
    return client._request(endpoint, **parts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "raw_path"),
    [
        ("a/../b", b"/v1/subscribers/a%2F..%2Fb"),
        ("...", b"/v1/subscribers/..."),
        ("x?admin=1#frag", b"/v1/subscribers/x%3Fadmin%3D1%23frag"),
        ("jos\u00e9 ruiz", b"/v1/subscribers/jos%C3%A9%20ruiz"),
        ("jos\u00e9", b"/v1/subscribers/jos%C3%A9"),
        ("sub42", b"/v1/subscribers/sub42"),
        ("user@example.com", b"/v1/subscribers/user%40example.com"),
    ],
)
def test_path_parameters_cannot_change_the_path(
    client: novu.Novu, api: FakeAPI, value: str, raw_path: bytes
) -> None:
    client.subscribers.retrieve(value)
    assert api.last.url.raw_path == raw_path


@pytest.mark.parametrize("value", ["", ".", ".."])
def test_path_parameters_that_would_address_another_route_are_refused(
    client: novu.Novu, api: FakeAPI, value: str
) -> None:
    # Servers normalise `%2E%2E` back to `..`: the request would climb a level.
    with pytest.raises(ValueError, match="subscriberId"):
        client.subscribers.retrieve(value)
    assert api.requests == []


def test_query_arrays_enums_and_integer_numbers(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"hasMore": False, "data": [], "pageSize": 10, "page": 2})
    client.messages.retrieve(
        channel=novu.models.GetMessagesChannel.EMAIL,
        transaction_id=["t1", "t2"],
        page=2.0,
        limit=10,
    )
    assert api.last.url.params.multi_items() == [
        ("channel", "email"),
        ("transactionId", "t1"),
        ("transactionId", "t2"),
        ("page", "2"),
        ("limit", "10"),
    ]


def test_query_booleans_and_fractions(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"data": {"count": 3}})
    client.subscribers.notifications.unseen_count("sub-1", seen=False, limit=2.5)
    assert str(api.last.url).endswith(
        "/v1/subscribers/sub-1/notifications/unseen?seen=false&limit=2.5"
    )


def test_omitted_query_parameters_are_not_sent(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(200, json={"hasMore": False, "data": [], "pageSize": 10, "page": 0})
    client.messages.retrieve(subscriber_id="sub-1")
    assert api.last.url.query == b"subscriberId=sub-1"


@pytest.mark.parametrize(
    ("style", "value", "query"),
    [
        (("form", False), ["a", "b"], "ids=a,b"),
        (("spaceDelimited", False), ["a", "b"], "ids=a%20b"),
        (("pipeDelimited", False), ["a", "b"], "ids=a|b"),
        (("form", False), ["a,b", "c"], "ids=a%2Cb,c"),
        (("form", True), {"x": 1, "y": True}, "x=1&y=true"),
        (("form", False), {"x": 1, "y": "z"}, "ids=x,1,y,z"),
        (("deepObject", True), {"x": 1, "y": "z"}, "ids%5Bx%5D=1&ids%5By%5D=z"),
    ],
)
def test_declared_query_styles(
    client: novu.Novu, api: FakeAPI, style: tuple[str, bool], value: object, query: str
) -> None:
    endpoint = Endpoint(method="GET", path="/things", responses={}, parameter_styles={"ids": style})
    call(client, endpoint, query={"ids": value})
    assert api.last.url.query.decode() == query


def test_header_values_with_cr_or_lf_are_refused_before_sending(
    client: novu.Novu, api: FakeAPI
) -> None:
    with pytest.raises(ValueError, match="X-Trace"):
        client.subscribers.retrieve("s", extra_headers={"X-Trace": "a\r\nX-Admin: 1"})
    with pytest.raises(ValueError):
        call(client, Endpoint(method="GET", path="/x"), headers={"X-Name": "line\nbreak"})
    with pytest.raises(ValueError):
        client.with_options(api_key="key\nX-Evil: 1").subscribers.retrieve("s")
    assert api.requests == []


def test_flattened_json_body_drops_omitted_arguments(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(201, json=TRIGGERED)
    client.events.trigger(name="welcome", to=["sub-1"], payload={"n": None})
    assert json.loads(api.last.content) == {
        "name": "welcome",
        "to": ["sub-1"],
        "payload": {"n": None},
    }
    assert api.last.headers["Content-Type"] == "application/json"


def test_models_in_bodies_drop_none_unless_the_field_is_nullable(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(201, json=TRIGGERED)
    recipient = novu.models.SubscriberPayloadDto(
        subscriber_id="sub-1", email=None, first_name="Ada"
    )
    client.events.trigger(name="welcome", to=[recipient])
    assert json.loads(api.last.content)["to"] == [{"subscriberId": "sub-1", "firstName": "Ada"}]

    actor = novu.models.Actor(data=None, type=novu.models.ActorType.USER)
    client.request("POST", "/v1/actors", json=actor)
    assert json.loads(api.last.content) == {"data": None, "type": "user"}


def test_extra_body_query_and_headers(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(201, json=TRIGGERED)
    client.events.trigger(
        name="welcome",
        to=["sub-1"],
        extra_body={"bridgeUrl": "https://bridge.test"},
        extra_query={"dryRun": True},
        extra_headers={"X-Trace": "t-1"},
    )
    assert json.loads(api.last.content)["bridgeUrl"] == "https://bridge.test"
    assert api.last.url.params["dryRun"] == "true"
    assert api.last.headers["X-Trace"] == "t-1"


def test_form_urlencoded_body(client: novu.Novu, api: FakeAPI) -> None:
    endpoint = Endpoint(
        method="POST", path="/token", request_content_type="application/x-www-form-urlencoded"
    )
    call(client, endpoint, body={"grant_type": "client_credentials", "scope": ["a", "b"], "n": 1.0})
    assert api.last.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert api.last.content == b"grant_type=client_credentials&scope=a&scope=b&n=1"


def test_multipart_body_with_files(client: novu.Novu, api: FakeAPI) -> None:
    endpoint = Endpoint(method="POST", path="/upload", request_content_type="multipart/form-data")
    call(
        client,
        endpoint,
        body={
            "title": "logo",
            "public": True,
            "meta": {"w": 10},
            "raw": b"\x00\x01",
            "file": io.BytesIO(b"from a file"),
            "named": ("logo.png", b"\x89PNG", "image/png"),
        },
    )
    content_type = api.last.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    body = api.last.content
    assert b'name="title"\r\n\r\nlogo\r\n' in body
    assert b'name="public"\r\n\r\ntrue\r\n' in body
    assert b'name="meta"\r\nContent-Type: application/json\r\n\r\n{"w": 10}' in body
    assert b'name="raw"; filename="upload"' in body
    assert b"from a file" in body
    assert b'name="named"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG' in body


def test_binary_and_text_bodies(client: novu.Novu, api: FakeAPI) -> None:
    binary = Endpoint(method="PUT", path="/blob", request_content_type="application/octet-stream")
    call(client, binary, body=io.BytesIO(b"\x00\xff"))
    assert api.last.content == b"\x00\xff"
    assert api.last.headers["Content-Type"] == "application/octet-stream"

    text = Endpoint(method="PUT", path="/note", request_content_type="text/plain")
    call(client, text, body="h\u00e9llo")
    assert api.last.content == "h\u00e9llo".encode()
    assert api.last.headers["Content-Type"] == "text/plain"


def test_a_file_body_is_sent_whole_on_every_retry(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(503).reply(200)
    binary = Endpoint(method="PUT", path="/blob", request_content_type="application/octet-stream")
    call(client, binary, body=io.BytesIO(b"payload"))
    assert [request.content for request in api.requests] == [b"payload", b"payload"]


def test_cookie_parameters(client: novu.Novu, api: FakeAPI) -> None:
    call(
        client,
        Endpoint(method="GET", path="/x"),
        cookies={"session": "s1", "theme": True, "gone": novu.NOT_GIVEN},
    )
    assert api.last.headers["Cookie"] == "session=s1; theme=true"


def test_header_parameters(client: novu.Novu, api: FakeAPI) -> None:
    endpoint = Endpoint(method="GET", path="/x")
    call(client, endpoint, headers={"X-Ids": [1, 2], "X-Flag": False, "X-None": novu.NOT_GIVEN})
    assert api.last.headers["X-Ids"] == "1,2"
    assert api.last.headers["X-Flag"] == "false"
    assert "X-None" not in api.last.headers


def test_http_client_requests_go_through_the_given_client(api: FakeAPI) -> None:
    seen: list[httpx.Request] = []
    http_client = httpx.Client(
        transport=httpx.MockTransport(api), event_hooks={"request": [seen.append]}
    )
    novu.Novu(api_key="k", http_client=http_client).subscribers.retrieve("s")
    assert len(seen) == 1


def test_redirects_are_followed_only_when_the_http_client_follows_them(
    make_client, api: FakeAPI
) -> None:
    moved = {"Location": "https://api.novu.co/v1/subscribers/moved"}
    api.reply(302, headers=moved)
    with pytest.raises(novu.APIStatusError) as caught:
        make_client().subscribers.retrieve("s")  # httpx.Client's default: not followed
    assert caught.value.status_code == 302
    assert len(api.requests) == 1

    following = httpx.Client(transport=httpx.MockTransport(api), follow_redirects=True)
    api.reply(302, headers=moved).reply(200, json={"data": subscriber(1)})
    assert make_client(http_client=following).subscribers.retrieve("s").subscriber_id == "sub-1"
    assert [r.url.path for r in api.requests[1:]] == ["/v1/subscribers/s", "/v1/subscribers/moved"]


def test_a_redirect_loop_ends_after_the_http_clients_limit(make_client, api: FakeAPI) -> None:
    looping = httpx.Client(
        transport=httpx.MockTransport(api), follow_redirects=True, max_redirects=3
    )
    api.reply(302, headers={"Location": "https://api.novu.co/v1/subscribers/s"})
    with pytest.raises(novu.APIConnectionError, match="redirects"):
        make_client(http_client=looping, max_retries=0).subscribers.retrieve("s")
    assert len(api.requests) == 4
