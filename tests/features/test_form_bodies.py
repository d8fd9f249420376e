"""Form bodies as the directory's documents declare them: optional ones left out, text ones, empty required ones."""

from __future__ import annotations

import inspect
import json
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
  /v1/files:
    post:
      operationId: createFile
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: '#/components/schemas/FileBody'}}
          multipart/form-data: {schema: {$ref: '#/components/schemas/FileBody'}}
      responses: {'204': {description: done}}
  /v1/voices:
    post:
      operationId: addVoice
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [name, files]
              properties:
                name: {type: string}
                files: {type: array, items: {type: string, format: binary}}
      responses: {'204': {description: done}}
  /v1/filters:
    post:
      operationId: filter
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {type: object, properties: {data: {type: string}, file: {type: string, format: binary}}}
      responses: {'204': {description: done}}
  /v1/media:
    post:
      operationId: postMedia
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [file], properties: {file: {type: string, format: binary}}}
      responses: {'204': {description: done}}
  /v1/uploads:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [attributes, file]
              properties:
                attributes: {type: object, required: [name], properties: {name: {type: string}}}
                file: {type: string, format: binary}
      responses: {'204': {description: done}}
components:
  schemas:
    FileBody:
      type: object
      properties:
        file_id: {type: string}
        file: {type: string, format: binary}
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


def test_a_body_declared_as_json_and_multipart_with_a_file_goes_as_multipart(sdk: Any) -> None:
    seen, handler = _recorder()
    sdk_client = mock_client(sdk, handler)
    sdk_client.files.create(file=b"\x00data\xff", file_id="f1")
    request = seen[-1]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename=' in request.content and b"\x00data\xff" in request.content
    assert b'name="file_id"' in request.content


def test_an_array_of_files_goes_as_one_part_each(sdk: Any) -> None:
    seen, handler = _recorder()
    mock_client(sdk, handler).voices.create(name="v", files=[b"first", ("b.wav", b"second", "audio/wav")])
    content = seen[-1].content
    assert content.count(b'name="files"; filename=') == 2
    assert b"first" in content and b"second" in content and b'filename="b.wav"' in content


def test_a_required_multipart_body_with_nothing_given_is_sent_empty(sdk: Any) -> None:
    seen, handler = _recorder()
    mock_client(sdk, handler).filters.create()
    request = seen[-1]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    boundary = request.headers["content-type"].split("boundary=")[1]
    assert request.content == f"--{boundary}--\r\n".encode()  # a well-formed form of no parts


def test_a_binary_field_of_a_json_body_goes_as_text(sdk: Any) -> None:
    seen, handler = _recorder()
    media = mock_client(sdk, handler).media
    media.create(file=b"GIF89a")
    assert json.loads(seen[-1].content) == {"file": "GIF89a"}  # as a response's binary field is read
    with pytest.raises(TypeError, match="UTF-8"):
        media.create(file=b"\xff\xfe")


def test_an_optional_multipart_body_with_a_file_keeps_its_required_fields(sdk: Any) -> None:
    seen, handler = _recorder()
    uploads = mock_client(sdk, handler).uploads
    parameters = inspect.signature(uploads.create).parameters
    assert parameters["attributes"].default is inspect.Parameter.empty  # required with the file, as declared
    uploads.create(attributes={"name": "a.txt"}, file=b"data")
    assert b'name="attributes"' in seen[-1].content and b'{"name": "a.txt"}' in seen[-1].content
