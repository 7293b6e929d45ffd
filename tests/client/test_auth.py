"""Security schemes other specs use: bearer, basic, cookie keys, alternatives."""

from __future__ import annotations

import base64

import httpx
import novu
import pytest
from novu._runtime import (
    ApiSettings,
    Endpoint,
    MissingCredentialsError,
    SecurityScheme,
    Server,
    SyncAPIClient,
)

from .fakes import FakeAPI

SCHEMES = {
    "bearer": SecurityScheme(kind="http", scheme="bearer", credential="token"),
    "basic": SecurityScheme(kind="http", scheme="basic", credential="login"),
    "oauth": SecurityScheme(kind="oauth2", credential="access_token"),
    "cookie": SecurityScheme(
        kind="apiKey", location="cookie", parameter_name="sid", credential="session"
    ),
    "header": SecurityScheme(
        kind="apiKey", location="header", parameter_name="X-Api-Key", credential="api_key"
    ),
}


def client_with(api: FakeAPI, **credentials: object) -> SyncAPIClient:
    settings = ApiSettings(
        package="demo",
        version="1",
        env_prefix="DEMO",
        servers=(Server(url="https://{region}.demo.test", variables=()),),
        security_schemes=SCHEMES,
    )
    names = ["token", "login", "access_token", "session", "api_key"]
    return SyncAPIClient(
        settings,
        credentials={name: credentials.get(name) for name in names},  # type: ignore[misc]
        base_url="https://demo.test",
        http_client=httpx.Client(transport=httpx.MockTransport(api)),
    )


def send(client: SyncAPIClient, security: tuple[tuple[str, ...], ...]) -> None:
    endpoint = Endpoint(method="GET", path="/me", security=security)
    client._request(endpoint, path={}, query={}, headers={}, cookies={}, body=None, options={})


def test_bearer_and_oauth_tokens(api: FakeAPI) -> None:
    send(client_with(api, token="t1"), (("bearer",),))
    assert api.last.headers["Authorization"] == "Bearer t1"
    send(client_with(api, access_token="t2"), (("oauth",),))
    assert api.last.headers["Authorization"] == "Bearer t2"


@pytest.mark.parametrize("login", ["ada:pw", ("ada", "pw")])
def test_basic_auth_from_string_or_pair(api: FakeAPI, login: object) -> None:
    send(client_with(api, login=login), (("basic",),))
    assert api.last.headers["Authorization"] == "Basic " + base64.b64encode(b"ada:pw").decode()


def test_cookie_key_and_all_schemes_of_an_alternative(api: FakeAPI) -> None:
    send(client_with(api, session="s1", api_key="k1"), (("cookie", "header"),))
    assert api.last.headers["Cookie"] == "sid=s1"
    assert api.last.headers["X-Api-Key"] == "k1"


def test_first_alternative_with_credentials_wins(api: FakeAPI) -> None:
    send(client_with(api, api_key="k1"), (("bearer",), ("header",)))
    assert api.last.headers["X-Api-Key"] == "k1"
    assert "Authorization" not in api.last.headers


def test_optional_security_sends_without_credentials(api: FakeAPI) -> None:
    send(client_with(api), (("bearer",), ()))
    assert "Authorization" not in api.last.headers
    send(client_with(api), ())
    assert len(api.requests) == 2


def test_missing_credentials_name_every_option(api: FakeAPI) -> None:
    with pytest.raises(MissingCredentialsError) as caught:
        send(client_with(api), (("bearer",), ("header",)))
    assert "token=" in str(caught.value) and "DEMO_API_KEY" in str(caught.value)
    assert api.requests == []


def test_missing_credentials_are_refused_on_every_call(api: FakeAPI) -> None:
    client = client_with(api, api_key="k")
    for _ in range(2):
        with pytest.raises(MissingCredentialsError):
            send(client, (("bearer",),))
    send(client, (("header",),))  # what one operation lacks does not stop another
    assert [r.headers["X-Api-Key"] for r in api.requests] == ["k"]


def test_a_credential_that_would_inject_a_header_is_refused_on_every_call(
    api: FakeAPI,
) -> None:
    client = client_with(api, api_key="k\r\nX-Admin: 1", token="t")
    for _ in range(2):
        with pytest.raises(ValueError, match="X-Api-Key"):
            send(client, (("header",),))
    send(client, (("bearer",),))
    assert [r.headers["Authorization"] for r in api.requests] == ["Bearer t"]


def test_server_variables_take_their_defaults(api: FakeAPI) -> None:
    settings = ApiSettings(
        package="demo",
        version="1",
        env_prefix="DEMO",
        servers=(
            Server(
                url="https://{region}.demo.test/{version}",
                variables=(
                    novu._runtime.ServerVariable(name="region", default="eu", enum=("eu", "us")),
                    novu._runtime.ServerVariable(name="version", default="v2"),
                ),
            ),
        ),
    )
    client = SyncAPIClient(settings, credentials={})
    assert client.base_url == "https://eu.demo.test/v2"
