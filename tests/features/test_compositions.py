"""`allOf` composition and inheritance; `oneOf`/`anyOf` with and without a discriminator."""

from __future__ import annotations

import inspect
import json
import typing
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Zoo, version: 1.0.0}
servers: [{url: https://zoo.example.com}]
components:
  schemas:
    Animal:
      type: object
      required: [id]
      properties: {id: {type: string}, name: {type: string}}
    Dog:
      allOf:
        - $ref: '#/components/schemas/Animal'
        - type: object
          required: [bark]
          properties: {bark: {type: string}, good: {type: boolean}}
    # Both variants fit any payload with a name: only the tag can tell them apart.
    Cat:
      type: object
      required: [pet_type, name]
      properties: {pet_type: {type: string}, name: {type: string}, lives: {type: integer}}
    Bird:
      type: object
      required: [pet_type, name]
      properties: {pet_type: {type: string}, name: {type: string}, wings: {type: integer}}
    MappedPet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Bird'}]
      discriminator:
        propertyName: pet_type
        mapping: {kitty: '#/components/schemas/Cat', birdie: '#/components/schemas/Bird'}
    NamedPet:
      anyOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Bird'}]
      discriminator: {propertyName: pet_type}
    Circle:
      type: object
      required: [radius]
      properties: {radius: {type: number}}
      additionalProperties: false
    Square:
      type: object
      required: [side]
      properties: {side: {type: number}}
      additionalProperties: false
    Shape:
      oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
    IdOrCount:
      anyOf: [{type: string}, {type: integer}]
paths:
  /dogs:
    post:
      operationId: createDog
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Dog'}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Dog'}}}}}
  /mapped:
    get:
      operationId: listMapped
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/MappedPet'}}}}
  /named:
    get:
      operationId: listNamed
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/NamedPet'}}}}
  /shapes:
    get:
      operationId: listShapes
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Shape'}}}}
  /ids:
    get:
      operationId: listIds
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/IdOrCount'}}}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("zoo"), SPEC, "zoo")


def answering(payload: Any) -> Any:
    return lambda request: httpx.Response(200, json=payload)


def test_all_of_child_has_the_parents_fields_and_both_required_lists(sdk: Any) -> None:
    fields = sdk.types.Dog.model_fields
    assert set(fields) == {"id", "name", "bark", "good"}
    assert {name for name, field in fields.items() if field.is_required()} == {"id", "bark"}
    dog = mock_client(sdk, answering({"id": "d1", "name": "Rex", "bark": "woof"})).dogs.create(id="d1", bark="woof")
    assert type(dog) is sdk.types.Dog and (dog.id, dog.name, dog.bark, dog.good) == ("d1", "Rex", "woof", None)


def test_all_of_request_requires_the_fields_of_both_parts(sdk: Any) -> None:
    sent: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"id": "d1", "bark": "woof"})

    client = mock_client(sdk, handler)
    parameters = inspect.signature(client.dogs.create).parameters
    assert parameters["id"].default is inspect.Parameter.empty
    assert parameters["bark"].default is inspect.Parameter.empty
    assert parameters["name"].default is not inspect.Parameter.empty
    client.dogs.create(id="d1", bark="woof", good=True)
    assert sent == [{"id": "d1", "bark": "woof", "good": True}]
    with pytest.raises(TypeError):
        client.dogs.create(id="d1")


@pytest.mark.parametrize("strict", [False, True])
def test_discriminator_with_mapping_picks_each_variant(sdk: Any, strict: bool) -> None:
    payload = [{"pet_type": "birdie", "name": "Tweety"}, {"pet_type": "kitty", "name": "Tom", "lives": 9}]
    bird, cat = mock_client(sdk, answering(payload), strict_response_validation=strict).mapped.list()
    assert type(bird) is sdk.types.Bird and bird.name == "Tweety" and bird.wings is None
    assert type(cat) is sdk.types.Cat and cat.lives == 9


def test_a_variant_of_two_unions_accepts_the_tag_of_each(sdk: Any) -> None:
    hints = typing.get_type_hints(sdk.types.Cat)
    assert hints["pet_type"] == typing.Literal["kitty", "Cat"]


def test_discriminator_without_mapping_uses_the_schema_names(sdk: Any) -> None:
    payload = [{"pet_type": "Bird", "name": "Tweety", "wings": 2}, {"pet_type": "Cat", "name": "Tom", "lives": 7}]
    bird, cat = mock_client(sdk, answering(payload)).named.list()
    assert type(bird) is sdk.types.Bird and bird.wings == 2
    assert type(cat) is sdk.types.Cat and cat.lives == 7


@pytest.mark.parametrize(("path", "unknown"), [("mapped", "MappedPetUnknown"), ("named", "NamedPetUnknown")])
def test_an_unknown_tag_parses_into_the_fallback(sdk: Any, path: str, unknown: str) -> None:
    payload = [{"pet_type": "fish", "name": "Nemo", "fins": 4}]
    client = mock_client(sdk, answering(payload))
    (fish,) = getattr(client, path).list()
    assert type(fish) is getattr(sdk.types, unknown)
    assert fish.pet_type == "fish" and fish.model_dump() == {"pet_type": "fish", "name": "Nemo", "fins": 4}
    strict = mock_client(sdk, answering(payload), strict_response_validation=True)
    with pytest.raises(sdk.APIResponseValidationError):
        getattr(strict, path).list()


def test_one_of_without_discriminator_picks_the_matching_variant(sdk: Any) -> None:
    circle, square = mock_client(sdk, answering([{"radius": 1.5}, {"side": 2}])).shapes.list()
    assert type(circle) is sdk.types.Circle and circle.radius == 1.5
    assert type(square) is sdk.types.Square and square.side == 2


def test_any_of_of_scalars_keeps_each_value_type(sdk: Any) -> None:
    assert set(typing.get_args(sdk.types.IdOrCount.__value__)) == {str, int}
    values = mock_client(sdk, answering(["a1", 3])).ids.list()
    assert values == ["a1", 3] and [type(v) for v in values] == [str, int]


def test_the_async_client_parses_tagged_unions_alike(sdk: Any) -> None:
    import asyncio

    payload = [{"pet_type": "kitty", "name": "Tom"}, {"pet_type": "fish", "name": "Nemo"}]

    async def call() -> list[Any]:
        async with mock_client(sdk, answering(payload), use_async=True) as client:
            return list(await client.mapped.list())

    cat, fish = asyncio.run(call())
    assert type(cat) is sdk.types.Cat and type(fish) is sdk.types.MappedPetUnknown
