"""Errors and retries of the generated SDK, over a mock transport (no real waiting)."""

from __future__ import annotations

import email.utils
import logging
import time
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import API_KEY, job, patch_sleep, sequence

STATUS_ERRORS = [
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "InternalServerError"),
    (502, "InternalServerError"),
    (503, "InternalServerError"),
]


def _assert_no_key(exc: BaseException, *logged: str) -> None:
    for text in (str(exc), repr(exc), repr(exc.args), getattr(exc, "message", ""), *logged):
        assert API_KEY not in text


# -- the error classes -------------------------------------------------------------------


def test_hierarchy_is_exported(sdk: Any) -> None:
    assert issubclass(sdk.APIConnectionError, sdk.APIError)
    assert issubclass(sdk.APITimeoutError, sdk.APIConnectionError)
    assert issubclass(sdk.APIStatusError, sdk.APIError)
    assert issubclass(sdk.APIResponseValidationError, sdk.APIError)
    for _, name in STATUS_ERRORS:
        assert issubclass(getattr(sdk, name), sdk.APIStatusError)
        assert name in sdk.__all__
    assert not issubclass(sdk.APIStatusError, sdk.APIConnectionError)


@pytest.mark.parametrize(("status", "name"), STATUS_ERRORS)
def test_status_error_carries_response_body_and_message(
    make_client: Any, sdk: Any, status: int, name: str, sdk_debug_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    body = {"message": "job bmj_1 is unhappy", "type": "invalid_request", "code": "E1"}
    client, server = make_client(lambda r: httpx.Response(status, json=body), max_retries=0)
    with pytest.raises(sdk.APIStatusError) as info:
        client.benchmark_jobs.retrieve("bmj_1")
    error = info.value
    assert type(error) is getattr(sdk, name)
    assert error.status_code == status
    assert error.response.status_code == status and error.response is not None
    assert error.request is server.last
    assert error.body == body
    assert str(status) in str(error)
    assert "GET https://api.runloop.ai/v1/benchmark_jobs/bmj_1" in str(error)
    assert "job bmj_1 is unhappy" in str(error)
    assert error.message == str(error)
    assert caplog.text  # debug logging was on, so the check below is meaningful
    _assert_no_key(error, caplog.text)


def test_error_body_that_is_not_json_is_kept_as_text(make_client: Any, sdk: Any) -> None:
    client, _ = make_client(lambda r: httpx.Response(400, text="<html>bad gateway config</html>"))
    with pytest.raises(sdk.BadRequestError) as info:
        client.benchmark_jobs.create(name="x")
    assert info.value.body == "<html>bad gateway config</html>"
    assert "bad gateway config" in str(info.value)


def test_other_4xx_is_a_plain_status_error(make_client: Any, sdk: Any) -> None:
    client, _ = make_client(lambda r: httpx.Response(418, json={"message": "teapot"}))
    with pytest.raises(sdk.APIStatusError) as info:
        client.benchmark_jobs.retrieve("bmj_1")
    assert type(info.value) is sdk.APIStatusError and info.value.status_code == 418


def test_connection_and_timeout_errors(
    make_client: Any,
    sdk: Any,
    monkeypatch: pytest.MonkeyPatch,
    sdk_debug_log: logging.Logger,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, server = make_client(sequence(httpx.ConnectError("refused")))
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.APIConnectionError) as info:
        client.benchmark_jobs.retrieve("bmj_1")
    assert type(info.value) is sdk.APIConnectionError
    assert info.value.request is server.last and info.value.body is None
    assert "/v1/benchmark_jobs/bmj_1" in str(info.value)
    _assert_no_key(info.value, caplog.text)

    client, _ = make_client(sequence(httpx.ReadTimeout("slow")))
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.APITimeoutError) as timeout_info:
        client.benchmark_jobs.create(name="x")
    assert "timed out" in str(timeout_info.value).lower()
    assert "POST https://api.runloop.ai/v1/benchmark_jobs" in str(timeout_info.value)
    _assert_no_key(timeout_info.value, caplog.text)


