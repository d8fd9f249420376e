"""Fixtures for tests of the committed SDK in generated/, over httpx.MockTransport."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.helpers import GENERATED, shared_dir

if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))

import runloop_benchmark_jobs

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
        options.setdefault("api_key", API_KEY)
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


def patch_sleep(monkeypatch: pytest.MonkeyPatch, client: Any) -> list[float]:
    """Replace the client's wait between retries; returns the list of requested delays."""
    delays: list[float] = []
    if isinstance(client, runloop_benchmark_jobs.AsyncRunloop):

        async def fake_async_sleep(seconds: float) -> None:
            delays.append(seconds)

        monkeypatch.setattr(client, "_sleep", fake_async_sleep)
    else:
        monkeypatch.setattr(client, "_sleep", delays.append)
    return delays


def sequence(*responses: httpx.Response | Exception) -> Handler:
    """A handler answering successive requests with ``responses`` (an exception is raised)."""
    remaining = list(responses)

    def respond(request: httpx.Request) -> httpx.Response:
        item = remaining.pop(0) if len(remaining) > 1 else remaining[0]
        if isinstance(item, Exception):
            raise item
        return item

    return respond


class RecordingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body delivered in chunks that records how much of it was read."""

    def __init__(self, body: bytes, chunk_size: int = 16) -> None:
        self.chunks = [body[i : i + chunk_size] for i in range(0, len(body), chunk_size)]
        self.chunks_read = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.chunks_read += 1
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.chunks_read += 1
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


@pytest.fixture
def sdk_debug_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[logging.Logger]:
    """Set ``RUNLOOP_LOG=debug`` for clients made in the test; undo the logger setup after."""
    monkeypatch.setenv("RUNLOOP_LOG", "debug")
    logger = logging.getLogger("runloop_benchmark_jobs")
    level, handlers = logger.level, list(logger.handlers)
    yield logger
    logger.setLevel(level)
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
