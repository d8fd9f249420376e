"""Helpers shared by the test folders (import as ``from tests.helpers import ...``)."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
GENERATED = REPO / "generated"
SPEC = REPO / "spec" / "benchmark_jobs.yaml"


def shared_dir() -> Path:
    """The shared folder of public specs and the seed page (``SDKGEN_SHARED_DIR`` overrides)."""
    path = Path(os.environ.get("SDKGEN_SHARED_DIR", REPO.parent / "shared"))
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared folder {path} is missing; CI always has it (set SDKGEN_SHARED_DIR)")
        pytest.skip(f"shared folder {path} is absent (set SDKGEN_SHARED_DIR to run this test)")
    return path


def import_fresh(package: str, root: Path) -> object:
    """Import ``package`` from ``root``, dropping any earlier import of that name."""
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(root))


def generate(spec: Path, out: Path, *args: str) -> int:
    """Run ``python -m generator generate SPEC -o OUT ARGS`` in-process; returns the exit code."""
    from generator.cli import main

    return main(["generate", str(spec), "-o", str(out), "-q", *args])


def generate_sdk(root: Path, spec_text: str, package: str, *args: str) -> Any:
    """Write ``spec_text`` into ``root``, generate the SDK ``package`` (client ``Client``) and import it."""
    spec = root / f"{package}.yaml"
    spec.write_text(spec_text)
    out = root / "out"
    code = generate(spec, out, "--package-name", package, "--client-class", "Client", *args)
    assert code == 0, f"generation of {package} failed with exit code {code}"
    return import_fresh(package, out)


def mock_client(sdk: Any, handler: Any, *, use_async: bool = False, **options: Any) -> Any:
    """A ``Client`` (or ``AsyncClient``) of ``sdk`` whose requests go to ``handler`` (httpx.MockTransport)."""
    transport = httpx.MockTransport(handler)
    if use_async:
        return sdk.AsyncClient(http_client=httpx.AsyncClient(transport=transport), **options)
    return sdk.Client(http_client=httpx.Client(transport=transport), **options)
