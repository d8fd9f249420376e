"""OpenAPI 3.0 and 3.1 schema dialects: `nullable`, type arrays with "null", `const`, `examples`."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC_30 = """
openapi: 3.0.3
info: {title: Nullable, version: 1.0.0}
servers: [{url: https://n.example.com}]
components:
  schemas:
    Note:
      type: object
      required: [id, text]
      properties:
        id: {type: string}
        text: {type: string, nullable: true}
        score: {type: integer, nullable: true}
paths:
  /notes:
    post:
      operationId: createNote
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [text]
              properties: {text: {type: string, nullable: true}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}}
"""

SPEC_31 = """
openapi: 3.1.0
info: {title: Typearrays, version: 1.0.0}
servers: [{url: https://t.example.com}]
components:
  schemas:
    Note:
      type: object
      required: [id, text, kind]
      properties:
        id: {type: string, examples: [note_8Hq2]}
        text: {type: [string, "null"], examples: [buy milk, null]}
        score: {type: [integer, "null"]}
        kind: {const: note}
paths:
  /notes:
    post:
      operationId: createNote
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [text]
              properties: {text: {type: [string, "null"], examples: [buy milk]}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}}
"""


@pytest.fixture(scope="module", params=["3.0", "3.1"])
def sdk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    spec, package = (SPEC_30, "nullable30") if request.param == "3.0" else (SPEC_31, "typearrays31")
    return generate_sdk(tmp_path_factory.mktemp(package), spec, package)


def test_nullable_fields_are_optional_types(sdk: Any) -> None:
    hints = typing.get_type_hints(sdk.types.Note)
    assert hints["text"] == str | None
    assert hints["score"] == int | None
    assert hints["id"] is str
    # ``text`` is required but may be null: the field has no default.
    assert sdk.types.Note.model_fields["text"].is_required()


def test_null_parses_and_is_sent(sdk: Any) -> None:
    sent: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"id": "n1", "text": None, "score": None, "kind": "note"})

    client = mock_client(sdk, handler, strict_response_validation=True)
    note = client.notes.create(text=None)
    assert sent == [{"text": None}]
    assert type(note) is sdk.types.Note and note.text is None and note.score is None
    assert typing.get_type_hints(client.notes.create)["text"] == str | None


def test_const_is_a_literal_and_refuses_another_value(tmp_path: Path) -> None:
    sdk = generate_sdk(tmp_path, SPEC_31, "const31")
    assert typing.get_type_hints(sdk.types.Note)["kind"] == typing.Literal["note"]
    answers = iter(
        [
            httpx.Response(200, json={"id": "n1", "text": "x", "kind": "note"}),
            httpx.Response(200, json={"id": "n1", "text": "x", "kind": "memo"}),
        ]
    )
    client = mock_client(sdk, lambda r: next(answers), strict_response_validation=True)
    assert client.notes.create(text="x").kind == "note"
    with pytest.raises(sdk.APIResponseValidationError):
        client.notes.create(text="x")


def test_examples_array_form_feeds_the_readme(tmp_path: Path) -> None:
    generate_sdk(tmp_path, SPEC_31, "examples31")
    readme = (tmp_path / "out" / "README.md").read_text()
    # The 3.1 ``examples`` list gives the realistic call of the README (its first value).
    assert "buy milk" in readme


SPEC_31_UNIONS = """
openapi: 3.1.0
info: {title: Unions31, version: 1.0.0}
servers: [{url: https://u.example.com}]
components:
  schemas:
    Tag: {type: object, required: [name], properties: {name: {type: string}}}
    Owner:
      type: object
      properties:
        tag: {anyOf: [{$ref: '#/components/schemas/Tag'}, {type: 'null'}]}
        color: {type: [string, "null"], enum: [red, green, null]}
        mixed: {type: [string, integer]}
paths:
  /owner:
    get:
      operationId: getOwner
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}}}
"""


def test_3_1_null_variants_enums_with_null_and_multi_type_arrays(tmp_path: Path) -> None:
    sdk = generate_sdk(tmp_path, SPEC_31_UNIONS, "unions31")
    hints = typing.get_type_hints(sdk.types.Owner)
    assert hints["tag"] == sdk.types.Tag | None
    assert hints["color"] == sdk.types.OwnerColor | None
    assert hints["mixed"] == str | int | None
    answers = iter(
        [
            {"tag": {"name": "vip"}, "color": "red", "mixed": 7},
            {"tag": None, "color": None, "mixed": "seven"},
        ]
    )
    client = mock_client(sdk, lambda r: httpx.Response(200, json=next(answers)), strict_response_validation=True)
    first, second = client.owner.retrieve(), client.owner.retrieve()
    assert type(first.tag) is sdk.types.Tag and first.color is sdk.types.OwnerColor.red and first.mixed == 7
    assert (second.tag, second.color, second.mixed) == (None, None, "seven")
