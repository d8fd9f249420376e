"""Binary responses are bytes (and streamable), text responses str; Accept names the declared media types."""

from __future__ import annotations

from typing import Any, get_type_hints

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Speech, version: 1.0.0}
servers: [{url: https://speech.example.com}]
paths:
  /speech:
    post:
      operationId: speak
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [text], properties: {text: {type: string}}}}}
      responses:
        '200': {description: audio, content: {audio/mpeg: {schema: {type: string, format: binary}}}}
        '400':
          description: bad
          content: {application/problem+json: {schema: {type: object, properties: {title: {type: string}}}}}
  /images/{id}:
    get:
      operationId: getImage
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: image
          content:
            image/png: {schema: {type: string, format: binary}}
            image/webp: {schema: {type: string, format: binary}}
  /files/{id}:
    get:
      operationId: download
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: raw, content: {application/octet-stream: {}}}
  /report:
    get:
      operationId: report
      responses:
        '200': {description: csv, content: {text/csv: {schema: {type: string}}}}
  /feed:
    get:
      operationId: feed
      responses:
        '200':
          description: an XML document described by an object schema
          content:
            application/xml: {schema: {type: object, properties: {title: {type: string}}}}
            application/rss+xml: {schema: {type: object, properties: {title: {type: string}}}}
  /tokens:
    post:
      operationId: token
      responses:
        '200': {description: a form, content: {application/x-www-form-urlencoded: {schema: {type: object}}}}
  /avatars/{id}:
    get:
      operationId: getAvatar
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: the image, or a text placeholder
          content:
            image/png: {schema: {type: string, format: binary}}
            text/plain: {schema: {type: string}}
"""

AUDIO = bytes(range(256)) * 64


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("speech"), SPEC, "speech")


def test_binary_responses_are_bytes_and_accept_is_declared(sdk: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        media = "audio/mpeg" if request.url.path == "/speech" else "image/png"
        return httpx.Response(200, content=AUDIO, headers={"content-type": media})

    client = mock_client(sdk, handler)
    audio = client.speech.create(text="hello")
    image = client.images.retrieve("img1")
    assert audio == AUDIO and isinstance(audio, bytes) and image == AUDIO
    assert get_type_hints(type(client.speech).create)["return"] is bytes
    assert seen[0].headers["accept"] == "audio/mpeg, application/problem+json"
    assert seen[1].headers["accept"] == "image/png, image/webp"


def test_octet_stream_is_bytes_and_text_is_str(sdk: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/report":
            assert request.headers["accept"] == "text/csv"
            return httpx.Response(200, text="a,b\n1,2\n", headers={"content-type": "text/csv"})
        assert request.headers["accept"] == "application/octet-stream"
        return httpx.Response(200, content=b"\x00\xff", headers={"content-type": "application/octet-stream"})

    client = mock_client(sdk, handler)
    assert client.files.retrieve("f1") == b"\x00\xff"
    report = client.report.retrieve()
    assert report == "a,b\n1,2\n" and isinstance(report, str)


class ChunkedBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that records how many chunks were read."""

    def __init__(self) -> None:
        self.read = 0

    def __iter__(self) -> Any:
        for index in range(0, len(AUDIO), 1024):
            self.read += 1
            yield AUDIO[index : index + 1024]

    async def __aiter__(self) -> Any:
        for chunk in self:
            yield chunk


def test_binary_response_streams_through_with_streaming_response(sdk: Any) -> None:
    body = ChunkedBody()
    client = mock_client(sdk, lambda r: httpx.Response(200, stream=body, headers={"content-type": "audio/mpeg"}))
    with client.speech.with_streaming_response.create(text="hi") as response:
        assert body.read == 0  # nothing read before asked
        chunks = response.iter_bytes()
        first = next(chunks)
        assert first == AUDIO[:1024] and body.read == 1
        assert b"".join([first, *chunks]) == AUDIO
    assert response.is_closed


@pytest.mark.asyncio
async def test_binary_response_async(sdk: Any) -> None:
    client = mock_client(
        sdk, lambda r: httpx.Response(200, stream=ChunkedBody(), headers={"content-type": "audio/mpeg"}), use_async=True
    )
    assert await client.speech.create(text="hi") == AUDIO
    async with client.speech.with_streaming_response.create(text="hi") as response:
        received = b"".join([chunk async for chunk in response.iter_bytes()])
    assert received == AUDIO


def test_xml_is_text_whatever_its_schema(sdk: Any) -> None:
    xml = "<rss><title>news</title></rss>"
    client = mock_client(sdk, lambda r: httpx.Response(200, text=xml, headers={"content-type": "application/rss+xml"}))
    feed = client.feed.retrieve()
    assert feed == xml and isinstance(feed, str)


@pytest.mark.parametrize(
    ("media", "content", "expected"),
    [("image/png", b"\x89PNG\xff\x00", b"\x89PNG\xff\x00"), ("text/plain; charset=utf-8", b"no avatar", "no avatar")],
)
def test_text_and_binary_declared_the_content_type_decides(sdk: Any, media: str, content: bytes, expected: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=content, headers={"content-type": media})

    client = mock_client(sdk, handler)
    value = client.avatars.retrieve("a1")
    assert value == expected and type(value) is type(expected)  # PNG bytes are never decoded to str
    assert seen[0].headers["accept"] == "image/png, text/plain"
    assert get_type_hints(type(client.avatars).retrieve)["return"] == str | bytes


def test_a_form_encoded_response_is_text(sdk: Any) -> None:
    client = mock_client(
        sdk,
        lambda r: httpx.Response(200, text="a=1&b=2", headers={"content-type": "application/x-www-form-urlencoded"}),
    )
    assert client.tokens.create() == "a=1&b=2"
