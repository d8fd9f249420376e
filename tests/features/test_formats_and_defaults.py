"""String formats (date-time, date, uuid, byte, binary, unknown) and defaults of parameters and fields."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import typing
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Formats, version: 1.0.0}
servers: [{url: https://formats.example.com}]
components:
  schemas:
    Event:
      type: object
      required: [at, day, uid]
      properties:
        at: {type: string, format: date-time}
        day: {type: string, format: date}
        uid: {type: string, format: uuid}
        digest: {type: string, format: byte}
        color: {type: string, format: rgb-color}
        raw: {type: string, format: binary}
        retries: {type: integer, default: 3}
        tier: {type: string, default: free}
paths:
  /events:
    get:
      operationId: listEvents
      parameters:
        - {name: limit, in: query, schema: {type: integer, default: 20}}
        - {name: order, in: query, schema: {type: string, enum: [asc, desc], default: desc}}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: on, in: query, schema: {type: string, format: date}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Event'}}}}
    post:
      operationId: createEvent
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [uid]
              properties:
                uid: {type: string, format: uuid}
                at: {type: string, format: date-time}
                priority: {type: integer, default: 5}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}}}
"""

EVENT = {
    "at": "2024-05-01T12:30:00Z",
    "day": "2024-05-01",
    "uid": "3f0c7d8e-1b2a-4c5d-9e8f-0a1b2c3d4e5f",
    "digest": "aGVsbG8=",
    "color": "#ff8800",
}


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("formats"), SPEC, "formats")


def test_formats_parse_into_python_types(sdk: Any) -> None:
    hints = typing.get_type_hints(sdk.types.Event)
    assert (hints["at"], hints["day"]) == (dt.datetime, dt.date)
    (event,) = mock_client(sdk, lambda r: httpx.Response(200, json=[EVENT])).events.list()
    assert event.at == dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC)
    assert event.day == dt.date(2024, 5, 1)
    # uuid, byte and formats pydantic does not know stay the strings the server sent.
    assert (hints["uid"], hints["digest"], hints["color"]) == (str, str | None, str | None)
    assert (event.uid, event.digest, event.color) == (EVENT["uid"], "aGVsbG8=", "#ff8800")
    assert hints["raw"] == bytes | None


def test_a_binary_field_of_a_json_body_holds_bytes(sdk: Any) -> None:
    (event,) = mock_client(sdk, lambda r: httpx.Response(200, json=[{**EVENT, "raw": "GIF89a"}])).events.list()
    assert event.raw == b"GIF89a"


def test_a_malformed_date_time_is_refused(sdk: Any) -> None:
    client = mock_client(sdk, lambda r: httpx.Response(200, json=[{**EVENT, "at": "yesterday"}]))
    with pytest.raises(sdk.APIResponseValidationError, match="at"):
        client.events.list()


def test_parameter_defaults_are_documented_and_not_sent_when_omitted(sdk: Any) -> None:
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.url.params))
        return httpx.Response(200, json=[])

    client = mock_client(sdk, handler)
    doc = inspect.getdoc(client.events.list) or ""
    assert "Defaults to 20" in doc and "desc" in doc
    client.events.list()
    client.events.list(limit=5, order="asc")
    assert seen == [{}, {"limit": "5", "order": "asc"}]


def test_date_parameters_are_sent_in_iso_format(sdk: Any) -> None:
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.url.params))
        return httpx.Response(200, json=[])

    client = mock_client(sdk, handler)
    client.events.list(since=dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC), on=dt.date(2024, 5, 2))
    assert dt.datetime.fromisoformat(seen[0]["since"].replace("Z", "+00:00")) == dt.datetime(
        2024, 5, 1, 12, 30, tzinfo=dt.UTC
    )
    assert seen[0]["on"] == "2024-05-02"


def test_body_defaults_are_documented_and_not_sent_when_omitted(sdk: Any) -> None:
    sent: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json=EVENT)

    client = mock_client(sdk, handler)
    assert "priority: Defaults to 5 on the server." in (inspect.getdoc(client.events.create) or "")
    client.events.create(uid=EVENT["uid"])
    client.events.create(uid=EVENT["uid"], priority=1, at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    assert sent[0] == {"uid": EVENT["uid"]}
    assert sent[1]["priority"] == 1 and sent[1]["at"].startswith("2024-05-01T00:00:00")


def test_response_fields_hold_what_the_server_sent(sdk: Any) -> None:
    # A response field the server left out is None, not the spec's default: the SDK does not invent data.
    answers = iter([[EVENT], [{**EVENT, "retries": 0, "tier": "pro"}]])
    client = mock_client(sdk, lambda r: httpx.Response(200, json=next(answers)))
    (missing,) = client.events.list()
    (sent,) = client.events.list()
    assert (missing.retries, missing.tier) == (None, None)
    assert (sent.retries, sent.tier) == (0, "pro")
