"""Form bodies as the directory's documents declare them: optional ones left out, text ones, empty required ones."""

from __future__ import annotations

import urllib.parse
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Forms, version: 1.0.0}
servers: [{url: https://forms.example.com}]
paths:
  /v1/account:
    get:
      operationId: getAccount
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                expand: {type: array, items: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
  /v1/raw:
    post:
      operationId: postRaw
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: string}
      responses: {'204': {description: done}}
  /v1/touch:
    post:
      operationId: touch
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                note: {type: string}
      responses: {'204': {description: done}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("forms"), SPEC, "forms_sdk")


def _recorder() -> tuple[list[httpx.Request], Any]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return httpx.Response(204 if request.method == "POST" else 200, json={})

    return seen, handler


def test_an_optional_form_body_left_out_sends_no_body(sdk: Any) -> None:
    seen, handler = _recorder()
    resource = mock_client(sdk, handler).account
    resource.retrieve()
    assert seen[-1].content == b""
    assert "content-type" not in seen[-1].headers
    resource.retrieve(expand=["a", "b"])
    assert seen[-1].headers["content-type"] == "application/x-www-form-urlencoded"
    assert urllib.parse.parse_qsl(seen[-1].content.decode()) == [("expand", "a"), ("expand", "b")]


def test_a_text_form_body_is_sent_as_given(sdk: Any) -> None:
    seen, handler = _recorder()
    resource = mock_client(sdk, handler).raw
    resource.create(body="a=1&b=two")
    assert seen[-1].content == b"a=1&b=two"
    assert seen[-1].headers["content-type"] == "application/x-www-form-urlencoded"
    resource.create()
    assert seen[-1].content == b""


def test_a_required_form_body_with_no_field_given_is_sent_empty_with_its_type(sdk: Any) -> None:
    seen, handler = _recorder()
    resource = mock_client(sdk, handler).touch
    resource.create()
    assert seen[-1].headers["content-type"] == "application/x-www-form-urlencoded"
    assert seen[-1].content == b""
    resource.create(note="hi")
    assert seen[-1].content == b"note=hi"
