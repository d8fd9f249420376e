"""The GitHub Actions workflows documented in docs/github-actions/: they parse, and their steps work.

The pull-request workflow's own shell steps are run here, in a temporary repository whose
`origin/main` holds the base spec, with sdkgen on the PATH: the Markdown report it would post,
the failure on a breaking change, and the staleness check.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import _parser, main
from tests.helpers import REPO

WORKFLOWS = REPO / "docs" / "github-actions"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
SPEC = (Path(__file__).with_name("jobs.yaml")).read_text()
# cancelJob renamed, and its method too: methods are named from the path unless x-sdk-method says otherwise.
RENAMED = "operationId: abortJob\n      x-sdk-method: abort_job"


def _load(name: str) -> dict[Any, Any]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(workflow, dict)
    return workflow


def _steps(workflow: dict[Any, Any]) -> dict[str, dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    return {step.get("name", step.get("uses")): step for step in job["steps"]}


@pytest.mark.parametrize("name", ["sdk-api-diff.yml", "sdk-release.yml"])
def test_workflows_parse_and_their_commands_are_real(name: str) -> None:
    workflow = _load(name)
    assert workflow["name"] and workflow["permissions"]["contents"] == "read"
    for title, step in _steps(workflow).items():
        script = step.get("run")
        if script is None:
            assert step["uses"].startswith(("actions/checkout@", "actions/setup-python@"))
            continue
        assert "${{" not in script, f"{title}: expressions go through env:, never into the script"
        syntax = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True, check=False)
        assert syntax.returncode == 0, f"{title}: {syntax.stderr}"
        for line in script.splitlines():
            command = line.split(" > ")[0].split(" || ")[0].strip()
            if command.startswith("sdkgen "):
                args = [re.sub(r"\$\w+", "X", word) for word in shlex.split(command)[1:]]
                _parser().parse_args(args)  # an unknown option or command exits the test


def test_the_pull_request_workflow_comments_and_fails_on_breaking_changes() -> None:
    workflow = _load("sdk-api-diff.yml")
    # `on:` is YAML 1.1's boolean True for PyYAML.
    trigger = workflow.get("on", workflow.get(True))
    assert "pull_request" in trigger and workflow["permissions"]["pull-requests"] == "write"
    steps = _steps(workflow)
    comment = steps["Post the diff as a pull-request comment"]
    assert "gh pr comment" in comment["run"] and "--body-file api-diff.md" in comment["run"]
    assert comment["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert "--fail-on breaking" in steps["Fail on breaking changes"]["run"]


def _run_step(step: dict[str, Any], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    values = {k: str(v).replace("${{ github.base_ref }}", "main") for k, v in (step.get("env") or {}).items()}
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env={**env, **values}, capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip


def test_the_pull_request_workflow_steps_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workflow = _load("sdk-api-diff.yml")
    steps = _steps(workflow)
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    spec = repo / workflow["env"]["SPEC"]
    spec.write_text(SPEC)
    (repo / "pyproject.toml").write_text(f'[tool.sdkgen]\nspec = "{workflow["env"]["SPEC"]}"\noutput = "generated"\n')
    monkeypatch.chdir(repo)
    assert main(["generate", "-q"]) == 0
    git_env = {**os.environ, **GIT_ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "base"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):  # fmt: skip
        subprocess.run(["git", *args], cwd=repo, env=git_env, check=True, capture_output=True)
    # The pull request: a renamed operation (breaking) and an optional parameter (compatible), regenerated.
    spec.write_text(SPEC.replace("operationId: cancelJob", RENAMED))
    assert main(["generate", "-q"]) == 0
    env = {**git_env, "SPEC": workflow["env"]["SPEC"], "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
           "PYTHONPATH": str(REPO)}  # fmt: skip

    report = _run_step(steps["Diff the spec against the base branch"], repo, env)
    assert report.returncode == 0, report.stderr
    comment = (repo / "api-diff.md").read_text()
    assert comment.startswith("### SDK API diff of spec/benchmark_jobs.yaml: 3 breaking changes")
    assert "**sdk-method-renamed**" in comment and "`client.jobs.abort_job()`" in comment
    assert "::error file=spec/benchmark_jobs.yaml,line=" in report.stdout  # the annotations

    failing = _run_step(steps["Fail on breaking changes"], repo, env)
    assert failing.returncode == 1
    current = _run_step(steps["The SDK is regenerated and current"], repo, env)
    assert current.returncode == 0, current.stderr
    # Without the breaking change the check passes.
    spec.write_text(SPEC)
    assert _run_step(steps["Fail on breaking changes"], repo, env).returncode == 0
