"""The generated `novu` client against a Prism mock server started from the spec.

Every operation is called through the sync client with valid arguments built
from the IR (tests/contract/examples.py), twice: with the required arguments
only, and with every optional one too. Each call must

- produce exactly the request the arguments describe (method, path, query, JSON
  body, auth header): Prism only checks a request against the schema, so a
  misnamed optional field would otherwise go unnoticed;
- be accepted by Prism (it answers 401 without auth and 422 on a bad request);
- return the declared type, parsed with strict response validation (no
  undocumented fields, no unknown enum values) and, for models, dumping back to
  the body Prism sent.

Prism answers with the static example of the lowest success status; operations
documenting several success statuses are also called once per status (asking
Prism with `Prefer: code=...`). Every operation is also called once for a
response Prism generates from the schema (`Prefer: dynamic=true`, seeded):
optional fields left out, lists of other lengths, and undocumented extra fields,
which the spec allows and the client must keep, so those calls parse leniently.
(Prism 5.16's `--json-schema-faker-fillProperties=false` does not stop the
extras.) One call per top-level resource goes through `AsyncNovu`.
"""

from __future__ import annotations

import asyncio
import datetime
import enum
import importlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pydantic
import pytest

from generator.config import load_config
from generator.ir import build
from generator.ir.types import Api, ListType, Operation, Resource, TypeNode
from generator.load import load
from tests.contract.conftest import SPEC
from tests.contract.examples import Call, Examples, Variant

pytestmark = pytest.mark.slow

API_KEY = "test"
TIMEOUT = 15.0  # Prism hangs on some malformed requests instead of answering


def _build_api(spec: Path) -> Api:
    document = load(spec)
    api, _warnings = build(document, load_config(None, document.path))
    return api


API = _build_api(SPEC)


@dataclass(frozen=True)
class Entry:
    """An operation and where it hangs in the client (`("subscribers", "credentials")`)."""

    resources: tuple[str, ...]
    operation: Operation

    @property
    def name(self) -> str:
        return ".".join((*self.resources, self.operation.python_name))


def _entries(resource: Resource, trail: tuple[str, ...] = ()) -> Iterator[Entry]:
    for operation in resource.operations:
        yield Entry(trail, operation)
    for child in resource.children:
        yield from _entries(child, (*trail, child.python_name))


ENTRIES = list(_entries(API.root))
SUCCESS_STATUSES = [
    (entry, response.status)
    for entry in ENTRIES
    for response in entry.operation.responses
    if response.status.startswith("2") and len(entry.operation.responses) > 1
]


def _first_operation(resource: Resource, trail: tuple[str, ...]) -> Entry:
    return next(_entries(resource, trail))


ASYNC_ENTRIES = [
    _first_operation(child, (child.python_name,))
    for child in API.root.children
    if any(True for _ in _entries(child))
]


def test_the_ir_lists_every_operation() -> None:
    assert len(ENTRIES) == len(API.operations()) == 89
    assert len({entry.name for entry in ENTRIES}) == len(ENTRIES)


# --- recording the wire --------------------------------------------------------------


