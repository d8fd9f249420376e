"""Settings from pyproject.toml's [tool.sdkgen] (or --config FILE); CLI flags override them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import _parser, main
from generator.output import diff_trees
from generator.settings import resolve_settings
from tests.helpers import REPO, SPEC

PYPROJECT = """\
[project]
name = "my-app"

[tool.sdkgen]
spec = "api/openapi.yaml"
output = "sdk"
package-name = "acme"
distribution_name = "acme-sdk"
client-class = "Acme"
api-key-env-var = "ACME_TOKEN"
base-url-env-var = "ACME_ENDPOINT"
log-env-var = "ACME_DEBUG"
base-url = "https://acme.example.com"
version = "2.3.4"
formatter = "ruff"
"""


def _project(tmp_path: Path, pyproject: str = PYPROJECT) -> Path:
    (tmp_path / "api").mkdir()
    shutil.copy(SPEC, tmp_path / "api" / "openapi.yaml")
    (tmp_path / "pyproject.toml").write_text(pyproject)
    return tmp_path


def test_generate_without_arguments_reads_tool_sdkgen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_project(tmp_path))
    assert main(["generate", "-q"]) == 0
    client = (tmp_path / "sdk" / "acme" / "_client.py").read_text()
    assert "class Acme(" in client
    for name in ("ACME_TOKEN", "ACME_ENDPOINT", "ACME_DEBUG", "https://acme.example.com"):
        assert (
            name
            in (tmp_path / "sdk" / "acme" / "_client.py").read_text()
            + (tmp_path / "sdk" / "acme" / "_base_client.py").read_text()
        ), name
    meta = (tmp_path / "sdk" / "pyproject.toml").read_text()
    assert 'name = "acme-sdk"' in meta and 'version = "2.3.4"' in meta


def test_cli_flags_override_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_project(tmp_path))
    assert main(["generate", "-q", "--package-name", "other", "--client-class", "Other"]) == 0
    assert "class Other(" in (tmp_path / "sdk" / "other" / "_client.py").read_text()


def test_another_spec_does_not_write_into_the_configured_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_project(tmp_path))
    other = tmp_path / "other.yaml"
    other.write_text("openapi: 3.1.0\ninfo: {title: Other, version: '1'}\npaths: {}\n")
    assert main(["generate", str(other), "-q"]) == 0
    assert (tmp_path / "other_sdk").is_dir() and not (tmp_path / "sdk").exists()


def test_config_errors_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_project(tmp_path, PYPROJECT.replace('formatter = "ruff"', 'formatter = "yapf"')))
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml:15:1" in err and "unknown formatter 'yapf'" in err
    (tmp_path / "pyproject.toml").write_text(PYPROJECT + "clent-class = 'x'\n")
    assert main(["generate"]) == 2
    assert "pyproject.toml:16:1" in capsys.readouterr().err


def test_config_file_for_other_layouts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    config = project / "tools" / "sdkgen.toml"
    config.parent.mkdir()
    config.write_text('spec = "../api/openapi.yaml"\noutput = "../build/sdk"\npackage_name = "fromfile"\n')
    monkeypatch.chdir(project / "tools")
    assert main(["generate", "-q", "--config", str(config)]) == 0
    assert (project / "build" / "sdk" / "fromfile" / "_client.py").exists()


def test_no_spec_anywhere_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 2
    assert "no spec given" in capsys.readouterr().err


def test_this_repository_generates_generated_from_its_spec_with_no_arguments() -> None:
    # `check` with no arguments reads the same [tool.sdkgen] as `generate` and finds generated/ current.
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert f"up to date: {REPO / 'generated'}" in result.stderr


def test_black_formatter(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    assert main(["generate", str(SPEC), "-o", str(out), "-q", "--formatter", "black"]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    # On this spec black and ruff agree: the same files either way.
    assert main(["generate", str(SPEC), "-o", str(tmp_path / "ruff"), "-q"]) == 0
    assert diff_trees(tmp_path / "ruff", out) == ""


def test_the_file_beside_the_spec_sets_names_and_formatter_but_not_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "api.yaml"
    shutil.copy(SPEC, spec)
    (tmp_path / "api.sdk.yaml").write_text("package_name: beside\nformatter: black\n")
    assert main(["generate", str(spec), "-o", str(tmp_path / "sdk"), "-q"]) == 0
    assert (tmp_path / "sdk" / "beside" / "_client.py").exists()
    (tmp_path / "api.sdk.yaml").write_text("output: elsewhere\n")
    assert main(["generate", str(spec), "-o", str(tmp_path / "sdk"), "-q"]) == 2
    assert "cannot be set beside the spec" in capsys.readouterr().err


def test_settings_are_resolved_once_flags_over_file_over_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    (project / "api" / "openapi.sdk.yaml").write_text(
        "package_name: beside\nclient_class: Beside\nenv_prefix: BESIDE\nnaming: tags\n"
        "operations:\n  listBenchmarkJobs: {method: everything}\n  createBenchmarkJob: {resource: jobs}\n"
    )
    (project / "pyproject.toml").write_text(
        PYPROJECT + "naming = 'operation-ids'\n\n[tool.sdkgen.operations]\nlistBenchmarkJobs = {method = 'all'}\n"
    )
    monkeypatch.chdir(project)
    args = _parser().parse_args(["generate", "--client-class", "FromFlag"])
    settings = resolve_settings(args)
    assert settings.spec == project / "api" / "openapi.yaml" and settings.output == project / "sdk"
    names = settings.names
    assert (names.package_name, names.client_class, names.env_prefix) == ("acme", "FromFlag", "BESIDE")
    assert names.naming == "operation-ids"  # the file's, over the one beside the spec
    assert [(o.key, o.resource, o.method) for o in names.operations] == [
        ("createBenchmarkJob", "jobs", None),  # beside the spec only
        ("listBenchmarkJobs", None, "all"),  # the file's replaces the one beside the spec
    ]
    # Another spec (the other side of a diff) gets its own file beside it, the same flags and file.
    other = project / "v2" / "api.yaml"
    other.parent.mkdir()
    shutil.copy(SPEC, other)
    other_names = settings.for_spec(other).names
    assert other_names.client_class == "FromFlag" and other_names.env_prefix is None  # no BESIDE from api/
    assert [(o.key, o.method) for o in other_names.operations] == [("listBenchmarkJobs", "all")]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("naming: words\n", "unknown naming 'words'", "1:9"),
        ("operations: [listJobs]\n", "`operations` must be a mapping", "1:13"),
        ("operations:\n  listJobs: {resource: jobs, verb: list}\n", "unknown key 'verb'", "2:36"),
        (
            "operations:\n  listJobs:\n    method: ''\n",
            "`operations.listJobs.method` must be a non-empty string",
            "3:13",
        ),
        ("overlays: overlay.yaml\n", "must be a list of overlay files", "1:11"),
    ],
)
def test_bad_naming_settings_are_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str, line: str
) -> None:
    spec = tmp_path / "api.yaml"
    shutil.copy(SPEC, spec)
    (tmp_path / "api.sdk.yaml").write_text(text)
    assert main(["generate", str(spec), "-o", str(tmp_path / "sdk"), "-q"]) == 2
    err = capsys.readouterr().err
    assert message in err and f"{tmp_path / 'api.sdk.yaml'}:{line}" in err, err
    assert not (tmp_path / "sdk").exists()


def test_operation_overrides_in_pyproject_are_located_at_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_project(tmp_path, PYPROJECT + "\n[tool.sdkgen.operations]\nlistBenchmarkJobs = {method = ''}\n"))
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert "pyproject.toml:18:1 (at #/tool/sdkgen/operations/listBenchmarkJobs/method)" in err, err
