"""Fixtures for tests of the committed SDK in generated/, over httpx.MockTransport."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.helpers import GENERATED, shared_dir

if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))

import runloop_benchmark_jobs  # noqa: E402

API_KEY = "rl_test_secret_key_123"
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Answers every request with ``respond`` and records what was sent."""

    def __init__(self, respond: Handler) -> None:
        self.respond = respond
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


@pytest.fixture
def sdk() -> Any:
    return runloop_benchmark_jobs


@pytest.fixture
def make_client() -> Iterator[Callable[..., Any]]:
    clients: list[Any] = []

    def factory(respond: Handler, *, use_async: bool = False, **options: Any) -> tuple[Any, Recorder]:
        recorder = Recorder(respond)
        transport = httpx.MockTransport(recorder)
        options.setdefault("bearer_token", API_KEY)
        if use_async:
            client = runloop_benchmark_jobs.AsyncRunloop(http_client=httpx.AsyncClient(transport=transport), **options)
        else:
            client = runloop_benchmark_jobs.Runloop(http_client=httpx.Client(transport=transport), **options)
        clients.append(client)
        return client, recorder

    yield factory


def seed_example() -> dict[str, Any]:
    """The response example of the documentation page the project started from."""
    text = next((shared_dir() / "seed").glob("*.txt")).read_text()
    marker = "console.log(benchmarkJobListView.has_more);"
    start = text.index(marker) + len(marker)
    value, _ = json.JSONDecoder().raw_decode(text[start:].lstrip())
    assert isinstance(value, dict)
    return value


def job(job_id: str = "bmj_1", **overrides: Any) -> dict[str, Any]:
    """A small valid BenchmarkJobView body."""
    body: dict[str, Any] = {"id": job_id, "name": "nightly", "state": "running", "create_time_ms": 1700000000000}
    body.update(overrides)
    return body
