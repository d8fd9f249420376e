"""User-Agent, closing connections, shared connection pools and debug logging."""

from __future__ import annotations

import logging
import sys
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import API_KEY, job, patch_sleep, sequence


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=job())


# -- User-Agent --------------------------------------------------------------------------


def test_user_agent(make_client: Any, sdk: Any) -> None:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    expected = f"runloop_benchmark_jobs/{sdk.__version__} python/{python} httpx/{httpx.__version__}"
    client, server = make_client(_ok)
    client.benchmark_jobs.retrieve("bmj_1")
    assert server.last.headers["User-Agent"] == expected
    client.benchmark_jobs.create(name="n")
    assert server.last.headers["User-Agent"] == expected


@pytest.mark.asyncio
async def test_async_user_agent(make_client: Any, sdk: Any) -> None:
    client, server = make_client(_ok, use_async=True)
    await client.benchmark_jobs.retrieve("bmj_1")
    assert server.last.headers["User-Agent"].startswith(f"runloop_benchmark_jobs/{sdk.__version__} python/3.")


# -- closing -----------------------------------------------------------------------------


def test_client_context_manager_closes_its_own_pool(sdk: Any) -> None:
    with sdk.Runloop(api_key=API_KEY) as client:
        pool = client._http
        assert isinstance(pool, httpx.Client) and not client.is_closed()
    assert pool.is_closed and client.is_closed()


def test_close_closes_its_own_pool(sdk: Any) -> None:
    client = sdk.Runloop(api_key=API_KEY)
    client.close()
    assert client._http.is_closed


def test_a_supplied_http_client_is_left_open(sdk: Any) -> None:
    http = httpx.Client(transport=httpx.MockTransport(_ok))
    with sdk.Runloop(api_key=API_KEY, http_client=http) as client:
        client.benchmark_jobs.retrieve("bmj_1")
    assert not http.is_closed  # the caller owns it
    http.close()


@pytest.mark.asyncio
async def test_async_client_context_manager_closes_its_own_pool(sdk: Any) -> None:
    async with sdk.AsyncRunloop(api_key=API_KEY) as client:
        pool = client._http
        assert isinstance(pool, httpx.AsyncClient) and not client.is_closed()
    assert pool.is_closed and client.is_closed()

    http = httpx.AsyncClient(transport=httpx.MockTransport(_ok))
    async with sdk.AsyncRunloop(api_key=API_KEY, http_client=http) as client:
        await client.benchmark_jobs.retrieve("bmj_1")
    assert not http.is_closed
    await http.aclose()


# -- with_options / copy -------------------------------------------------------------------


@pytest.mark.parametrize("how", ["with_options", "copy"])
def test_copies_share_the_connection_pool(sdk: Any, how: str) -> None:
    client = sdk.Runloop(api_key=API_KEY)
    client.benchmark_jobs
    other = getattr(client, how)(max_retries=5, timeout=3.0)
    assert other is not client and other._http is client._http
    assert other.max_retries == 5 and client.max_retries == 2
    assert other.benchmark_jobs._client is other and client.benchmark_jobs._client is client
    other.close()  # a copy does not own the pool
    assert not client._http.is_closed
    client.close()
    assert other.is_closed()


def test_copies_send_through_the_same_pool_with_their_own_options(make_client: Any) -> None:
    client, server = make_client(_ok, default_headers={"X-Team": "a"})
    other = client.with_options(default_headers={"X-Env": "staging"}, default_query={"region": "eu"})
    other.benchmark_jobs.retrieve("bmj_1")
    assert server.last.headers["X-Team"] == "a" and server.last.headers["X-Env"] == "staging"
    assert server.last.url.params["region"] == "eu"
    client.benchmark_jobs.retrieve("bmj_1")
    assert "X-Env" not in server.last.headers and "region" not in server.last.url.params
    assert len(server.requests) == 2  # both went through the one mock transport


@pytest.mark.asyncio
async def test_async_copies_share_the_connection_pool(sdk: Any) -> None:
    client = sdk.AsyncRunloop(api_key=API_KEY)
    other = client.copy(max_retries=0)
    assert other._http is client._http and other.benchmark_jobs._client is other
    await other.close()
    assert not client.is_closed()
    await client.close()
    assert other.is_closed()


# -- debug logging -------------------------------------------------------------------------


def test_debug_logging_shows_requests_responses_and_retries_without_the_key(
    make_client: Any,
    monkeypatch: pytest.MonkeyPatch,
    sdk_debug_log: logging.Logger,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client, _ = make_client(sequence(httpx.Response(503), httpx.Response(200, json=job())))
    patch_sleep(monkeypatch, client)
    client.benchmark_jobs.retrieve("bmj_1", extra_query={"token": API_KEY})
    records = [r for r in caplog.records if r.name == "runloop_benchmark_jobs"]
    text = "\n".join(r.getMessage() for r in records)
    assert "GET https://api.runloop.ai/v1/benchmark_jobs/bmj_1" in text
    assert "503" in text and "200" in text
    assert "Retrying" in text and "status 503" in text
    assert "authorization" in text.lower() and "<redacted>" in text
    assert any(r.levelno == logging.DEBUG for r in records)
    assert API_KEY not in caplog.text
    assert API_KEY not in capsys.readouterr().err  # the SDK's own stderr handler


def test_debug_logging_of_a_failure_without_the_key(
    make_client: Any,
    sdk: Any,
    monkeypatch: pytest.MonkeyPatch,
    sdk_debug_log: logging.Logger,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client, _ = make_client(sequence(httpx.ConnectError("refused")), max_retries=1)
    patch_sleep(monkeypatch, client)
    with pytest.raises(sdk.APIConnectionError):
        client.benchmark_jobs.create(name="n")
    assert "POST https://api.runloop.ai/v1/benchmark_jobs" in caplog.text
    assert "ConnectError" in caplog.text and "Retrying" in caplog.text
    assert API_KEY not in caplog.text


@pytest.mark.asyncio
async def test_async_debug_logging(
    make_client: Any, monkeypatch: pytest.MonkeyPatch, sdk_debug_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    client, _ = make_client(sequence(httpx.Response(429), httpx.Response(200, json=job())), use_async=True)
    patch_sleep(monkeypatch, client)
    await client.benchmark_jobs.retrieve("bmj_1")
    assert "GET https://api.runloop.ai/v1/benchmark_jobs/bmj_1" in caplog.text
    assert "status 429" in caplog.text and "<redacted>" in caplog.text
    assert API_KEY not in caplog.text


def test_no_debug_logging_without_the_variable(
    make_client: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("RUNLOOP_LOG", raising=False)
    client, _ = make_client(_ok)
    client.benchmark_jobs.retrieve("bmj_1")
    assert not [r for r in caplog.records if r.name == "runloop_benchmark_jobs"]
