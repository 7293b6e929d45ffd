"""OAuth2 client credentials through generated code: one token request for any number of
concurrent calls (threads and tasks), renewal before expiry, one new token and one retry
after a 401, a refused token request, scopes per operation, token providers, and a client
that cannot call anything failing when it is made."""

from __future__ import annotations

import asyncio
import base64
import logging
import threading
import time
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from .support import Generated, mypy_params, ok, openapi

TOKEN_URL = "https://auth.test/oauth/token"


def op(operation_id: str, security: list[dict[str, list[str]]] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": operation_id, "responses": ok({"type": "object"})}
    if security is not None:
        operation["security"] = security
    return {"get": operation}


SPEC = openapi(
    paths={
        "/menu": op("readMenu"),
        "/orders": op("writeOrders", [{"cafe": ["orders:write", "orders:read"]}]),
        "/public": op("public", []),
    },
    components={
        "securitySchemes": {
            "cafe": {
                "type": "oauth2",
                "flows": {
                    "clientCredentials": {
                        "tokenUrl": TOKEN_URL,
                        "scopes": {"menu:read": "", "orders:read": "", "orders:write": ""},
                    },
                    "authorizationCode": {
                        "authorizationUrl": "https://auth.test/authorize",
                        "tokenUrl": TOKEN_URL,
                        "scopes": {"menu:read": ""},
                    },
                },
            }
        }
    },
    security=[{"cafe": ["menu:read"]}],
)

# Every operation needs the token: a client without credentials cannot call anything.
REQUIRED = openapi(
    paths={"/menu": op("readMenu")},
    components={
        "securitySchemes": {
            "cafe": {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "/oauth/token", "scopes": {}}},
            }
        }
    },
    security=[{"cafe": []}],
    servers=[{"url": "https://api.test/v1"}],
)


@pytest.fixture(scope="module")
def cafe(generate: Any) -> Generated:
    return generate(SPEC, "oauth")


@pytest.fixture(scope="module")
def required(generate: Any) -> Generated:
    return generate(REQUIRED, "oauth_required")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for package in ("FEAT_OAUTH", "FEAT_OAUTH_REQUIRED"):
        for name in ("ACCESS_TOKEN", "CLIENT_ID", "CLIENT_SECRET"):
            monkeypatch.delenv(f"{package}_{name}", raising=False)


