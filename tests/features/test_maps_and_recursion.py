"""`additionalProperties` (typed, untyped, false) and recursive / mutually recursive schemas."""

from __future__ import annotations

import typing
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Graph, version: 1.0.0}
servers: [{url: https://graph.example.com}]
components:
  schemas:
    Price:
      type: object
      required: [amount]
      properties: {amount: {type: integer}, currency: {type: string}}
    Catalog:
      type: object
      required: [prices, labels]
      properties:
        prices: {type: object, additionalProperties: {$ref: '#/components/schemas/Price'}}
        labels: {type: object, additionalProperties: true}
        counts: {type: object, additionalProperties: {type: integer}}
    Point:
      type: object
      required: [x]
      properties: {x: {type: integer}}
      additionalProperties: false
    Node:
      type: object
      required: [name]
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
    Author:
      type: object
      required: [name]
      properties:
        name: {type: string}
        books: {type: array, items: {$ref: '#/components/schemas/Book'}}
    Book:
      type: object
      required: [title]
      properties:
        title: {type: string}
        author: {$ref: '#/components/schemas/Author'}
paths:
  /catalog:
    get:
      operationId: getCatalog
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Catalog'}}}}}
  /point:
    get:
      operationId: getPoint
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Point'}}}}}
  /tree:
    get:
      operationId: getTree
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}
  /authors/{id}:
    get:
      operationId: getAuthor
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Author'}}}}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("graph"), SPEC, "graph")


def answering(payload: Any) -> Any:
    return lambda request: httpx.Response(200, json=payload)


def test_typed_additional_properties_parse_values_into_models(sdk: Any) -> None:
    hints = typing.get_type_hints(sdk.types.Catalog)
    assert hints["prices"] == dict[str, sdk.types.Price]
    assert hints["counts"] == dict[str, int] | None
    payload = {
        "prices": {"basic": {"amount": 500, "currency": "eur"}, "pro": {"amount": 2000}},
        "labels": {"en": "Hello", "nested": {"deep": [1, None, True]}},
        "counts": {"a": 1},
    }
    catalog = mock_client(sdk, answering(payload), strict_response_validation=True).catalog.retrieve()
    assert type(catalog.prices["basic"]) is sdk.types.Price and catalog.prices["basic"].currency == "eur"
    assert catalog.prices["pro"].amount == 2000 and catalog.prices["pro"].currency is None
    assert catalog.counts == {"a": 1}


def test_untyped_additional_properties_keep_any_json(sdk: Any) -> None:
    assert typing.get_type_hints(sdk.types.Catalog)["labels"] == dict[str, Any]
    labels = {"en": "Hello", "n": 3, "nested": {"deep": [1, None, True]}}
    catalog = mock_client(sdk, answering({"prices": {}, "labels": labels})).catalog.retrieve()
    assert catalog.labels == labels


def test_a_typed_map_refuses_a_value_of_the_wrong_type(sdk: Any) -> None:
    client = mock_client(sdk, answering({"prices": {"basic": {"currency": "eur"}}, "labels": {}}))
    with pytest.raises(sdk.APIResponseValidationError):
        client.catalog.retrieve()  # a Price without its required amount


def test_additional_properties_false_strict_refuses_and_lenient_keeps(sdk: Any) -> None:
    payload = {"x": 1, "y": 2}
    point = mock_client(sdk, answering(payload)).point.retrieve()
    assert type(point) is sdk.types.Point and point.x == 1
    assert point.model_dump() == payload
    strict = mock_client(sdk, answering(payload), strict_response_validation=True)
    with pytest.raises(sdk.APIResponseValidationError, match="y"):
        strict.point.retrieve()
    assert mock_client(sdk, answering({"x": 3}), strict_response_validation=True).point.retrieve().x == 3


def test_a_recursive_tree_parses_at_every_depth(sdk: Any) -> None:
    payload = {"name": "root", "children": [{"name": "a", "children": [{"name": "a1", "children": []}]}, {"name": "b"}]}
    tree = mock_client(sdk, answering(payload), strict_response_validation=True).tree.retrieve()
    assert type(tree) is sdk.types.Node
    leaf = tree.children[0].children[0]
    assert type(leaf) is sdk.types.Node and leaf.name == "a1" and leaf.children == []
    assert tree.children[1].children is None


def test_mutually_recursive_schemas_parse_nested_payloads(sdk: Any) -> None:
    payload = {
        "name": "Le Guin",
        "books": [{"title": "The Dispossessed", "author": {"name": "Le Guin", "books": [{"title": "Lathe"}]}}],
    }
    author = mock_client(sdk, answering(payload), strict_response_validation=True).authors.retrieve("ug")
    book = author.books[0]
    assert type(author) is sdk.types.Author and type(book) is sdk.types.Book
    assert type(book.author) is sdk.types.Author and book.author.books[0].title == "Lathe"
    assert book.author.books[0].author is None
