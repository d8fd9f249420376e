"""Page modules import what their pages use, whatever the item type (a union, a string, a literal)."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.1.0
info: {title: Pets, version: '1'}
servers: [{url: https://pets.example.com}]
paths:
  /pets:
    get:
      operationId: listPets
      parameters: [{name: starting_after, in: query, schema: {type: string}}]
      responses:
        '200':
          description: a page of pets
          content:
            application/json:
              schema:
                type: object
                properties:
                  has_more: {type: boolean}
                  data:
                    type: array
                    items:
                      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                      discriminator: {propertyName: kind}
  /names:
    get:
      operationId: listNames
      parameters: [{name: offset, in: query, schema: {type: integer}}]
      responses:
        '200':
          description: a page of names
          content:
            application/json:
              schema:
                type: object
                properties:
                  names: {type: array, items: {type: string}}
  /flags:
    get:
      operationId: listFlags
      parameters: [{name: offset, in: query, schema: {type: integer}}]
      responses:
        '200':
          description: a page of one-value flags
          content:
            application/json:
              schema:
                type: object
                properties:
                  flags: {type: array, items: {type: string, enum: [on]}}
components:
  schemas:
    Cat:
      type: object
      required: [id, kind]
      properties: {id: {type: string}, kind: {type: string, enum: [cat]}}
    Dog:
      type: object
      required: [id, kind]
      properties: {id: {type: string}, kind: {type: string, enum: [dog]}}
"""


def test_pages_of_a_union_and_of_strings_import_and_iterate(tmp_path: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(SPEC)
    assert generate(spec, tmp_path / "out", "--package-name", "pets") == 0
    pages = (tmp_path / "out" / "pets" / "_pages" / "pets.py").read_text()
    imports = [line for line in pages.splitlines() if line.startswith("from ..types.")]
    assert imports and all(" | " not in line for line in imports)
    pets = import_fresh("pets", tmp_path / "out")

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path in ("/names", "/flags"):
            first = request.url.params.get("offset", "0") == "0"
            if request.url.path == "/flags":
                return httpx.Response(200, json={"flags": ["on"] if first else []})
            return httpx.Response(200, json={"names": ["a", "b"] if first else []})
        if "starting_after" not in request.url.params:
            return httpx.Response(200, json={"has_more": True, "data": [{"id": "c1", "kind": "cat"}]})
        return httpx.Response(200, json={"has_more": False, "data": [{"id": "d1", "kind": "dog"}]})

    client = pets.Pets(http_client=httpx.Client(transport=httpx.MockTransport(handler)))  # type: ignore[attr-defined]
    assert [type(p).__name__ for p in client.pets.list()] == ["Cat", "Dog"]
    assert list(client.names.list()) == ["a", "b"]
    assert list(client.flags.list()) == ["on"]