def test_response_validation_error_in_strict_mode(
    make_client: Any, sdk: Any, sdk_debug_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    body = job(state="paused")
    client, _ = make_client(lambda r: httpx.Response(200, json=body), strict_response_validation=True)
    with pytest.raises(sdk.APIResponseValidationError) as info:
        client.benchmark_jobs.retrieve("bmj_1")
    error = info.value
    assert error.status_code == 200 and error.response.status_code == 200
    assert error.body == body
    assert "/state" in str(error) and "GET https://api.runloop.ai/v1/benchmark_jobs/bmj_1" in str(error)
    _assert_no_key(error, caplog.text)


def test_key_never_leaks_even_in_a_query_parameter(make_client: Any, sdk: Any) -> None:
    """A secret passed in extra_query is redacted from messages too."""
    client, _ = make_client(lambda r: httpx.Response(404, json={"message": "nope"}))
    with pytest.raises(sdk.NotFoundError) as info:
        client.benchmark_jobs.retrieve("bmj_1", extra_query={"api_key": API_KEY})
    _assert_no_key(info.value)


@pytest.mark.parametrize(
    "echo",
    [
        lambda r: {"message": f"Invalid API key {API_KEY}"},
        lambda r: {"error": f"rejected {r.headers['Authorization']}"},
        lambda r: {"detail": {"headers": dict(r.headers)}},
        lambda r: f"denied for {r.headers['Authorization']}",
    ],
    ids=["key_in_message", "header_in_message", "headers_in_detail", "text_body"],
)
def test_key_echoed_by_the_server_is_redacted(
    make_client: Any, sdk: Any, echo: Any, sdk_debug_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        body = echo(request)
        return httpx.Response(401, text=body) if isinstance(body, str) else httpx.Response(401, json=body)

    client, _ = make_client(respond)
    with pytest.raises(sdk.AuthenticationError) as info:
        client.benchmark_jobs.retrieve("bmj_1")
    _assert_no_key(info.value, caplog.text)
    assert "<redacted>" in str(info.value)
    assert info.value.status_code == 401 and info.value.body == echo(info.value.request)  # the data itself is kept


def test_key_echoed_in_unknown_data_is_redacted_in_strict_mode(make_client: Any, sdk: Any) -> None:
    body = job(job_source={"type": "new_kind", "token": API_KEY})
    client, _ = make_client(lambda r: httpx.Response(200, json=body), strict_response_validation=True)
    with pytest.raises(sdk.APIResponseValidationError) as info:
        client.benchmark_jobs.retrieve("bmj_1")
    _assert_no_key(info.value)
    assert "/job_source: unknown variant" in str(info.value) and info.value.body == body


@pytest.mark.asyncio
async def test_async_key_echoed_by_the_server_is_redacted(make_client: Any, sdk: Any) -> None:
    client, _ = make_client(
        lambda r: httpx.Response(403, json={"message": f"key {API_KEY} lacks scope"}), use_async=True
    )
    with pytest.raises(sdk.PermissionDeniedError) as info:
        await client.benchmark_jobs.create(name="n")
    _assert_no_key(info.value)
    assert "lacks scope" in str(info.value)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "name"), [(404, "NotFoundError"), (429, "RateLimitError"), (503, "InternalServerError")]
)
async def test_async_status_errors(
    make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch, status: int, name: str
) -> None:
    client, _ = make_client(lambda r: httpx.Response(status, json={"message": "m"}), use_async=True)
    patch_sleep(monkeypatch, client)
    with pytest.raises(getattr(sdk, name)) as info:
        await client.benchmark_jobs.retrieve("bmj_1")
    assert info.value.status_code == status and info.value.body == {"message": "m"}
    _assert_no_key(info.value)


