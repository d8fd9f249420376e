"""Regeneration keeps every file the generator did not write, never overwrites one, and --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.helpers import SPEC, generate

PACKAGE = "runloop_benchmark_jobs"


def _spec_with_extra_tag(tmp_path: Path, tag: str) -> Path:
    """The benchmark spec plus an operation under ``tag`` (a new resource module)."""
    spec = yaml.safe_load(SPEC.read_text())
    spec["paths"]["/v1/admin/ping"] = {
        "get": {"operationId": "ping", "tags": [tag], "responses": {"204": {"description": "pong"}}}
    }
    path = tmp_path / "spec" / "benchmark_jobs.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    (path.parent / "benchmark_jobs.sdk.yaml").write_text(SPEC.with_name("benchmark_jobs.sdk.yaml").read_text())
    return path


def test_user_files_survive_regeneration_and_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sdk"
    assert generate(SPEC, out) == 0
    changelog = out / "CHANGELOG.md"
    helpers = out / PACKAGE / "helpers.py"
    notes = out / "docs" / "notes.txt"
    changelog.write_text("# Changelog\n\n- 1.0: first\n")
    helpers.write_text("def shout(x: str) -> str:\n    return x.upper()\n")
    notes.parent.mkdir()
    notes.write_text("hand-written\n")
    # Regenerate from a changed spec (a new resource), so the directory really is swapped.
    assert main(["generate", str(_spec_with_extra_tag(tmp_path, "admin")), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert changelog.read_text() == "# Changelog\n\n- 1.0: first\n"
    assert helpers.read_text() == "def shout(x: str) -> str:\n    return x.upper()\n"
    assert notes.read_text() == "hand-written\n"
    assert (out / PACKAGE / "resources" / "admin.py").exists()
    summary = err.strip().splitlines()[-1]
    assert "3 kept (CHANGELOG.md, docs/notes.txt, runloop_benchmark_jobs/helpers.py)" in summary
    # The manifest lists only what the generator wrote.
    manifest = json.loads((out / ".sdkgen-manifest.json").read_text())
    assert "CHANGELOG.md" not in manifest["files"] and f"{PACKAGE}/resources/admin.py" in manifest["files"]
    # A user's files are not staleness; the generated ones still are checked.
    assert main(["check", str(_spec_with_extra_tag(tmp_path, "admin")), "-o", str(out), "-q"]) == 0
    # Going back to the original spec removes the module it no longer generates, and keeps the rest.
    assert main(["generate", str(SPEC), "-o", str(out)]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert not (out / PACKAGE / "resources" / "admin.py").exists() and "1 removed" in summary
    assert changelog.exists() and helpers.exists() and notes.exists()


def test_a_generated_path_on_a_user_file_is_an_error_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sdk"
    assert generate(SPEC, out) == 0
    mine = out / PACKAGE / "resources" / "admin.py"
    mine.write_text("# mine\n")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert main(["generate", str(_spec_with_extra_tag(tmp_path, "admin")), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "sdkgen did not write are where it now writes: runloop_benchmark_jobs/resources/admin.py" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".sdk.*")), "no staging directory is left behind"


def test_strict_fails_on_warnings_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "warned.yaml"
    path.write_text(
        "openapi: 3.1.0\ninfo: {title: Warned, version: '1'}\npaths:\n  /items:\n    get:\n"
        "      parameters:\n        - {name: limit, in: query, schema: {type: integer, default: many}}\n"
        "      responses: {'204': {description: ok}}\n"
    )
    out = tmp_path / "sdk"
    assert main(["generate", str(path), "-o", str(out), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "warned.yaml:7:" in err and "does not match its type" in err
    assert "--strict: nothing written" in err
    assert not out.exists()
    assert main(["generate", str(path), "-o", str(out), "-q"]) == 0  # without --strict it degrades
