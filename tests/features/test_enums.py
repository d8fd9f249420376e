"""String and integer enums, enums written as `oneOf` of `const`s; unknown values parse leniently."""

from __future__ import annotations

import typing
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.1.0
info: {title: Colors, version: 1.0.0}
servers: [{url: https://colors.example.com}]
components:
  schemas:
    Color: {type: string, enum: [red, green]}
    Level: {type: integer, enum: [1, 2, 3]}
    Speed:
      oneOf:
        - {const: fast, description: As fast as possible.}
        - {const: slow, description: Cheaper.}
    Setting:
      type: object
      required: [color, level, speed]
      properties:
        color: {$ref: '#/components/schemas/Color'}
        level: {$ref: '#/components/schemas/Level'}
        speed: {$ref: '#/components/schemas/Speed'}
paths:
  /settings:
    get:
      operationId: listSettings
      parameters:
        - {name: color, in: query, schema: {$ref: '#/components/schemas/Color'}}
        - {name: level, in: query, schema: {$ref: '#/components/schemas/Level'}}
        - {name: speed, in: query, schema: {$ref: '#/components/schemas/Speed'}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Setting'}}}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("colors"), SPEC, "colors")


def answering(payload: Any) -> Any:
    return lambda request: httpx.Response(200, json=payload)


def test_known_values_parse_into_enum_members(sdk: Any) -> None:
    setting = mock_client(sdk, answering({"color": "green", "level": 2, "speed": "slow"})).settings.retrieve()
    assert setting.color is sdk.types.Color.green and setting.color == "green"
    assert setting.level is sdk.types.Level(2) and setting.level == 2
    assert setting.speed == "slow"


def test_parameters_accept_the_enum_values_and_send_them(sdk: Any) -> None:
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.url.params))
        return httpx.Response(200, json={"color": "red", "level": 1, "speed": "fast"})

    client = mock_client(sdk, handler)
    hints = typing.get_type_hints(client.settings.retrieve)
    assert set(typing.get_args(hints["color"])) >= {typing.Literal["red", "green"]}
    assert set(typing.get_args(hints["level"])) >= {typing.Literal[1, 2, 3]}
    assert set(typing.get_args(hints["speed"])) >= {typing.Literal["fast", "slow"]}
    client.settings.retrieve(color="red", level=3, speed="fast")
    client.settings.retrieve(color=sdk.types.Color.green, level=sdk.types.Level(1))
    assert seen == [{"color": "red", "level": "3", "speed": "fast"}, {"color": "green", "level": "1"}]


def test_unknown_values_parse_in_lenient_mode(sdk: Any) -> None:
    payload = {"color": "blue", "level": 7, "speed": "warp"}
    setting = mock_client(sdk, answering(payload)).settings.retrieve()
    assert setting.color == "blue" and isinstance(setting.color, sdk.types.Color)
    assert setting.level == 7 and isinstance(setting.level, sdk.types.Level)
    assert setting.speed == "warp"
    assert len(sdk.find_unknowns(setting)) == 3


@pytest.mark.parametrize("field", ["color", "level", "speed"])
def test_unknown_values_are_refused_in_strict_mode(sdk: Any, field: str) -> None:
    payload: dict[str, Any] = {"color": "red", "level": 1, "speed": "fast"}
    payload[field] = {"color": "blue", "level": 7, "speed": "warp"}[field]
    client = mock_client(sdk, answering(payload), strict_response_validation=True)
    with pytest.raises(sdk.APIResponseValidationError):
        client.settings.retrieve()