@pytest.mark.asyncio
async def test_async_connection_and_timeout_errors(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = make_client(sequence(httpx.ConnectError("refused")), use_async=True)
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.APIConnectionError) as info:
        await client.benchmark_jobs.retrieve("bmj_1")
    assert not isinstance(info.value, sdk.APITimeoutError) and len(server.requests) == 3
    client, _ = make_client(sequence(httpx.ConnectTimeout("slow")), use_async=True)
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.APITimeoutError):
        await client.benchmark_jobs.retrieve("bmj_1")


# -- retries -----------------------------------------------------------------------------


def test_default_max_retries_is_two(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = make_client(lambda r: httpx.Response(500, json={"message": "boom"}))
    delays = patch_sleep(monkeypatch, client)
    assert client.max_retries == 2
    with pytest.raises(sdk.InternalServerError):
        client.benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 3 and len(delays) == 2


def test_max_retries_on_client_with_options_and_per_call(
    make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, server = make_client(lambda r: httpx.Response(503), max_retries=4)
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.InternalServerError):
        client.benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 5

    server.requests.clear()
    with pytest.raises(sdk.InternalServerError):
        client.with_options(max_retries=1).benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 2

    server.requests.clear()
    with pytest.raises(sdk.InternalServerError):
        client.benchmark_jobs.list(max_retries=0)
    assert len(server.requests) == 1

    server.requests.clear()
    with pytest.raises(sdk.InternalServerError):
        client.with_options(max_retries=0).benchmark_jobs.create(name="x", max_retries=3)
    assert len(server.requests) == 4


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("peer closed connection"),
        httpx.Response(408),
        httpx.Response(409, json={"message": "locked"}),
        httpx.Response(429),
        httpx.Response(500),
        httpx.Response(502),
        httpx.Response(503),
        httpx.Response(504),
    ],
    ids=lambda f: str(f.status_code) if isinstance(f, httpx.Response) else type(f).__name__,
)
def test_retried_failures(make_client: Any, monkeypatch: pytest.MonkeyPatch, failure: Any) -> None:
    client, server = make_client(sequence(failure, httpx.Response(200, json=job())))
    delays = patch_sleep(monkeypatch, client)
    assert client.benchmark_jobs.retrieve("bmj_1").id == "bmj_1"
    assert len(server.requests) == 2 and len(delays) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_not_retried(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    client, server = make_client(sequence(httpx.Response(status), httpx.Response(200, json=job())))
    delays = patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.APIStatusError):
        client.benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 1 and delays == []


def test_server_can_force_or_forbid_a_retry(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = make_client(
        sequence(httpx.Response(400, headers={"x-should-retry": "true"}), httpx.Response(200, json=job()))
    )
    patch_sleep(monkeypatch, client)
    client.benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 2
    client, server = make_client(sequence(httpx.Response(503, headers={"x-should-retry": "false"})))
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.InternalServerError):
        client.benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 1


@pytest.mark.parametrize(("jitter", "factor"), [(0.0, 1.0), (1.0, 0.75)])
def test_exponential_backoff_with_jitter_capped_at_8s(
    make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch, jitter: float, factor: float
) -> None:
    monkeypatch.setattr(sdk._retry, "random", SimpleNamespace(random=lambda: jitter))
    client, _ = make_client(lambda r: httpx.Response(500), max_retries=7)
    delays = patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.InternalServerError):
        client.benchmark_jobs.retrieve("bmj_1")
    assert delays == pytest.approx([b * factor for b in [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]])


