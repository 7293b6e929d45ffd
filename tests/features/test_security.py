"""Security: apiKey in header, query and cookie; HTTP bearer and basic; OAuth2 and OpenID
Connect tokens; AND and OR of schemes; per-operation overrides; operations with no security."""

from __future__ import annotations

import asyncio
import base64
import inspect
from typing import Any

import httpx
import pytest

from .support import Generated, Server, mypy_params, ok, openapi


def op(operation_id: str, security: list[dict[str, list[str]]] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "tags": ["auth"],
        "responses": ok({"type": "object"}),
    }
    if security is not None:
        operation["security"] = security
    return {"get": operation}


SPEC = openapi(
    paths={
        "/default": op("usesDefault"),
        "/query-key": op("queryKey", [{"queryKey": []}]),
        "/cookie-key": op("cookieKey", [{"cookieKey": []}]),
        "/bearer": op("bearer", [{"bearer": []}]),
        "/basic": op("basic", [{"basic": []}]),
        "/oauth": op("oauth", [{"oauth": ["pets:read"]}]),
        "/oidc": op("oidc", [{"oidc": ["openid"]}]),
        "/both": op("both", [{"headerKey": [], "queryKey": []}]),
        "/either": op("either", [{"bearer": []}, {"basic": []}]),
        "/optional": op("optionalAuth", [{"bearer": []}, {}]),
        "/public": op("public", []),
    },
    components={
        "securitySchemes": {
            "headerKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            "queryKey": {"type": "apiKey", "in": "query", "name": "api_token"},
            "cookieKey": {"type": "apiKey", "in": "cookie", "name": "sid"},
            "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            "basic": {"type": "http", "scheme": "basic"},
            "oauth": {
                "type": "oauth2",
                "flows": {
                    "clientCredentials": {
                        "tokenUrl": "https://auth.test/token",
                        "scopes": {"pets:read": "read"},
                    }
                },
            },
            "oidc": {
                "type": "openIdConnect",
                "openIdConnectUrl": "https://auth.test/.well-known/openid-configuration",
            },
        }
    },
    security=[{"headerKey": []}],
)


@pytest.fixture(scope="module")
def secured(generate: Any) -> Generated:
    return generate(SPEC, "security")


@pytest.fixture(autouse=True)
def _no_credentials_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "API_KEY",
        "QUERY_KEY",
        "COOKIE_KEY",
        "BEARER_TOKEN",
        "BASIC_AUTH",
        "ACCESS_TOKEN",
        "ACCESS_TOKEN_2",
        "CLIENT_ID",
        "CLIENT_SECRET",
    ):
        monkeypatch.delenv(f"FEAT_SECURITY_{name}", raising=False)


def credential_names(secured: Generated) -> list[str]:
    skip = {
        "server",
        "base_url",
        "timeout",
        "max_retries",
        "http_client",
        "strict_response_validation",
        "default_headers",
        "max_response_size",
        "hooks",
    }
    return [name for name in inspect.signature(secured.client_class).parameters if name not in skip]


def test_one_constructor_argument_per_scheme(secured: Generated) -> None:
    names = credential_names(secured)
    assert len(names) == len(set(names)) == 9  # and the client-credentials flow's id and secret
    assert {"api_key", "bearer_token", "basic_auth", "client_id", "client_secret"} <= set(names)


def test_api_key_in_header_is_the_default(secured: Generated, server: Server) -> None:
    secured.client(server, api_key="k-1").auth.uses_default()
    assert server.last.headers["X-API-Key"] == "k-1"
    assert "Authorization" not in server.last.headers


def test_api_key_in_query(secured: Generated, server: Server) -> None:
    secured.client(server, query_key="q-1").auth.query_key()
    assert server.last.url.params["api_token"] == "q-1"
    assert "X-API-Key" not in server.last.headers


def test_api_key_in_cookie(secured: Generated, server: Server) -> None:
    secured.client(server, cookie_key="c-1").auth.cookie_key()
    assert server.last.headers["Cookie"] == "sid=c-1"


def test_http_bearer(secured: Generated, server: Server) -> None:
    secured.client(server, bearer_token="jwt").auth.bearer()
    assert server.last.headers["Authorization"] == "Bearer jwt"


@pytest.mark.parametrize("credential", ["ada:s3cret", ("ada", "s3cret")])
def test_http_basic(secured: Generated, server: Server, credential: Any) -> None:
    secured.client(server, basic_auth=credential).auth.basic()
    assert (
        server.last.headers["Authorization"] == "Basic " + base64.b64encode(b"ada:s3cret").decode()
    )


def argument_of(secured: Generated, scheme: str) -> str:
    """The constructor argument that holds the credential of a security scheme."""
    return str(secured.module._client.SETTINGS.security_schemes[scheme].credential)


