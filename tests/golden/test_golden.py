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
    (out / "runloop_benchmark_jobs" / "pagination.py").unlink()
    (out / "stray.py").write_text("")  # a user's own file: kept by generate, so not staleness
    assert main(["check", str(SPEC), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "changed file: runloop_benchmark_jobs/_client.py" in err
    assert "+# edited by hand" in err
    assert "missing file: runloop_benchmark_jobs/pagination.py" in err
    assert "stray.py" not in err


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
