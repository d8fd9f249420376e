"""Models and the SDK's own classes share one namespace: a model named like a generated class keeps working."""

from __future__ import annotations

import typing
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Collide, version: 1.0.0}
servers: [{url: https://collide.example.com}]
paths:
  /allowedConnections/{name}:
    get:
      tags: [AllowedConnections]
      operationId: AllowedConnections_Get
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/AllowedConnectionsResource'}}}
  /mappings:
    post:
      tags: [AllowedConnections]
      operationId: AllowedConnections_Map
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Mapping'}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Mapping'}}}
components:
  schemas:
    AllowedConnectionsResource:
      type: object
      properties:
        id: {type: string}
    Mapping:
      type: object
      properties:
        source: {type: string}
        labels: {type: object, additionalProperties: {type: string}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("collide"), SPEC, "collide_sdk")


def _handler(request: httpx.Request) -> httpx.Response:
    if request.url.path.startswith("/allowedConnections/"):
        return httpx.Response(200, json={"id": "c1"})
    return httpx.Response(200, json={"source": "s", "labels": {"a": "b"}})


def test_a_model_named_like_a_resource_class_is_returned_as_the_model(sdk: Any) -> None:
    resource = mock_client(sdk, _handler).allowed_connections
    value = resource.retrieve("n")
    assert type(value) is sdk.types.AllowedConnectionsResource
    assert value.id == "c1"
    assert type(resource).__name__ != "AllowedConnectionsResource"  # the SDK's class yields, the model keeps its name


def test_a_model_named_like_a_typing_name_the_resource_imports_still_works(sdk: Any) -> None:
    resource = mock_client(sdk, _handler).mappings  # POST /mappings
    hints = typing.get_type_hints(resource.create)  # what IDEs and runtime checkers read
    assert "Mapping[str, str]" in str(hints["labels"])
    value = resource.create(source="s", labels={"a": "b"})
    assert type(value).__name__.startswith("Mapping")  # the model, renamed off the imported typing name
    assert value.labels == {"a": "b"}
