"""Properties beside ``oneOf``/``anyOf`` belong to every object variant."""

from __future__ import annotations

from pathlib import Path

import httpx

from generator.build_ir import build_ir
from generator.ir import AliasSchema, NamedType, ObjectSchema, PrimitiveType, UnionType
from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.1.0
info: {title: Zoo, version: '1'}
servers: [{url: https://zoo.example.com}]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
  /labels/{id}:
    get:
      operationId: getLabel
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Label'}}}
components:
  schemas:
    Cat:
      type: object
      required: [kind]
      properties: {kind: {type: string, enum: [cat]}, meows: {type: boolean}}
    Dog:
      type: object
      required: [kind]
      properties: {kind: {type: string, enum: [dog]}, barks: {type: boolean}}
    Pet:
      required: [name]
      properties:
        name: {type: string}
        owner: {type: object, properties: {email: {type: string}}}
      discriminator:
        propertyName: kind
        mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
        - type: object
          title: Fish
          required: [kind]
          properties: {kind: {type: string, enum: [fish]}}
    Label:
      properties:
        colour: {type: string}
      anyOf:
        - {type: string}
        - {type: object, properties: {text: {type: string}}}
"""


def _fields(schemas: dict[str, object], name: str) -> dict[str, tuple[object, bool]]:
    schema = schemas[name]
    assert isinstance(schema, ObjectSchema)
    return {f.wire_name: (f.type, f.required) for f in schema.fields}


def test_shared_properties_are_merged_into_every_object_variant(tmp_path: Path) -> None:
    spec = tmp_path / "zoo.yaml"
    spec.write_text(SPEC)
    api = build_ir(spec)
    assert api.warnings == ()
    schemas = {s.name: s for s in api.schemas}
    pet = schemas["Pet"]
    assert isinstance(pet, AliasSchema) and isinstance(pet.target, UnionType)
    assert pet.target.variants == (
        NamedType("PetCat"),
        NamedType("PetDog"),
        NamedType("PetFish"),
        NamedType("PetUnknown"),
    )
    assert pet.target.mapping == (("cat", "PetCat"), ("dog", "PetDog"))
    for variant in ("PetCat", "PetDog", "PetFish"):
        fields = _fields(schemas, variant)
        assert fields["name"] == (PrimitiveType("str"), True)
        assert fields["owner"] == (NamedType("PetOwner"), False)
    assert set(_fields(schemas, "PetCat")) == {"kind", "meows", "name", "owner"}
    assert set(_fields(schemas, "Cat")) == {"kind", "meows"}  # the component itself is unchanged
    label = schemas["Label"]
    assert isinstance(label, AliasSchema) and isinstance(label.target, UnionType)
    string, obj = label.target.variants
    assert string == PrimitiveType("str")
    assert isinstance(obj, NamedType) and set(_fields(schemas, obj.name)) == {"text", "colour"}


def test_a_variant_parses_the_shared_properties(tmp_path: Path) -> None:
    spec = tmp_path / "zoo.yaml"
    spec.write_text(SPEC)
    assert generate(spec, tmp_path / "out", "--package-name", "zoo") == 0
    zoo = import_fresh("zoo", tmp_path / "out")
    body = {"kind": "cat", "name": "Tom", "meows": True, "owner": {"email": "a@b.c"}}
    client = zoo.Zoo(  # type: ignore[attr-defined]
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body)))
    )
    pet = client.pets.retrieve("p1")
    assert type(pet).__name__ == "PetCat" and pet.name == "Tom" and pet.owner.email == "a@b.c"
