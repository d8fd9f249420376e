"""``allOf`` beside ``oneOf``: the allOf parts' properties belong to every variant (ShipEngine's rate estimate)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from generator.build_ir import build_ir
from generator.ir import NamedType, ObjectSchema, UnionType
from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Rates, version: '1'}
servers: [{url: https://rates.example.com}]
paths:
  /rates/estimate:
    post:
      operationId: estimateRates
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/EstimateRequest'}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
components:
  schemas:
    Options:
      type: object
      properties: {from_postal_code: {type: string}, weight: {type: number}}
    ByCarrier:
      type: object
      required: [carrier_id]
      properties: {carrier_id: {type: string}}
    ByCarriers:
      type: object
      required: [carrier_ids]
      properties: {carrier_ids: {type: array, items: {type: string}}}
    EstimateRequest:
      type: object
      allOf: [{$ref: '#/components/schemas/Options'}]
      oneOf: [{$ref: '#/components/schemas/ByCarrier'}, {$ref: '#/components/schemas/ByCarriers'}]
      required: [from_postal_code, weight]
"""


def test_every_variant_has_the_all_of_properties_as_required(tmp_path: Path) -> None:
    spec = tmp_path / "rates.yaml"
    spec.write_text(SPEC)
    api = build_ir(spec)
    schemas = {s.name: s for s in api.schemas}
    union = schemas["EstimateRequest"].target  # type: ignore[union-attr]
    assert isinstance(union, UnionType)
    for variant in union.variants:
        assert isinstance(variant, NamedType)
        schema = schemas[variant.name]
        assert isinstance(schema, ObjectSchema)
        fields = {f.wire_name: f.required for f in schema.fields}
        assert fields["from_postal_code"] and fields["weight"]


def test_the_body_carries_them(tmp_path: Path) -> None:
    sdk = generate_sdk(tmp_path, SPEC, "rates_sdk")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    body = {"carrier_id": "se-1", "from_postal_code": "78756", "weight": 2.5}
    mock_client(sdk, handler).rates.estimate(body=body)
    assert json.loads(seen[0].content) == body
