from __future__ import annotations

import httpx
import pytest
from sdkruntime import _exceptions as errors
from sdkruntime._response import APIResponse

from tests.runtime.fakesdk import FakeSDK, JobView, SyncJobsPage
from tests.runtime.helpers import MockAPI, TrackingStream, job


def test_raw_response_exposes_http_details_and_parses_lazily(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(503),
        httpx.Response(200, json=job("a"), headers={"X-Request-Id": "req_1"}),
    )
    response = client.jobs.with_raw_response.retrieve("a")
    assert isinstance(response, APIResponse)
    assert response.status_code == 200
    assert response.headers["X-Request-Id"] == "req_1"
    assert response.retries_taken == 1
    assert response.url == "https://api.example.test/v1/jobs/a"
    assert response.http_request.method == "GET"
    assert isinstance(response.http_response, httpx.Response)
    assert response.json() == job("a")
    assert response.text().startswith("{")
    assert response.read() == response.http_response.content
    parsed = response.parse()
    assert isinstance(parsed, JobView)
    assert parsed.id == "a"
    assert response.parse() is parsed


def test_raw_response_of_other_result_types(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, text="log line"))
    assert client.jobs.with_raw_response.logs("a").parse() == "log line"


def test_raw_response_still_raises_status_errors(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(404, json={"message": "gone"}))
    with pytest.raises(errors.NotFoundError):
        client.jobs.with_raw_response.retrieve("a")


def test_raw_parse_applies_strict_validation(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, json=job("a", state="paused")))
    strict = client.with_options(strict_response_validation=True)
    response = strict.jobs.with_raw_response.retrieve("a")
    assert response.status_code == 200
    with pytest.raises(errors.APIResponseValidationError, match="/state"):
        response.parse()


def test_raw_list_parses_to_a_page_that_fetches_the_next_pages(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(200, json={"jobs": [job("a")], "has_more": True}),
        httpx.Response(200, json={"jobs": [job("b")], "has_more": False}),
    )
    page = client.jobs.with_raw_response.list().parse()
    assert isinstance(page, SyncJobsPage)
    assert [j.id for j in page] == ["a", "b"]
    assert api.requests[1].url.params["starting_after"] == "a"


def test_streamed_response_is_not_read_until_asked(client: FakeSDK, api: MockAPI) -> None:
    body = TrackingStream(b"line 1\n", b"line 2\n")
    api.add(httpx.Response(200, stream=body, headers={"content-type": "text/plain"}))
    with client.jobs.with_streaming_response.logs("a") as response:
        assert response.status_code == 200
        assert not body.read_started
        assert not response.is_closed
        assert list(response.iter_lines()) == ["line 1", "line 2"]
    assert body.closed
    assert response.is_closed


def test_streamed_response_closes_unread_body_on_exit(client: FakeSDK, api: MockAPI) -> None:
    body = TrackingStream(b'{"id": "a"}')
    api.add(httpx.Response(200, stream=body, headers={"content-type": "application/json"}))
    manager = client.jobs.with_streaming_response.retrieve("a")
    assert api.requests == []  # sent only when the block is entered
    with manager as response:
        pass
    assert not body.read_started
    assert body.closed
    assert response.is_closed


def test_streamed_response_parse_reads_the_body(client: FakeSDK, api: MockAPI) -> None:
    body = TrackingStream(b'{"id": "a", ', b'"name": "n", "state": "done"}')
    api.add(httpx.Response(200, stream=body, headers={"content-type": "application/json"}))
    with client.jobs.with_streaming_response.retrieve("a") as response:
        assert response.parse().state == "done"
        assert body.read_started


def test_streamed_iter_bytes_and_text(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(200, stream=TrackingStream(b"ab", b"cd")),
        httpx.Response(200, stream=TrackingStream(b"ab", b"cd")),
    )
    with client.jobs.with_streaming_response.logs("a") as response:
        assert b"".join(response.iter_bytes()) == b"abcd"
    with client.jobs.with_streaming_response.logs("a") as response:
        assert "".join(response.iter_text()) == "abcd"


def test_streamed_error_body_is_read_for_the_error(client: FakeSDK, api: MockAPI) -> None:
    body = TrackingStream(b'{"message": "nope"}')
    api.add(httpx.Response(400, stream=body, headers={"content-type": "application/json"}))
    with (
        pytest.raises(errors.BadRequestError, match="nope"),
        client.jobs.with_streaming_response.retrieve("a"),
    ):
        pass
    assert body.closed
