"""generator/layout.py decides which module holds each model: groups, folders, names, cuts; deterministically."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator import layout
from generator.build_ir import build_ir
from generator.layout import build_layout
from generator.output import read_tree
from tests.helpers import run_generator, shared_dir

SPEC = """
openapi: 3.1.0
info: {title: Zoo, version: 1.0.0}
paths:
  /animals:
    get:
      operationId: listAnimals
      tags: [animals]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Animal'}}}}
  /keepers:
    get:
      operationId: listKeepers
      tags: [keepers]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Keeper'}}}}
components:
  schemas:
    Animal:
      type: object
      properties:
        diet: {type: object, properties: {kind: {type: string, enum: [meat, plants]}}}
        keeper: {$ref: '#/components/schemas/Keeper'}
        size: {$ref: '#/components/schemas/Size'}
    Keeper:
      type: object
      properties:
        favourite: {$ref: '#/components/schemas/Animal'}
        size: {$ref: '#/components/schemas/Size'}
    Size: {type: string, enum: [small, large]}
    Cage:
      type: object
      properties:
        size: {$ref: '#/components/schemas/Size'}
    CAGE:
      type: object
      properties:
        id: {type: string}
"""


def _layout(tmp_path: Path, text: str = SPEC) -> layout.TypesLayout:
    spec = tmp_path / "zoo.yaml"
    spec.write_text(textwrap.dedent(text))
    return build_layout(build_ir(spec))


def test_a_recursive_group_stays_in_one_module_and_helpers_sit_beside_their_model(tmp_path: Path) -> None:
    modules = _layout(tmp_path).module_of
    assert modules["Animal"] == modules["Keeper"]  # Animal ↔ Keeper: one group
    assert modules["Animal"].startswith("shared.")  # both resources reach it
    assert modules["AnimalDiet"] == modules["AnimalDietKind"] == modules["Animal"]  # private helpers


def test_a_model_several_groups_use_has_a_module_of_its_own(tmp_path: Path) -> None:
    modules = _layout(tmp_path).module_of
    assert modules["Size"] not in (modules["Animal"], modules["Cage"])


def test_module_names_differ_even_by_case(tmp_path: Path) -> None:
    modules = _layout(tmp_path).module_of
    assert modules["Cage"].lower() != modules["CAGE"].lower()


def test_a_group_too_big_for_a_module_is_cut_into_modules_that_know_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "MAX_MODULE_LINES", 8)  # Animal and Keeper, a few lines each, no longer fit together
    result = _layout(tmp_path)
    animal, keeper = result.module_of["Animal"], result.module_of["Keeper"]
    assert animal != keeper
    by_path = {m.path: m for m in result.modules}
    assert keeper in by_path[animal].siblings and animal in by_path[keeper].siblings


def test_the_layout_is_the_same_for_the_same_document(tmp_path: Path) -> None:
    first, second = _layout(tmp_path), _layout(tmp_path)
    assert first.modules == second.modules and first.module_of == second.module_of


@pytest.mark.slow
def test_generation_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    spec = shared_dir() / "specs" / "box-openapi-3.0.json"
    trees = []
    for seed in ("0", "1", "12345"):
        out = tmp_path / f"out{seed}"
        result = run_generator("generate", str(spec), "-o", str(out), "-q", "--no-cache", env={"PYTHONHASHSEED": seed},
                               timeout=600)  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
        trees.append(read_tree(out))
    assert trees[0] == trees[1] == trees[2]
    assert sum(1 for name in trees[0] if "/types/" in name) > 100  # a layout of many modules, not one


def test_a_cut_layout_renders_modules_that_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render import render_package

    monkeypatch.setattr(layout, "MAX_MODULE_LINES", 8)
    spec = tmp_path / "zoo.yaml"
    spec.write_text(textwrap.dedent(SPEC))
    files = render_package(build_ir(spec))
    models = {name: text for name, text in files.items() if "/types/shared/" in name and "Keeper(" in text}
    assert len(models) == 1
    (source,) = models.values()
    assert "# noqa: E402" in source  # the other part of the group, imported at the end
    compile(source, "keeper.py", "exec")