def test_backoff_jitter_is_random_within_a_quarter(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, _ = make_client(lambda r: httpx.Response(500), max_retries=5)
    delays = patch_sleep(monkeypatch, client)
    for _ in range(4):
        with pytest.raises(sdk.InternalServerError):
            client.benchmark_jobs.retrieve("bmj_1")
    bases = [0.5, 1.0, 2.0, 4.0, 8.0] * 4
    assert all(0.75 * base <= delay <= base for delay, base in zip(delays, bases, strict=True))
    assert len({delay / base for delay, base in zip(delays, bases, strict=True)}) > 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "1200", "retry-after": "9"}, 1.2),
    ],
)
def test_retry_after_headers_are_honoured(
    make_client: Any, monkeypatch: pytest.MonkeyPatch, headers: dict[str, str], expected: float
) -> None:
    client, server = make_client(sequence(httpx.Response(429, headers=headers), httpx.Response(200, json=job())))
    delays = patch_sleep(monkeypatch, client)
    client.benchmark_jobs.retrieve("bmj_1")
    assert delays == [pytest.approx(expected)] and len(server.requests) == 2


def test_retry_after_http_date_is_honoured(make_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    date = email.utils.formatdate(time.time() + 30, usegmt=True)
    client, _ = make_client(
        sequence(httpx.Response(503, headers={"Retry-After": date}), httpx.Response(200, json=job()))
    )
    delays = patch_sleep(monkeypatch, client)
    client.benchmark_jobs.retrieve("bmj_1")
    assert len(delays) == 1 and 25 < delays[0] <= 30


def test_unreasonable_retry_after_falls_back_to_backoff(make_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, _ = make_client(
        sequence(httpx.Response(429, headers={"retry-after": "3600"}), httpx.Response(200, json=job()))
    )
    delays = patch_sleep(monkeypatch, client)
    client.benchmark_jobs.retrieve("bmj_1")
    assert len(delays) == 1 and 0.375 <= delays[0] <= 0.5


def test_retried_post_keeps_its_idempotency_key(make_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = make_client(
        sequence(httpx.Response(500), httpx.ConnectError("reset"), httpx.Response(200, json=job()))
    )
    patch_sleep(monkeypatch, client)
    client.benchmark_jobs.create(name="n")
    keys = [request.headers.get("Idempotency-Key") for request in server.requests]
    assert len(keys) == 3 and keys[0] and len(set(keys)) == 1
    assert all(request.content == server.requests[0].content for request in server.requests)

    client.benchmark_jobs.create(name="n")
    assert server.last.headers["Idempotency-Key"] != keys[0]  # a new call gets a new key


def test_get_sends_no_idempotency_key(make_client: Any) -> None:
    client, server = make_client(lambda r: httpx.Response(200, json=job()))
    client.benchmark_jobs.retrieve("bmj_1")
    assert "Idempotency-Key" not in server.last.headers


@pytest.mark.asyncio
async def test_async_retries(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = make_client(
        sequence(
            httpx.Response(503),
            httpx.ReadTimeout("slow"),
            httpx.Response(429, headers={"retry-after": "2"}),
            httpx.Response(200, json=job()),
        ),
        use_async=True,
        max_retries=3,
    )
    monkeypatch.setattr(sdk._retry, "random", SimpleNamespace(random=lambda: 0.0))
    delays = patch_sleep(monkeypatch, client)
    assert (await client.benchmark_jobs.create(name="n")).id == "bmj_1"
    assert delays == [0.5, 1.0, 2.0]
    assert len({r.headers["Idempotency-Key"] for r in server.requests}) == 1 and len(server.requests) == 4


@pytest.mark.asyncio
async def test_async_max_retries_and_not_retried(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = make_client(lambda r: httpx.Response(500), use_async=True)
    patch_sleep(monkeypatch, client)
    assert client.max_retries == 2
    with pytest.raises(sdk.InternalServerError):
        await client.benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 3
    server.requests.clear()
    with pytest.raises(sdk.InternalServerError):
        await client.with_options(max_retries=4).benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 5
    server.requests.clear()
    with pytest.raises(sdk.InternalServerError):
        await client.benchmark_jobs.list(max_retries=0)
    assert len(server.requests) == 1

    client, server = make_client(lambda r: httpx.Response(404), use_async=True)
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.NotFoundError):
        await client.benchmark_jobs.retrieve("bmj_1")
    assert len(server.requests) == 1
