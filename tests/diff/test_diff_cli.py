"""The diff command: report formats, exit codes, no-op changes, and specs at git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.helpers import SPEC

BASE = Path(__file__).with_name("jobs.yaml")


def _spec(tmp_path: Path, name: str, edit: Any = None) -> Path:
    spec = yaml.safe_load(BASE.read_text())
    if edit is not None:
        edit(spec)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def _breaking_and_more(spec: dict[str, Any]) -> None:
    spec["paths"].pop("/jobs/{job_id}/tags")  # breaking: operation-removed
    spec["components"]["schemas"]["JobState"]["enum"].append("failed")  # warning: response enum value added
    spec["components"]["schemas"]["Spare"] = {"type": "object", "properties": {"y": {"type": "integer"}}}


def _warning_only(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["JobState"]["enum"].append("failed")


def _compatible_only(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Spare"] = {"type": "object", "properties": {"y": {"type": "integer"}}}


def test_markdown_has_a_summary_then_breaking_changes_first_with_locations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _spec(tmp_path, "old.yaml")
    new = _spec(tmp_path, "new.yaml", _breaking_and_more)
    assert main(["diff", "old.yaml", "new.yaml"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "### SDK API diff of new.yaml: 1 breaking change, 1 warning, 1 compatible change"
    assert out.index("Breaking changes (1)") < out.index("Warnings (1)") < out.index("Compatible changes (1)")
    removed = next(line for line in lines if "operation-removed" in line)
    # The removed path is gone from the new spec: its nearest ancestor (`paths`) is the location.
    paths_line = new.read_text().splitlines().index("paths:") + 1
    assert f"`new.yaml:{paths_line}`" in removed
    assert "`client.jobs.tags.update()` → `(removed)`" in removed
    added = next(line for line in lines if "response-property-enum-value-added" in line)
    assert "'failed'" in added


def test_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _spec(tmp_path, "old.yaml"), _spec(tmp_path, "new.yaml", _breaking_and_more)
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"breaking": 1, "warning": 1, "compatible": 1}
    assert set(report) == {"summary", "counts", "changes"}
    for change in report["changes"]:
        assert set(change) == {"id", "level", "message", "location", "old", "new"}
        assert set(change["location"]) == {"file", "line", "column", "pointer"}
    model = next(c for c in report["changes"] if c["id"] == "model-added")
    assert model["new"] == "types.Spare" and model["old"] is None
    assert model["location"]["pointer"] == "/components/schemas/Spare"
    spare_line = next(i for i, line in enumerate(new.read_text().splitlines(), 1) if line.strip() == "Spare:")
    assert model["location"]["line"] == spare_line


def test_github_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _spec(tmp_path, "old.yaml"), _spec(tmp_path, "new.yaml", _breaking_and_more)
    assert main(["diff", "old.yaml", "new.yaml", "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=new.yaml,line=") and ",title=operation-removed::" in lines[0]
    assert any(line.startswith("::warning file=new.yaml,line=") for line in lines)
    assert any(line.startswith("::notice file=new.yaml,line=") and "model-added" in line for line in lines)
    assert lines[-1] == "::notice title=sdkgen diff::1 breaking change, 1 warning, 1 compatible change"


@pytest.mark.parametrize(
    ("edit", "flags", "code"),
    [
        (_breaking_and_more, ["--fail-on", "breaking"], 1),
        (_breaking_and_more, ["--fail-on-breaking"], 1),
        (_warning_only, ["--fail-on", "breaking"], 0),
        (_warning_only, ["--fail-on", "warning"], 1),
        (_compatible_only, ["--fail-on", "warning"], 0),
        (_breaking_and_more, [], 0),
    ],
)
def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Any, flags: list[str], code: int) -> None:
    old, new = _spec(tmp_path, "old.yaml"), _spec(tmp_path, "new.yaml", edit)
    assert main(["diff", str(old), str(new), *flags]) == code


def test_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    old = _spec(tmp_path, "old.yaml")
    assert main(["diff", str(old), str(tmp_path / "missing.yaml")]) == 2
    assert "spec file not found" in capsys.readouterr().err
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("openapi: 3.1.0\ninfo: {title: x\n")
    assert main(["diff", str(old), str(invalid)]) == 2
    assert "invalid.yaml:3:1" in capsys.readouterr().err
    swagger = tmp_path / "swagger.yaml"
    swagger.write_text("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n")
    assert main(["diff", str(old), str(swagger)]) == 2
    assert "Swagger 2.0 is not supported" in capsys.readouterr().err
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find a repository further up
    assert main(["diff", "main:spec/api.yaml", str(old)]) == 2
    assert "not a git repository" in capsys.readouterr().err
    repo = _git_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    assert main(["diff", "no-such-branch:spec/api.yaml", "spec/api.yaml"]) == 2
    assert "'no-such-branch' is not a git revision" in capsys.readouterr().err
    assert main(["diff", "HEAD:spec/nope.yaml", "spec/api.yaml"]) == 2
    assert "spec/nope.yaml does not exist at HEAD" in capsys.readouterr().err


def test_descriptions_only_and_reformatting_are_no_api_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = yaml.safe_load(SPEC.read_text())

    def reword(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("description", "summary") and isinstance(value, str):
                    node[key] = "Reworded: " + value[::-1]
                else:
                    reword(value)
        elif isinstance(node, list):
            for item in node:
                reword(item)

    reword(spec)
    reworded = tmp_path / "benchmark_jobs.yaml"
    reworded.write_text(yaml.safe_dump(spec, sort_keys=True, width=60))
    shutil.copy(SPEC.with_name("benchmark_jobs.sdk.yaml"), tmp_path / "benchmark_jobs.sdk.yaml")
    assert reworded.read_text() != SPEC.read_text()
    assert main(["diff", str(SPEC), str(reworded)]) == 0
    assert "no API changes" in capsys.readouterr().out
    as_json = tmp_path / "json" / "benchmark_jobs.json"
    as_json.parent.mkdir()
    as_json.write_text(json.dumps(yaml.safe_load(SPEC.read_text()), indent=1))
    shutil.copy(SPEC.with_name("benchmark_jobs.sdk.yaml"), as_json.with_name("benchmark_jobs.sdk.yaml"))
    assert main(["diff", str(SPEC), str(as_json), "--format", "json", "--fail-on", "warning"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []


def test_an_operation_id_change_behind_a_common_verb_is_no_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _spec(tmp_path, "old.yaml")
    new = _spec(tmp_path, "new.yaml", lambda s: s["paths"]["/jobs/{job_id}"]["get"].update(operationId="fetchJob"))
    assert main(["diff", str(old), str(new), "--fail-on", "warning"]) == 0  # still client.jobs.retrieve()
    assert "no API changes" in capsys.readouterr().out
    # Still client.jobs.list(), but the class hoisted from its inline enum parameter is named after it.
    new = _spec(tmp_path, "new.yaml", lambda s: s["paths"]["/jobs"]["get"].update(operationId="fetchAllJobs"))
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert [(c["id"], c["old"], c["new"]) for c in changes] == [
        ("sdk-inline-model-renamed", "types.ListJobsStatus", "types.FetchAllJobsStatus")
    ]


# ---- git revisions -------------------------------------------------------------------------

ROOT_SPEC = """\
openapi: 3.1.0
info: {title: Multi API, version: 1.0.0}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema: {$ref: "./components/thing.yaml#/components/schemas/Thing"}
"""

THING_V1 = """\
components:
  schemas:
    Thing:
      type: object
      required: [id, size]
      properties:
        id: {type: string}
        size: {type: integer}
