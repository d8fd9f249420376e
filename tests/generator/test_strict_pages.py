"""Pages parse under strict response validation like any model: date-time strings are datetimes."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.0.3
info: {title: Events, version: '1'}
paths:
  /events:
    get:
      parameters:
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  entries: {type: array, items: {$ref: '#/components/schemas/Event'}}
                  total_count: {type: integer}
  /logs:
    get:
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Event'}}}}
components:
  schemas:
    Event:
      type: object
      properties:
        at: {type: string, format: date-time}
"""


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("events")
    (root / "events.yaml").write_text(SPEC)
    assert generate(root / "events.yaml", root / "out", "--base-url", "https://events.example.com") == 0
    return import_fresh("events", root / "out")


def _client(events: Any, body: object) -> Any:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    return events.Events(http_client=httpx.Client(transport=transport), strict_response_validation=True)


def test_a_page_with_date_time_items_parses_under_strict_validation(events: Any) -> None:
    page = _client(events, {"entries": [{"at": "2024-01-02T03:04:05Z"}], "total_count": 1}).events.list()
    assert page.entries[0].at == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def test_a_bare_array_page_still_fills_its_items(events: Any) -> None:
    page = _client(events, [{"at": "2024-01-02T03:04:05Z"}]).logs.list()
    assert [item.at.year for item in page.page_items()] == [2024]
