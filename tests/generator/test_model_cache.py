"""The model cache: hits give the same models, and any change of what renders them misses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator import model_cache, models
from generator.build_ir import build_ir
from generator.cli import main
from generator.errors import GeneratorError
from generator.model_cache import ModelCache, cache_key
from generator.model_worker import ModelWorker
from generator.models import ModelRenderer, model_request
from generator.render import HEADER
from tests.helpers import REPO

SPEC = """\
openapi: 3.0.3
info: {title: Pets, version: "1.0"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string, description: The pet's name.}
        kind: {$ref: "#/components/schemas/Kind"}
    Kind:
      type: string
      enum: [cat, dog]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SDKGEN_CACHE_DIR", str(folder))
    return folder


def _api(tmp_path: Path, text: str = SPEC) -> models.ApiIR:
    spec = tmp_path / "pets.yaml"
    spec.write_text(text, encoding="utf-8")
    return build_ir(spec)


def _render(tmp_path: Path, text: str = SPEC) -> tuple[str, bool | None]:
    """The models of ``text`` through a fresh renderer (in this process), and whether it hit."""
    renderer = ModelRenderer(use_worker=False)
    try:
        source = renderer.submit(_api(tmp_path, text), HEADER).result()
    finally:
        renderer.close()
    return source, renderer.hit


def test_second_render_hits_and_gives_the_same_models(tmp_path: Path, cache_dir: Path) -> None:
    first, hit_first = _render(tmp_path)
    second, hit_second = _render(tmp_path)
    assert (hit_first, hit_second) == (False, True)
    assert second == first == models.render_models(_api(tmp_path), HEADER)
    assert len(list(cache_dir.glob("*.models"))) == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The pet's name.", "The pet's full name."),  # a description
        ("name: {type: string,", "name: {type: integer,"),  # a field's type
        ("required: [id]", "required: [id, name]"),  # required-ness
        ("enum: [cat, dog]", "enum: [dog, cat]"),  # the order of enum values
        ("        id: {type: string}\n        name:", "        name:"),  # a field removed
    ],
)
def test_any_change_of_a_schema_misses(tmp_path: Path, cache_dir: Path, old: str, new: str) -> None:
    assert old in SPEC
    before, _ = _render(tmp_path)
    after, hit = _render(tmp_path, SPEC.replace(old, new))
    assert hit is False
    assert after != before


def test_a_change_outside_the_schemas_hits(tmp_path: Path, cache_dir: Path) -> None:
    _render(tmp_path)
    _, hit = _render(tmp_path, SPEC.replace("operationId: listPets", "operationId: getPets"))
    assert hit is True


