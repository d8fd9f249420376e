"""Start and stop the Prism mock server (``@stoplight/prism-cli``) installed by ``.ci/prism/install``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.helpers import REPO

INSTALL = REPO / ".ci" / "prism" / "install"
PRISM = REPO / ".prism" / "node_modules" / ".bin" / "prism"
_START_TIMEOUT = 90.0


def prism_executable() -> Path:
    """The pinned Prism, installed on first use; skips (fails in CI) without Node.js and npm."""
    if not (shutil.which("node") and shutil.which("npm")):
        reason = "Node.js and npm are needed to run Prism for the contract tests"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, and CI must run them")
        pytest.skip(f"{reason}; they are not on PATH")
    # Up to date already: the script returns at once.
    done = subprocess.run(["bash", str(INSTALL)], capture_output=True, text=True, check=False)
    if done.returncode != 0 or not PRISM.exists():
        pytest.fail(f"installing Prism failed (bash {INSTALL}):\n{done.stdout}\n{done.stderr}")
    return PRISM


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class PrismServer:
    """A running ``prism mock`` process."""

    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    def stop(self) -> None:
        """Stop the process (and anything it started) by its id; idempotent."""
        if self.process.poll() is not None:
            return
        # It leads its own process group (start_new_session), so the group id is its pid.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 30) -> str:
        """The last lines Prism printed."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def start_prism(spec: Path, log: Path, *, seed: int | None = None) -> PrismServer:
    """Run ``prism mock spec`` on a free port of 127.0.0.1 (``--dynamic --seed`` if ``seed``) and wait until it answers."""
    port = free_port()
    command = [str(prism_executable()), "mock", str(spec), "-h", "127.0.0.1", "-p", str(port)]
    if seed is not None:
        command += ["--dynamic", "--seed", str(seed)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    server = PrismServer(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + _START_TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(f"Prism exited with code {process.returncode} before answering:\n{server.log_tail()}")
        try:
            # Any answer, even a 404 for this path, means Prism is serving the document.
            httpx.get(server.base_url + "/__sdkgen_ready__", timeout=1.0)
            return server
        except httpx.TransportError:
            if time.monotonic() > deadline:
                server.stop()
                pytest.fail(f"Prism did not answer within {_START_TIMEOUT:.0f} s:\n{server.log_tail()}")
            time.sleep(0.2)


def violations(response: httpx.Response) -> list[dict[str, object]]:
    """Prism's list of violations of a response (its ``sl-violations`` header), or its problem body."""
    header = response.headers.get("sl-violations")
    if header:
        parsed = json.loads(header)
        return parsed if isinstance(parsed, list) else [parsed]
    return []


def describe(found: list[dict[str, object]]) -> str:
    """One line per violation: where (``request.body.spec.type``) and Prism's message."""
    lines = []
    for v in found:
        location = v.get("location")
        where = ".".join(str(part) for part in location) if isinstance(location, list) else "?"
        lines.append(f"  {v.get('severity', '?')} at {where}: {v.get('message', v)}")
    return "\n".join(lines)
