"""``x-sdk-retries`` (a document's or an operation's retry count) and ``x-sdk-ignore`` (an operation or a
path left out of the SDK)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.build_ir import build_ir
from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.1.0
info: {title: Shop, version: '1'}
servers: [{url: 'https://shop.test'}]
x-sdk-retries: {max_retries: 4}
paths:
  /orders:
    get:
      operationId: listOrders
      responses: {'204': {description: none}}
    post:
      operationId: createOrder
      x-sdk-retries: false
      responses: {'204': {description: none}}
    delete:
      operationId: purgeOrders
      x-sdk-ignore: true
      responses: {'204': {description: none}}
  /carts:
    get:
      operationId: listCarts
      x-sdk-retries: {max_retries: 1}
      responses: {'204': {description: none}}
  /internal/metrics:
    x-sdk-ignore: true
    get:
      operationId: metrics
      responses: {'204': {description: none}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("shop"), SPEC, "shop_ext")


def attempts(sdk: Any, call: Any, **options: Any) -> int:
    sent: list[httpx.Request] = []
    client = mock_client(sdk, lambda r: sent.append(r) or httpx.Response(503), **options)
    client._sleep = lambda seconds: None
    with pytest.raises(sdk.InternalServerError):
        call(client)
    return len(sent)


def test_ignored_operations_and_paths_are_left_out(sdk: Any) -> None:
    client = sdk.Client()
    assert not hasattr(client.orders, "delete") and not hasattr(client, "internal")
    assert hasattr(client.orders, "create")


def test_the_documents_retries_are_the_clients_default(sdk: Any) -> None:
    assert inspect.signature(sdk.Client).parameters["max_retries"].default == 4
    assert attempts(sdk, lambda c: c.orders.retrieve()) == 5
    assert attempts(sdk, lambda c: c.orders.retrieve(), max_retries=0) == 1  # the caller's choice wins


def test_an_operations_retries_replace_the_clients_and_a_call_wins(sdk: Any) -> None:
    assert attempts(sdk, lambda c: c.orders.create()) == 1  # x-sdk-retries: false
    assert attempts(sdk, lambda c: c.carts.retrieve()) == 2
    assert attempts(sdk, lambda c: c.carts.retrieve(max_retries=2)) == 3


def test_a_bad_retries_value_is_a_located_warning(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(SPEC.replace("x-sdk-retries: {max_retries: 1}", "x-sdk-retries: {max_retries: lots}"))
    api = build_ir(spec)
    (warning,) = api.warnings
    assert "bad.yaml:" in warning and "#/paths/~1carts/get/x-sdk-retries" in warning and "ignored" in warning
