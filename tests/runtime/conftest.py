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

from tests.runtime.helpers import RUNTIME_DIR


def _install_runtime_package() -> None:
    root = Path(tempfile.mkdtemp(prefix="sdkruntime-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    package = root / "sdkruntime"
    package.mkdir()
    for source in RUNTIME_DIR.glob("*.py"):
        shutil.copy(source, package / source.name)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))


_install_runtime_package()


# -- shared fixtures (imported after the runtime package exists) ----------------------

from collections.abc import Iterator  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402

from tests.runtime.fakesdk import API_KEY, AsyncFakeSDK, FakeSDK  # noqa: E402
from tests.runtime.helpers import MockAPI  # noqa: E402


@pytest.fixture
def api() -> MockAPI:
    return MockAPI()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(api: MockAPI, sleeps: list[float], monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSDK]:
    http = httpx.Client(transport=httpx.MockTransport(api))
    sdk = FakeSDK(api_key=API_KEY, http_client=http)
    # Retries wait through _sleep: record the delays instead of sleeping.
    monkeypatch.setattr(sdk, "_sleep", sleeps.append)
    yield sdk
    http.close()


@pytest.fixture
def aclient(api: MockAPI, sleeps: list[float], monkeypatch: pytest.MonkeyPatch) -> AsyncFakeSDK:
    sdk = AsyncFakeSDK(
        api_key=API_KEY,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(api)),
    )

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    monkeypatch.setattr(sdk, "_sleep", fake_sleep)
    return sdk
