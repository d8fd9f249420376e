"""Test doubles shared by the runtime tests: a scripted server and a trackable body."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

RUNTIME_DIR = Path(__file__).resolve().parents[2] / "templates" / "runtime"

Responder = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class MockAPI:
    """A scripted server: answers requests in order and records them."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.script: list[Responder] = []

    def add(self, *responders: Responder) -> MockAPI:
        self.script.extend(responders)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.script:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        responder = self.script.pop(0)
        if isinstance(responder, Exception):
            raise responder
        if isinstance(responder, httpx.Response):
            return responder
        return responder(request)


class TrackingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that records whether it was read and closed."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = chunks
        self.read_started = False
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        self.read_started = True
        yield from self.chunks

    async def __aiter__(self) -> Any:
        self.read_started = True
        for chunk in self.chunks:
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def job(job_id: str = "job_1", **fields: object) -> dict[str, object]:
    """A JobView payload."""
    return {"id": job_id, "name": f"name of {job_id}", "state": "running", **fields}
