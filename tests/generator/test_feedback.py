"""What the CLI tells its user: a summary line, progress on a terminal only, --quiet, --help with examples."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.feedback import Progress
from tests.helpers import SPEC


def test_generate_ends_with_a_summary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sdk"
    assert main(["generate", str(SPEC), "-o", str(out)]) == 0
    first = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.fullmatch(
        rf"generated runloop_benchmark_jobs in {re.escape(str(out))}: 3 operations, \d+ models; "
        r"\d+ files written, 0 unchanged, 0 kept; 0 warnings; \d+\.\d s",
        first,
    ), first
    assert main(["generate", str(SPEC), "-o", str(out)]) == 0
    again = capsys.readouterr().err.strip().splitlines()[-1]
    assert " 0 files written, " in again and " 0 unchanged" not in again


def test_quiet_prints_nothing_on_success(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(SPEC), "-o", str(tmp_path / "sdk"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_a_while_and_is_cleared() -> None:
    stream = _Terminal()
    with Progress(stream, enabled=True, after=0.05, every=0.01) as progress:
        progress.step("rendering")
        time.sleep(0.3)
    text = stream.getvalue()
    assert "rendering… 0 s" in text and text.endswith("\r\033[K")


def test_a_message_clears_the_progress_line_first() -> None:
    stream = _Terminal()
    with Progress(stream, enabled=True, after=0.0, every=0.01) as progress:
        time.sleep(0.05)
        progress.message("spec.yaml:3:1: warning: something")
    assert "\r\033[Kspec.yaml:3:1: warning: something\n" in stream.getvalue()


def test_no_progress_when_quick_or_not_a_terminal() -> None:
    quick = _Terminal()
    with Progress(quick, enabled=True, after=5.0) as progress:
        progress.step("rendering")
    assert quick.getvalue() == ""
    piped = io.StringIO()
    with Progress(piped, enabled=True, after=0.0, every=0.01):
        time.sleep(0.05)
    assert piped.getvalue() == ""


@pytest.mark.parametrize("command", ["generate", "check", "diff"])
def test_help_explains_each_command_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "examples:" in text and f"python -m generator {command}" in text and "Exit codes:" in text
