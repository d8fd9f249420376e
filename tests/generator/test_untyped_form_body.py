"""A form or multipart body whose schema says nothing of its shape is taken as a mapping of fields."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest

from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.1.0
info: {title: Up, version: '1'}
paths:
  /form:
    post:
      operationId: sendForm
      requestBody:
        required: true
        content: {application/x-www-form-urlencoded: {schema: {}}}
      responses: {'204': {description: ok}}
"""


@pytest.fixture(scope="module")
def up(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("up")
    (root / "up.yaml").write_text(SPEC)
    assert generate(root / "up.yaml", root / "out", "--base-url", "https://up.example.com") == 0
    return import_fresh("up", root / "out")


def test_untyped_form_body_is_a_mapping_whose_fields_are_sent(up: Any) -> None:
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.read())
        return httpx.Response(204)

    client = up.Up(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    assert "Mapping[str, object]" in str(inspect.signature(client.form.create).parameters["body"].annotation)
    client.form.create(body={"name": "tea", "size": "2"})
    assert sent == [b"name=tea&size=2"]
