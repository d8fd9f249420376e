"""Every bad document of ``bad_documents.CASES`` through the CLI, in a subprocess.

Each run is bounded (60 s, 3 GiB of address space: a hang or runaway growth fails the
test) and must end as the case says: exit code, message words, file:line:column, JSON
pointer; never a traceback or an "internal error". After an error the output directory,
with a hand-written file in it, is byte-identical; after a success every generated file
lies inside the output directory and the package imports with ``-W error``.
"""

from __future__ import annotations

import os
import shutil
import socket
import time
from pathlib import Path

import pytest

from tests.helpers import GUARD_SECONDS, import_in_subprocess, run_generator
from tests.robustness.bad_documents import CASES, Case, ref_spec

HAND_WRITTEN = "NOTES.md"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (nothing skipped), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SDK generated earlier, plus a file its user wrote by hand."""
    root = tmp_path_factory.mktemp("previous")
    spec = root / "ok.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Ok, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      operationId: getA\n      responses: {'200': {description: ok}}\n"
    )
    result = run_generator("generate", str(spec), "-o", str(root / "out"), "--package-name", "ok_sdk")
    assert result.returncode == 0, result.stderr
    (root / "out" / HAND_WRITTEN).write_text("my notes: keep me\n")
    return root / "out"


def write_case(case: Case, root: Path) -> None:
    for relative, content in case.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content.replace("{root}", str(root)), encoding="utf-8")
    for link, target in case.symlinks.items():
        (root / link).symlink_to(target)


def check_message(case: Case, stderr: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert "\x1b" not in stderr and "\u2028" not in stderr, "a control character reached the terminal"
    for word in case.words:
        assert word in stderr, f"{word!r} missing from:\n{stderr}"
    if case.where is not None:
        assert case.where in stderr, f"{case.where!r} missing from:\n{stderr}"
    if case.pointer is not None:
        assert f"(at {case.pointer}" in stderr, f"pointer {case.pointer!r} missing from:\n{stderr}"
    kind = "error:" if case.exit else "warning:"
    if case.where is not None and case.words:
        # The location and the first word are on one line, of the right kind.
        lines = [line for line in stderr.splitlines() if case.where in line and kind in line]
        assert lines, f"no {kind} line naming {case.where!r}:\n{stderr}"
    if case.exit == 0 and not case.words:
        assert "warning:" not in stderr, stderr


def generated_text(out: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(out.rglob("*")) if p.is_file() and p.suffix in {".py", ".md"}
    )


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else []) for c in CASES])
def test_bad_document(case: Case, tmp_path: Path, previous_output: Path) -> None:
    root = tmp_path / "case"
    root.mkdir()
    write_case(case, root)
    out = tmp_path / "out"
    if case.exit:
        shutil.copytree(previous_output, out)
    before = snapshot(out) if out.exists() else {}
    args = [a.replace("{root}", str(root)) for a in case.args]

    started = time.monotonic()
    result = run_generator(
        "generate", str(root / case.spec), "-o", str(out), "--package-name", "probe", *args, cwd=root
    )
    elapsed = time.monotonic() - started

    assert result.returncode == case.exit, f"exit {result.returncode}, expected {case.exit}:\n{result.stderr}"
    assert elapsed < GUARD_SECONDS
    check_message(case, result.stderr)
    assert not (root / "PWNED").exists()
    for text in case.not_in_output:
        assert text not in result.stderr
    if case.exit:
        assert snapshot(out) == before, "a failed run changed the output directory"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "out"], "staging left behind"
        return
    # Success: everything written lies inside the output directory, and the SDK imports.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "out"]
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve()) and not path.is_symlink()
        assert len(path.name.encode()) <= 255
    text = generated_text(out)
    for expected in case.in_output:
        assert expected in text
    for forbidden in case.not_in_output:
        assert forbidden not in text
    imported = import_in_subprocess("probe", out, "import probe.types")
    assert imported.returncode == 0, imported.stderr


def test_suite_has_at_least_40_documents() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


def test_http_ref_is_never_fetched(tmp_path: Path, previous_output: Path) -> None:
    """A ``$ref`` to a URL on a live local server: refused, and the server sees no connection."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        spec = tmp_path / "api.yaml"
        spec.write_text(ref_spec(f"'http://127.0.0.1:{port}/schemas.yaml#/Thing'"))
        out = tmp_path / "out"
        shutil.copytree(previous_output, out)
        before = snapshot(out)
        result = run_generator("generate", str(spec), "-o", str(out), cwd=tmp_path)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nothing ever connected
    assert result.returncode == 2, result.stderr
    assert "is a URL" in result.stderr and "never fetches" in result.stderr
    assert "api.yaml:13:17" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_long_names_are_cut_deterministically(tmp_path: Path) -> None:
    """Two runs of the too-long-names document give the same (short) file names."""
    case = next(c for c in CASES if c.id == "names-too-long-for-a-file")
    names = []
    for run in ("one", "two"):
        root = tmp_path / run
        root.mkdir()
        write_case(case, root)
        assert run_generator("generate", str(root / case.spec), "-o", str(root / "out"), "-q").returncode == 0
        names.append(sorted(p.relative_to(root / "out").as_posix() for p in (root / "out").rglob("*.py")))
    assert names[0] == names[1]
    longest = max(len(Path(n).name) for n in names[0])
    assert 100 <= longest <= 110  # cut to MAX_NAME_LENGTH (plus ".py"), not merely short by luck


def test_ref_to_a_fifo_does_not_hang(tmp_path: Path) -> None:
    """A named pipe in the spec's folder would block a reader forever; it is refused."""
    os.mkfifo(tmp_path / "pipe.yaml")
    spec = tmp_path / "api.yaml"
    spec.write_text(ref_spec("'./pipe.yaml#/Thing'"))
    result = run_generator("generate", str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "is not a regular file" in result.stderr and "api.yaml:13:17" in result.stderr
