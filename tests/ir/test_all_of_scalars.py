"""``allOf`` of strings (or of an enum) is that string, not an empty model; a contradicting ``type: object`` warns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from generator.build_ir import build_ir
from generator.ir import NamedType, ObjectSchema, PrimitiveType, UnionType
from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Rides, version: '1'}
servers: [{url: https://rides.example.com}]
paths:
  /rides/{id}:
    get:
      operationId: getRide
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Ride'}}}
components:
  schemas:
    Slug: {type: string, example: nyc1}
    Profile: {type: string, enum: [business, personal]}
    Ride:
      type: object
      properties:
        region_slug:
          allOf: [{$ref: '#/components/schemas/Slug'}, {type: string, nullable: true}]
        currency:
          allOf: [{$ref: '#/components/schemas/Slug'}, {type: 'null'}]
        ride_profile:
          type: object
          description: a slip of the document, the enum is a string
          allOf: [{$ref: '#/components/schemas/Profile'}]
"""


def _fields(tmp_path: Path) -> tuple[dict[str, Any], tuple[str, ...]]:
    spec = tmp_path / "rides.yaml"
    spec.write_text(SPEC)
    api = build_ir(spec)
    ride = next(s for s in api.schemas if s.name == "Ride")
    assert isinstance(ride, ObjectSchema)
    return {f.wire_name: f.type for f in ride.fields}, api.warnings


def test_all_of_strings_is_a_nullable_string(tmp_path: Path) -> None:
    fields, _ = _fields(tmp_path)
    assert fields["currency"] == fields["region_slug"]  # a part of type null makes it nullable
    assert fields["region_slug"] in (
        UnionType((PrimitiveType("str"), PrimitiveType("none"))),
        UnionType((NamedType("Slug"), PrimitiveType("none"))),  # the named string
    )


def test_an_enum_under_type_object_is_the_enum_with_a_located_warning(tmp_path: Path) -> None:
    fields, warnings = _fields(tmp_path)
    assert fields["ride_profile"] == NamedType("Profile")
    assert any("type: object" in w and "/components/schemas/Ride/properties/ride_profile/type" in w for w in warnings)


def test_the_response_parses(tmp_path: Path) -> None:
    sdk = generate_sdk(tmp_path, SPEC, "rides_sdk")
    body = {"region_slug": "nyc1", "ride_profile": "business", "currency": None}
    client = mock_client(sdk, lambda r: httpx.Response(200, json=body), strict_response_validation=True)
    ride = client.rides.retrieve("r1")
    assert ride.region_slug == "nyc1" and ride.ride_profile == "business"
