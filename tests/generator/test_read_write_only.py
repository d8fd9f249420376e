"""readOnly properties are left out of requests, writeOnly ones are not required in responses."""

from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.1.0
info: {title: Cafe, version: 1.0.0}
paths:
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
components:
  schemas:
    Item:
      type: object
      required: [id, secret, name, window, audit]
      properties:
        id: {type: string, readOnly: true}
        secret: {type: string, writeOnly: true}
        name: {type: string}
        window: {$ref: '#/components/schemas/Window'}
        audit: {$ref: '#/components/schemas/Audit'}
    Window:
      type: object
      writeOnly: true
      properties: {start_at: {type: string}}
    Audit:
      type: object
      readOnly: true
      properties: {by: {type: string}}
"""


@pytest.fixture(scope="module")
def cafe(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("cafe")
    (root / "cafe.yaml").write_text(SPEC)
    assert generate(root / "cafe.yaml", root / "out", "--base-url", "https://cafe.example.com") == 0
    return import_fresh("cafe", root / "out")


def test_write_only_field_is_sent_but_not_required_in_the_response(cafe: Any) -> None:
    sent: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"id": "i1", "name": "tea", "audit": {}})  # no writeOnly `secret`, `window`

    client = cafe.Cafe(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    item = client.items.create(secret="s3", name="tea", window={"start_at": "9"})
    assert sent == [{"secret": "s3", "name": "tea", "window": {"start_at": "9"}}]
    assert isinstance(item, cafe.types.Item)
    assert (item.id, item.name, item.secret) == ("i1", "tea", None)


def test_read_only_field_is_no_argument(cafe: Any) -> None:
    parameters = inspect.signature(cafe.Cafe().items.create).parameters
    assert "id" not in parameters and "audit" not in parameters  # readOnly, also through a $ref
    assert parameters["secret"].default is inspect.Parameter.empty
