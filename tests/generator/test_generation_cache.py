"""The generation cache: a rerun on the same inputs restores the same files without loading the spec."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import cache as cache_module
from generator.cache import EntryCache, GenerationCache
from generator.output import read_tree
from tests.helpers import generate, write_files

SPEC = """openapi: 3.1.0
info: {title: Pets, version: 1.0.0}
servers: [{url: https://pets.example.com}]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: 'pet.yaml'}}}}
"""
PET = """type: object
required: [name]
properties:
  name: {type: string, description: The pet's name.}
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SDKGEN_CACHE_DIR", str(folder))
    return folder


def _spec(tmp_path: Path, pet: str = PET) -> Path:
    return write_files(tmp_path / "spec", {"api.yaml": SPEC, "pet.yaml": pet})


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.generation")) if folder.is_dir() else []


def test_a_rerun_restores_the_same_files_without_loading_the_spec(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec(tmp_path)
    assert generate(spec, tmp_path / "a", "--package-name", "pets") == 0
    assert len(_entries(cache_dir)) == 1

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the spec was loaded on a cache hit")

    monkeypatch.setattr("generator.settings.build_ir", refuse)
    assert generate(spec, tmp_path / "b", "--package-name", "pets") == 0
    assert read_tree(tmp_path / "a") == read_tree(tmp_path / "b")


def test_a_change_of_a_referenced_file_misses(tmp_path: Path, cache_dir: Path) -> None:
    spec = _spec(tmp_path)
    assert generate(spec, tmp_path / "a", "--package-name", "pets") == 0
    (tmp_path / "spec" / "pet.yaml").write_text(PET.replace("The pet's name.", "The pet's NAME."))
    assert generate(spec, tmp_path / "b", "--package-name", "pets") == 0
    assert any("The pet's NAME." in p.read_text() for p in (tmp_path / "b").rglob("*.py"))


def test_a_change_of_a_setting_misses(tmp_path: Path, cache_dir: Path) -> None:
    spec = _spec(tmp_path)
    assert generate(spec, tmp_path / "a", "--package-name", "pets") == 0
    assert generate(spec, tmp_path / "b", "--package-name", "pets2") == 0
    assert (tmp_path / "b" / "pets2").is_dir() and len(_entries(cache_dir)) == 2


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, cache_dir: Path) -> None:
    assert generate(_spec(tmp_path), tmp_path / "a", "--package-name", "pets", "--no-cache") == 0
    assert _entries(cache_dir) == []


def test_a_corrupt_entry_is_a_miss_and_is_removed(tmp_path: Path, cache_dir: Path) -> None:
    spec = _spec(tmp_path)
    assert generate(spec, tmp_path / "a", "--package-name", "pets") == 0
    (entry,) = _entries(cache_dir)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert generate(spec, tmp_path / "b", "--package-name", "pets") == 0  # regenerated, and stored again
    assert read_tree(tmp_path / "a") == read_tree(tmp_path / "b")
    assert EntryCache(".generation").get(entry.stem) is not None


def test_an_entry_is_written_as_a_stream_and_read_back_whole(tmp_path: Path) -> None:
    entries = EntryCache(".generation", tmp_path)
    entries.put("k", (bytes([i]) * 1000 for i in range(200)))
    assert entries.get("k") == b"".join(bytes([i]) * 1000 for i in range(200))
    assert entries.get("missing") is None


def test_the_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    probe = EntryCache(".generation", tmp_path / "probe")
    probe.put("probe", [os.urandom(1200)])
    size = (tmp_path / "probe" / "probe.generation").stat().st_size
    entries = EntryCache(".generation", tmp_path / "cache", max_bytes=3 * size + size // 2)
    for index in range(4):
        entries.put(f"key{index}", [os.urandom(1200)])
        os.utime(tmp_path / "cache" / f"key{index}.generation", (1000 + index, 1000 + index))
    assert entries.get("key0") is None  # evicted: the oldest
    assert entries.get("key2") is not None  # used now: kept over key1 at the next prune
    entries.put("key4", [os.urandom(1200)])
    assert entries.get("key1") is None and entries.get("key2") is not None


def test_the_key_changes_with_the_generator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _spec(tmp_path)
    before = GenerationCache().key(spec, "settings")
    monkeypatch.setattr(cache_module, "generator_fingerprint", lambda: "another generator")
    assert GenerationCache().key(spec, "settings") != before
