"""OpenAPI Overlay 1.0: ``--overlay FILE`` (repeatable) and ``overlays = [...]`` in [tool.sdkgen] change
the spec before anything reads it; a target that matches nothing is a located warning, an invalid
overlay a located error (exit 2); ``diff`` and ``check`` apply the same overlays on both sides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build_ir import build_ir
from generator.errors import SpecError
from tests.helpers import run_generator

SPEC = """\
openapi: 3.1.0
info: {title: Jobs, version: '1'}
servers: [{url: 'https://jobs.test'}]
tags: [{name: jobs}, {name: internal}]
paths:
  /jobs/{id}:
    get:
      operationId: getJob
      tags: [jobs]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
  /debug:
    get:
      operationId: debugDump
      tags: [internal]
      responses: {'204': {description: none}}
components:
  schemas:
    Job:
      type: object
      required: [id, state]
      properties:
        id: {type: string}
        state: {type: string, enum: [running, done, failed]}
"""

RENAME = """\
overlay: 1.0.0
info: {title: Our names, version: 1.0.0}
actions:
  - target: $.paths['/jobs/{id}'].get
    description: fetch, not retrieve
    update:
      x-sdk-method: fetch
      x-sdk-waiters: {done: {path: state, success: [done], failure: [failed]}}
  - target: $.paths['/debug']
    remove: true
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.yaml"
    path.write_text(SPEC)
    return path


def overlay(tmp_path: Path, text: str, name: str = "overlay.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def methods(api: object) -> dict[str, list[str]]:
    return {
        r.attr_name: [o.method_name for o in r.operations] + [w.method_name for o in r.operations for w in o.waiters]
        for r in api.resources  # type: ignore[attr-defined]
    }


def test_update_and_remove_change_the_sdk(spec: Path, tmp_path: Path) -> None:
    assert methods(build_ir(spec)) == {"jobs": ["retrieve"], "debug": ["retrieve"]}
    api = build_ir(spec, overlays=(overlay(tmp_path, RENAME),))
    assert methods(api) == {"jobs": ["fetch", "wait_until_done"]}
    assert not api.warnings


def test_overlays_apply_in_order_each_on_the_result_of_the_last(spec: Path, tmp_path: Path) -> None:
    second = overlay(
        tmp_path,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
        "  - target: $.paths.*[?@['x-sdk-method'] == 'fetch']\n    update: {x-sdk-method: load}\n"
        "  - target: $.tags\n    update: {name: extra}\n",
        "second.yaml",
    )
    api = build_ir(spec, overlays=(overlay(tmp_path, RENAME), second))
    assert methods(api) == {"jobs": ["load", "wait_until_done"]}


def test_a_target_matching_nothing_is_a_located_warning(spec: Path, tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
        "  - target: $.paths['/nothing'].get\n    update: {x-sdk-method: x}\n",
    )
    (warning,) = build_ir(spec, overlays=(path,)).warnings
    assert f"{path}:4:" in warning and "#/actions/0/target" in warning and "matches nothing" in warning


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("info: {title: t, version: '1'}\nactions: []\n", "`overlay` must be the Overlay version", ":1:"),
        ("overlay: 1.0.0\ninfo: {title: t}\nactions: [{target: $, remove: true}]\n", "`info` needs", ":2:"),
        ("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: []\n", "at least one action", ":3:"),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths[\n    remove: true\n",
            "is not an RFC 9535 JSONPath",
            ":4:",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths\n",
            "needs `update` or `remove: true`",
            ":4:",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info.title\n    update: x\n",
            "neither an object nor an array",
            ":5:",
        ),
    ],
)
def test_an_invalid_overlay_is_a_located_error(spec: Path, tmp_path: Path, text: str, message: str, where: str) -> None:
    path = overlay(tmp_path, text)
    with pytest.raises(SpecError, match="invalid overlay") as caught:
        build_ir(spec, overlays=(path,))
    assert message in str(caught.value) and f"{path}{where}" in str(caught.value)


def test_the_cli_takes_repeated_overlay_flags_and_exits_2_on_a_bad_one(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rename = overlay(tmp_path, RENAME)
    result = run_generator("generate", str(spec), "-o", str(out), "--overlay", str(rename), "-q")
    assert result.returncode == 0, result.stderr
    resource = (out / "jobs" / "resources" / "jobs.py").read_text()
    assert "def fetch(" in resource and "def wait_until_done(" in resource
    assert not (out / "jobs" / "resources" / "debug.py").exists()
    bad = overlay(tmp_path, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: '$[', remove: true}]\n",
                  "bad.yaml")  # fmt: skip
    before = sorted(p.read_bytes() for p in out.rglob("*.py"))
    result = run_generator("generate", str(spec), "-o", str(out), "--overlay", str(rename), "--overlay", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{bad}:3:" in result.stderr and "not an RFC 9535 JSONPath" in result.stderr
    assert sorted(p.read_bytes() for p in out.rglob("*.py")) == before  # nothing written


def test_a_target_matching_nothing_fails_under_strict(spec: Path, tmp_path: Path) -> None:
    path = overlay(
        tmp_path, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $.nope, remove: true}]\n"
    )
    result = run_generator("generate", str(spec), "-o", str(tmp_path / "out"), "--overlay", str(path), "--strict")
    assert result.returncode == 2 and "matches nothing" in result.stderr and f"{path}:3:" in result.stderr