class Recorder(httpx.BaseTransport):
    """An HTTP transport that keeps every exchange, bodies read."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.exchanges: list[tuple[httpx.Request, httpx.Response]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        response = self.inner.handle_request(request)
        response.read()
        self.exchanges.append((request, response))
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncRecorder(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.exchanges: list[tuple[httpx.Request, httpx.Response]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        response = await self.inner.handle_async_request(request)
        await response.aread()
        self.exchanges.append((request, response))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def novu() -> Any:
    import novu

    from tests.novu_sdk import _ROOT

    location = Path(novu.__file__).resolve()
    assert not _ROOT or location.is_relative_to(_ROOT[0]), f"novu was imported from {location}, not {_ROOT}"
    return novu


@pytest.fixture(scope="module")
def examples(novu: Any) -> Examples:
    return Examples(API, importlib.import_module("novu.models"))


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    transport = Recorder()
    yield transport
    transport.close()


@pytest.fixture(scope="module")
def client(novu: Any, prism_url: str, recorder: Recorder) -> Iterator[Any]:
    http = httpx.Client(transport=recorder, timeout=TIMEOUT)
    with novu.Novu(
        api_key=API_KEY,
        base_url=prism_url,
        max_retries=0,
        http_client=http,
        strict_response_validation=True,
    ) as client:
        yield client
    http.close()


@pytest.fixture(scope="module")
def lenient_client(client: Any) -> Any:
    return client.with_options(strict_response_validation=False)


# --- helpers -------------------------------------------------------------------------


def _method(client: Any, entry: Entry) -> Any:
    target = client
    for name in entry.resources:
        target = getattr(target, name)
    return getattr(target, entry.operation.python_name)


def _describe(exchanges: list[tuple[httpx.Request, httpx.Response]]) -> str:
    if not exchanges:
        return "no request was sent"
    request, response = exchanges[-1]
    body = request.content.decode("utf-8", "replace") or "(no body)"
    return (
        f"request: {request.method} {request.url}\n"
        f"  body: {body}\n"
        f"response: {response.status_code}\n"
        f"  body: {response.text[:2000]}"
    )


def _invoke(novu: Any, recorder: Recorder, function: Any, call: Call, **options: Any) -> Any:
    recorder.exchanges.clear()
    try:
        return function(*call.args, **call.kwargs, **options)
    except novu.APIStatusError as exc:
        pytest.fail(
            f"Prism refused the request ({exc.status_code}):\n{_describe(recorder.exchanges)}",
            pytrace=False,
        )
    except novu.APIResponseValidationError as exc:
        pytest.fail(
            f"the response did not parse into the declared type: {exc}\n"
            f"{_describe(recorder.exchanges)}",
            pytrace=False,
        )


def _expected_path(operation: Operation, call: Call) -> str:
    path = operation.path
    for name, value in call.path.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def check_request(entry: Entry, call: Call, request: httpx.Request) -> None:
    operation = entry.operation
    assert request.method == operation.method.upper()
    assert request.url.path == _expected_path(operation, call)
    assert sorted(request.url.params.multi_items()) == sorted(call.query)
    assert request.headers.get("authorization") == f"ApiKey {API_KEY}"
    for name, value in call.headers.items():
        assert request.headers.get(name) == value, name
    if call.has_body:
        assert request.headers.get("content-type", "").startswith("application/json")
        assert json.loads(request.content) == call.body
    else:
        assert request.content == b"", "a request without a body argument sent a body"


def _dump(value: Any) -> Any:
    """What a parsed value looks like on the wire again (set fields, by alias)."""
    if isinstance(value, pydantic.BaseModel):
        data = {}
        for name, info in type(value).model_fields.items():
            if name in value.model_fields_set:
                data[info.serialization_alias or name] = _dump(getattr(value, name))
        data.update({k: _dump(v) for k, v in (value.model_extra or {}).items()})
        return data
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime.datetime, datetime.date, uuid.UUID)):
        return pydantic.TypeAdapter(type(value)).dump_python(value, mode="json")
    return value


def _same(dumped: Any, wire: Any) -> bool:
    # 1 == 1.0 in Python, which is what JSON means too; datetimes may differ in
    # spelling ("Z" vs "+00:00") and are compared as instants.
    if isinstance(dumped, str) and isinstance(wire, str) and dumped != wire:
        try:
            return bool(
                datetime.datetime.fromisoformat(dumped.replace("Z", "+00:00"))
                == datetime.datetime.fromisoformat(wire.replace("Z", "+00:00"))
            )
        except ValueError:
            return False
    if isinstance(dumped, dict) and isinstance(wire, dict):
        return dumped.keys() == wire.keys() and all(_same(dumped[k], wire[k]) for k in wire)
    if isinstance(dumped, list) and isinstance(wire, list):
        return len(dumped) == len(wire) and all(map(_same, dumped, wire))
    return bool(dumped == wire)


def check_round_trip(result: Any, response: httpx.Response, envelope: str | None) -> None:
    """Every field of the body landed in the parsed value, under its wire name."""
    if not response.content:
        return
    body = response.json()
    candidates = [body]
    if envelope is not None and isinstance(body, dict) and body.keys() == {envelope}:
        candidates.insert(0, body[envelope])
    dumped = _dump(result)
    assert any(_same(dumped, candidate) for candidate in candidates), (
        f"the parsed value does not dump back to the body:\n"
        f"  parsed: {json.dumps(dumped, default=str)[:2000]}\n"
        f"  body:   {response.text[:2000]}"
    )


def check_result(
    examples: Examples, entry: Entry, result: Any, response: httpx.Response, page: type
) -> None:
    operation = entry.operation
    assert 200 <= response.status_code < 300, response.status_code
    # Prism lists what it noticed in `sl-violations`. Errors about the request fail
    # the test; warnings (a deprecated parameter the spec still requires) and
    # anything about the response (Prism's own example, generated from the spec,
    # can break the spec's ambiguous `oneOf`s) are not the client's doing.
    violations = json.loads(response.headers.get("sl-violations", "[]"))
    request_errors = [
        v
        for v in violations
        if v.get("location", [""])[0] == "request" and v.get("severity") == "Error"
    ]
    assert not request_errors, f"Prism reported errors in the request: {request_errors}"
    if operation.pagination is not None:
        pagination = operation.pagination
        assert isinstance(result, page), f"expected a page, got {type(result).__name__}"
        examples.check_instance(ListType(pagination.item_type), result.items, "page.items")
        items = response.json()
        for key in pagination.items_path:
            assert isinstance(items, dict) and key in items, f"no {key!r} in {response.text}"
            items = items[key]
        assert _same(_dump(result.items), items), "page items do not dump back to the body"
        return
    declared: TypeNode | None = operation.return_type
    examples.check_instance(declared, result)
    if declared is not None:
        check_round_trip(result, response, API.envelope_key)


# --- tests ---------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["required", "full"])
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.name)
def test_operation(
    novu: Any,
    examples: Examples,
    client: Any,
    recorder: Recorder,
    entry: Entry,
    variant: Variant,
) -> None:
    call = examples.call(entry.operation, variant)
    result = _invoke(novu, recorder, _method(client, entry), call)
    assert len(recorder.exchanges) == 1, _describe(recorder.exchanges)
    request, response = recorder.exchanges[0]
    check_request(entry, call, request)
    check_result(examples, entry, result, response, novu._runtime.SyncPage)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.name)
def test_generated_response(
    novu: Any, examples: Examples, lenient_client: Any, recorder: Recorder, entry: Entry
) -> None:
    call = examples.call(entry.operation, "required")
    method = _method(lenient_client, entry)
    result = _invoke(novu, recorder, method, call, extra_headers={"Prefer": "dynamic=true"})
    request, response = recorder.exchanges[-1]
    check_request(entry, call, request)
    check_result(examples, entry, result, response, novu._runtime.SyncPage)


@pytest.mark.parametrize(
    ("entry", "status"), SUCCESS_STATUSES, ids=[f"{e.name}-{s}" for e, s in SUCCESS_STATUSES]
)
def test_every_documented_success_status(
    novu: Any, examples: Examples, client: Any, recorder: Recorder, entry: Entry, status: str
) -> None:
    call = examples.call(entry.operation, "required")
    result = _invoke(
        novu, recorder, _method(client, entry), call, extra_headers={"Prefer": f"code={status}"}
    )
    request, response = recorder.exchanges[-1]
    assert str(response.status_code) == status, _describe(recorder.exchanges)
    check_result(examples, entry, result, response, novu._runtime.SyncPage)


@pytest.mark.parametrize("entry", ASYNC_ENTRIES, ids=lambda entry: entry.name)
def test_async_client(novu: Any, examples: Examples, prism_url: str, entry: Entry) -> None:
    call = examples.call(entry.operation, "required")
    transport = AsyncRecorder()

    async def scenario() -> Any:
        async with httpx.AsyncClient(transport=transport, timeout=TIMEOUT) as http:
            async with novu.AsyncNovu(
                api_key=API_KEY,
                base_url=prism_url,
                max_retries=0,
                http_client=http,
                strict_response_validation=True,
            ) as client:
                outcome = _method(client, entry)(*call.args, **call.kwargs)
                return await outcome

    try:
        result = asyncio.run(scenario())
    except (novu.APIStatusError, novu.APIResponseValidationError) as exc:
        pytest.fail(f"{exc}\n{_describe(transport.exchanges)}", pytrace=False)
    assert len(transport.exchanges) == 1, _describe(transport.exchanges)
    request, response = transport.exchanges[0]
    check_request(entry, call, request)
    check_result(examples, entry, result, response, novu._runtime.AsyncPage)
