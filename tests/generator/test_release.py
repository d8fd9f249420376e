"""``release``: version and changelog from the spec changes since the last release (tag or manifest)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from packaging.version import Version

from generator.cli import main
from generator.diff import Change
from generator.release import bump_kind, changelog_entry, next_version, prepend_entry

JOBS = (Path(__file__).parents[1] / "diff" / "jobs.yaml").read_text()
# cancelJob renamed, and its method too: methods are named from the path unless x-sdk-method says otherwise.
RENAMED = "operationId: abortJob\n      x-sdk-method: abort_job"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the spec ``api.yaml``, the current folder of the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    _git(tmp_path, "init", "-q")
    (tmp_path / "api.yaml").write_text(JOBS)
    return tmp_path


def _release(*args: str) -> int:
    return main(["release", "api.yaml", "-o", "sdk", "--package-name", "jobs", *args])


def _commit_and_tag(repo: Path, tag: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", tag)
    _git(repo, "tag", tag)


def _version_of(sdk: Path) -> tuple[str, str]:
    pyproject = next(line for line in (sdk / "pyproject.toml").read_text().splitlines() if line.startswith("version"))
    module = next(line for line in (sdk / "jobs" / "_version.py").read_text().splitlines() if "__version__" in line)
    return pyproject.split('"')[1], module.split('"')[1]


def test_first_release_then_a_breaking_change_bumps_major(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _release("--date", "2026-05-01") == 0
    assert _version_of(repo / "sdk") == ("1.0.0", "1.0.0")  # info.version
    changelog = (repo / "sdk" / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog\n") and "## [1.0.0] - 2026-05-01\n\nInitial release.\n" in changelog
    manifest = json.loads((repo / "sdk" / ".sdkgen-manifest.json").read_text())
    assert manifest["release"] == {"version": "1.0.0", "date": "2026-05-01"}
    _commit_and_tag(repo, "v1.0.0")
    # A breaking change (a renamed method) and an addition (an optional parameter).
    (repo / "api.yaml").write_text(
        JOBS.replace("operationId: cancelJob", RENAMED).replace(
            "      parameters:\n", "      parameters:\n        - {name: team, in: query, schema: {type: string}}\n", 1
        )
    )
    capsys.readouterr()
    assert _release("--date", "2026-06-01") == 0
    err = capsys.readouterr().err
    assert "released jobs 2.0.0 (major: 3 breaking changes, 0 warnings, 1 compatible change since 1.0.0)" in err
    assert "git tag v2.0.0" in err
    assert _version_of(repo / "sdk") == ("2.0.0", "2.0.0")
    changelog = (repo / "sdk" / "CHANGELOG.md").read_text()
    newest, older = changelog.index("## [2.0.0] - 2026-06-01"), changelog.index("## [1.0.0] - 2026-05-01")
    assert changelog.index("# Changelog") < newest < older, "the new entry is prepended below the header"
    entry = changelog[newest:older]
    assert "### Breaking\n\n- `client.jobs.cancel()` becomes `client.jobs.abort_job()`" in entry
    assert (
        "### Added\n\n- `client.jobs.list(team=)`: `client.jobs.list` gains the optional query parameter `team`"
        in entry
    )
    # The version sticks: a plain regeneration keeps it, and check agrees.
    assert main(["generate", "api.yaml", "-o", "sdk", "--package-name", "jobs", "-q"]) == 0
    assert _version_of(repo / "sdk") == ("2.0.0", "2.0.0")
    assert main(["check", "api.yaml", "-o", "sdk", "--package-name", "jobs", "-q"]) == 0
    assert "## [1.0.0]" in (repo / "sdk" / "CHANGELOG.md").read_text(), "the changelog is the user's file: kept"


def test_zero_x_versions_shift_the_bumps_and_nothing_visible_is_a_patch(repo: Path) -> None:
    (repo / "api.yaml").write_text(JOBS.replace("version: 1.0.0", "version: 0.3.0"))
    assert _release("--date", "2026-05-01") == 0
    _commit_and_tag(repo, "v0.3.0")
    (repo / "api.yaml").write_text((repo / "api.yaml").read_text().replace("operationId: cancelJob", RENAMED))
    assert _release("--date", "2026-05-02") == 0
    assert _version_of(repo / "sdk")[0] == "0.4.0"  # breaking at 0.x: minor
    _commit_and_tag(repo, "v0.4.0")
    # Only a description changes: nothing an SDK user sees, a patch.
    (repo / "api.yaml").write_text(
        (repo / "api.yaml").read_text().replace("title: Jobs API,", "title: Jobs API, description: Hi,", 1)
    )
    assert _release("--date", "2026-05-03") == 0
    assert _version_of(repo / "sdk")[0] == "0.4.1"
    assert (
        "## [0.4.1] - 2026-05-03\n\n### Changed\n\n- No change to the SDK's API"
        in (repo / "sdk" / "CHANGELOG.md").read_text()
    )


def test_dry_run_prints_everything_and_writes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _release("--date", "2026-05-01", "-q") == 0
    _commit_and_tag(repo, "v1.0.0")
    (repo / "api.yaml").write_text(
        JOBS.replace("        score: {type: number}", "        score: {type: number}\n        rank: {type: integer}")
    )
    before = {p: p.read_bytes() for p in (repo / "sdk").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert _release("--date", "2026-06-01", "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "would release jobs 1.1.0 (minor: 0 breaking changes, 0 warnings, 1 compatible change since 1.0.0)"
    )
    assert (
        "## [1.1.0] - 2026-06-01\n\n### Added\n\n- `Job.rank`: `Job.rank` is new" not in out
    )  # names are not repeated
    assert "### Added\n\n- `Job.rank` is new" in out
    assert '-version = "1.0.0"\n+version = "1.1.0"' in out
    assert '-__version__ = "1.0.0"\n+__version__ = "1.1.0"' in out
    assert {p: p.read_bytes() for p in (repo / "sdk").rglob("*") if p.is_file()} == before


def test_version_override_and_its_checks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _release("--version", "3.0.0rc1", "-q") == 0
    assert _version_of(repo / "sdk") == ("3.0.0rc1", "3.0.0rc1")
    _commit_and_tag(repo, "v3.0.0rc1")
    assert _release("--version", "2.9.0", "-q") == 2
    assert "--version 2.9.0 is not after the last release 3.0.0rc1" in capsys.readouterr().err
    assert _release("--version", "three", "-q") == 2
    assert "'three' is not a version" in capsys.readouterr().err
    assert _release("-q") == 0  # no change since the pre-release: its final version
    assert _version_of(repo / "sdk")[0] == "3.0.0"


def test_a_missing_tag_of_the_last_release_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _release("-q") == 0
    assert _release("-q") == 2
    err = capsys.readouterr().err
    assert "the last release, 1.0.0, has no git tag v1.0.0 to read its spec from" in err and "--since" in err
    # --since names the old spec itself: a file works outside git too.
    (repo / "old.yaml").write_text(JOBS)
    assert _release("-q", "--since", "old.yaml") == 0 and _version_of(repo / "sdk")[0] == "1.0.1"


def test_an_existing_tag_is_the_last_release_without_a_record(repo: Path) -> None:
    """Adopting `release` in a project that already tags its releases."""
    (repo / "api.yaml").write_text(JOBS.replace("version: 1.0.0", "version: 1.4.2"))
    _commit_and_tag(repo, "sdk-1.4.2")
    (repo / "api.yaml").write_text(
        (repo / "api.yaml")
        .read_text()
        .replace("        score: {type: number}", "        score: {type: number}\n        rank: {type: integer}")
    )
    assert _release("-q", "--tag-prefix", "sdk-") == 0
    assert _version_of(repo / "sdk")[0] == "1.5.0"


def test_a_pinned_version_setting_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _release("--package-version", "9.9.9") == 2
    assert "the version is pinned to '9.9.9' by the settings" in capsys.readouterr().err
    assert not (repo / "sdk").exists()


def _change(rule: str) -> Change:
    return Change(rule, "m", "/paths")


@pytest.mark.parametrize(
    ("current", "rules", "expected"),
    [
        ("1.2.3", ["operation-removed", "operation-added"], "2.0.0"),
        ("1.2.3", ["operation-added"], "1.3.0"),
        ("1.2.3", ["operation-deprecated"], "1.3.0"),  # a warning is an SDK-visible change
        ("1.2.3", [], "1.2.4"),
        ("0.2.3", ["operation-removed"], "0.3.0"),
        ("0.2.3", ["operation-added"], "0.2.4"),
        ("0.2.3", [], "0.2.4"),
        ("2.0.0b1", [], "2.0.0"),
        ("2.0.0b1", ["operation-added"], "2.1.0"),
    ],
)
def test_semver_bumps(current: str, rules: list[str], expected: str) -> None:
    version = Version(current)
    assert next_version(version, bump_kind([_change(r) for r in rules], version)) == expected


def test_changelog_groups_and_prepending() -> None:
    changes = [
        Change("operation-removed", "`client.a.x()` is removed", "/p", "client.a.x()"),
        Change("operation-added", "new operation", "/p", None, "client.a.y()"),
        Change(
            "operation-deprecated",
            "`client.a.z()` is deprecated (sunset 2027-01-01)",
            "/p",
            "client.a.z()",
            "client.a.z()",
        ),
        Change(
            "response-property-enum-value-removed",
            "`Job.state` no longer returns `'x'`",
            "/p",
            "Job.state",
            "Job.state",
        ),
        Change("parameter-default-changed", "the default changes <b>", "/p", "client.a.y(n=)", "client.a.y(n=)"),
    ]
    entry = changelog_entry("2.0.0", "2026-01-02", changes)
    order = [entry.index(f"### {g}") for g in ("Breaking", "Added", "Changed", "Deprecated", "Removed")]
    assert order == sorted(order)
    assert "- `client.a.y()`: new operation" in entry
    assert "- `client.a.y(n=)`: the default changes &lt;b&gt;" in entry  # spec text cannot inject HTML
    kept = "# Changelog\n\nMy intro.\n\n## [1.0.0] - 2025-01-01\n\n- first\n"
    updated = prepend_entry(kept, entry)
    assert updated.startswith("# Changelog\n\nMy intro.\n\n## [2.0.0] - 2026-01-02\n")
    assert updated.endswith("## [1.0.0] - 2025-01-01\n\n- first\n")