@pytest.mark.parametrize(("method", "scheme"), [("oauth", "oauth"), ("oidc", "oidc")])
def test_oauth2_and_openid_connect_send_the_users_token(
    secured: Generated, server: Server, method: str, scheme: str
) -> None:
    argument = argument_of(secured, scheme)
    assert "token" in argument
    getattr(secured.client(server, **{argument: "tok"}).auth, method)()
    assert server.last.headers["Authorization"] == "Bearer tok"


def test_basic_auth_argument_is_typed_to_take_a_pair(secured: Generated) -> None:
    annotation = str(inspect.signature(secured.client_class).parameters["basic_auth"].annotation)
    assert "tuple" in annotation.lower() or "Credential" in annotation


def test_every_scheme_of_a_requirement_is_sent(secured: Generated, server: Server) -> None:
    secured.client(server, api_key="k", query_key="q").auth.both()
    assert server.last.headers["X-API-Key"] == "k"
    assert server.last.url.params["api_token"] == "q"


def test_the_first_alternative_with_credentials_is_used(secured: Generated, server: Server) -> None:
    secured.client(server, basic_auth="a:b").auth.either()
    assert server.last.headers["Authorization"].startswith("Basic ")
    secured.client(server, basic_auth="a:b", bearer_token="t").auth.either()
    assert server.last.headers["Authorization"] == "Bearer t"


def test_optional_security_sends_the_token_when_there_is_one(
    secured: Generated, server: Server
) -> None:
    secured.client(server, bearer_token="t").auth.optional_auth()
    assert server.last.headers["Authorization"] == "Bearer t"
    secured.client(server).auth.optional_auth()
    assert "Authorization" not in server.last.headers


def test_operation_with_empty_security_sends_no_credentials(
    secured: Generated, server: Server
) -> None:
    everything = {name: "secret" for name in credential_names(secured)}
    everything["basic_auth"] = "u:p"
    secured.client(server, **everything).auth.public()
    request = server.last
    assert "Authorization" not in request.headers
    assert "X-API-Key" not in request.headers
    assert "Cookie" not in request.headers
    assert request.url.query == b""


def test_missing_credentials_fail_before_sending(secured: Generated, server: Server) -> None:
    with pytest.raises(secured.module.MissingCredentialsError, match="bearer_token"):
        secured.client(server).auth.bearer()
    assert server.requests == []


def test_credentials_from_the_environment(
    secured: Generated, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FEAT_SECURITY_BEARER_TOKEN", "from-env")
    secured.client(server).auth.bearer()
    assert server.last.headers["Authorization"] == "Bearer from-env"


ELSEWHERE = "https://elsewhere.test/landing"


def following(secured: Generated, server: Server, **credentials: str) -> Any:
    """A client whose httpx client follows redirects, as the one it makes itself does."""
    http = httpx.Client(transport=httpx.MockTransport(server), follow_redirects=True)
    return secured.client(server, http_client=http, **credentials)


def credentials_sent(request: Any) -> list[str]:
    """Which credentials of this spec a request carries."""
    found = [name for name in ("X-API-Key", "Authorization", "Cookie") if name in request.headers]
    return found + (["api_token"] if "api_token" in request.url.params else [])


@pytest.mark.parametrize(
    ("method", "credentials"),
    [
        ("uses_default", {"api_key": "k"}),
        ("query_key", {"query_key": "q"}),
        ("cookie_key", {"cookie_key": "c"}),
        ("bearer", {"bearer_token": "t"}),
        ("both", {"api_key": "k", "query_key": "q"}),
    ],
)
def test_no_credential_follows_a_redirect_to_another_origin(
    secured: Generated, server: Server, method: str, credentials: dict[str, str]
) -> None:
    server.reply(307, headers={"Location": ELSEWHERE + "?api_token=q&keep=1"}).reply(200, json={})
    getattr(following(secured, server, **credentials).auth, method)()
    first, redirected = server.requests
    assert credentials_sent(first) != []
    assert str(redirected.url).startswith(ELSEWHERE)
    assert credentials_sent(redirected) == []
    assert redirected.url.params["keep"] == "1"


def test_credentials_follow_a_redirect_within_the_origin(
    secured: Generated, server: Server
) -> None:
    server.reply(302, headers={"Location": "/moved"}).reply(200, json={})
    following(secured, server, api_key="k", query_key="q").auth.both()
    redirected = server.last
    assert redirected.url.path == "/moved"
    assert redirected.headers["X-API-Key"] == "k"


def test_async_client_drops_credentials_on_a_redirect_to_another_origin(
    secured: Generated, server: Server
) -> None:
    async def call() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(server), follow_redirects=True)
        async with secured.async_client(server, api_key="k", http_client=http) as client:
            await client.auth.uses_default()

    server.reply(308, headers={"Location": ELSEWHERE}).reply(200, json={})
    asyncio.run(call())
    assert credentials_sent(server.last) == []
    assert str(server.last.url) == ELSEWHERE


MYPY_CHECKED = ("secured",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
