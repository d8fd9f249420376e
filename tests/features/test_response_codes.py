"""Several success codes, `default` responses and responses without content."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Codes, version: 1.0.0}
servers: [{url: https://codes.example.com}]
components:
  schemas:
    Order: {type: object, required: [order_id], properties: {order_id: {type: string}}}
    Job: {type: object, required: [job_id], properties: {job_id: {type: string}, state: {type: string}}}
    Item: {type: object, required: [id], properties: {id: {type: string}}}
    Health: {type: object, required: [ok], properties: {ok: {type: boolean}}}
    Problem: {type: object, properties: {detail: {type: string}}}
paths:
  /orders:
    post:
      operationId: createOrder
      responses:
        '200': {description: existing, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
        '202': {description: queued, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /items/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    put:
      operationId: putItem
      responses:
        '200': {description: replaced, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        '204': {description: unchanged}
    delete:
      operationId: deleteItem
      responses: {'204': {description: deleted}}
  /health:
    get:
      operationId: health
      responses:
        default: {description: status, content: {application/json: {schema: {$ref: '#/components/schemas/Health'}}}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("codes"), SPEC, "codes")


def test_several_success_codes_with_different_bodies(sdk: Any) -> None:
    answers = iter([httpx.Response(201, json={"order_id": "o1"}), httpx.Response(202, json={"job_id": "j1"})])
    client = mock_client(sdk, lambda r: next(answers))
    created, queued = client.orders.create(), client.orders.create()
    assert type(created) is sdk.types.Order and created.order_id == "o1"
    assert type(queued) is sdk.types.Job and queued.job_id == "j1"


def test_default_describes_errors_when_there_are_success_codes(sdk: Any) -> None:
    client = mock_client(sdk, lambda r: httpx.Response(409, json={"detail": "duplicate"}), max_retries=0)
    with pytest.raises(sdk.ConflictError) as caught:
        client.orders.create()
    assert caught.value.body == {"detail": "duplicate"}


def test_only_default_is_the_success_type(sdk: Any) -> None:
    health = mock_client(sdk, lambda r: httpx.Response(200, json={"ok": True})).health.retrieve()
    assert type(health) is sdk.types.Health and health.ok is True


def test_a_success_without_content_gives_none(sdk: Any) -> None:
    answers = iter([httpx.Response(200, json={"id": "i1"}), httpx.Response(204), httpx.Response(204)])
    client = mock_client(sdk, lambda r: next(answers))
    assert client.items.update("i1").id == "i1"
    assert client.items.update("i1") is None
    assert client.items.delete("i1") is None
