"""Models and the SDK's own classes share one namespace: a model named like a generated class keeps working."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client, type_hints

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
    hints = type_hints(resource.create)  # what IDEs read (runtime checkers: through the lazy types index)
    assert "Mapping[str, str]" in str(hints["labels"])
    value = resource.create(source="s", labels={"a": "b"})
    assert type(value).__name__.startswith("Mapping")  # the model, renamed off the imported typing name
    assert value.labels == {"a": "b"}


CREDENTIAL_SPEC = """
openapi: 3.0.3
info: {title: Files, version: 1.0.0}
servers: [{url: https://files.example.com}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-FilesAPI-Key}
security: [{key: []}]
paths:
  /api_key:
    get:
      tags: [api_key]
      operationId: listApiKeys
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: object}}}}}}
  /user_agent:
    get:
      tags: [user_agent]
      operationId: getUserAgent
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
"""


def test_a_resource_named_like_a_client_attribute_or_credential_gets_another_name(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    files = generate_sdk(tmp_path_factory.mktemp("files"), CREDENTIAL_SPEC, "files_sdk")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[] if request.url.path == "/api_key" else {})

    client = mock_client(files, handler, api_key="secret")
    assert client.api_key == "secret"  # the credential stays what it is
    resources = [client.api_key_, client.user_agent_]  # a trailing underscore, as for a keyword
    assert len(resources) == 2
    for resource in resources:
        next(getattr(resource, m) for m in ("list", "retrieve") if hasattr(resource, m))()
    assert [r.url.path for r in seen] == ["/api_key", "/user_agent"]
    assert all(r.headers["X-FilesAPI-Key"] == "secret" for r in seen)


BUILTIN_PARAMETER_SPEC = """
openapi: 3.0.3
info: {title: Stats, version: 1.0.0}
servers: [{url: https://stats.example.com}]
paths:
  /charts:
    get:
      operationId: getCharts
      parameters:
        - {name: object, in: query, schema: {type: string}}
        - {name: list, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {type: object, additionalProperties: {}}}}}
"""


def test_a_parameter_named_like_a_builtin_does_not_break_the_result_type(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    stats = generate_sdk(tmp_path_factory.mktemp("stats"), BUILTIN_PARAMETER_SPEC, "stats_sdk")
    client = mock_client(stats, lambda r: httpx.Response(200, json=[{"a": 1}]))
    assert client.charts.list(object="invoice", list=2) == [{"a": 1}]
    assert client.charts.list() == [{"a": 1}]


QUERY_KEY_SPEC = """
openapi: 3.0.3
info: {title: Books, version: 1.0.0}
servers: [{url: https://books.example.com}]
components:
  securitySchemes:
    api-key: {type: apiKey, in: query, name: api-key}
security: [{api-key: []}]
paths:
  /lists/names.json:
    get:
      operationId: getListNames
      parameters: [{name: api-key, in: query, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
"""


def test_a_query_parameter_left_out_does_not_hide_the_credential_of_the_same_name(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    books = generate_sdk(tmp_path_factory.mktemp("books"), QUERY_KEY_SPEC, "books_sdk")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = mock_client(books, handler, api_key="secret")
    resource = client.lists.names  # /lists/names.json
    method = next(getattr(resource, m) for m in ("list", "retrieve") if hasattr(resource, m))
    method()
    assert seen[-1].url.params["api-key"] == "secret"
