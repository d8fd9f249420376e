"""Make ``templates/runtime`` importable as the package ``sdkruntime``.

Generated SDKs receive a verbatim copy of the runtime inside their own package, so the
tests do the same: the files are copied into a temporary ``sdkruntime`` package (with
an empty ``__init__.py``) put first on ``sys.path``. It happens at import time because
test modules import ``sdkruntime`` while being collected.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

RUNTIME_DIR = Path(__file__).resolve().parents[2] / "templates" / "runtime"


def _install_runtime_package() -> None:
    root = Path(tempfile.mkdtemp(prefix="sdkruntime-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    package = root / "sdkruntime"
    package.mkdir()
    for source in RUNTIME_DIR.glob("*.py"):
        shutil.copy(source, package / source.name)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(Path(__file__).resolve().parent))


_install_runtime_package()


# -- shared fixtures (imported after the runtime package exists) ----------------------

from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402
from fakesdk import API_KEY, AsyncFakeSDK, FakeSDK  # noqa: E402

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


@pytest.fixture
def api() -> MockAPI:
    return MockAPI()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(api: MockAPI, sleeps: list[float]) -> Iterator[FakeSDK]:
    http = httpx.Client(transport=httpx.MockTransport(api))
    sdk = FakeSDK(api_key=API_KEY, http_client=http)
    sdk._sleep = sleeps.append  # type: ignore[method-assign]
    yield sdk
    http.close()


@pytest.fixture
def aclient(api: MockAPI, sleeps: list[float]) -> AsyncFakeSDK:
    sdk = AsyncFakeSDK(
        api_key=API_KEY,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(api)),
    )

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    sdk._sleep = fake_sleep  # type: ignore[method-assign]
    return sdk
