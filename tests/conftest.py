"""Settings for the whole test run."""

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
