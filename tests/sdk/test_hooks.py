"""Hooks (before_request, after_response, on_error) on the client and per call via with_options,
sync and async, against a real HTTP server on 127.0.0.1: they sign requests the server verifies,
run in the documented order, and an exception in a hook surfaces as itself, never retried."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import runloop_benchmark_jobs as sdk

from tests.sdk.conftest import API_KEY, job
from tests.sdk.realserver import Exchange, MisbehavingServer
from tests.sdk.test_real_server import MODES

SIGNING_KEY = b"hook-signing-key"
JOB = json.dumps(job()).encode()


def signature(method: str, target: str, body: bytes) -> str:
    return hmac.new(SIGNING_KEY, f"{method}\n{target}\n".encode() + body, hashlib.sha256).hexdigest()


def verifying(exchange: Exchange) -> bool:
    """The API: answers only requests whose X-Signature is the HMAC of method, target and body."""
    request = exchange.request
    expected = signature(request.method, request.target, request.body)
    if not hmac.compare_digest(request.headers.get("x-signature", ""), expected):
        return exchange.respond(401, b'{"message": "bad signature"}')
    return exchange.respond(200, JOB)


def sign(request: httpx.Request) -> None:
    request.headers["X-Signature"] = signature(request.method, request.url.raw_path.decode(), request.read())


async def async_sign(request: httpx.Request) -> None:
    sign(request)


def run(mode: str, url: str, operation: Callable[[Any], Any], **options: Any) -> Any:
    """``operation(client)`` on a fresh client of ``mode`` (hooks given as they suit the mode)."""
    options.setdefault("max_retries", 0)
    if mode == "sync":
        with sdk.Runloop(api_key=API_KEY, base_url=url, **options) as client:
            return operation(client)

    async def go() -> Any:
        async with sdk.AsyncRunloop(api_key=API_KEY, base_url=url, **options) as client:
            return await operation(client)

    return asyncio.run(go())


@pytest.mark.parametrize("mode", MODES)
def test_a_before_request_hook_signs_requests_the_server_verifies(mode: str) -> None:
    hook = sign if mode == "sync" else async_sign
    with MisbehavingServer(verifying) as server:
        created = run(mode, server.url, lambda c: c.benchmark_jobs.create(name="nightly"), before_request=hook)
        assert created.id == "bmj_1"
        fetched = run(mode, server.url, lambda c: c.benchmark_jobs.retrieve("bmj_1"), before_request=hook)
        assert fetched.id == "bmj_1"
        with pytest.raises(sdk.AuthenticationError):  # unsigned: the server refuses it
            run(mode, server.url, lambda c: c.benchmark_jobs.retrieve("bmj_1"))
        assert [r.method for r in server.requests] == ["POST", "GET", "GET"]
        assert json.loads(server.requests[0].body) == {"name": "nightly"}


@pytest.mark.parametrize("mode", MODES)
def test_per_call_hooks_through_with_options_run_after_the_clients(mode: str) -> None:
    events: list[str] = []

    def recorder(name: str) -> Any:
        def hook(value: Any) -> None:
            detail = value.headers.get("X-SDK-Retry-Count") if isinstance(value, httpx.Request) else value.status_code
            events.append(f"{name}:{detail}")

        async def async_hook(value: Any) -> None:
            hook(value)

        return hook if mode == "sync" else async_hook

    def answers(exchange: Exchange) -> bool:
        return exchange.respond(503 if exchange.attempt == 1 else 200, JOB if exchange.attempt > 1 else b"{}")

    def operation(client: Any) -> Any:
        client._sleep = (lambda s: None) if mode == "sync" else _no_async_sleep
        options = {"before_request": recorder("call-before"), "after_response": recorder("call-after")}
        return client.with_options(**options).benchmark_jobs.retrieve("bmj_1")

    with MisbehavingServer(answers) as server:
        run(
            mode,
            server.url,
            operation,
            max_retries=1,
            before_request=recorder("client-before"),
            after_response=[recorder("client-after")],
        )
    # Each attempt: the client's hooks first, then the per-call ones; the retried 503 is seen too.
    assert events == [
        "client-before:0",
        "call-before:0",
        "client-after:503",
        "call-after:503",
        "client-before:1",
        "call-before:1",
        "client-after:200",
        "call-after:200",
    ]


async def _no_async_sleep(seconds: float) -> None:
    return None


@pytest.mark.parametrize("mode", MODES)
def test_on_error_gets_the_error_the_call_raises(mode: str) -> None:
    seen: list[Exception] = []

    def on_error(error: Exception) -> None:
        seen.append(error)

    async def async_on_error(error: Exception) -> None:
        seen.append(error)

    with MisbehavingServer(lambda exchange: exchange.respond(404, b'{"message": "no such job"}')) as server:
        with pytest.raises(sdk.NotFoundError) as caught:
            run(
                mode,
                server.url,
                lambda c: c.benchmark_jobs.retrieve("bmj_1"),
                on_error=on_error if mode == "sync" else async_on_error,
            )
    assert seen == [caught.value]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("where", ["before_request", "after_response"])
def test_an_exception_in_a_hook_surfaces_as_itself_and_is_not_retried(mode: str, where: str) -> None:
    errors: list[Exception] = []

    class HookFailure(Exception):
        pass

    def broken(value: Any) -> None:
        raise HookFailure("the hook failed")

    def answers(exchange: Exchange) -> bool:
        return exchange.respond(200, JOB)

    with MisbehavingServer(answers) as server:
        with pytest.raises(HookFailure, match="the hook failed") as caught:
            run(
                mode,
                server.url,
                lambda c: c.benchmark_jobs.retrieve("bmj_1"),
                max_retries=3,
                on_error=errors.append,
                **{where: broken},
            )
        assert len(server.requests) == (0 if where == "before_request" else 1)  # never retried
    assert caught.value.__cause__ is None and not isinstance(caught.value, sdk.APIError)
    assert errors == []  # on_error is for the SDK's errors


def test_the_sync_client_refuses_an_async_hook() -> None:
    with MisbehavingServer(lambda exchange: exchange.respond(200, JOB)) as server:
        with pytest.raises(TypeError, match="async client"):
            run("sync", server.url, lambda c: c.benchmark_jobs.retrieve("bmj_1"), before_request=async_sign)
        assert server.requests == []
