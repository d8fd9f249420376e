"""The generated SDK against a real HTTP server on 127.0.0.1 that misbehaves, sync and async.

Each case ends in the right result or the right typed exception, within a bound the test
asserts, and once the client is closed the server counts no connection still open.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import socket
import time
from collections.abc import Callable
from typing import Any

import pytest
import runloop_benchmark_jobs as sdk

from tests.sdk.conftest import API_KEY, job
from tests.sdk.realserver import Exchange, MisbehavingServer

MODES = ["sync", "async"]
JOB = json.dumps(job()).encode()


def call(mode: str, base_url: str, operation: Callable[[Any], Any], **options: Any) -> tuple[Any, float]:
    """Run ``operation(client)`` on a fresh client (closed afterwards); the result and the seconds it took.

    An exception from the call is re-raised after the client is closed.
    """
    options.setdefault("max_retries", 0)
    options.setdefault("timeout", 5.0)
    started = time.monotonic()
    if mode == "sync":
        with sdk.Runloop(api_key=API_KEY, base_url=base_url, **options) as client:
            result = operation(client)
        return result, time.monotonic() - started

    async def run() -> Any:
        async with sdk.AsyncRunloop(api_key=API_KEY, base_url=base_url, **options) as client:
            return await operation(client)

    result = asyncio.run(run())
    return result, time.monotonic() - started


def retrieve(client: Any) -> Any:
    return client.benchmark_jobs.retrieve("bmj_1")


def raises(mode: str, server: MisbehavingServer, error: type[Exception], bound: float, **options: Any) -> Exception:
    """The call fails with ``error`` within ``bound`` seconds and leaves no connection open."""
    started = time.monotonic()
    with pytest.raises(error) as caught:
        call(mode, server.url, retrieve, **options)
    elapsed = time.monotonic() - started
    assert elapsed < bound, f"took {elapsed:.2f}s, bound {bound}s"
    assert server.wait_all_closed() == 0, "a connection was left open"
    return caught.value


def succeeds(mode: str, server: MisbehavingServer, bound: float, **options: Any) -> tuple[Any, float]:
    result, elapsed = call(mode, server.url, retrieve, **options)
    assert elapsed < bound, f"took {elapsed:.2f}s, bound {bound}s"
    assert server.wait_all_closed() == 0, "a connection was left open"
    return result, elapsed


@pytest.mark.parametrize("mode", MODES)
def test_connection_refused(mode: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the socket is closed
    started = time.monotonic()
    with pytest.raises(sdk.APIConnectionError) as caught:
        call(mode, f"http://127.0.0.1:{port}", retrieve, max_retries=1)
    assert time.monotonic() - started < 5
    assert not isinstance(caught.value, sdk.APITimeoutError)


@pytest.mark.parametrize("mode", MODES)
def test_connection_reset_mid_body(mode: str) -> None:
    def behaviour(x: Exchange) -> bool:
        x.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + JOB[:20])
        return x.reset()

    with MisbehavingServer(behaviour) as server:
        raises(mode, server, sdk.APIConnectionError, bound=10, max_retries=2)
        assert len(server.requests) == 3  # a transport failure is retried


@pytest.mark.parametrize("mode", MODES)
def test_response_slower_than_the_timeout(mode: str) -> None:
    def behaviour(x: Exchange) -> bool:
        if x.stall(3.0):
            return False
        return x.respond(200, JOB)

    with MisbehavingServer(behaviour) as server:
        raises(mode, server, sdk.APITimeoutError, bound=2.0, timeout=0.3)
        assert len(server.requests) == 1


@pytest.mark.parametrize("mode", MODES)
def test_server_that_accepts_and_never_answers(mode: str) -> None:
    with MisbehavingServer(lambda x: x.stall(60) and False) as server:
        raises(mode, server, sdk.APITimeoutError, bound=4.0, timeout=0.4, max_retries=1)
        assert len(server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_429_with_retry_after(mode: str, form: str) -> None:
    def behaviour(x: Exchange) -> bool:
        if x.attempt == 1:
            when = "1" if form == "seconds" else email.utils.formatdate(time.time() + 2, usegmt=True)
            return x.respond(429, b'{"error": "slow down"}', headers={"Retry-After": when})
        return x.respond(200, JOB)

    with MisbehavingServer(behaviour) as server:
        result, elapsed = succeeds(mode, server, bound=6, max_retries=2)
        assert result.id == "bmj_1" and len(server.requests) == 2
        assert elapsed >= 0.9  # the server's delay was obeyed (an HTTP date has 1 s resolution)


@pytest.mark.parametrize("mode", MODES)
def test_503_then_200(mode: str) -> None:
    with MisbehavingServer(
        lambda x: x.respond(503, b"busy", "text/plain") if x.attempt == 1 else x.respond(200, JOB)
    ) as server:
        result, _ = succeeds(mode, server, bound=5, max_retries=2)
        assert result.name == "nightly" and len(server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
def test_500_every_time_gives_up_after_max_retries(mode: str) -> None:
    with MisbehavingServer(lambda x: x.respond(500, b'{"error": "boom"}')) as server:
        error = raises(mode, server, sdk.InternalServerError, bound=8, max_retries=2)
        assert len(server.requests) == 3  # max_retries + 1 attempts
        assert isinstance(error, sdk.InternalServerError) and error.status_code == 500


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),  # invalid JSON
        (JOB[: len(JOB) // 2], "application/json"),  # truncated JSON (its length announced honestly)
        (b"<html><body>Oops</body></html>", "text/html"),  # wrong content type
        (b"", "application/json"),  # empty body
    ],
    ids=["invalid-json", "truncated-json", "wrong-content-type", "empty-body"],
)
def test_undecodable_success_bodies(mode: str, body: bytes, content_type: str) -> None:
    with MisbehavingServer(lambda x: x.respond(200, body, content_type)) as server:
        error = raises(mode, server, sdk.APIResponseValidationError, bound=3, max_retries=2)
        assert len(server.requests) == 1  # the server answered: retrying cannot help
        assert isinstance(error, sdk.APIResponseValidationError) and error.status_code == 200


@pytest.mark.parametrize("mode", MODES)
def test_html_error_page(mode: str) -> None:
    page = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>" + b"x" * 5000 + b"</body></html>"
    with MisbehavingServer(lambda x: x.respond(502, page, "text/html")) as server:
        error = raises(mode, server, sdk.InternalServerError, bound=3)
        assert isinstance(error, sdk.APIStatusError) and error.status_code == 502
        assert len(str(error)) < 1000  # the page is cut in the message


@pytest.mark.parametrize("mode", MODES)
def test_50_mb_body(mode: str) -> None:
    big = json.dumps(job(name="n" * 50_000_000)).encode()
    with MisbehavingServer(lambda x: x.respond(200, big)) as server:
        result, _ = succeeds(mode, server, bound=30)
        assert len(result.name) == 50_000_000


@pytest.mark.parametrize("mode", MODES)
def test_50_mb_error_body_keeps_the_message_short(mode: str) -> None:
    big = json.dumps({"error": "e" * 50_000_000}).encode()
    with MisbehavingServer(lambda x: x.respond(400, big)) as server:
        error = raises(mode, server, sdk.BadRequestError, bound=30)
        assert len(str(error)) < 2000


@pytest.mark.parametrize("mode", MODES)
def test_chunked_response(mode: str) -> None:
    def behaviour(x: Exchange) -> bool:
        x.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        for start in range(0, len(JOB), 7):
            piece = JOB[start : start + 7]
            x.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        x.send(b"0\r\n\r\n")
        return True

    with MisbehavingServer(behaviour) as server:
        result, _ = succeeds(mode, server, bound=3)
        assert result.id == "bmj_1"


@pytest.mark.parametrize("mode", MODES)
def test_redirect(mode: str) -> None:
    def behaviour(x: Exchange) -> bool:
        if x.request.target.startswith("/v1/benchmark_jobs/bmj_1"):
            return x.respond(307, b"", headers={"Location": "/v2/moved/bmj_1"})
        return x.respond(200, JOB)

    with MisbehavingServer(behaviour) as server:
        result, _ = succeeds(mode, server, bound=3)
        assert result.id == "bmj_1"
        assert [r.target for r in server.requests] == ["/v1/benchmark_jobs/bmj_1", "/v2/moved/bmj_1"]


@pytest.mark.parametrize("mode", MODES)
def test_unknown_enum_value_kept_when_lenient_refused_when_strict(mode: str) -> None:
    body = json.dumps(job(state="teleporting")).encode()
    with MisbehavingServer(lambda x: x.respond(200, body)) as server:
        result, _ = succeeds(mode, server, bound=3)
        assert result.state == "teleporting"
        error = raises(mode, server, sdk.APIResponseValidationError, bound=3, strict_response_validation=True)
        assert "teleporting" in str(error)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_missing_required_field(mode: str, strict: bool) -> None:
    """Lenient parsing keeps what is unknown, never what is missing: both modes refuse."""
    body = json.dumps({k: v for k, v in job().items() if k != "name"}).encode()
    with MisbehavingServer(lambda x: x.respond(200, body)) as server:
        error = raises(mode, server, sdk.APIResponseValidationError, bound=3, strict_response_validation=strict)
        assert "/name: Field required" in str(error)
        assert len(server.requests) == 1