class TokenServer:
    """The token endpoint and the API in one ``MockTransport`` handler: counts token
    requests, hands out ``tok-1``, ``tok-2``..., and lets the API refuse tokens."""

    def __init__(self, *, expires_in: int | None = 3600, delay: float = 0.0) -> None:
        self.token_requests: list[httpx.Request] = []
        self.api_requests: list[httpx.Request] = []
        self.expires_in = expires_in
        self.delay = delay
        self.refused: set[str] = set()
        self.failure: tuple[int, dict[str, str]] | None = None
        self.body_auth_only = False
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        if request.url.host == "auth.test":
            return self._token(request)
        with self._lock:
            self.api_requests.append(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token in self.refused:
            return httpx.Response(401, json={"message": "token expired"})
        return httpx.Response(200, json={"token": token})

    def _token(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.token_requests.append(request)
            number = len(self.token_requests)
        if self.delay:
            time.sleep(self.delay)  # long enough for every caller to be waiting
        if self.failure is not None:
            return httpx.Response(self.failure[0], json=self.failure[1])
        if self.body_auth_only and "authorization" in request.headers:
            return httpx.Response(401, json={"error": "invalid_client"})
        body: dict[str, Any] = {"access_token": f"tok-{number}", "token_type": "Bearer"}
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return httpx.Response(200, json=body)

    def form(self, index: int = -1) -> dict[str, list[str]]:
        return parse_qs(self.token_requests[index].content.decode())


def make(generated: Generated, server: TokenServer, **options: Any) -> Any:
    options.setdefault("client_id", "app-1")
    options.setdefault("client_secret", "s3cret-value")
    return generated.client(server, **options)  # type: ignore[arg-type]


def make_async(generated: Generated, server: TokenServer, **options: Any) -> Any:
    options.setdefault("client_id", "app-1")
    options.setdefault("client_secret", "s3cret-value")
    return generated.async_client(server, **options)  # type: ignore[arg-type]


def test_the_client_fetches_a_token_and_sends_it(cafe: Generated) -> None:
    server = TokenServer()
    make(cafe, server).read_menu()
    (token_request,) = server.token_requests
    assert token_request.method == "POST"
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    expected = "Basic " + base64.b64encode(b"app-1:s3cret-value").decode()
    assert token_request.headers["Authorization"] == expected
    assert server.form() == {"grant_type": ["client_credentials"], "scope": ["menu:read"]}
    assert server.api_requests[0].headers["Authorization"] == "Bearer tok-1"


def test_each_operation_asks_for_its_scopes(cafe: Generated) -> None:
    server = TokenServer()
    client = make(cafe, server)
    client.write_orders()
    client.write_orders()
    assert server.form()["scope"] == ["orders:read orders:write"]
    client.read_menu()
    assert [server.form(i)["scope"] for i in range(2)] == [
        ["orders:read orders:write"],
        ["menu:read"],
    ]


def test_an_operation_without_security_fetches_no_token(cafe: Generated) -> None:
    server = TokenServer()
    make(cafe, server).public()
    assert server.token_requests == []
    assert "Authorization" not in server.api_requests[0].headers


def test_forty_threads_share_one_token_request(cafe: Generated) -> None:
    server = TokenServer(delay=0.05)
    client = make(cafe, server)
    start = threading.Barrier(40)
    results: list[Any] = []

    def call() -> None:
        start.wait()
        results.append(client.read_menu())

    threads = [threading.Thread(target=call) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 40
    assert len(server.token_requests) == 1
    assert {r.headers["Authorization"] for r in server.api_requests} == {"Bearer tok-1"}


def test_forty_tasks_share_one_token_request(cafe: Generated) -> None:
    server = TokenServer()

    async def main() -> None:
        async with make_async(cafe, server) as client:
            await asyncio.gather(*(client.read_menu() for _ in range(40)))

    asyncio.run(main())
    assert len(server.token_requests) == 1
    assert len(server.api_requests) == 40


def test_a_token_is_renewed_shortly_before_it_expires(cafe: Generated) -> None:
    server = TokenServer(expires_in=600)
    client = make(cafe, server)
    now = [1000.0]
    client._monotonic = lambda: now[0]
    client.read_menu()
    now[0] += 500  # within its life, before the renewal margin (60 s)
    client.read_menu()
    assert len(server.token_requests) == 1
    now[0] += 45  # 55 s left: renewed
    client.read_menu()
    assert len(server.token_requests) == 2
    assert server.api_requests[-1].headers["Authorization"] == "Bearer tok-2"


def test_a_copy_with_other_options_shares_the_token(cafe: Generated) -> None:
    server = TokenServer()
    client = make(cafe, server)
    client.read_menu()
    client.with_options(max_retries=3).read_menu()
    client.with_options(timeout=5.0).read_menu()
    assert len(server.token_requests) == 1
    client.with_options(client_id="app-2").read_menu()  # other credentials: their own token
    assert len(server.token_requests) == 2
    assert (
        server.token_requests[-1].headers["Authorization"]
        == "Basic " + base64.b64encode(b"app-2:s3cret-value").decode()
    )


def test_a_401_fetches_a_new_token_once_and_retries_once(cafe: Generated) -> None:
    server = TokenServer()
    client = make(cafe, server)
    client.read_menu()
    server.refused.add("tok-1")
    assert client.read_menu() == {"token": "tok-2"}
    assert len(server.token_requests) == 2
    server.refused.update({"tok-2", "tok-3"})
    with pytest.raises(cafe.module.AuthenticationError):
        client.read_menu()
    assert len(server.token_requests) == 3  # one new token, not a loop
    assert len(server.api_requests) == 5


def test_async_401_fetches_a_new_token_once(cafe: Generated) -> None:
    server = TokenServer()

    async def main() -> Any:
        async with make_async(cafe, server) as client:
            await client.read_menu()
            server.refused.add("tok-1")
            return await client.read_menu()

    assert asyncio.run(main()) == {"token": "tok-2"}
    assert len(server.token_requests) == 2


def test_hooks_see_the_refused_token_and_the_new_one(cafe: Generated) -> None:
    """The 401 that makes the client fetch a new token is a response the hooks see, and the
    attempt with the new token goes through `before_request` with it."""
    server = TokenServer()
    seen: list[tuple[str, Any]] = []
    hooks = cafe.module.Hooks(
        before_request=[lambda request, context: seen.append((request.headers["Authorization"], context.attempt))],
        after_response=[lambda response, context: seen.append((str(response.status_code), context.attempt))],
    )
    client = make(cafe, server, hooks=hooks)
    server.refused.add("tok-1")
    assert client.read_menu() == {"token": "tok-2"}
    assert seen == [("Bearer tok-1", 1), ("401", 1), ("Bearer tok-2", 2), ("200", 2)]


def test_a_refused_token_request_raises_without_the_secret(cafe: Generated) -> None:
    server = TokenServer()
    server.failure = (400, {"error": "invalid_scope", "error_description": "no such scope"})
    with pytest.raises(cafe.module.AuthenticationError) as raised:
        make(cafe, server).read_menu()
    error = raised.value
    assert error.error == "invalid_scope"
    assert error.error_description == "no such scope"
    assert TOKEN_URL in str(error) and "no such scope" in str(error)
    assert "s3cret-value" not in str(error) and "s3cret-value" not in repr(error)
    assert server.api_requests == []


def test_the_token_request_is_logged_without_the_secret(
    cafe: Generated, caplog: pytest.LogCaptureFixture
) -> None:
    server = TokenServer()
    with caplog.at_level(logging.DEBUG, logger=cafe.package):
        make(cafe, server).read_menu()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"POST {TOKEN_URL} -> 200" in logged
    assert "s3cret-value" not in logged and "tok-1" not in logged
    encoded = base64.b64encode(b"app-1:s3cret-value").decode()
    assert encoded not in logged


def test_the_secret_goes_in_the_body_when_the_server_wants_it(cafe: Generated) -> None:
    server = TokenServer()
    server.body_auth_only = True
    client = make(cafe, server)
    client.read_menu()
    client.write_orders()
    assert len(server.token_requests) == 3  # Basic refused once, then the body every time
    form = server.form()
    assert form["client_id"] == ["app-1"] and form["client_secret"] == ["s3cret-value"]
    assert "authorization" not in server.token_requests[-1].headers


def test_the_token_request_never_follows_a_redirect_to_another_origin(cafe: Generated) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(307, headers={"Location": "https://evil.test/steal"})

    http = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    client = cafe.client_class(
        client_id="app-1",
        client_secret="s3cret-value",
        http_client=http,
        base_url="https://api.test",
    )
    with pytest.raises(cafe.module.AuthenticationError, match="not followed"):
        client.read_menu()
    assert [r.url.host for r in seen] == ["auth.test"]


def test_a_static_token_needs_no_token_request(cafe: Generated) -> None:
    server = TokenServer()
    make(cafe, server, access_token="given").read_menu()
    assert server.token_requests == []
    assert server.api_requests[0].headers["Authorization"] == "Bearer given"


def test_a_token_provider_is_asked_on_each_call(cafe: Generated) -> None:
    server = TokenServer()
    tokens = iter(["p-1", "p-2"])
    client = cafe.client(server, access_token=lambda: next(tokens))  # type: ignore[arg-type]
    client.read_menu()
    client.read_menu()
    assert [r.headers["Authorization"] for r in server.api_requests] == ["Bearer p-1", "Bearer p-2"]


def test_an_async_token_provider(cafe: Generated) -> None:
    server = TokenServer()

    async def provider() -> str:
        return "async-token"

    async def main() -> None:
        async with cafe.async_client(server, access_token=provider) as client:  # type: ignore[arg-type]
            await client.read_menu()

    asyncio.run(main())
    assert server.api_requests[0].headers["Authorization"] == "Bearer async-token"


def test_an_async_token_provider_on_the_sync_client_is_a_type_error(cafe: Generated) -> None:
    async def provider() -> str:
        return "t"

    with pytest.raises(TypeError, match="access_token= is an async function"):
        cafe.client(TokenServer(), access_token=provider)  # type: ignore[arg-type]
    # A callable that only returns an awaitable is found out at the call.
    client = cafe.client(TokenServer(), access_token=lambda: provider())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="access_token= returned an awaitable"):
        client.read_menu()


def test_credentials_from_the_environment(cafe: Generated, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEAT_OAUTH_CLIENT_ID", "env-app")
    monkeypatch.setenv("FEAT_OAUTH_CLIENT_SECRET", "env-secret")
    server = TokenServer()
    cafe.client(server).read_menu()  # type: ignore[arg-type]
    assert (
        server.token_requests[0].headers["Authorization"]
        == "Basic " + base64.b64encode(b"env-app:env-secret").decode()
    )


def test_a_missing_credential_names_what_to_pass(cafe: Generated) -> None:
    client = cafe.client(TokenServer())  # type: ignore[arg-type]
    with pytest.raises(cafe.module.MissingCredentialsError) as raised:
        client.read_menu()
    message = str(raised.value)
    assert "access_token=" in message and "client_id= and client_secret=" in message
    assert "FEAT_OAUTH_CLIENT_SECRET" in message
    client.public()  # an API with a public operation still makes the client


def test_a_client_that_can_call_nothing_fails_when_it_is_made(required: Generated) -> None:
    with pytest.raises(required.module.MissingCredentialsError, match="client_id="):
        required.client_class()
    with pytest.raises(required.module.MissingCredentialsError, match="access_token="):
        required.async_client_class()


def test_a_relative_token_url_is_relative_to_the_server(required: Generated) -> None:
    scheme = required.module._client.SETTINGS.security_schemes["cafe"]
    assert scheme.client_credentials.token_url == "https://api.test/oauth/token"


def test_a_fetched_token_never_follows_a_redirect_to_another_origin(cafe: Generated) -> None:
    server = TokenServer()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.test":
            request.read()
            server.api_requests.append(request)
            return httpx.Response(307, headers={"Location": "https://elsewhere.test/landing"})
        if request.url.host == "elsewhere.test":
            server.api_requests.append(request)
            return httpx.Response(200, json={})
        return server(request)

    http = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    client = cafe.client_class(
        client_id="app-1",
        client_secret="s3cret-value",
        http_client=http,
        base_url="https://api.test",
    )
    client.read_menu()
    first, redirected = server.api_requests
    assert first.headers["Authorization"] == "Bearer tok-1"
    assert redirected.url.host == "elsewhere.test"
    assert "Authorization" not in redirected.headers


MYPY_CHECKED = ("cafe", "required")


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
