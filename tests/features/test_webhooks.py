"""Top-level `webhooks`: a model per payload and `client.webhooks.unwrap(body, headers)`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers import generate, generate_sdk, import_fresh, mock_client, shared_dir

SPEC = """
openapi: 3.1.0
info: {title: Shop, version: 1.0.0}
servers: [{url: https://shop.example.com}]
paths:
  /webhooks:
    get:
      operationId: listWebhookSubscriptions
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
webhooks:
  orderPaid:
    post:
      parameters: [{name: X-Shop-Event, in: header, required: true, schema: {const: order.paid}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [order_id, amount]
              properties: {order_id: {type: string}, amount: {type: integer}}
      responses: {'200': {description: ok}}
  orderRefunded:
    post:
      parameters: [{name: X-Shop-Event, in: header, required: true, schema: {type: string, enum: [order.refunded]}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [order_id, amount]
              properties: {order_id: {type: string}, amount: {type: integer}, reason: {type: string}}
      responses: {'200': {description: ok}}
  customerCreated:
    post:
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Customer:
      type: object
      required: [customer_id, email]
      properties: {customer_id: {type: string}, email: {type: string}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("shop"), SPEC, "shop")


def test_each_webhook_has_a_payload_model(sdk: Any) -> None:
    assert {"OrderPaidPayload", "OrderRefundedPayload", "Customer"} <= set(sdk.types.__all__)


def test_unwrap_picks_the_payload_type_by_header(sdk: Any) -> None:
    client = mock_client(sdk, lambda r: httpx.Response(500))
    body = json.dumps({"order_id": "o1", "amount": 5})
    paid = client.webhook_events.unwrap(body, {"x-shop-event": "order.paid"})
    refunded = client.webhook_events.unwrap(body.encode(), {"X-Shop-Event": "order.refunded"})
    assert type(paid) is sdk.types.OrderPaidPayload and paid.amount == 5
    assert type(refunded) is sdk.types.OrderRefundedPayload and refunded.order_id == "o1"


def test_unwrap_without_headers_picks_the_fitting_payload(sdk: Any) -> None:
    webhooks = mock_client(sdk, lambda r: httpx.Response(500)).webhook_events  # `webhooks` is a resource here
    customer = webhooks.unwrap('{"customer_id": "c1", "email": "a@example.com"}')
    assert type(customer) is sdk.types.Customer and customer.email == "a@example.com"
    with pytest.raises(sdk.webhooks.WebhookParseError, match="orderPaid"):
        webhooks.unwrap('{"unrelated": true}')
    with pytest.raises(sdk.webhooks.WebhookParseError):
        webhooks.unwrap("not json")


def test_a_resource_named_webhooks_keeps_its_name(sdk: Any) -> None:
    client = mock_client(sdk, lambda r: httpx.Response(200, json=["s1"]))
    assert client.webhooks.list() == ["s1"]  # the resource /webhooks
    assert hasattr(client.webhook_events, "unwrap")


def test_a_document_with_only_webhooks_generates_its_models(tmp_path: Path) -> None:
    spec = shared_dir() / "specs" / "oai-webhook-example-3.1.yaml"
    assert generate(spec, tmp_path / "out", "--package-name", "petwebhooks") == 0
    sdk: Any = import_fresh("petwebhooks", tmp_path / "out")
    pet = sdk.WebhookExample().webhooks.unwrap(b'{"id": 1, "name": "Rex"}')
    assert type(pet) is sdk.types.Pet and pet.name == "Rex"


def test_the_sdk_readme_shows_unwrap(sdk: Any) -> None:
    readme = (Path(sdk.__file__).parent.parent / "README.md").read_text()
    assert "client.webhook_events.unwrap(request_body, request_headers)" in readme