def test_a_change_of_the_templates_misses(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _render(tmp_path)
    templates = tmp_path / "models"
    shutil.copytree(model_cache._MODEL_TEMPLATES, templates)
    monkeypatch.setattr(model_cache, "_MODEL_TEMPLATES", templates)
    model_cache.renderer_fingerprint.cache_clear()
    try:
        _, hit = _render(tmp_path)
        assert hit is True  # the same templates, copied: the same key
        template = next(templates.glob("*.jinja2"))
        template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        model_cache.renderer_fingerprint.cache_clear()
        _, hit = _render(tmp_path)
        assert hit is False
    finally:
        model_cache.renderer_fingerprint.cache_clear()


def test_a_change_of_the_models_options_misses(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _render(tmp_path)
    copy = tmp_path / "generator"
    copy.mkdir()
    source = (REPO / "generator" / "models.py").read_text(encoding="utf-8")
    (copy / "models.py").write_text(source.replace("use_double_quotes=True", "use_double_quotes=False"))
    monkeypatch.setattr(model_cache, "_HERE", copy)
    model_cache.renderer_fingerprint.cache_clear()
    try:
        _, hit = _render(tmp_path)
        assert hit is False
    finally:
        model_cache.renderer_fingerprint.cache_clear()


@pytest.mark.parametrize("version", ["0.89.1", "0.90.0"])
def test_a_change_of_the_version_misses(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    _render(tmp_path)
    monkeypatch.setattr(model_cache, "_dcg_version", lambda: version)
    model_cache.renderer_fingerprint.cache_clear()
    try:
        _, hit = _render(tmp_path)
        assert hit is False
    finally:
        model_cache.renderer_fingerprint.cache_clear()


def test_the_key_keeps_value_types_and_order(tmp_path: Path) -> None:
    request = model_request(_api(tmp_path), HEADER)
    enum = request["document"]["components"]["schemas"]["Kind"]
    keys = {cache_key(request)}
    enum["enum"] = ["dog", "cat"]
    keys.add(cache_key(request))
    enum["enum"] = [1, 2]
    keys.add(cache_key(request))
    enum["enum"] = [1.0, 2.0]  # equal to [1, 2] in Python, rendered differently
    keys.add(cache_key(request))
    assert len(keys) == 4


def test_a_corrupt_entry_is_a_miss(tmp_path: Path, cache_dir: Path) -> None:
    first, _ = _render(tmp_path)
    (entry,) = cache_dir.glob("*.models")
    blob = entry.read_bytes()
    entry.write_bytes(blob[:-10] + bytes(10))
    again, hit = _render(tmp_path)
    assert hit is False
    assert again == first
    entry.write_bytes(blob[: len(blob) // 2])  # truncated, as by a full disk
    assert _render(tmp_path) == (first, False)


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, cache_dir: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert main(["generate", str(spec), "-o", str(tmp_path / "a"), "-q", "--no-cache"]) == 0
    assert not cache_dir.exists() or not any(cache_dir.iterdir())
    assert main(["generate", str(spec), "-o", str(tmp_path / "b"), "-q"]) == 0
    (entry,) = cache_dir.glob("*.models")
    entry.write_bytes(b"sdkgen-models 1\n" + b"0" * 64 + b"\nnot zlib")
    assert main(["generate", str(spec), "-o", str(tmp_path / "c"), "-q", "--no-cache"]) == 0
    assert entry.read_bytes().endswith(b"not zlib")  # not read (it would have been dropped), not rewritten
    models_file = Path("pets/types/_models.py")
    assert (tmp_path / "a" / models_file).read_text() == (tmp_path / "c" / models_file).read_text()


def test_the_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    text = os.urandom(600).hex()
    probe = ModelCache(tmp_path / "probe")
    probe.put("probe", f"0{text}")
    size = (probe.root / "probe.models").stat().st_size  # zlib shrinks hex text by a varying amount
    limit = 3 * size + size // 2  # room for three entries, not four
    cache = ModelCache(tmp_path / "cache", max_bytes=limit)
    for index in range(4):
        cache.put(f"key{index}", f"{index}{text}")
        os.utime(cache.root / f"key{index}.models", (1000 + index, 1000 + index))
    assert cache.get("key0") is None  # evicted: the oldest
    assert cache.get("key2") is not None  # used now: kept over key1 at the next prune
    cache.put("key4", f"4{text}")
    assert sum(p.stat().st_size for p in cache.root.iterdir()) <= limit
    assert cache.get("key1") is None
    assert {cache.get(f"key{i}") is not None for i in (2, 4)} == {True}


def test_concurrent_writers_and_readers_see_whole_entries(tmp_path: Path) -> None:
    cache = ModelCache(tmp_path / "cache")
    texts = {f"key{i}": f"class Model{i}:\n    pass\n" * 2000 for i in range(4)}
    seen: list[str | None] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                for key, text in texts.items():
                    cache.put(key, text)
                    got = cache.get(key)
                    seen.append(got)
                    assert got in (None, text)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(text in texts.values() for text in seen if text is not None)
    assert not list(cache.root.glob(".tmp-*"))  # no temporary file left behind


def test_concurrent_processes_generate_the_same_sdk(tmp_path: Path, cache_dir: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(tmp_path / f"out{i}"), "-q"],
            cwd=REPO,
            stderr=subprocess.PIPE,
        )
        for i in range(3)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
    sources = {(tmp_path / f"out{i}" / "pets/types/_models.py").read_text() for i in range(3)}
    assert len(sources) == 1
    assert len(list(cache_dir.glob("*.models"))) == 1


def test_the_worker_reports_errors_as_the_generator_would(tmp_path: Path) -> None:
    request = model_request(_api(tmp_path), HEADER)
    worker = ModelWorker()
    try:
        worker.send(request)
        assert worker.receive() == models.render_request(model_request(_api(tmp_path), HEADER))
    finally:
        worker.close()
    broken = model_request(_api(tmp_path), HEADER)
    broken["document"]["components"]["schemas"]["Pet"]["properties"]["kind"] = {"$ref": "missing.yaml#/Kind"}
    worker = ModelWorker()
    try:
        worker.send(broken)
        with pytest.raises(GeneratorError, match=r"datamodel-code-generator failed: .*missing\.yaml"):
            worker.receive()
    finally:
        worker.close()
    worker = ModelWorker()
    try:
        worker.send({"not": "a request"})  # a bug of ours: reported with the worker's traceback
        with pytest.raises(RuntimeError, match="KeyError"):
            worker.receive()
    finally:
        worker.close()


def test_an_unused_worker_is_stopped(tmp_path: Path, cache_dir: Path) -> None:
    _render(tmp_path)  # fill the cache
    renderer = ModelRenderer()
    worker = renderer._worker
    assert worker is not None
    renderer.submit(_api(tmp_path), HEADER).result()
    assert renderer.hit is True
    assert worker._process.poll() is not None  # killed on the hit, not left running
