"""The generator's own code meets the bar it sets for its output: ruff, formatting, mypy --strict."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "--no-cache", "generator", "templates/runtime", "tests", "bench")
    assert lint.returncode == 0, lint.stdout
    fmt = _run("ruff", "format", "--check", "--no-cache", "generator", "tests", "bench")
    assert fmt.returncode == 0, fmt.stdout


def test_runtime_source_is_black_formatted() -> None:
    result = _run("black", "--check", "--quiet", "templates/runtime")
    assert result.returncode == 0, result.stderr


def test_mypy_strict_on_the_generator() -> None:
    result = _run("mypy", "--strict", "generator")
    assert result.returncode == 0, result.stdout
