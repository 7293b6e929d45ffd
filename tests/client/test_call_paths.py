"""The shorter paths a call takes (``_build``: a request made without ``build_request``'s
merging; ``_lazy.resolved``: nested lazy models read by pydantic alone once loaded) give
what the longer ones give."""

from __future__ import annotations

from typing import Any

import httpx
import novu
import pytest
from novu._runtime import _build, _lazy

from .fakes import FakeAPI, integration

CONDITION = {
    "isNegated": False,
    "type": "GROUP",
    "value": "AND",
    "children": [{"field": "a", "value": "b", "operator": "EQUAL", "on": "payload"}],
}


class _Subclass(httpx.Client):
    pass


def _clients() -> dict[str, httpx.Client | httpx.AsyncClient]:
    return {
        "plain": httpx.Client(),
        "async": httpx.AsyncClient(),
        "default headers": httpx.Client(headers={"user-agent": "mine", "X-Team": "a"}),
        "default params": httpx.Client(params={"team": "a"}),
        "default cookies": httpx.Client(cookies={"session": "s"}),
        "base url": httpx.Client(base_url="https://api.test/v2"),
        "subclass": _Subclass(headers={"X-Team": "a"}),
    }


@pytest.mark.parametrize(
    ("name", "url"),
    [(name, "https://api.test/v1/items?a=1") for name in _clients()] + [("base url", "/v1/items")],
)
def test_a_request_is_built_as_the_httpx_client_builds_it(name: str, url: str) -> None:
    http = _clients()[name]
    headers = {"User-Agent": "sdk/1", "x-team": "b", "Content-Type": "application/json"}
    arguments: dict[str, Any] = {"content": b"{}", "files": None, "timeout": httpx.Timeout(3.0)}
    ours = _build.build_request(http, "POST", url, headers=headers, **arguments)
    theirs = http.build_request("POST", url, headers=headers, **arguments)
    assert (ours.method, ours.url, ours.extensions) == (
        theirs.method,
        theirs.url,
        theirs.extensions,
    )
    assert ours.headers.raw == theirs.headers.raw
    assert ours.read() == theirs.read()


def test_a_header_name_httpx_refuses_is_refused_as_httpx_refuses_it() -> None:
    with pytest.raises(UnicodeEncodeError):
        _build.build_request(
            httpx.Client(), "GET", "https://a.test", headers={"é": "1"}, content=None,
            files=None, timeout=None,
        )  # fmt: skip


def test_nested_lazy_models_read_alike_once_resolved(make_client, api: FakeAPI) -> None:
    api.reply(200, json={"data": integration(conditions=[CONDITION])})
    client = make_client()
    first, second, third = (client.integrations.set_as_primary("int-1") for _ in range(3))
    assert first == second == third
    assert type(third.conditions[0].children[0]).__name__ == "FieldFilterPart"


def test_strict_mode_still_reaches_resolved_nested_models(make_client, api: FakeAPI) -> None:
    nested = {**CONDITION, "children": [{**CONDITION["children"][0], "addedLater": 1}]}
    api.reply(200, json={"data": integration(conditions=[nested])})
    lenient, strict = make_client(), make_client(strict_response_validation=True)
    for _ in range(3):  # before and after the reader resolves its lazy models
        assert lenient.integrations.set_as_primary("int-1").conditions[0].children[0].model_extra
        with pytest.raises(novu.APIResponseValidationError, match="addedLater"):
            strict.integrations.set_as_primary("int-1")


def test_resolving_leaves_the_models_own_schemas_and_unloaded_targets_alone() -> None:
    from novu.models.step_filter import StepFilter

    own = StepFilter.__pydantic_core_schema__
    before = repr(own)
    _lazy.resolved(own)
    assert repr(own) == before and "function-plain" in before  # still its placeholder

    class Unloaded(_lazy.lazy_model(".nowhere", "Nowhere", "novu.models")):  # type: ignore[misc]
        pass

    schema = {"type": "list", "items_schema": {"type": "function-plain", "function": {
        "type": "with-info", "function": _lazy._validator_of(Unloaded)}}}  # fmt: skip
    assert _lazy.resolved(schema) == schema  # nothing imported, nothing replaced


def test_resolving_stops_at_its_budget(
    make_client, api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from novu.models.integration_response_dto import IntegrationResponseDto

    api.reply(200, json={"data": integration(conditions=[CONDITION])})
    make_client().integrations.set_as_primary("int-1")  # loads the nested models
    own = IntegrationResponseDto.__pydantic_core_schema__
    assert "function-plain" not in repr(_lazy.resolved(own))
    monkeypatch.setattr(_lazy, "_INLINED", 0)
    assert _lazy.resolved(own) == own
