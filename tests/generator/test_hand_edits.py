"""Hand edits to generated files survive regeneration: a three-way merge against the base snapshot."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.merge import SNAPSHOT
from tests.helpers import run_generator

V1 = """\
openapi: 3.1.0
info: {title: Jobs, version: 1.0.0}
servers: [{url: https://api.example.com}]
paths:
  /jobs/{id}:
    get:
      operationId: getJob
      x-sdk-method: fetch
      tags: [jobs]
      summary: Fetch one job.
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
components:
  schemas:
    Job: {type: object, required: [id], properties: {id: {type: string}, name: {type: string}}}
"""

# A new operation in the same resource: the module changes, though not where the edits are.
V2_NEW_OPERATION = V1.replace(
    "components:",
    """  /jobs/{id}/cancel:
    post:
      operationId: cancelJob
      x-sdk-method: cancel
      tags: [jobs]
      summary: Cancel a job.
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
components:""",
)

# The same lines a user edits below (the method's summary) change in the spec.
V2_NEW_SUMMARY = V2_NEW_OPERATION.replace("summary: Fetch one job.", "summary: Fetch one job by its id.")

EDIT = '        print("fetching", id)  # my hand edit\n'
HELPER = (
    '\n\ndef job_url(id: str) -> str:\n    """A helper of mine."""\n    return f"https://app.example.com/jobs/{id}"\n'
)


def _spec(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jobs.yaml"
    path.write_text(text)
    return path


def _generate(spec: Path, out: Path, *args: str) -> int:
    return main(["generate", str(spec), "-o", str(out), "--package-name", "jobs_sdk", *args])


def _module(out: Path) -> Path:
    """The generated module that holds the jobs resource's methods (wherever the layout puts it)."""
    found = [p for p in (out / "jobs_sdk").rglob("*.py") if "def fetch(" in p.read_text()]
    assert len(found) == 1, found
    return found[0]


def _insert_before_first(path: Path, anchor: str, text: str) -> None:
    source = path.read_text()
    assert anchor in source
    path.write_text(source.replace(anchor, text + anchor, 1))


def test_an_edit_in_a_method_body_survives_a_spec_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sdk"
    assert _generate(_spec(tmp_path, V1), out) == 0
    module = _module(out)
    _insert_before_first(module, "        return self._client.request(", EDIT)
    capsys.readouterr()
    assert _generate(_spec(tmp_path, V2_NEW_OPERATION), out) == 0
    err = capsys.readouterr().err
    source = module.read_text()
    assert EDIT in source, "the edit is kept"
    assert "def cancel(" in source, "the new generation is there too"
    assert source.index(EDIT) < source.index("def cancel("), "the edit stays in its method"
    assert "1 with hand edits merged" in err.splitlines()[-1]
    # check: up to date, and it names the edited file; an edit is not staleness.
    assert main(["check", str(tmp_path / "jobs.yaml"), "-o", str(out), "--package-name", "jobs_sdk"]) == 0
    err = capsys.readouterr().err
    assert "hand edits in 1 generated file(s)" in err and module.relative_to(out).as_posix() in err
    assert "up to date" in err
    # The edit is kept across a regeneration that changes nothing, too.
    assert _generate(_spec(tmp_path, V2_NEW_OPERATION), out) == 0
    assert EDIT in module.read_text()


def test_a_helper_added_to_a_generated_module_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    assert _generate(_spec(tmp_path, V1), out) == 0
    module = _module(out)
    module.write_text(module.read_text() + HELPER)
    assert _generate(_spec(tmp_path, V2_NEW_OPERATION), out) == 0
    source = module.read_text()
    assert source.endswith(HELPER) and "def cancel(" in source
    compile(source, str(module), "exec")  # still Python


def test_an_edit_where_the_spec_changed_the_same_lines_is_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sdk"
    assert _generate(_spec(tmp_path, V1), out) == 0
    module = _module(out)
    source = module.read_text()
    assert source.count('"""Fetch one job.\n') == 2  # sync and async
    module.write_text(source.replace('"""Fetch one job.\n', '"""Fetch one job (cached for a minute).\n', 1))
    other = out / "jobs_sdk" / "_client.py"
    other.write_text(other.read_text() + "\n# my note\n")  # a clean edit elsewhere
    before_client = other.read_text()
    capsys.readouterr()
    assert _generate(_spec(tmp_path, V2_NEW_SUMMARY), out) == 1
    err = capsys.readouterr().err
    relative = module.relative_to(out).as_posix()
    assert f"conflict: {out}/{relative}" in err
    assert "(1 in conflict)" in err.splitlines()[-1]
    merged = module.read_text()
    assert f"<<<<<<< {relative} (your edit)\n" in merged
    assert '"""Fetch one job (cached for a minute).\n' in merged
    assert "=======\n" in merged and '"""Fetch one job by its id.\n' in merged
    assert f">>>>>>> {relative} (new generation)\n" in merged
    assert "def cancel(" in merged, "the rest of the new generation is merged"
    assert other.read_text() == before_client, "a clean edit elsewhere is kept as it was"
    # check fails while the markers are there, and so does a regeneration.
    assert main(["check", str(tmp_path / "jobs.yaml"), "-o", str(out), "--package-name", "jobs_sdk", "-q"]) == 1
    assert "still holds <<<<<<< conflict markers" in capsys.readouterr().err
    assert _generate(_spec(tmp_path, V2_NEW_SUMMARY), out, "-q") == 1
    # Resolved by hand (keeping the user's line): the next generation keeps the resolution.
    lines, resolved, skipping = merged.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("<<<<<<< "):
            continue
        if line == "=======\n":
            skipping = True
            continue
        if line.startswith(">>>>>>> "):
            skipping = False
            continue
        if not skipping:
            resolved.append(line)
    module.write_text("".join(resolved))
    assert _generate(_spec(tmp_path, V2_NEW_SUMMARY), out, "-q") == 0
    assert '"""Fetch one job (cached for a minute).\n' in module.read_text()


def test_discard_edits_takes_the_new_generation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sdk"
    assert _generate(_spec(tmp_path, V1), out) == 0
    module = _module(out)
    _insert_before_first(module, "        return self._client.request(", EDIT)
    capsys.readouterr()
    assert _generate(_spec(tmp_path, V2_NEW_OPERATION), out, "--discard-edits") == 0
    err = capsys.readouterr().err
    assert EDIT not in module.read_text()
    assert f"discarded hand edits in 1 file(s): {module.relative_to(out).as_posix()}" in err
    assert main(["check", str(tmp_path / "jobs.yaml"), "-o", str(out), "--package-name", "jobs_sdk", "-q"]) == 0


def test_an_edited_file_the_spec_no_longer_generates_is_kept_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sdk"
    two_resources = V2_NEW_OPERATION.replace(
        "tags: [jobs]\n      summary: Cancel", "tags: [admin]\n      x-sdk-resource: admin\n      summary: Cancel"
    )
    assert _generate(_spec(tmp_path, two_resources), out) == 0
    admin = [p for p in (out / "jobs_sdk").rglob("*.py") if "def cancel(" in p.read_text()]
    assert len(admin) == 1 and admin[0] != _module(out)
    admin[0].write_text(admin[0].read_text() + HELPER)
    capsys.readouterr()
    assert _generate(_spec(tmp_path, V1), out) == 0
    err = capsys.readouterr().err
    relative = admin[0].relative_to(out).as_posix()
    assert f"warning: {out}/{relative} is no longer generated but carries your edits: kept" in err
    assert admin[0].read_text().endswith(HELPER)
    # It is the user's own file now: kept by later generations, ignored by check.
    assert _generate(_spec(tmp_path, V1), out, "-q") == 0 and admin[0].exists()
    assert main(["check", str(tmp_path / "jobs.yaml"), "-o", str(out), "--package-name", "jobs_sdk", "-q"]) == 0


def test_an_unedited_file_no_longer_generated_is_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sdk"
    two_resources = V2_NEW_OPERATION.replace(
        "tags: [jobs]\n      summary: Cancel", "tags: [admin]\n      x-sdk-resource: admin\n      summary: Cancel"
    )
    assert _generate(_spec(tmp_path, two_resources), out) == 0
    admin = [p for p in (out / "jobs_sdk").rglob("*.py") if "def cancel(" in p.read_text()]
    capsys.readouterr()
    assert _generate(_spec(tmp_path, V1), out) == 0
    assert not admin[0].exists() and "no longer generated" not in capsys.readouterr().err


def test_the_base_snapshot_is_committed_with_the_sdk_and_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert _generate(_spec(tmp_path, V1), a, "-q") == 0
    assert _generate(_spec(tmp_path, V1), b, "-q", "--no-cache") == 0
    assert (a / SNAPSHOT).read_bytes() == (b / SNAPSHOT).read_bytes()
    with tarfile.open(a / SNAPSHOT) as tar:
        names = tar.getnames()
        assert all(m.mtime == 0 and m.uid == 0 for m in tar.getmembers())
        client = tar.extractfile("jobs_sdk/_client.py")
        assert client is not None and client.read() == (a / "jobs_sdk" / "_client.py").read_bytes()
    assert ".sdkgen-manifest.json" not in names and "README.md" in names


def test_regeneration_outside_any_git_repository(tmp_path: Path) -> None:
    """The base travels with the output folder: no git repository (nor git history) is needed."""
    work = tmp_path / "nogit"
    work.mkdir()
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}  # git must not find a repository above
    assert subprocess.run(["git", "rev-parse", "--git-dir"], cwd=work, env={**env, "PATH": "/usr/bin:/bin"},
                          capture_output=True, check=False).returncode != 0  # fmt: skip
    (work / "jobs.yaml").write_text(V1)
    first = run_generator("generate", "jobs.yaml", "-o", "sdk", "--package-name", "jobs_sdk", cwd=work, env=env)
    assert first.returncode == 0, first.stderr
    module = _module(work / "sdk")
    _insert_before_first(module, "        return self._client.request(", EDIT)
    # A teammate's copy: the folder moved elsewhere still carries its base.
    shutil.move(work / "sdk", work / "moved")
    (work / "jobs.yaml").write_text(V2_NEW_OPERATION)
    second = run_generator("generate", "jobs.yaml", "-o", "moved", "--package-name", "jobs_sdk", cwd=work, env=env)
    assert second.returncode == 0, second.stderr
    source = (work / "moved" / module.relative_to(work / "sdk")).read_text()
    assert EDIT in source and "def cancel(" in source
