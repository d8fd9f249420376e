"""``oneOf``/``anyOf`` branches that only require properties constrain the object beside them; they are no union."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from generator.build_ir import build_ir
from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Items, version: '1'}
servers: [{url: https://items.example.com}]
paths:
  /items:
    post:
      operationId: addItem
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [type]
              properties:
                type: {type: string, enum: [Issue, PullRequest]}
                id: {type: integer}
                owner: {type: string}
              oneOf:
                - required: [id]
                - required: [owner]
      responses: {'204': {description: added}}
"""


def test_the_body_keeps_its_properties_and_required_ones(tmp_path: Path) -> None:
    spec = tmp_path / "items.yaml"
    spec.write_text(SPEC)
    body = build_ir(spec).resources[0].operations[0].body
    assert body is not None and body.fields is not None
    assert {f.wire_name: f.required for f in body.fields} == {"type": True, "id": False, "owner": False}


def test_the_call_sends_the_properties(tmp_path: Path) -> None:
    sdk = generate_sdk(tmp_path, SPEC, "items_sdk")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    mock_client(sdk, handler).items.create(type="Issue", id=3)
    assert json.loads(seen[0].content) == {"type": "Issue", "id": 3}
