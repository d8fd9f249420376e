"""`build` and `publish` end to end: a real package index (pypiserver on 127.0.0.1), pip, a fresh venv."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import venv
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import GENERATED, run_generator

pytestmark = pytest.mark.slow

USER, PASSWORD = "sdk-publisher", "s3cret-Upload-Token-9f2e"

SMOKE = """
import httpx, runloop_benchmark_jobs as sdk

def handler(request):
    return httpx.Response(200, json={"id": "bmj_1", "name": "n", "state": "running", "create_time_ms": 1})

client = sdk.Runloop(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
job = client.benchmark_jobs.retrieve("bmj_1")
assert isinstance(job, sdk.types.BenchmarkJobView) and job.id == "bmj_1"
print("ok", sdk.__version__, sdk.__file__)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def index(tmp_path: Path) -> Iterator[str]:
    """A pypiserver on 127.0.0.1 that takes uploads from USER only; its URL. Stopped by its process id."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # passlib imports the `crypt` module
        from passlib.apache import HtpasswdFile

    passwords = tmp_path / "htpasswd"
    htpasswd = HtpasswdFile(str(passwords), new=True)
    htpasswd.set_password(USER, PASSWORD)
    htpasswd.save()
    packages = tmp_path / "packages"
    packages.mkdir()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pypiserver", "run", "-p", str(port), "-i", "127.0.0.1", "-P", str(passwords),
         "-a", "update", "--disable-fallback", "--server", "wsgiref", str(packages)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("pypiserver did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _clean_env(**extra: str) -> dict[str, str]:
    """This environment without pip's or twine's own settings (only the test's index counts)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "TWINE_"))}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def test_build_publish_install_and_a_second_publish_is_refused(tmp_path: Path, index: str) -> None:
    project = tmp_path / "sdk"
    shutil.copytree(GENERATED, project, ignore=shutil.ignore_patterns("__pycache__", "dist", "*.egg-info"))
    built = run_generator("build", "-o", str(project), timeout=600)
    assert built.returncode == 0, built.stderr
    names = sorted(Path(line).name for line in built.stdout.split())
    assert names == ["runloop_benchmark_jobs-0.1.0-py3-none-any.whl", "runloop_benchmark_jobs-0.1.0.tar.gz"]
    assert "built and checked 2 file(s)" in built.stderr

    credentials = {"TWINE_USERNAME": USER, "TWINE_PASSWORD": PASSWORD}
    published = run_generator("publish", "-o", str(project), "--repository-url", index,
                              env=_clean_env(**credentials), timeout=300)  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert f"published runloop-benchmark-jobs 0.1.0 to {index}" in published.stderr
    assert PASSWORD not in published.stdout + published.stderr

    # A fresh virtual environment installs it from the index; its dependencies come from this one.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    (Path(site) / "deps-of-the-test.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--index-url", index + "simple/", "runloop-benchmark-jobs==0.1.0"],
        capture_output=True, text=True, env=_clean_env(), timeout=300, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    smoke = subprocess.run(
        [python, "-c", SMOKE], capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False
    )
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    assert smoke.stdout.startswith("ok 0.1.0") and str(env_dir) in smoke.stdout  # the installed copy

    again = run_generator("publish", "-o", str(project), "--repository-url", index,
                          env=_clean_env(**credentials), timeout=300)  # fmt: skip
    assert again.returncode == 1
    assert (
        f"error: {index} already has runloop-benchmark-jobs 0.1.0: an index never takes the same version twice"
        in again.stderr
    )
    assert PASSWORD not in again.stdout + again.stderr


def test_publish_with_wrong_credentials_fails_without_showing_them(tmp_path: Path, index: str) -> None:
    project = tmp_path / "sdk"
    shutil.copytree(GENERATED, project, ignore=shutil.ignore_patterns("__pycache__", "dist", "*.egg-info"))
    nothing = run_generator("publish", "-o", str(project), "--repository-url", index, env=_clean_env())
    assert nothing.returncode == 2 and "nothing built for runloop-benchmark-jobs 0.1.0" in nothing.stderr
    built = run_generator("build", "-o", str(project), timeout=600)
    assert built.returncode == 0, built.stderr
    wrong = "not-the-Password-7731"
    in_url = index.replace("http://", f"http://{USER}:{wrong}@")
    result = run_generator("publish", "-o", str(project), "--repository-url", in_url,
                           env=_clean_env(TWINE_USERNAME=USER, TWINE_PASSWORD=wrong), timeout=300)  # fmt: skip
    assert result.returncode == 1
    assert "uploading runloop-benchmark-jobs 0.1.0" in result.stderr and "failed" in result.stderr
    assert wrong not in result.stdout + result.stderr
    assert f"http://{USER}:***@127.0.0.1" in result.stderr