def test_overlays_in_the_config_apply_to_generate_and_check(spec: Path, tmp_path: Path) -> None:
    overlay(tmp_path, RENAME)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sdkgen]\nspec = "jobs.yaml"\noutput = "out"\noverlays = ["overlay.yaml"]\n'
    )
    assert run_generator("generate", "-q", cwd=tmp_path).returncode == 0
    assert "def fetch(" in (tmp_path / "out" / "jobs" / "resources" / "jobs.py").read_text()
    assert run_generator("check", "-q", cwd=tmp_path).returncode == 0  # the same overlay: up to date
    (tmp_path / "pyproject.toml").write_text('[tool.sdkgen]\nspec = "jobs.yaml"\noutput = "out"\n')
    stale = run_generator("check", cwd=tmp_path)
    assert stale.returncode == 1 and "stale" in stale.stderr  # without it, the SDK differs


def test_diff_applies_the_overlays_to_both_sides(spec: Path, tmp_path: Path) -> None:
    new = tmp_path / "jobs2.yaml"
    new.write_text(SPEC.split("  /debug:")[0] + SPEC.split("responses: {'204': {description: none}}\n")[1])
    plain = run_generator("diff", str(spec), str(new), "--format", "json")
    assert [c["id"] for c in json.loads(plain.stdout)["changes"]] == ["operation-removed"]
    # The overlay hides the internal operations on each side (the new one has none): no SDK change is left.
    hide = overlay(
        tmp_path,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
        "  - target: $.paths[?@.get.tags[0] == 'internal']\n    remove: true\n",
    )
    result = run_generator("diff", str(spec), str(new), "--format", "json", "--overlay", str(hide))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["changes"] == []


README_SPEC = """\
openapi: 3.1.0
info: {title: Jobs, version: '1'}
servers: [{url: 'https://jobs.test'}]
tags: [{name: internal}]
paths:
  /v1/jobs:
    get:
      operationId: listJobs
      parameters: [{name: starting_after, in: query, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  jobs: {type: array, items: {$ref: '#/components/schemas/Job'}}
                  has_more: {type: boolean}
  /v1/jobs/{id}:
    get:
      operationId: getJob
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
  /v1/jobs/{id}/run:
    post:
      operationId: runJob
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
  /internal/debug:
    get:
      operationId: debug
      tags: [internal]
      responses: {'204': {description: none}}
components:
  schemas:
    Job:
      type: object
      required: [id, state]
      properties:
        id: {type: string}
        state: {type: string, enum: [queued, running, completed, failed, cancelled, timeout]}
"""


def readme_block(heading: str, index: int = 0) -> str:
    """The ``index``-th YAML block of the README after ``heading``."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = text[text.index(heading) :]
    return section.split("```yaml\n")[index + 1].split("```")[0]


def test_the_readme_extension_examples_work_as_an_overlay(tmp_path: Path) -> None:
    spec = tmp_path / "jobs.yaml"
    spec.write_text(README_SPEC)
    actions = readme_block("### Extensions the generator reads")
    path = overlay(tmp_path, "overlay: 1.0.0\ninfo: {title: README, version: '1'}\n" + actions)
    api = build_ir(spec, overlays=(path,))
    assert not api.warnings
    (jobs,) = api.resources  # the internal path is ignored
    operations = {op.method_name: op for op in jobs.operations}
    assert set(operations) == {"list", "retrieve", "start"}
    assert operations["list"].pagination is not None and operations["list"].pagination.kind == "cursor"
    assert operations["start"].max_retries == 0 and api.max_retries == 5
    (waiter,) = operations["retrieve"].waiters
    assert (waiter.method_name, waiter.timeout) == ("wait_until_completed", 3600.0)


def test_the_readme_overlay_example_works(tmp_path: Path) -> None:
    path = overlay(tmp_path, readme_block("#### Overlays", 0))
    spec = tmp_path / "jobs.yaml"
    spec.write_text(README_SPEC)
    api = build_ir(spec, overlays=(path,))
    assert not api.warnings
    operations = [op.operation_id for r in api.resources for op in r.operations]
    assert sorted(operations) == ["getJob", "listJobs", "runJob"]  # debug, tagged internal, is removed
    assert "fetch" in [op.method_name for r in api.resources for op in r.operations]
