"""A discriminated union does not narrow a variant model that is also used outside it (GitHub's ``public-user``)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.0.3
info: {title: Users, version: 1.0.0}
servers: [{url: https://users.example.com}]
paths:
  /user:
    get:
      operationId: getUser
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/AnyUser'}}}
  /gist:
    get:
      operationId: getGist
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Gist'}}}
components:
  schemas:
    PublicUser:
      type: object
      required: [login, user_view_type]
      properties: {login: {type: string}, user_view_type: {type: string}}
    PrivateUser:
      type: object
      required: [login, user_view_type, plan]
      properties: {login: {type: string}, user_view_type: {type: string}, plan: {type: string}}
    AnyUser:
      oneOf: [{$ref: '#/components/schemas/PublicUser'}, {$ref: '#/components/schemas/PrivateUser'}]
      discriminator:
        propertyName: user_view_type
        mapping: {public: '#/components/schemas/PublicUser', private: '#/components/schemas/PrivateUser'}
    Gist:
      type: object
      properties:
        forks: {type: array, items: {type: object, properties: {user: {$ref: '#/components/schemas/PublicUser'}}}}
"""

ANSWERS = {
    "/user": {"login": "octo", "user_view_type": "private", "plan": "pro"},
    "/gist": {"forks": [{"user": {"login": "cat", "user_view_type": "default"}}]},
}


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("users"), SPEC, "users_sdk")


@pytest.mark.parametrize("strict", [False, True])
def test_a_shared_variant_keeps_the_other_values_of_its_tag(sdk: Any, strict: bool) -> None:
    client = mock_client(
        sdk, lambda r: httpx.Response(200, json=ANSWERS[r.url.path]), strict_response_validation=strict
    )
    gist = client.gist.list()
    assert gist.forks[0].user.user_view_type == "default"
    assert type(gist.forks[0].user) is sdk.types.PublicUser


def test_the_union_still_parses_into_the_variant_that_fits(sdk: Any) -> None:
    client = mock_client(sdk, lambda r: httpx.Response(200, json=ANSWERS[r.url.path]))
    user = client.user.retrieve()
    assert type(user) is sdk.types.PrivateUser
    assert user.plan == "pro"


GEO_SPEC = """
openapi: 3.0.3
info: {title: Geo, version: 1.0.0}
servers: [{url: https://geo.example.com}]
paths:
  /areas:
    get:
      operationId: listAreas
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Point'}}}
components:
  schemas:
    Point:
      type: object
      discriminator: {propertyName: type}
      properties: {coordinates: {type: array, items: {type: number}}}
"""


def test_a_discriminator_property_the_schema_does_not_declare_is_a_field(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    geo = generate_sdk(tmp_path_factory.mktemp("geo"), GEO_SPEC, "geo_sdk")
    body = {"type": "Point", "coordinates": [1.5, 2.5]}
    client = mock_client(geo, lambda r: httpx.Response(200, json=body), strict_response_validation=True)
    point = client.areas.list()
    assert point.type == "Point" and point.coordinates == [1.5, 2.5]
    assert not geo.find_unknowns(point)  # the tag is a declared field, not extra data
