"""Helpers shared by the test folders (import as ``from tests.helpers import ...``)."""

from __future__ import annotations

import importlib
import os
import subprocess
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


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write a multi-file document (``{relative path: text}``) under ``root``; returns the first file."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / next(iter(files))


GUARD_SECONDS = 60  # a hang guard for one generator run, not a speed target
MEMORY_LIMIT = 3 << 30  # address space of one generator run: runaway growth fails instead of swapping


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_generator(
    *args: str, cwd: Path | None = None, timeout: float = GUARD_SECONDS, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator ARGS`` in a subprocess (bounded in time and memory)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    environment.pop("SDKGEN_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )


def import_in_subprocess(package: str, root: Path, code: str = "") -> subprocess.CompletedProcess[str]:
    """``python -W error -c "import PACKAGE; CODE"`` with ``root`` on the path."""
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", f"import {package}\n{code}"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
        check=False,
    )


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


def reach(client: Any, dotted: str) -> Any:
    """``client.chat.completions`` from ``"chat.completions"``: a resource, however deeply nested."""
    for attribute in dotted.split("."):
        client = getattr(client, attribute)
    return client


def read_all_text(root: Path) -> str:
    """Every file below ``root`` as text (undecodable bytes replaced), one after another."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*")) if p.is_file())
