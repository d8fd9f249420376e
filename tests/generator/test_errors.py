"""Bad input: a clear, located error, a non-zero exit, and nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import SPEC


def _run(tmp_path: Path, text: str, name: str = "api.yaml", *extra: str) -> tuple[int, str, Path]:
    spec = tmp_path / name
    spec.write_text(text)
    out = tmp_path / "out"
    code = main(["generate", str(spec), "-o", str(out), *extra])
    return code, "", out


def test_yaml_syntax_error_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, out = _run(tmp_path, "openapi: 3.1.0\ninfo:\n  title: [unclosed\n")
    err = capsys.readouterr().err
    assert code == 2
    assert "api.yaml:" in err and "invalid YAML" in err
    assert not out.exists()


def test_json_syntax_error_names_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(tmp_path, '{\n  "openapi": "3.1.0",\n  "info": {,}\n}', "api.json")
    err = capsys.readouterr().err
    assert code == 2
    assert "api.json:3:" in err and "invalid JSON" in err


def test_swagger_2_is_refused_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(tmp_path, "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n")
    err = capsys.readouterr().err
    assert code == 2 and "Swagger 2.0 is not supported" in err


def test_missing_spec_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out")]) == 2
    assert "spec file not found" in capsys.readouterr().err


def test_broken_ref_degrades_to_located_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = """openapi: 3.1.0
info: {title: Broken, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
"""
    code, _, out = _run(tmp_path, text)
    err = capsys.readouterr().err
    assert code == 0
    assert "api.yaml:13:" in err and "/paths/~1things/get/responses/200" in err and "points at nothing" in err
    assert (out / "broken" / "resources" / "things.py").exists()


def test_unknown_config_option_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("package_name: ok\nclient_klass: Oops\n")
    assert main(["generate", str(SPEC), "-o", str(tmp_path / "out"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "c.yaml:2:1" in err and "unknown config option 'client_klass'" in err


def test_invalid_package_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(SPEC), "-o", str(tmp_path / "out"), "--package-name", "import"]) == 2
    assert "invalid package_name" in capsys.readouterr().err


def test_failed_generation_keeps_previous_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["generate", str(SPEC), "-o", str(out), "-q"]) == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: [")
    assert main(["generate", str(bad), "-o", str(out)]) == 2
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no staging left behind


def test_refuses_to_replace_a_foreign_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "important.txt").write_text("keep me")
    assert main(["generate", str(SPEC), "-o", str(out)]) == 2
    assert "not made by this generator" in capsys.readouterr().err
    assert (out / "important.txt").read_text() == "keep me"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("bad-status-code.yaml", "invalid response status code 'abcdef'"),
        ("circular-body-ref.yaml", "$ref cycle"),
        ("missing-body-ref.yaml", "points at nothing"),
        ("optional-path-param.yaml", "must be required"),
        ("invalid-uuid-defaults.yaml", "does not match its type"),
    ],
)
def test_peer_documents_with_errors_give_located_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: str, message: str
) -> None:
    from tests.helpers import shared_dir

    spec = shared_dir() / "specs" / "peer-opc" / "documents_with_errors" / document
    assert main(["generate", str(spec), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert message in err
    assert f"{document}:" in err and "(at #/" in err