"""


def _git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e",
           "HOME": str(repo), "PATH": "/usr/bin:/bin:/usr/local/bin"}  # fmt: skip
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def _git_repo(repo: Path) -> Path:
    (repo / "spec" / "components").mkdir(parents=True)
    (repo / "spec" / "api.yaml").write_text(ROOT_SPEC)
    (repo / "spec" / "components" / "thing.yaml").write_text(THING_V1)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "v1")
    return repo


def test_git_revision_resolves_refs_at_that_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _git_repo(tmp_path / "repo")
    # Only the referenced file changes: a diff that resolved the old side's $refs in the working
    # tree would see no change at all.
    thing = repo / "spec" / "components" / "thing.yaml"
    thing.write_text(THING_V1.replace("required: [id, size]", "required: [id]"))
    monkeypatch.chdir(repo / "spec")  # `main:spec/api.yaml` is relative to the repository's top
    assert main(["diff", "main:spec/api.yaml", "api.yaml", "--format", "json", "--fail-on-breaking"]) == 1
    change = json.loads(capsys.readouterr().out)["changes"][0]
    assert change["id"] == "response-property-became-optional"
    assert change["new"] == "Thing.size"
    # Located in the file the schema lives in, relative to where the command runs.
    assert change["location"]["file"] == "components/thing.yaml"
    assert change["location"]["line"] == 8

    _git(repo, "commit", "-q", "-am", "v2")
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1:spec/api.yaml", "HEAD:spec/api.yaml", "--format", "github"]) == 0
    out = capsys.readouterr().out
    # A revision's files are reported by their repository path, not the temporary checkout's.
    assert out.startswith("::error file=spec/components/thing.yaml,line=8,title=response-property-became-optional::")
    assert main(["diff", "./spec/api.yaml", "HEAD:./spec/api.yaml"]) == 0
    assert "no API changes" in capsys.readouterr().out


def test_multi_file_changes_are_located_in_the_file_that_holds_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import shared_dir

    source = shared_dir() / "specs-multi-file" / "redocly-cafe-3.1"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(source, old)
    shutil.copytree(source, new)
    order = new / "components" / "schemas" / "Order.yaml"
    order.write_text(order.read_text().replace("\n  totalPrice:", "\n  total_price_cents:"))
    status = new / "components" / "schemas" / "OrderStatus.yaml"
    status.write_text(status.read_text().replace("  - placed\n", "  - placed\n  - refunded\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "old/openapi.yaml", "new/openapi.yaml", "--format", "json"]) == 0
    changes = {c["id"]: c for c in json.loads(capsys.readouterr().out)["changes"]}
    removed = changes["response-property-removed"]
    assert removed["old"] == "Order.totalPrice"
    assert removed["location"]["file"] == "new/components/schemas/Order.yaml"
    accepted = changes["request-property-enum-value-added"]
    assert accepted["new"] == "client.orders.update(status=)"
    # The operation lives in a path file the root document refers to.
    assert accepted["location"]["file"] == "new/paths/orders_{orderId}.yaml"
    lines = (new / "paths" / "orders_{orderId}.yaml").read_text().splitlines()
    assert "status" in lines[accepted["location"]["line"] - 1]


def test_json_specs_with_surrogate_escapes_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def dump(spec: dict[str, Any], name: str) -> Path:
        spec["info"]["description"] = "Thumbs up: \U0001f44d"  # JSON writes it as \ud83d\udc4d, which YAML rejects
        path = tmp_path / name
        path.write_text(json.dumps(spec, indent=2, ensure_ascii=True))
        return path

    old = dump(yaml.safe_load(BASE.read_text()), "old.json")
    spec = yaml.safe_load(BASE.read_text())
    spec["components"]["schemas"]["Spare"] = {"type": "object", "properties": {"y": {"type": "integer"}}}
    new = dump(spec, "new.json")
    assert "\\ud83d" in new.read_text()
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    (change,) = json.loads(capsys.readouterr().out)["changes"]
    assert change["id"] == "model-added"
    assert new.read_text().splitlines()[change["location"]["line"] - 1].strip() == '"Spare": {'


def test_a_parameter_change_is_located_at_the_parameter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _spec(tmp_path, "old.yaml")
    new = _spec(tmp_path, "new.yaml", lambda s: s["paths"]["/jobs"]["get"]["parameters"][1]["schema"]["enum"].pop())
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    (change,) = json.loads(capsys.readouterr().out)["changes"]
    assert change["id"] == "parameter-enum-value-removed" and change["new"] == "client.jobs.list(status=)"
    assert change["location"]["pointer"] == "/paths/~1jobs/get/parameters/1"
    assert new.read_text().splitlines()[change["location"]["line"] - 1].strip() == "- name: status"


def test_the_sdkgen_console_script_runs_diff(tmp_path: Path) -> None:
    import sys

    script = Path(sys.executable).with_name("sdkgen")
    assert script.exists(), "the sdkgen console script is installed with the package (pip install -e .)"
    old, new = _spec(tmp_path, "old.yaml"), _spec(tmp_path, "new.yaml", _breaking_and_more)
    result = subprocess.run(
        [str(script), "diff", str(old), str(new), "--fail-on-breaking", "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["counts"]["breaking"] == 1
    usage = subprocess.run([str(script), "diff", "--help"], capture_output=True, text=True, check=False).stdout
    assert usage.startswith("usage: sdkgen diff")
