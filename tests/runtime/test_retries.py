from __future__ import annotations

import email.utils
import time

import httpx
import pytest
from sdkruntime import _exceptions as errors
from sdkruntime._retry import retry_delay, should_retry

from tests.runtime.fakesdk import FakeSDK
from tests.runtime.helpers import MockAPI, job


def ok() -> httpx.Response:
    return httpx.Response(200, json=job("a"))


def test_retries_then_succeeds_with_exponential_backoff(client: FakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    api.add(httpx.Response(503), httpx.Response(500), ok())
    assert client.jobs.retrieve("a").id == "a"
    assert len(api.requests) == 3
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


def test_gives_up_after_max_retries(client: FakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    api.add(*(httpx.Response(500) for _ in range(5)))
    with pytest.raises(errors.InternalServerError):
        client.jobs.retrieve("a", max_retries=4)
    assert len(api.requests) == 5
    for attempt, delay in enumerate(sleeps):
        assert 0.75 * 0.5 * 2**attempt <= delay <= 0.5 * 2**attempt


def test_backoff_is_capped_at_eight_seconds() -> None:
    for retries_taken in (4, 5, 30, 5000):
        assert 6.0 <= retry_delay(retries_taken) <= 8.0


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses(client: FakeSDK, api: MockAPI, status: int) -> None:
    api.add(httpx.Response(status), ok())
    client.jobs.retrieve("a")
    assert len(api.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(client: FakeSDK, api: MockAPI, status: int) -> None:
    api.add(httpx.Response(status))
    with pytest.raises(errors.APIStatusError):
        client.jobs.retrieve("a")
    assert len(api.requests) == 1


def test_x_should_retry_header_overrides(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(400, headers={"x-should-retry": "true"}), ok())
    client.jobs.retrieve("a")
    assert len(api.requests) == 2
    api.add(httpx.Response(503, headers={"x-should-retry": "false"}))
    with pytest.raises(errors.InternalServerError):
        client.jobs.retrieve("a")
    assert len(api.requests) == 3
    assert should_retry(httpx.Response(500, headers={"X-Should-Retry": "FALSE"})) is False


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"Retry-After": "0.25"}, 0.25),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
    ],
)
def test_retry_after_headers_are_obeyed(
    client: FakeSDK,
    api: MockAPI,
    sleeps: list[float],
    headers: dict[str, str],
    expected: float,
) -> None:
    api.add(httpx.Response(429, headers=headers), ok())
    client.jobs.retrieve("a")
    assert sleeps == [expected]


def test_retry_after_http_date(client: FakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 5, usegmt=True)
    api.add(httpx.Response(503, headers={"retry-after": when}), ok())
    client.jobs.retrieve("a")
    assert 3.0 <= sleeps[0] <= 5.0


@pytest.mark.parametrize("value", ["120", "0", "-3", "soon"])
def test_unreasonable_retry_after_falls_back_to_backoff(
    client: FakeSDK, api: MockAPI, sleeps: list[float], value: str
) -> None:
    api.add(httpx.Response(503, headers={"retry-after": value}), ok())
    client.jobs.retrieve("a")
    assert 0.375 <= sleeps[0] <= 0.5


def test_idempotency_key_is_shared_by_the_attempts_of_one_call(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(500), httpx.ConnectError("reset"), ok(), ok())
    client.jobs.create(name="a")
    keys = [request.headers["Idempotency-Key"] for request in api.requests]
    assert len(keys) == 3
    assert len(set(keys)) == 1
    assert keys[0].startswith("fakesdk-retry-")
    client.jobs.create(name="b")
    assert api.requests[-1].headers["Idempotency-Key"] != keys[0]


def test_idempotency_key_option_and_get_requests(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok(), ok())
    client.jobs.create(name="a", idempotency_key="my-key")
    client.jobs.retrieve("a")
    assert api.requests[0].headers["Idempotency-Key"] == "my-key"
    assert "Idempotency-Key" not in api.requests[1].headers


def test_max_retries_per_call_client_and_with_options(client: FakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    api.add(httpx.Response(500))
    with pytest.raises(errors.InternalServerError):
        client.jobs.retrieve("a", max_retries=0)
    assert len(api.requests) == 1

    api.add(*(httpx.Response(500) for _ in range(6)))
    with pytest.raises(errors.InternalServerError):
        client.with_options(max_retries=5).jobs.retrieve("a")
    assert len(api.requests) == 7
    assert client.max_retries == 2

    api.add(httpx.Response(500))
    with pytest.raises(errors.InternalServerError):
        client.with_options(max_retries=0).jobs.retrieve("a")
    assert len(api.requests) == 8


def test_connection_errors_are_retried(client: FakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    api.add(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), ok())
    assert client.jobs.retrieve("a").id == "a"
    assert len(sleeps) == 2
