"""A user's templates directory overrides ours by file name; a failing template is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import SPEC


def test_a_template_override_changes_the_output(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "README.md.jinja").write_text(
        "# {{ config.distribution_name }}\n\n{% for r in view.resources %}- {{ r.attr_name }}\n{% endfor %}"
    )
    out = tmp_path / "sdk"
    assert main(["generate", str(SPEC), "-o", str(out), "-q", "--templates", str(templates)]) == 0
    assert (out / "README.md").read_text() == "# runloop-benchmark-jobs\n\n- benchmark_jobs\n"
    # Templates not overridden are ours.
    assert "class Runloop(" in (out / "runloop_benchmark_jobs" / "_client.py").read_text()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("line one\n\n{{ view.no_such_value }}\n", 3, "no attribute 'no_such_value'"),
        ("ok\n{% if %}\n", 2, "TemplateSyntaxError"),
        ("{% for r in view.resources %}\n{{ r.methods | length // 0 }}\n{% endfor %}\n", 2, "ZeroDivisionError"),
    ],
)
def test_a_failing_template_gives_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, message: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "api.md.jinja").write_text(text)
    out = tmp_path / "sdk"
    assert main(["generate", str(SPEC), "-o", str(out), "--templates", str(templates)]) == 2
    err = capsys.readouterr().err
    assert f"{templates / 'api.md.jinja'}:{line}: template api.md.jinja failed" in err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_a_missing_templates_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(SPEC), "-o", str(tmp_path / "sdk"), "--templates", str(tmp_path / "nope")]) == 2
    assert "templates directory" in capsys.readouterr().err
