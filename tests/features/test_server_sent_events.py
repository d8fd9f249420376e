"""`text/event-stream` operations return iterators of parsed events, sync and async, closed when left early."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, get_type_hints

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.1.0
info: {title: Events, version: 1.0.0}
servers: [{url: https://events.example.com}]
paths:
  /completions:
    post:
      operationId: streamCompletion
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [prompt], properties: {prompt: {type: string}}}}}
      responses:
        '200':
          description: chunks
          content: {text/event-stream: {schema: {$ref: '#/components/schemas/Chunk'}}}
  /logs:
    get:
      operationId: tailLogs
      responses:
        '200': {description: lines, content: {text/event-stream: {schema: {type: string}}}}
components:
  schemas:
    Chunk:
      type: object
      required: [index, text]
      properties: {index: {type: integer}, text: {type: string}}
"""

CHUNKS = b"".join(
    f'event: chunk\nid: {i}\ndata: {{"index": {i},\ndata:  "text": "t{i}"}}\n\n'.encode() for i in range(50)
)


class EventBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An event stream delivered in small chunks; records how far it was read and whether it was closed."""

    def __init__(self, body: bytes) -> None:
        self.chunks = [body[i : i + 40] for i in range(0, len(body), 40)]
        self.read = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.read += 1
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("events"), SPEC, "events")


def serve(body: EventBody) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept"] == "text/event-stream"
        return httpx.Response(200, stream=body, headers={"content-type": "text/event-stream"})

    return handler


def test_events_are_parsed_into_the_declared_model(sdk: Any) -> None:
    body = EventBody(CHUNKS)
    client = mock_client(sdk, serve(body))
    stream = client.completions.create(prompt="hi")
    assert body.read == 0  # nothing is read before iterating
    chunks = list(stream)
    assert [c.index for c in chunks] == list(range(50))
    assert all(isinstance(c, sdk.types.Chunk) for c in chunks) and chunks[3].text == "t3"
    assert body.closed
    hints = get_type_hints(type(client.completions).create)
    assert hints["return"] == sdk.Stream[sdk.types.Chunk]


def test_leaving_the_loop_early_closes_the_connection(sdk: Any) -> None:
    body = EventBody(CHUNKS)
    for chunk in mock_client(sdk, serve(body)).completions.create(prompt="hi"):
        if chunk.index == 2:
            break
    assert body.closed and body.read < len(body.chunks)


def test_untyped_events_keep_their_fields_and_done_ends_the_stream(sdk: Any) -> None:
    text = b": keep-alive\n\nevent: line\nid: 7\nretry: 1500\ndata: first\n\ndata: a\ndata: b\n\ndata: [DONE]\n\ndata: never\n\n"
    body = EventBody(text)
    with mock_client(sdk, serve(body)).logs.retrieve() as stream:
        events = list(stream)
    assert events == [sdk.ServerSentEvent("first", "line", "7", 1500), sdk.ServerSentEvent("a\nb", None, "7", None)]
    assert body.closed


@pytest.mark.asyncio
async def test_async_events_and_early_exit(sdk: Any) -> None:
    client = mock_client(sdk, serve(EventBody(CHUNKS)), use_async=True)
    stream = await client.completions.create(prompt="hi")
    assert [c.index async for c in stream] == list(range(50))
    body = EventBody(CHUNKS)
    client = mock_client(sdk, serve(body), use_async=True)
    async for chunk in await client.completions.create(prompt="hi"):
        if chunk.index == 1:
            break
    for _ in range(3):  # the event loop finalizes the abandoned iterator in a task of its own
        await asyncio.sleep(0)
    assert body.closed and body.read < len(body.chunks)
    body = EventBody(CHUNKS)
    client = mock_client(sdk, serve(body), use_async=True)
    async with await client.completions.create(prompt="hi") as stream:
        async for chunk in stream:
            break
    assert body.closed


def test_the_sdk_readme_shows_how_to_read_a_stream(sdk: Any) -> None:
    readme = (Path(sdk.__file__).parent.parent / "README.md").read_text()
    assert "## Server-sent events" in readme and "with client.completions.create(" in readme
