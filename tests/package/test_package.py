"""The generated SDKs are publishable packages: they build, install, import cleanly and type-check.

Checked for the committed SDK (generated/), for SDKs generated from two public specs and for
``vault.yaml`` (OAuth2 client credentials, several credential kinds, a waiter).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import GENERATED, generate, shared_dir

PYRIGHT_CONFIG = '{"typeCheckingMode": "strict", "pythonVersion": "3.11", "reportMissingModuleSource": false}\n'


def _run(*command: str | Path, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": ""}
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


@pytest.fixture(scope="module")
def sdks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """name → (project directory, import name) for every SDK checked here."""
    root = tmp_path_factory.mktemp("sdks")
    specs = shared_dir() / "specs"
    result = {"runloop": (GENERATED, "runloop_benchmark_jobs")}
    for name, spec, package in (
        ("petstore", specs / "oai-petstore-3.0.yaml", "petstore"),
        ("peer-opc-3.1", specs / "peer-opc" / "baseline_openapi_3.1.yaml", "opc_baseline"),
        ("vault", Path(__file__).parent / "vault.yaml", "vault"),
    ):
        assert generate(spec, root / name, "--package-name", package) == 0
        result[name] = (root / name, package)
    return result


NAMES = ["runloop", "petstore", "peer-opc-3.1", "vault"]


@pytest.mark.parametrize("name", NAMES)
def test_mypy_strict(sdks: dict[str, tuple[Path, str]], name: str, tmp_path: Path) -> None:
    project, package = sdks[name]
    result = _run(sys.executable, "-m", "mypy", "--strict", "--cache-dir", tmp_path / "cache", package, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", NAMES)
def test_pyright_strict(sdks: dict[str, tuple[Path, str]], name: str, tmp_path: Path) -> None:
    project, package = sdks[name]
    work = tmp_path / "project"
    shutil.copytree(project / package, work / package)
    (work / "pyrightconfig.json").write_text(PYRIGHT_CONFIG)
    # --pythonpath: resolve httpx/pydantic from this interpreter, whatever `python` is on PATH.
    result = _run(sys.executable, "-m", "pyright", "--pythonpath", sys.executable, package, cwd=work)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


@pytest.mark.parametrize("name", NAMES)
def test_ruff_and_black_clean(sdks: dict[str, tuple[Path, str]], name: str) -> None:
    project, package = sdks[name]
    ruff = _run(sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", package, cwd=project)
    assert ruff.returncode == 0, ruff.stdout
    black = _run(sys.executable, "-m", "black", "--check", "--quiet", package, cwd=project)
    assert black.returncode == 0, black.stderr


@pytest.mark.parametrize("name", NAMES)
def test_import_prints_nothing_with_warnings_as_errors(sdks: dict[str, tuple[Path, str]], name: str) -> None:
    project, package = sdks[name]
    result = _run(sys.executable, "-W", "error", "-c", f"import {package}", cwd=project)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr


SMOKE = """
import httpx, runloop_benchmark_jobs as sdk

def handler(request):
    assert request.headers["Authorization"] == "Bearer k"
    return httpx.Response(200, json={"id": "bmj_1", "name": "n", "state": "running", "create_time_ms": 1})

client = sdk.Runloop(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
job = client.benchmark_jobs.retrieve("bmj_1")
assert isinstance(job, sdk.types.BenchmarkJobView) and job.id == "bmj_1"
print("ok", sdk.__version__, sdk.__file__)
"""


def test_wheel_and_sdist_build_and_the_wheel_works_in_a_fresh_venv(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(GENERATED, project, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path / "dist"
    build = _run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist, project, cwd=tmp_path)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    wheels = list(dist.glob("runloop_benchmark_jobs-*.whl"))
    assert len(wheels) == 1 and list(dist.glob("runloop_benchmark_jobs-*.tar.gz"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheels[0], cwd=tmp_path)
    assert install.returncode == 0, install.stderr[-3000:]
    smoke = _run(python, "-c", SMOKE, cwd=tmp_path)
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    assert smoke.stdout.startswith("ok 0.1.0") and str(env_dir) in smoke.stdout  # the installed copy, not generated/
