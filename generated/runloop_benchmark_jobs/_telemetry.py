"""Telemetry headers: which SDK and platform sent a request, and which attempt it is.

They tell an API's owner which SDK versions and Python versions call it and how often
calls are retried. They carry nothing about the user, the machine's name or the data:
only the values below. ``telemetry=False`` on the client turns them off.
"""

from __future__ import annotations

import platform

import httpx

__all__ = ["PLATFORM_HEADER", "RETRY_COUNT_HEADER", "telemetry_headers", "user_agent"]

RETRY_COUNT_HEADER = "X-SDK-Retry-Count"
PLATFORM_HEADER = "X-SDK-Platform"
_PYTHON_VERSION = ".".join(platform.python_version_tuple()[:2])
# Common spellings of the same architecture reported as one value.
_ARCH = {"amd64": "x64", "x86_64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def user_agent(sdk_name: str, version: str) -> str:
    """``<package>/<version> python/<major>.<minor> httpx/<version>``."""
    return f"{sdk_name}/{version} python/{_PYTHON_VERSION} httpx/{httpx.__version__}"


def telemetry_headers(sdk_name: str, version: str, *, is_async: bool) -> dict[str, str]:
    """The headers every request carries while telemetry is on (but the retry count).

    ``X-SDK-Platform`` is one RFC 8941 structured-field dictionary, e.g. ``lang=python,
    package-version="1.2.0", os=linux, arch=x64, runtime=cpython,
    runtime-version="3.12.4", async=?0``: one header rather than seven keeps the
    per-call cost low (httpx's cost grows with the number of headers).
    """
    machine = platform.machine().lower()
    fields = {
        "lang": "python",
        "package-version": _string(version),
        "os": _token(platform.uname().system),
        "arch": _token(_ARCH.get(machine, machine)),
        "runtime": _token(platform.python_implementation()),
        "runtime-version": _string(platform.python_version()),
        "async": "?1" if is_async else "?0",
    }
    return {
        "User-Agent": user_agent(sdk_name, version),
        PLATFORM_HEADER: ", ".join(f"{key}={value}" for key, value in fields.items()),
    }


def _token(value: str) -> str:
    """A structured-field token: lower case letters, digits and ``_.-``; ``unknown`` if empty."""
    cleaned = "".join(
        c for c in value.lower() if c.isascii() and (c.isalnum() or c in "_.-")
    )
    return cleaned if cleaned[:1].isalpha() else "unknown"


def _string(value: str) -> str:
    """A structured-field string: printable ASCII in quotes, ``"`` and ``\\`` escaped."""
    printable = "".join(c for c in value if " " <= c <= "~")
    return '"' + printable.replace("\\", "\\\\").replace('"', '\\"') + '"'
