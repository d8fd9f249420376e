"""Suite-wide settings: a model cache of the run's own, and tests marked ``slow`` run in CI (``CI`` set), with ``--run-slow``, or as ``-m`` selects."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_SESSION_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Keep the model cache of this test run in a folder of its own, not the user's cache.

    Generations within the run share it (later ones hit it, as a user's reruns would);
    the tests of the cache itself use folders of their own.
    """
    if "SDKGEN_CACHE_DIR" not in os.environ:
        _SESSION_CACHE.append(tempfile.mkdtemp(prefix="sdkgen-test-cache-"))
        os.environ["SDKGEN_CACHE_DIR"] = _SESSION_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _SESSION_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow (CI always does)")


def _run_slow(config: pytest.Config) -> bool:
    return (
        bool(os.environ.get("CI")) or bool(config.getoption("--run-slow")) or "slow" in (config.option.markexpr or "")
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _run_slow(config):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]


def pytest_report_header(config: pytest.Config) -> str:
    if _run_slow(config):
        return "slow tests: included"
    return "slow tests: deselected (run with --run-slow, or CI=true as `bash .ci/run` does in CI)"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skips = [
        (report.nodeid, value)
        for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed")
        for name, value in getattr(report, "user_properties", [])
        if name == "conformance_skip"
    ]
    if skips:
        terminalreporter.section(f"conformance: {len(skips)} operations skipped by the generator, with its warning")
        for nodeid, text in skips:
            terminalreporter.line(f"{nodeid.split('[')[-1].rstrip(']')}: {text}")
