"""Real HTTP errors from the mock server map onto the generated client's error classes.

Prism answers with the status named in `Prefer: code=N` and an example body from
the spec, so these are the error responses Novu documents, sent over a socket.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(prism_url: str) -> Iterator[Any]:
    import novu

    with novu.Novu(api_key="test", base_url=prism_url, max_retries=0, timeout=10.0) as client:
        yield client


@pytest.mark.parametrize(
    ("code", "error"),
    [("404", "NotFoundError"), ("409", "ConflictError"), ("429", "RateLimitError"), ("503", "InternalServerError")],
)
def test_documented_error_statuses_raise_their_class(client: Any, code: str, error: str) -> None:
    import novu

    with pytest.raises(getattr(novu, error)) as caught:
        client.integrations.set_as_primary("integration-1", extra_headers={"Prefer": f"code={code}"})
    assert caught.value.status_code == int(code)
    assert caught.value.request.url.path == "/v1/integrations/integration-1/set-primary"
    if code == "429":
        assert caught.value.body == "API rate limit exceeded"


def test_a_missing_api_key_is_an_authentication_error(prism_url: str) -> None:
    import novu

    # Refused when the client is made (every Novu operation needs a key), else by the server.
    with pytest.raises((novu.AuthenticationError, novu.MissingCredentialsError)):
        with novu.Novu(api_key="", base_url=prism_url, max_retries=0) as anonymous:
            anonymous.integrations.list()
