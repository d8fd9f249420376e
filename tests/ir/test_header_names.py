"""A header parameter whose name is no HTTP header name is skipped with a located warning."""

from __future__ import annotations

from pathlib import Path

from generator.build_ir import build_ir

SPEC = """
openapi: 3.1.0
info: {title: Heads, version: '1'}
servers: [{url: https://heads.example.com}]
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: header param, in: header, schema: {type: string}}
        - {name: X-Request-Id, in: header, schema: {type: string}}
      responses:
        '200': {description: ok}
"""


def test_a_header_name_with_a_space_is_skipped_with_a_warning(tmp_path: Path) -> None:
    spec = tmp_path / "heads.yaml"
    spec.write_text(SPEC)
    api = build_ir(spec)
    (op,) = api.resources[0].operations
    assert [p.wire_name for p in op.header_params] == ["X-Request-Id"]
    (warning,) = [w for w in api.warnings if "header param" in w]
    assert "not a valid HTTP header name" in warning and "/paths/~1things/get/parameters/0" in warning
