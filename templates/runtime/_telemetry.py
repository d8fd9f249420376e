"""Telemetry headers: which SDK and platform sent a request, and which attempt it is.

They tell an API's owner which SDK versions and Python versions call it and how often
calls are retried. They carry nothing about the user, the machine's name or the data:
only the values below. ``telemetry=False`` on the client turns them off.
"""

from __future__ import annotations

import platform

import httpx

__all__ = ["RETRY_COUNT_HEADER", "telemetry_headers", "user_agent"]

RETRY_COUNT_HEADER = "X-SDK-Retry-Count"
_PYTHON_VERSION = ".".join(platform.python_version_tuple()[:2])
# Common spellings of the same architecture reported as one value.
_ARCH = {"amd64": "x64", "x86_64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def user_agent(sdk_name: str, version: str) -> str:
    """``<package>/<version> python/<major>.<minor> httpx/<version>``."""
    return f"{sdk_name}/{version} python/{_PYTHON_VERSION} httpx/{httpx.__version__}"


def telemetry_headers(sdk_name: str, version: str, *, is_async: bool) -> dict[str, str]:
    """The headers every request carries while telemetry is on (but the retry count)."""
    machine = platform.machine().lower()
    return {
        "User-Agent": user_agent(sdk_name, version),
        "X-SDK-Lang": "python",
        "X-SDK-Package-Version": version,
        "X-SDK-OS": platform.system() or "unknown",
        "X-SDK-Arch": _ARCH.get(machine, machine or "unknown"),
        "X-SDK-Runtime": platform.python_implementation(),
        "X-SDK-Runtime-Version": platform.python_version(),
        "X-SDK-Async": "true" if is_async else "false",
    }
