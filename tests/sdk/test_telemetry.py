"""Telemetry headers: the SDK, language, platform and the retry count of each attempt; nothing about
the user; off with ``telemetry=False``. Sync and async."""

from __future__ import annotations

import asyncio
import getpass
import platform
import socket
import sys
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import job, patch_sleep, sequence

TELEMETRY = {"x-sdk-platform", "x-sdk-retry-count"}
MODES = ["sync", "async"]


def retrieve(client: Any, mode: str) -> Any:
    result = client.benchmark_jobs.retrieve("bmj_1")
    return result if mode == "sync" else asyncio.run(result)


@pytest.mark.parametrize("mode", MODES)
def test_every_request_says_which_sdk_and_platform_sent_it(make_client: Any, sdk: Any, mode: str) -> None:
    client, server = make_client(lambda r: httpx.Response(200, json=job()), use_async=mode == "async")
    retrieve(client, mode)
    headers = server.last.headers
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert (
        headers["user-agent"] == f"runloop_benchmark_jobs/{sdk.__version__} python/{python} httpx/{httpx.__version__}"
    )
    assert headers["x-sdk-retry-count"] == "0"
    # One RFC 8941 dictionary: key=token, key="string", key=?boolean.
    fields = dict(item.split("=", 1) for item in headers["x-sdk-platform"].split(", "))
    arch = platform.machine().lower()
    assert fields == {
        "lang": "python",
        "package-version": f'"{sdk.__version__}"',
        "os": platform.system().lower(),
        "arch": {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(arch, arch),
        "runtime": platform.python_implementation().lower(),
        "runtime-version": f'"{platform.python_version()}"',
        "async": "?1" if mode == "async" else "?0",
    }
    assert {k for k in headers if k.startswith("x-sdk-")} == TELEMETRY


@pytest.mark.parametrize("mode", MODES)
def test_the_retry_count_is_that_of_each_attempt(make_client: Any, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = sequence(httpx.Response(503), httpx.Response(429), httpx.Response(200, json=job()))
    client, server = make_client(answers, use_async=mode == "async", max_retries=2)
    patch_sleep(monkeypatch, client)
    retrieve(client, mode)
    assert [r.headers["x-sdk-retry-count"] for r in server.requests] == ["0", "1", "2"]


@pytest.mark.parametrize("mode", MODES)
def test_nothing_about_the_user_or_the_machine_is_sent(make_client: Any, mode: str) -> None:
    client, server = make_client(lambda r: httpx.Response(200, json=job()), use_async=mode == "async")
    retrieve(client, mode)
    sent = " ".join(f"{k}: {v}" for k, v in server.last.headers.items() if k != "authorization").lower()
    for private in {getpass.getuser(), socket.gethostname(), platform.node()} - {""}:
        assert private.lower() not in sent
    assert {k for k in server.last.headers if k.startswith("x-sdk-")} == TELEMETRY


@pytest.mark.parametrize("mode", MODES)
def test_telemetry_can_be_turned_off(make_client: Any, mode: str) -> None:
    client, server = make_client(lambda r: httpx.Response(200, json=job()), use_async=mode == "async", telemetry=False)
    retrieve(client, mode)
    retrieve(client.with_options(telemetry=True), mode)
    off, on = server.requests
    assert not [k for k in off.headers if k.startswith("x-sdk-")]
    assert off.headers["user-agent"] == "runloop_benchmark_jobs"  # no versions; some APIs refuse no User-Agent
    assert TELEMETRY <= set(on.headers)
    retrieve(client.with_options(telemetry=True).with_options(telemetry=False), mode)
    assert not [k for k in server.last.headers if k.startswith("x-sdk-")]
