"""String and number formats: date-time, date, uuid, byte, int64, email, uri."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest

from .support import Generated, Server, json_content, mypy_params, ok, openapi, ref

UTC = datetime.timezone.utc
EVENT_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
BIG = 9007199254740993  # 2**53 + 1: a float would round it

SPEC = openapi(
    paths={
        "/events": {
            "get": {
                "operationId": "listEvents",
                "tags": ["events"],
                "parameters": [
                    {
                        "name": "since",
                        "in": "query",
                        "schema": {"type": "string", "format": "date-time"},
                    },
                    {"name": "on", "in": "query", "schema": {"type": "string", "format": "date"}},
                    {
                        "name": "after_id",
                        "in": "query",
                        "schema": {"type": "integer", "format": "int64"},
                    },
                ],
                "responses": ok({"type": "array", "items": ref("Event")}),
            },
            "post": {
                "operationId": "createEvent",
                "tags": ["events"],
                "requestBody": {"required": True, **json_content(ref("Event"))},
                "responses": {"204": {"description": "made"}},
            },
        },
        "/events/{event_id}": {
            "get": {
                "operationId": "getEvent",
                "tags": ["events"],
                "parameters": [
                    {
                        "name": "event_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "responses": ok(ref("Event")),
            }
        },
    },
    schemas={
        "Event": {
            "type": "object",
            "required": ["at"],
            "properties": {
                "at": {"type": "string", "format": "date-time"},
                "day": {"type": "string", "format": "date"},
                "id": {"type": "string", "format": "uuid"},
                "blob": {"type": "string", "format": "byte"},
                "count": {"type": "integer", "format": "int64"},
                "ratio": {"type": "number", "format": "double"},
                "mail": {"type": "string", "format": "email"},
                "link": {"type": "string", "format": "uri"},
            },
        }
    },
)

EVENT = {
    "at": "2024-05-01T10:00:00+02:00",
    "day": "2024-05-01",
    "id": EVENT_ID,
    "blob": "aGVsbG8=",
    "count": BIG,
    "ratio": 0.25,
    "mail": "ada@example.com",
    "link": "https://example.com/a?b=c",
}


@pytest.fixture(scope="module")
def events(generate: Any) -> Generated:
    return generate(SPEC, "formats")


@pytest.fixture
def client(events: Generated, server: Server) -> Any:
    return events.client(server).events


def test_date_time_and_date_parse_to_datetime_objects(client: Any, server: Server) -> None:
    server.reply(json=EVENT)
    event = client.get_event(EVENT_ID)
    assert event.at == datetime.datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert event.at.utcoffset() == datetime.timedelta(hours=2)
    assert type(event.day) is datetime.date and event.day == datetime.date(2024, 5, 1)


def test_uuid_int64_and_other_formats_keep_their_values(client: Any, server: Server) -> None:
    server.reply(json=EVENT)
    event = client.get_event(EVENT_ID)
    assert str(event.id) == EVENT_ID
    assert event.count == BIG and type(event.count) is int
    assert event.ratio == 0.25
    assert event.mail == "ada@example.com"
    assert str(event.link) == "https://example.com/a?b=c"
    assert event.blob in ("aGVsbG8=", b"hello")


def test_a_parsed_event_is_sent_back_unchanged(
    events: Generated, client: Any, server: Server
) -> None:
    server.reply(json=EVENT)
    event = client.get_event(EVENT_ID)
    server.reply(204)
    client.create_event(**{name: getattr(event, name) for name in EVENT})
    sent = json.loads(server.last.content)
    assert sent == {**EVENT, "at": "2024-05-01T10:00:00+02:00"}


def test_datetime_date_and_uuid_arguments_are_sent_in_iso_form(client: Any, server: Server) -> None:
    server.reply(204)
    client.create_event(
        at=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        day=datetime.date(2024, 1, 2),
        id=uuid.UUID(EVENT_ID),
        count=BIG,
    )
    assert json.loads(server.last.content) == {
        "at": "2024-01-02T03:04:05Z",
        "day": "2024-01-02",
        "id": EVENT_ID,
        "count": BIG,
    }


def test_format_query_and_path_parameters(client: Any, server: Server) -> None:
    server.reply(json=[EVENT])
    [event] = client.list_events(
        since=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        on=datetime.date(2024, 1, 2),
        after_id=BIG,
    )
    assert server.last.url.params.multi_items() == [
        ("since", "2024-01-02T03:04:05Z"),
        ("on", "2024-01-02"),
        ("after_id", str(BIG)),
    ]
    assert event.count == BIG

    server.reply(json=EVENT)
    client.get_event(uuid.UUID(EVENT_ID))
    assert server.last.url.path == f"/events/{EVENT_ID}"


def test_a_malformed_date_time_is_a_validation_error(
    events: Generated, client: Any, server: Server
) -> None:
    server.reply(json={**EVENT, "at": "yesterday"})
    with pytest.raises(events.module.APIResponseValidationError):
        client.get_event(EVENT_ID)


MYPY_CHECKED = ("events",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
