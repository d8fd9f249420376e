"""A required parameter with one possible value is sent by the SDK, not asked of the caller (AWS's X-Amz-Target)."""

from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.0
info: {title: Queue, version: '2012-11-05'}
servers: [{url: https://queue.example.com}]
paths:
  /#X-Amz-Target=AmazonSQS.ListQueues:
    post:
      operationId: ListQueues
      parameters:
        - {name: X-Amz-Target, in: header, required: true, schema: {type: string, enum: [AmazonSQS.ListQueues]}}
        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2012-11-05']}}
        - {name: X-Amz-Date, in: header, required: false, schema: {type: string}}
        - {name: Mode, in: query, required: false, schema: {type: string, enum: [fast]}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {QueueNamePrefix: {type: string}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: object, properties: {QueueUrls: {type: array, items: {type: string}}}}}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("queue"), SPEC, "queue_sdk")


def test_a_one_value_required_header_and_query_are_sent_without_being_passed(sdk: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"QueueUrls": ["q1"]})

    client = mock_client(sdk, handler)
    method = client.default.list_queues
    assert method(queue_name_prefix="a").QueueUrls == ["q1"]
    request = seen[0]
    assert request.headers["X-Amz-Target"] == "AmazonSQS.ListQueues"
    assert request.url.params["Version"] == "2012-11-05"
    assert "Mode" not in request.url.params  # an optional one-value parameter stays the caller's choice
    assert request.url.path == "/"  # the path key's fragment never goes on the wire
    assert json.loads(request.content) == {"QueueNamePrefix": "a"}
    parameters = inspect.signature(method).parameters
    assert "x_amz_target" not in parameters and "version" not in parameters and "mode" in parameters


FIXED_QUERY_SPEC = """
openapi: 3.0.0
info: {title: Photos, version: '1'}
servers: [{url: https://photos.example.com}]
paths:
  /rest?method=flickr.groups.getInfo:
    get:
      operationId: getGroup
      parameters: [{name: group_id, in: query, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
  /search?q={q}:
    get:
      operationId: search
      parameters: [{name: q, in: query, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
"""


def test_a_path_keys_fixed_query_is_sent_with_the_other_query_parameters(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    photos = generate_sdk(tmp_path_factory.mktemp("photos"), FIXED_QUERY_SPEC, "photos_sdk")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = mock_client(photos, handler)
    client.flickr.groups.get_info(group_id="g1")  # named from the fixed query's dotted method
    assert seen[0].url.path == "/rest"
    assert dict(seen[0].url.params) == {"method": "flickr.groups.getInfo", "group_id": "g1"}
    client.search.retrieve(q="cats")
    assert seen[1].url.path == "/search" and list(seen[1].url.params.multi_items()) == [("q", "cats")]
