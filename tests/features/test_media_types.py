"""Requests carry the media types the spec declares; cookies and parameter styles are sent as declared."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.1.0
info: {title: Media, version: 1.0.0}
servers: [{url: https://media.example.com}]
components:
  securitySchemes:
    session: {type: apiKey, in: cookie, name: session_id}
security: [{session: []}]
paths:
  /uploads:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [title]
              properties:
                title: {type: string}
                file: {type: string, format: binary}
      responses: {'204': {description: done}}
  /sessions:
    post:
      operationId: offer
      requestBody:
        required: true
        content: {application/sdp: {schema: {type: string}}}
      responses:
        '201': {description: answer, content: {application/sdp: {schema: {type: string}}}}
  /notes:
    post:
      operationId: note
      requestBody:
        required: true
        content: {text/plain: {schema: {type: string}}}
      responses: {'204': {description: done}}
  /blobs:
    put:
      operationId: putBlob
      requestBody:
        required: true
        content: {application/octet-stream: {schema: {type: string, format: binary}}}
      responses: {'204': {description: done}}
  /patches:
    patch:
      operationId: mergePatch
      requestBody:
        required: true
        content:
          application/merge-patch+json:
            schema: {type: object, properties: {name: {type: string}}}
      responses: {'204': {description: done}}
  /search:
    get:
      operationId: search
      parameters:
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: pipes, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - {name: spaces, in: query, style: spaceDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - name: filter
          in: query
          style: deepObject
          schema: {type: object, properties: {color: {type: string}, size: {type: integer}}}
        - name: point
          in: query
          schema: {type: object, properties: {x: {type: integer}, y: {type: integer}}}
        - name: box
          in: query
          explode: false
          schema: {type: object, properties: {w: {type: integer}, h: {type: integer}}}
        - {name: X-Trace, in: header, schema: {type: array, items: {type: string}}}
        - name: X-Dims
          in: header
          explode: true
          schema: {type: object, properties: {w: {type: integer}, h: {type: integer}}}
        - {name: theme, in: cookie, schema: {type: string}}
        - {name: langs, in: cookie, explode: false, schema: {type: array, items: {type: string}}}
      responses: {'204': {description: done}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("media"), SPEC, "media")


class Recorder:
    def __init__(self, response: httpx.Response | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.response = response or httpx.Response(204)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.response


def media_type(request: httpx.Request) -> str:
    return request.headers["content-type"].split(";")[0]


@pytest.mark.asyncio
@pytest.mark.parametrize("use_async", [False, True])
async def test_multipart_without_a_file_is_still_multipart(sdk: Any, use_async: bool) -> None:
    recorder = Recorder()
    client = mock_client(sdk, recorder, use_async=use_async, api_key="s3cret")
    result = client.uploads.create(title="holiday")
    if use_async:
        await result
    request = recorder.requests[0]
    assert media_type(request) == "multipart/form-data"
    assert b'name="title"\r\n\r\nholiday\r\n' in request.content
    assert b"filename" not in request.content


def test_multipart_with_a_file_carries_both_parts(sdk: Any) -> None:
    recorder = Recorder()
    mock_client(sdk, recorder, api_key="s3cret").uploads.create(title="t", file=("a.txt", b"abc", "text/plain"))
    request = recorder.requests[0]
    assert media_type(request) == "multipart/form-data"
    assert b'name="file"; filename="a.txt"' in request.content and b'name="title"' in request.content


def test_declared_media_types_are_sent_and_accepted(sdk: Any) -> None:
    recorder = Recorder(httpx.Response(201, text="v=0 answer", headers={"content-type": "application/sdp"}))
    client = mock_client(sdk, recorder, api_key="s3cret")
    answer = client.sessions.create(body="v=0 offer")
    assert answer == "v=0 answer"
    offer = recorder.requests[0]
    assert media_type(offer) == "application/sdp" and offer.content == b"v=0 offer"
    assert offer.headers["accept"] == "application/sdp"
    recorder.response = httpx.Response(204)
    client.notes.create(body="hello")
    client.blobs.update(body=b"\x00\x01")
    client.patches.update(name="new")
    note, blob, patch = recorder.requests[1:]
    assert (media_type(note), note.content) == ("text/plain", b"hello")
    assert (media_type(blob), blob.content) == ("application/octet-stream", b"\x00\x01")
    assert media_type(patch) == "application/merge-patch+json" and json.loads(patch.content) == {"name": "new"}


def test_cookie_api_key_and_cookie_parameters_are_sent_together(sdk: Any) -> None:
    recorder = Recorder()
    client = mock_client(sdk, recorder, api_key="s3cret")
    client.search.retrieve(theme="dark", langs=["en", "fr"])
    cookies = dict(part.split("=", 1) for part in recorder.requests[0].headers["cookie"].split("; "))
    assert cookies == {"session_id": "s3cret", "theme": "dark", "langs": "en,fr"}


def test_query_and_header_styles(sdk: Any) -> None:
    recorder = Recorder()
    client = mock_client(sdk, recorder, api_key="s3cret")
    client.search.retrieve(
        tags=["a", "b"],
        ids=[1, 2],
        pipes=["p", "q"],
        spaces=["s", "t"],
        filter={"color": "red", "size": 3},
        point={"x": 1, "y": 2},
        box={"w": 3, "h": 4},
        x_trace=["t1", "t2"],
        x_dims={"w": 5, "h": 6},
    )
    request = recorder.requests[0]
    assert urllib.parse.parse_qsl(request.url.query.decode()) == [
        ("tags", "a"),
        ("tags", "b"),
        ("ids", "1,2"),
        ("pipes", "p|q"),
        ("spaces", "s t"),
        ("filter[color]", "red"),
        ("filter[size]", "3"),
        ("x", "1"),
        ("y", "2"),
        ("box", "w,3,h,4"),
    ]
    assert request.headers["x-trace"] == "t1,t2"
    assert request.headers["x-dims"] == "w=5,h=6"


def test_header_and_cookie_names_that_http_cannot_carry_are_skipped_with_a_warning(tmp_path: Any) -> None:
    from generator.build_ir import build_ir

    spec = tmp_path / "bad.yaml"
    spec.write_text(
        SPEC.replace(
            "        - {name: theme, in: cookie, schema: {type: string}}",
            "        - {name: theme, in: cookie, schema: {type: string}}\n"
            "        - {name: header param, in: header, schema: {type: string}}\n"
            "        - {name: 'a;b', in: cookie, schema: {type: string}}",
        )
    )
    api = build_ir(spec)
    search = next(op for _, op in api.operations() if op.operation_id == "search")
    assert "header param" not in {p.wire_name for p in search.header_params}
    assert "a;b" not in {p.wire_name for p in search.cookie_params}
    assert "theme" in {p.wire_name for p in search.cookie_params}
    assert any("'header param' is not an HTTP token" in w and "bad.yaml:" in w for w in api.warnings)
    assert any("'a;b' is not an HTTP token" in w for w in api.warnings)
