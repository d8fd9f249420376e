"""Keys an object schema declares through additionalProperties are data, also under strict validation."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.0.3
info: {title: Meta, version: '1'}
paths:
  /meta:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Metadata'}}}}
  /plain:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Plain'}}}}
components:
  schemas:
    Metadata:
      allOf:
        - {type: object, properties: {id: {type: string}}}
        - {additionalProperties: {type: string}}
    Plain: {type: object, properties: {id: {type: string}}}
"""


@pytest.fixture(scope="module")
def meta(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("meta")
    (root / "meta.yaml").write_text(SPEC)
    assert generate(root / "meta.yaml", root / "out", "--base-url", "https://meta.example.com") == 0
    return import_fresh("meta", root / "out")


def _client(meta: Any) -> Any:
    body = {"id": "m1", "color": "blue"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    return meta.Meta(http_client=httpx.Client(transport=transport), strict_response_validation=True)


def test_declared_extra_keys_parse_under_strict_validation(meta: Any) -> None:
    result = _client(meta).meta.list()
    assert isinstance(result, meta.types.Metadata)
    assert (result.id, result.model_extra) == ("m1", {"color": "blue"})


def test_undeclared_extra_keys_are_still_refused_under_strict_validation(meta: Any) -> None:
    with pytest.raises(meta.APIResponseValidationError, match="color: unknown field of Plain"):
        _client(meta).plain.list()
