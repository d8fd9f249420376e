"""``with_raw_response`` and ``with_streaming_response`` of the generated SDK."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import RecordingStream, job, patch_sleep, sequence

HEADERS = {"content-type": "application/json", "x-request-id": "req_42"}


def _streamed(body: object) -> tuple[RecordingStream, Any]:
    stream = RecordingStream(json.dumps(body).encode())
    return stream, lambda request: httpx.Response(200, headers=HEADERS, stream=stream)


# -- raw ---------------------------------------------------------------------------------


def test_raw_response_retrieve(make_client: Any, sdk: Any) -> None:
    client, server = make_client(lambda r: httpx.Response(200, headers=HEADERS, json=job("bmj_7")))
    response = client.benchmark_jobs.with_raw_response.retrieve("bmj_7")
    assert isinstance(response, sdk.APIResponse)
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req_42"
    assert response.http_request is server.last
    assert response.http_request.url.path == "/v1/benchmark_jobs/bmj_7"
    assert response.is_closed  # a raw response is read eagerly
    assert response.retries_taken == 0
    parsed = response.parse()
    assert isinstance(parsed, sdk.types.BenchmarkJobView) and parsed.id == "bmj_7"
    assert response.parse() is parsed  # parsed once
    assert response.json() == job("bmj_7")
    assert "RawResponse" not in str(server.last.headers) and "x-sdk-raw-response" not in server.last.headers


def test_raw_response_create_and_list(make_client: Any, sdk: Any) -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(201, json=job("bmj_new"))
        return httpx.Response(200, json={"jobs": [job("a")], "has_more": False})

    client, server = make_client(respond)
    created = client.benchmark_jobs.with_raw_response.create(name="n", extra_headers={"X-Trace": "t"})
    assert created.status_code == 201 and created.http_request.method == "POST"
    assert server.last.headers["X-Trace"] == "t" and json.loads(server.last.content) == {"name": "n"}
    assert created.parse().id == "bmj_new"

    listed = client.benchmark_jobs.with_raw_response.list(limit=1)
    page = listed.parse()
    assert isinstance(page, sdk.pagination.SyncBenchmarkJobsPage)
    assert [j.id for j in page] == ["a"]


def test_raw_response_counts_retries(make_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = make_client(sequence(httpx.Response(503), httpx.Response(200, json=job())))
    patch_sleep(monkeypatch, client)
    response = client.benchmark_jobs.with_raw_response.retrieve("bmj_1")
    assert response.retries_taken == 1 and response.http_request is server.last


def test_raw_response_still_raises_status_errors(make_client: Any, sdk: Any) -> None:
    client, _ = make_client(lambda r: httpx.Response(404, json={"message": "gone"}))
    with pytest.raises(sdk.NotFoundError):
        client.benchmark_jobs.with_raw_response.retrieve("bmj_1")


@pytest.mark.asyncio
async def test_async_raw_response(make_client: Any, sdk: Any) -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/benchmark_jobs" and request.method == "GET":
            return httpx.Response(200, headers=HEADERS, json={"jobs": [job("a")], "has_more": False})
        return httpx.Response(200, headers=HEADERS, json=job("bmj_7"))

    client, server = make_client(respond, use_async=True)
    response = await client.benchmark_jobs.with_raw_response.retrieve("bmj_7")
    assert isinstance(response, sdk.AsyncAPIResponse)
    assert response.status_code == 200 and response.headers["x-request-id"] == "req_42"
    assert response.http_request is server.last and response.is_closed
    parsed = await response.parse()
    assert isinstance(parsed, sdk.types.BenchmarkJobView) and parsed.id == "bmj_7"

    created = await client.benchmark_jobs.with_raw_response.create(name="n")
    assert created.http_request.method == "POST" and (await created.parse()).id == "bmj_7"

    listed = await client.benchmark_jobs.with_raw_response.list()
    page = await listed.parse()
    assert isinstance(page, sdk.pagination.AsyncBenchmarkJobsPage) and page.jobs[0].id == "a"


# -- streaming ---------------------------------------------------------------------------


def test_streaming_response_leaves_the_body_unread_until_asked(make_client: Any, sdk: Any) -> None:
    stream, respond = _streamed(job("bmj_s"))
    client, server = make_client(respond)
    manager = client.benchmark_jobs.with_streaming_response.retrieve("bmj_s")
    assert server.requests == []  # sent when the block is entered
    with manager as response:
        assert len(server.requests) == 1
        assert isinstance(response, sdk.APIResponse)
        assert response.status_code == 200 and response.headers["x-request-id"] == "req_42"
        assert response.http_request is server.last
        assert stream.chunks_read == 0 and not response.is_closed
        parsed = response.parse()
        assert stream.chunks_read == len(stream.chunks) > 1
        assert isinstance(parsed, sdk.types.BenchmarkJobView) and parsed.id == "bmj_s"
    assert response.is_closed


def test_streaming_response_can_be_iterated_in_chunks(make_client: Any) -> None:
    stream, respond = _streamed(job("bmj_s"))
    client, _ = make_client(respond)
    with client.benchmark_jobs.with_streaming_response.retrieve("bmj_s") as response:
        chunks = response.iter_bytes()
        first = next(chunks)
        assert stream.chunks_read == 1 and first == stream.chunks[0]
        rest = b"".join(chunks)
    assert json.loads(first + rest)["id"] == "bmj_s"


def test_streaming_response_closed_unread_when_the_block_ends(make_client: Any) -> None:
    stream, respond = _streamed(job())
    client, _ = make_client(respond)
    with client.benchmark_jobs.with_streaming_response.create(name="n") as response:
        assert response.http_request.method == "POST"
    assert stream.chunks_read == 0 and stream.closed and response.is_closed


def test_streaming_list_page_still_paginates(make_client: Any) -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        if "starting_after" in request.url.params:
            return httpx.Response(200, json={"jobs": [job("b")], "has_more": False})
        body = json.dumps({"jobs": [job("a")], "has_more": True}).encode()
        return httpx.Response(200, headers=HEADERS, stream=RecordingStream(body))

    client, server = make_client(respond)
    with client.benchmark_jobs.with_streaming_response.list(limit=1) as response:
        assert [j.id for j in response.parse()] == ["a", "b"]
    assert server.last.url.params["starting_after"] == "a" and server.last.url.params["limit"] == "1"


@pytest.mark.asyncio
async def test_async_streaming_response(make_client: Any, sdk: Any) -> None:
    stream, respond = _streamed(job("bmj_s"))
    client, server = make_client(respond, use_async=True)
    async with client.benchmark_jobs.with_streaming_response.retrieve("bmj_s") as response:
        assert isinstance(response, sdk.AsyncAPIResponse)
        assert response.status_code == 200 and response.http_request is server.last
        assert stream.chunks_read == 0 and not response.is_closed
        parsed = await response.parse()
        assert stream.chunks_read == len(stream.chunks)
        assert parsed.id == "bmj_s"
    assert response.is_closed

    stream, respond = _streamed({"jobs": [job("a")], "has_more": False})
    client, _ = make_client(respond, use_async=True)
    async with client.benchmark_jobs.with_streaming_response.list() as response:
        assert stream.chunks_read == 0
    assert response.is_closed and stream.chunks_read == 0 and stream.closed
