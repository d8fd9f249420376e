"""A property the body schema requires is a required argument, even when the body itself is optional."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import httpx
import pytest

from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.1.0
info: {title: Runs, version: '1'}
servers: [{url: https://runs.example.com}]
paths:
  /runs:
    post:
      operationId: createRun
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              required: [model]
              properties:
                model: {type: string}
                temperature: {type: number}
      responses: {'204': {description: started}}
  /runs/{id}/cancel:
    post:
      operationId: cancelRun
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {reason: {type: string}}}
      responses: {'204': {description: cancelled}}
"""


@pytest.fixture
def runs(tmp_path: Path) -> object:
    spec = tmp_path / "runs.yaml"
    spec.write_text(SPEC)
    assert generate(spec, tmp_path / "out", "--package-name", "runs") == 0
    return import_fresh("runs", tmp_path / "out")


def test_required_property_of_an_optional_body_is_a_required_argument(runs: object) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    client = runs.Runs(http_client=httpx.Client(transport=httpx.MockTransport(handler)))  # type: ignore[attr-defined]
    parameters = inspect.signature(client.runs.create).parameters
    assert parameters["model"].default is inspect.Parameter.empty
    assert parameters["temperature"].default is not inspect.Parameter.empty
    with pytest.raises(TypeError, match="model"):
        client.runs.create()
    client.runs.create(model="m1")
    assert json.loads(sent[0].content) == {"model": "m1"}


def test_an_optional_body_without_required_properties_may_be_left_out(runs: object) -> None:
    client = runs.Runs(  # type: ignore[attr-defined]
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(204)))
    )
    parameters = inspect.signature(client.runs.cancel_run).parameters
    assert parameters["reason"].default is not inspect.Parameter.empty
    client.runs.cancel_run("r1")
