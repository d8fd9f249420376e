"""The documents under contract test, their SDKs, and the Prism servers that mock them.

One Prism process runs at a time: the pool stops the previous one when a test asks for
another document or mode, and the tests are generated grouped by document and mode.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.ir import ApiIR
from tests.contract.calls import load_api
from tests.contract.prism import PrismServer, start_prism
from tests.helpers import GENERATED, REPO, SPEC, generate, import_fresh

_SHARED = Path(os.environ.get("SDKGEN_SHARED_DIR", REPO.parent / "shared"))
# The documents whose SDKs are checked, so the check is not tuned to our own spec.
DOCUMENTS: dict[str, Callable[[], Path]] = {
    "benchmark_jobs": lambda: SPEC,
    "petstore_expanded": lambda: _SHARED / "specs" / "oai-petstore-expanded-3.0.yaml",
    "peer_opc_baseline": lambda: _SHARED / "specs" / "peer-opc" / "baseline_openapi_3.1.yaml",
    "redocly_cafe_multi_file": lambda: _SHARED / "specs-multi-file" / "redocly-cafe-3.1" / "openapi.yaml",
}
# Static examples, then payloads generated from the schemas with two fixed seeds.
MODES: dict[str, int | None] = {"static": None, "dynamic_seed_1": 1, "dynamic_seed_20260101": 20260101}

_apis: dict[str, ApiIR] = {}


def package_name(document: str) -> str:
    """The import name of the SDK of ``document``: its own, since other tests import SDKs of some documents too."""
    return "runloop_benchmark_jobs" if document == "benchmark_jobs" else f"contract_{document}"


def api_of(document: str) -> ApiIR:
    """The IR of ``document``, with the names its SDK is generated with (built once)."""
    if document not in _apis:
        spec = DOCUMENTS[document]()
        _apis[document] = (
            load_api(spec) if document == "benchmark_jobs" else load_api(spec, package_name=package_name(document))
        )
    return _apis[document]


class SdkCache:
    """Each document's SDK: the committed generated/ for ours, generated once per session for the others."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.sdks: dict[str, Any] = {}

    def get(self, document: str) -> Any:
        """The imported SDK package of ``document``."""
        if document not in self.sdks:
            if document == "benchmark_jobs":
                if str(GENERATED) not in sys.path:
                    sys.path.insert(0, str(GENERATED))
                import runloop_benchmark_jobs

                self.sdks[document] = runloop_benchmark_jobs
            else:
                spec, out = DOCUMENTS[document](), self.workdir / document
                code = generate(spec, out, "--package-name", package_name(document))
                if code != 0:
                    pytest.fail(f"generating the SDK of {spec} failed with exit code {code}")
                self.sdks[document] = import_fresh(package_name(document), out)
        return self.sdks[document]


class PrismPool:
    """At most one running Prism, for the (document, mode) asked for last."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.key: tuple[str, str] | None = None
        self.server: PrismServer | None = None
        self.started = 0

    def get(self, document: str, mode: str) -> PrismServer:
        """The Prism mocking ``document`` in ``mode``, started if it is not the running one."""
        if self.key != (document, mode) or self.server is None or self.server.process.poll() is not None:
            self.close()
            self.server = start_prism(DOCUMENTS[document](), self.logs / f"{document}-{mode}.log", seed=MODES[mode])
            self.key = (document, mode)
            self.started += 1
        return self.server

    def close(self) -> None:
        """Stop the running Prism, if any."""
        if self.server is not None:
            self.server.stop()
        self.server, self.key = None, None


@pytest.fixture(scope="session")
def prism_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismPool]:
    pool = PrismPool(tmp_path_factory.mktemp("prism-logs"))
    try:
        yield pool
    finally:  # also when tests failed or the session was interrupted
        pool.close()


@pytest.fixture(scope="session")
def sdks(tmp_path_factory: pytest.TempPathFactory) -> SdkCache:
    return SdkCache(tmp_path_factory.mktemp("contract-sdks"))
