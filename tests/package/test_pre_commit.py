"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real `pre-commit` in a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.helpers import REPO

pytestmark = pytest.mark.slow

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
SPEC = (REPO / "tests" / "diff" / "jobs.yaml").read_text()
# What pip needs to install sdkgen from a checkout: the hooks repository is a snapshot of these.
SOURCES = ("generator", "templates", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV})  # fmt: skip
    return result.stdout.strip()


def _hooks_repository(tmp_path: Path) -> tuple[Path, str]:
    """This working tree's sdkgen, committed into a repository of its own (pre-commit clones a revision)."""
    hooks = tmp_path / "sdkgen-hooks"
    hooks.mkdir()
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, hooks / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, hooks / name)
    _git(hooks, "init", "-q")
    _git(hooks, "add", "-A")
    _git(hooks, "commit", "-qm", "sdkgen")
    return hooks, _git(hooks, "rev-parse", "HEAD")


def _pre_commit(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("SDKGEN_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=1200, check=False)  # fmt: skip


def test_hooks_check_the_sdk_and_refuse_breaking_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hooks, revision = _hooks_repository(tmp_path)
    project = tmp_path / "project"
    (project / "spec").mkdir(parents=True)
    (project / "spec" / "api.yaml").write_text(SPEC)
    (project / "pyproject.toml").write_text(
        '[tool.sdkgen]\nspec = "spec/api.yaml"\noutput = "sdk"\npackage-name = "jobs"\n'
    )
    config = {
        "repos": [
            {
                "repo": str(hooks),
                "rev": revision,
                "hooks": [
                    {"id": "sdkgen-check"},
                    {"id": "sdkgen-diff", "args": ["HEAD:spec/api.yaml", "spec/api.yaml"]},
                ],
            }
        ]
    }
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    monkeypatch.chdir(project)
    assert main(["generate", "-q"]) == 0
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "spec and SDK")
    home = tmp_path / "pre-commit-home"

    clean = _pre_commit(project, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "sdkgen check (the generated SDK is up to date)" in clean.stdout and "Passed" in clean.stdout

    # A breaking spec change, not regenerated: both hooks fail and say why.
    (project / "spec" / "api.yaml").write_text(
        SPEC.replace("operationId: cancelJob", "operationId: abortJob\n      x-sdk-method: abort_job")
    )
    broken = _pre_commit(project, home)
    assert broken.returncode == 1
    lines = broken.stdout.splitlines()
    assert any(line.startswith("sdkgen check") and line.endswith("Failed") for line in lines), broken.stdout
    assert any(line.startswith("sdkgen diff") and line.endswith("Failed") for line in lines), broken.stdout
    assert "stale:" in broken.stdout and "sdk-method-renamed" in broken.stdout

    # Regenerated: the SDK is current again, and the breaking change is still refused.
    assert main(["generate", "-q"]) == 0
    regenerated = _pre_commit(project, home)
    assert regenerated.returncode == 1
    lines = regenerated.stdout.splitlines()
    assert any(line.startswith("sdkgen check") and line.endswith("Passed") for line in lines), regenerated.stdout
    assert any(line.startswith("sdkgen diff") and line.endswith("Failed") for line in lines), regenerated.stdout
