"""``allOf`` of a referenced schema and parts that only annotate it is that schema, annotated."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from generator.build_ir import build_ir
from generator.ir import NamedType, ObjectSchema, PrimitiveType, UnionType
from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.0.3
info: {title: Chat, version: '1'}
servers: [{url: https://chat.example.com}]
paths:
  /completions:
    post:
      operationId: createCompletion
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/CompletionRequest'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/CompletionRequest'}
components:
  schemas:
    ToolChoiceOption:
      oneOf:
        - {type: string, enum: [none, auto, required]}
        - type: object
          required: [type, function]
          properties:
            type: {type: string, enum: [function]}
            function: {type: object, required: [name], properties: {name: {type: string}}}
    CompletionRequest:
      type: object
      properties:
        tool_choice:
          allOf:
            - $ref: '#/components/schemas/ToolChoiceOption'
            - nullable: true
            - description: Which tool the model must call.
              default: auto
"""


def test_annotation_parts_make_the_referenced_union_nullable_and_documented(tmp_path: Path) -> None:
    spec = tmp_path / "chat.yaml"
    spec.write_text(SPEC)
    api = build_ir(spec)
    request = next(s for s in api.schemas if s.name == "CompletionRequest")
    assert isinstance(request, ObjectSchema)
    (field,) = request.fields
    assert field.type == UnionType((NamedType("ToolChoiceOption"), PrimitiveType("none")))
    assert field.description == "Which tool the model must call." and field.default == "auto"
    assert not [s for s in api.schemas if s.name.startswith("CompletionRequestToolChoice")]


@pytest.mark.parametrize("value", ["none", "auto", {"type": "function", "function": {"name": "f"}}, None])
def test_every_value_of_the_referenced_union_parses(tmp_path: Path, value: object) -> None:
    spec = tmp_path / "chat.yaml"
    spec.write_text(SPEC)
    assert generate(spec, tmp_path / "out", "--package-name", "chat") == 0
    chat = import_fresh("chat", tmp_path / "out")
    client = chat.Chat(  # type: ignore[attr-defined]
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=r.content)))
    )
    result = client.completions.create(tool_choice=value)
    choice = result.tool_choice
    assert (choice.model_dump() if hasattr(choice, "model_dump") else choice) == value
