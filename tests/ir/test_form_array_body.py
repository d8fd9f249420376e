"""A form body whose schema is an array cannot be encoded: that operation is skipped with a located warning."""

from __future__ import annotations

from pathlib import Path

from generator.build_ir import build_ir

SPEC = """
openapi: 3.0.3
info: {title: Studio, version: '1'}
paths:
  /videos/{id}/edit:
    post:
      operationId: editVideo
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {type: array, items: {type: object, properties: {name: {type: string}}}}
      responses: {'204': {description: done}}
  /videos:
    get:
      operationId: listVideos
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
"""


def test_the_operation_is_skipped_with_a_located_warning_and_the_rest_stays(tmp_path: Path) -> None:
    spec = tmp_path / "studio.yaml"
    spec.write_text(SPEC)
    api = build_ir(spec)
    operations = [op.operation_id for r in api.resources for op in r.operations]
    assert operations == ["listVideos"]
    (warning,) = [w for w in api.warnings if "operation skipped" in w]
    assert "must be an object" in warning
    assert "/paths/~1videos~1{id}~1edit/post/requestBody/content/application~1x-www-form-urlencoded/schema" in warning
    assert "studio.yaml:" in warning
