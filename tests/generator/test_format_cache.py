"""The format cache (formatted trees) and the hint that skips the early model worker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import format_cache
from generator.cli import main
from generator.format_cache import FormatCache, tree_key
from generator.output import read_tree
from tests.generator.test_model_cache import SPEC
from tests.helpers import REPO


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SDKGEN_CACHE_DIR", str(folder))
    return folder


def _generate(tmp_path: Path, name: str, *extra: str, text: str = SPEC) -> dict[str, bytes]:
    spec = tmp_path / "pets.yaml"
    spec.write_text(text, encoding="utf-8")
    assert main(["generate", str(spec), "-o", str(tmp_path / name), "-q", *extra]) == 0
    return read_tree(tmp_path / name)


def test_a_restored_tree_is_the_formatted_tree(tmp_path: Path, cache_dir: Path) -> None:
    fresh = _generate(tmp_path, "fresh", "--no-cache")
    first = _generate(tmp_path, "first")
    assert len(list(cache_dir.glob("*.tree"))) == 1
    second = _generate(tmp_path, "second")  # restored: ruff does not run
    assert fresh == first == second


def test_a_restored_tree_is_used(tmp_path: Path, cache_dir: Path) -> None:
    _generate(tmp_path, "first")
    (entry,) = cache_dir.glob("*.tree")
    cache = FormatCache()
    key = entry.name.removesuffix(".tree")
    text = cache._cache.get(key)
    assert text is not None
    cache._cache.put(key, text.replace("class Pet(", "class Pet( "))  # a marker only a restore can write
    assert b"class Pet( " in _generate(tmp_path, "second")["pets/types/_models.py"]


def test_any_change_of_a_file_or_the_formatters_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"a.py": "x = 1\n", "b.py": "y = 2\n"}
    key = tree_key(files, "pkg")
    assert tree_key(dict(files), "pkg") == key
    assert tree_key({**files, "a.py": "x = 2\n"}, "pkg") != key
    assert tree_key({**files, "c.py": ""}, "pkg") != key
    assert tree_key({"a.py": "x = 1\ny = 2\n", "b.py": ""}, "pkg") != key
    assert tree_key(files, "other") != key
    monkeypatch.setattr(format_cache.importlib.metadata, "version", lambda name: "99.0")
    format_cache.formatter_fingerprint.cache_clear()
    try:
        assert tree_key(files, "pkg") != key
    finally:
        format_cache.formatter_fingerprint.cache_clear()


def _run(tmp_path: Path, out: str, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    spec = tmp_path / "pets.yaml"
    command = [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(tmp_path / out), "-q"]
    env = {"SDKGEN_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False)


def test_a_wrong_hint_still_renders_the_changed_models(tmp_path: Path, cache_dir: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert _run(tmp_path, "a", cache_dir).returncode == 0
    assert _run(tmp_path, "b", cache_dir).returncode == 0  # a hit: leaves the hint
    assert len(list((cache_dir / "hints").iterdir())) == 1
    # The hint is keyed by the spec's size and mtime; the same size and mtime with another
    # schema is what a hint cannot see: the models must still be rendered afresh.
    stat = spec.stat()
    changed = SPEC.replace("The pet's name.", "The pet's NAME.")
    assert len(changed) == len(SPEC)
    spec.write_text(changed, encoding="utf-8")
    os.utime(spec, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = _run(tmp_path, "c", cache_dir)
    assert result.returncode == 0, result.stderr
    assert "The pet's NAME." in (tmp_path / "c" / "pets/types/_models.py").read_text()
