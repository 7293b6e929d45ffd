"""Client configuration: servers, credentials, headers, options and lifecycle."""

from __future__ import annotations

import httpx
import novu
import pytest

from .fakes import TRIGGERED, FakeAPI, sdk_readme, subscriber


def transport(api: FakeAPI) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(api))


def test_first_server_is_the_default(api: FakeAPI) -> None:
    novu.Novu(api_key="k", http_client=transport(api)).subscribers.retrieve("s")
    assert str(api.last.url) == "https://api.novu.co/v1/subscribers/s"


@pytest.mark.parametrize("server", [1, "eu"])
def test_server_by_index_or_name(api: FakeAPI, server: int | str) -> None:
    client = novu.Novu(api_key="k", server=server, http_client=transport(api))
    client.subscribers.retrieve("s")
    assert api.last.url.host == "eu.api.novu.co"


def test_unknown_server_is_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="us"):
        novu.Novu(api_key="k", server="mars")
    with pytest.raises(ValueError, match="out of range"):
        novu.Novu(api_key="k", server=7)


def test_base_url_argument_and_environment(api: FakeAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOVU_BASE_URL", "http://from-env.test/api/")
    novu.Novu(api_key="k", http_client=transport(api)).subscribers.retrieve("s")
    assert str(api.last.url) == "http://from-env.test/api/v1/subscribers/s"

    client = novu.Novu(api_key="k", base_url="http://arg.test", http_client=transport(api))
    client.subscribers.retrieve("s")
    assert str(api.last.url) == "http://arg.test/v1/subscribers/s"

    # An explicit server choice also beats the environment.
    novu.Novu(api_key="k", server="eu", http_client=transport(api)).subscribers.retrieve("s")
    assert api.last.url.host == "eu.api.novu.co"


def test_api_key_from_argument_or_environment(
    api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    novu.Novu(api_key="secret", http_client=transport(api)).subscribers.retrieve("s")
    assert api.last.headers["Authorization"] == "ApiKey secret"

    monkeypatch.setenv("NOVU_API_KEY", "from-env")
    novu.Novu(http_client=transport(api)).subscribers.retrieve("s")
    assert api.last.headers["Authorization"] == "ApiKey from-env"


def test_a_key_given_with_its_prefix_is_not_prefixed_twice(api: FakeAPI) -> None:
    novu.Novu(api_key="ApiKey secret", http_client=transport(api)).subscribers.retrieve("s")
    assert api.last.headers["Authorization"] == "ApiKey secret"


def test_missing_api_key_fails_when_the_client_is_made(api: FakeAPI) -> None:
    """Every Novu operation needs the key: a client without one could call nothing."""
    with pytest.raises(novu.MissingCredentialsError, match="api_key=.*NOVU_API_KEY"):
        novu.Novu(http_client=transport(api))
    with pytest.raises(novu.MissingCredentialsError, match="api_key="):
        novu.AsyncNovu()
    assert api.requests == []


def test_user_agent_names_package_python_and_httpx(client: novu.Novu, api: FakeAPI) -> None:
    client.subscribers.retrieve("s")
    agent = api.last.headers["User-Agent"]
    assert agent.startswith(f"novu/{novu.__version__} python/")
    assert agent.endswith(f" httpx/{httpx.__version__}")


def test_default_headers_are_sent(make_client, api: FakeAPI) -> None:
    make_client(default_headers={"X-Team": "growth"}).subscribers.retrieve("s")
    assert api.last.headers["X-Team"] == "growth"


def test_with_options_applies_to_resources_of_the_copy(make_client, api: FakeAPI) -> None:
    client = make_client(max_retries=5)
    client.subscribers.retrieve("s")  # caches the resource on the original
    api.reply(503)
    copy = client.with_options(max_retries=0, timeout=5)
    with pytest.raises(novu.InternalServerError):
        copy.subscribers.retrieve("s")
    assert len(api.requests) == 2  # no retry
    assert api.last.extensions["timeout"] == httpx.Timeout(5).as_dict()
    assert client.max_retries == 5  # the original is unchanged
    assert copy.subscribers is not client.subscribers


def test_with_options_shares_the_pool_and_can_change_credentials(make_client, api: FakeAPI) -> None:
    client = make_client()
    copy = client.with_options(api_key="other", base_url="http://other.test")
    assert copy._http is client._http
    copy.subscribers.retrieve("s")
    assert api.last.headers["Authorization"] == "ApiKey other"
    assert api.last.url.host == "other.test"
    copy.close()  # closing a copy must not close the shared pool
    client.subscribers.retrieve("s")


def test_with_options_keeps_what_it_does_not_change(
    make_client, api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOVU_BASE_URL", "http://first.test")
    client = make_client(default_headers={"X-Team": "growth"}, timeout=7.0, max_retries=4)
    monkeypatch.setenv("NOVU_BASE_URL", "http://later.test")
    copy = client.with_options(default_headers={"X-Env": "prod"})
    assert (copy.base_url, copy.timeout, copy.max_retries) == (
        "http://first.test",
        httpx.Timeout(7.0),
        4,
    )
    copy.subscribers.retrieve("s")
    assert (api.last.headers["X-Team"], api.last.headers["X-Env"]) == ("growth", "prod")
    copy.with_options(server="eu").subscribers.retrieve("s")
    assert api.last.url.host == "eu.api.novu.co"


def test_with_options_rejects_unknown_options(client: novu.Novu) -> None:
    with pytest.raises(TypeError, match="max_retry"):
        client.with_options(max_retry=1)  # type: ignore[arg-type]


def test_default_timeout_is_connect_5s_read_60s(client: novu.Novu, api: FakeAPI) -> None:
    assert novu.Novu(api_key="k").timeout == httpx.Timeout(60.0, connect=5.0)
    client.subscribers.retrieve("s")
    assert api.last.extensions["timeout"] == {
        "connect": 5.0,
        "read": 60.0,
        "write": 60.0,
        "pool": 60.0,
    }


def test_timeout_per_client_and_per_call(make_client, api: FakeAPI) -> None:
    client = make_client(timeout=12.0)
    client.subscribers.retrieve("s")
    assert api.last.extensions["timeout"]["read"] == 12.0
    client.subscribers.retrieve("s", timeout=httpx.Timeout(3.0, connect=1.0))
    assert api.last.extensions["timeout"] == {
        "connect": 1.0,
        "read": 3.0,
        "write": 3.0,
        "pool": 3.0,
    }
    client.subscribers.retrieve("s", timeout=None)
    assert api.last.extensions["timeout"]["read"] is None


def test_context_manager_closes_its_own_pool() -> None:
    with novu.Novu(api_key="k") as client:
        pool = client._http
    assert pool.is_closed


def test_the_connection_pool_is_made_on_the_first_call(
    api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An httpx client builds an SSL context when made (tens of milliseconds, more than the
    rest of `Novu(...)`): a client makes its own on its first call, once, and a client closed
    before any call never makes one."""
    made: list[httpx.Client] = []
    make = httpx.Client.__init__

    def counted(self: httpx.Client, *args: object, **kwargs: object) -> None:
        made.append(self)
        make(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.Client, "__init__", counted)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", lambda _, request: api(request))
    client = novu.Novu(api_key="k")
    assert made == []
    client.subscribers.retrieve("s")
    client.subscribers.retrieve("s")
    assert len(made) == 1 and api.last.url.host == "api.novu.co"
    client.close()
    assert made[0].is_closed

    unused = novu.Novu(api_key="k")
    unused.close()
    with pytest.raises(novu.ClientClosedError):
        unused.subscribers.retrieve("s")
    assert len(made) == 1


def test_a_supplied_http_client_is_never_closed(api: FakeAPI) -> None:
    http_client = transport(api)
    with novu.Novu(api_key="k", http_client=http_client) as client:
        client.subscribers.retrieve("s")
    assert not http_client.is_closed


async def _async_lifecycle(api: FakeAPI) -> None:
    http_client = httpx.AsyncClient(transport=httpx.MockTransport(api))
    async with novu.AsyncNovu(api_key="k", http_client=http_client) as client:
        await client.subscribers.retrieve("s")
    assert not http_client.is_closed
    async with novu.AsyncNovu(api_key="k") as owned:
        pool = owned._http
    assert pool.is_closed


@pytest.mark.anyio
async def test_async_context_manager(api: FakeAPI) -> None:
    await _async_lifecycle(api)


def test_low_level_request_for_endpoints_missing_from_the_spec(
    client: novu.Novu, api: FakeAPI
) -> None:
    api.reply(200, json={"data": subscriber(1)})
    found = client.request(
        "GET",
        "/v2/subscribers/sub-1",
        params={"expand": True},
        cast_to=novu.models.SubscriberResponseDto,
    )
    assert found.subscriber_id == "sub-1"
    assert str(api.last.url) == "https://api.novu.co/v2/subscribers/sub-1?expand=true"
    assert api.last.headers["Authorization"] == "ApiKey test-key"

    api.reply(201, json=TRIGGERED)
    response = client.request("POST", "/v2/events", json={"name": "welcome"})
    assert isinstance(response, httpx.Response)
    assert response.json() == TRIGGERED
    assert api.last.content == b'{"name":"welcome"}'
    assert api.last.headers["Content-Type"] == "application/json"


def test_low_level_request_raises_status_errors(client: novu.Novu, api: FakeAPI) -> None:
    api.reply(404, json={"message": "nope"})
    with pytest.raises(novu.NotFoundError):
        client.request("GET", "/v2/missing")


def test_the_readme_states_the_base_url_rule_the_client_follows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An argument beats the environment: `server="eu"` wins over NOVU_BASE_URL, as the README
    says (it used to say that NOVU_BASE_URL overrides the server)."""
    readme = sdk_readme()
    assert "(or `NOVU_BASE_URL`) overrides the server" not in readme
    assert "an argument always beats the environment, so `server=` wins over `NOVU_BASE_URL`" in readme
    monkeypatch.setenv("NOVU_BASE_URL", "http://from-env.test")
    assert novu.Novu(api_key="k", server="eu").base_url == "https://eu.api.novu.co"
    assert novu.Novu(api_key="k").base_url == "http://from-env.test"
    assert novu.Novu(api_key="k", server="eu", base_url="http://b.test").base_url == "http://b.test"
