"""Golden test: regenerating from spec/ and templates/ reproduces generated/ byte for byte.

To accept a change in the output, run `python -m generator generate` and review the diff of
generated/ like code.
"""

from __future__ import annotations

from pathlib import Path

from generator.cli import main
from generator.output import diff_trees
from tests.helpers import GENERATED, SPEC


def test_generated_matches_spec_and_templates(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert main(["generate", str(SPEC), "-o", str(out), "-q"]) == 0
    diff = diff_trees(GENERATED, out)
    assert not diff, "generated/ is stale; run `python -m generator generate` and review the result.\n" + diff


def test_check_command_reports_stale_output(tmp_path: Path, capsys: object) -> None:
    out = tmp_path / "generated"
    assert main(["generate", str(SPEC), "-o", str(out), "-q"]) == 0
    assert main(["check", str(SPEC), "-o", str(out), "-q"]) == 0
    client = out / "runloop_benchmark_jobs" / "_client.py"
    client.write_text(client.read_text() + "\n# edited by hand\n")
    (out / "stray.py").write_text("")  # a user's own file: kept by generate, so not staleness
    # A hand edit is reported as such, not as staleness (generate merges it).
    assert main(["check", str(SPEC), "-o", str(out)]) == 0
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert (
        "hand edits in 1 generated file(s), kept by `generate` (not staleness): runloop_benchmark_jobs/_client.py"
        in err
    )
    # What the last generation wrote differs from a fresh one: stale.
    (out / "runloop_benchmark_jobs" / "pagination.py").unlink()
    manifest = out / ".sdkgen-manifest.json"
    manifest.write_text(manifest.read_text().replace('"README.md",', ""))
    assert main(["check", str(SPEC), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "missing file: runloop_benchmark_jobs/pagination.py" in err
    assert "changed file: .sdkgen-manifest.json" in err and '-    "README.md",' in err
    assert "_client.py" not in err and "stray.py" not in err


def test_diff_trees_reports_missing_extra_and_changed(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        root.mkdir()
    (a / "same.py").write_text("x = 1\n")
    (b / "same.py").write_text("x = 1\n")
    (a / "gone.py").write_text("")
    (b / "new.py").write_text("")
    (a / "edit.py").write_text("x = 1\n")
    (b / "edit.py").write_text("x = 2\n")
    report = diff_trees(a, b)
    assert "missing file: gone.py" in report
    assert "extra file: new.py" in report
    assert "changed file: edit.py" in report and "-x = 1" in report and "+x = 2" in report
    assert "same.py" not in report
