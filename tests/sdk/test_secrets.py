"""The API key never shows: not in the client's repr/str, any exception or its cause chain,
debug logs (the retry path included), nor in generated files. Against a real local server."""

from __future__ import annotations

import json
import logging
import traceback
from pathlib import Path
from typing import Any

import pytest
import runloop_benchmark_jobs as sdk

from tests.helpers import SPEC, read_all_text, run_generator
from tests.sdk.conftest import API_KEY, job
from tests.sdk.realserver import Exchange, MisbehavingServer
from tests.sdk.test_real_server import MODES, call, retrieve


def everything_said_about(error: BaseException) -> str:
    """The full report of an exception: messages, reprs and args of it and its whole cause chain."""
    parts = ["".join(traceback.format_exception(error))]
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts += [str(current), repr(current), repr(current.args), str(getattr(current, "message", ""))]
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def failure(mode: str, behaviour: Any, **options: Any) -> BaseException:
    with MisbehavingServer(behaviour) as server:
        with pytest.raises(sdk.APIError) as caught:
            call(mode, server.url, retrieve, **options)
        assert server.requests, "the request reached the server"
        assert server.requests[0].headers["authorization"] == f"Bearer {API_KEY}"  # the key was sent
    return caught.value


def test_client_repr_and_str() -> None:
    with sdk.Runloop(api_key=API_KEY, base_url="http://127.0.0.1:9") as client:
        copy = client.with_options(max_retries=1)
        for text in (repr(client), str(client), repr(copy), str(copy), repr(client.benchmark_jobs), f"{client!r}"):
            assert API_KEY not in text


@pytest.mark.asyncio
async def test_async_client_repr_and_str() -> None:
    async with sdk.AsyncRunloop(api_key=API_KEY, base_url="http://127.0.0.1:9") as client:
        for text in (repr(client), str(client), repr(client.with_options(timeout=1)), repr(client.benchmark_jobs)):
            assert API_KEY not in text


ECHO = json.dumps({"message": f"bad key {API_KEY}", "header": f"Bearer {API_KEY}"}).encode()
FAILURES = {
    "401-echoing-the-key": lambda x: x.respond(401, ECHO),
    "500-echoing-the-key-after-retries": lambda x: x.respond(500, ECHO),
    "html-page-echoing-the-key": lambda x: x.respond(502, b"<html>Authorization: Bearer " + API_KEY.encode() + b"</html>", "text/html"),
    "invalid-json-echoing-the-key": lambda x: x.respond(200, b"{oops " + API_KEY.encode()),
    "wrong-type-holding-the-key": lambda x: x.respond(200, json.dumps(job(name={"token": API_KEY})).encode()),
    "reset": lambda x: x.send(b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{") or x.reset(),
    "timeout": lambda x: x.stall(5) and False,
}  # fmt: skip


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", list(FAILURES))
def test_no_key_in_exceptions_or_their_causes(mode: str, name: str) -> None:
    error = failure(mode, FAILURES[name], max_retries=1, timeout=0.3)
    assert API_KEY not in everything_said_about(error)


@pytest.mark.parametrize("mode", MODES)
def test_no_key_in_strict_validation_errors(mode: str) -> None:
    body = json.dumps(job(job_source={"type": "brand_new", "secret": API_KEY})).encode()
    error = failure(mode, lambda x: x.respond(200, body), strict_response_validation=True)
    assert isinstance(error, sdk.APIResponseValidationError)
    assert API_KEY not in everything_said_about(error)


@pytest.mark.parametrize("mode", MODES)
def test_no_key_in_debug_logs_on_the_retry_path(
    mode: str, sdk_debug_log: logging.Logger, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: the SDK's, httpx's and httpcore's

    def behaviour(x: Exchange) -> bool:
        if x.attempt == 1:
            return x.respond(503, ECHO, headers={"Retry-After": "0.01"})
        if x.attempt == 2:
            return x.send(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{") or x.reset()
        return x.respond(200, JOB_WITH_KEY)

    with MisbehavingServer(behaviour) as server:
        result, _ = call(mode, server.url, retrieve, max_retries=3)
        assert len(server.requests) == 3
    assert result.name == API_KEY  # the data itself is the caller's: only logs and messages hide it
    text = caplog.text
    assert "Retrying" in text and "headers=" in text  # the retry path and request headers were logged
    assert API_KEY not in text


JOB_WITH_KEY = json.dumps(job(name=API_KEY)).encode()


def test_no_key_in_generated_files(tmp_path: Path) -> None:
    """Credentials present at generation time (the SDK's environment variable) are never written."""
    secret = "sk-generation-time-secret-9f3a"
    out = tmp_path / "out"
    result = run_generator(
        "generate", str(SPEC), "-o", str(out), env={"RUNLOOP_API_KEY": secret, "RUNLOOP_BASE_URL": secret}
    )
    assert result.returncode == 0, result.stderr
    text = read_all_text(out)
    assert "Authorization" in text  # the files that would carry a credential are there
    assert secret not in text and API_KEY not in text
