"""An optional body with required properties: left out entirely, or sent with them (overloads say which)."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
import typing
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
def out(tmp_path: Path) -> Path:
    spec = tmp_path / "runs.yaml"
    spec.write_text(SPEC)
    assert generate(spec, tmp_path / "out", "--package-name", "runs") == 0
    return tmp_path / "out"


def test_the_signatures_are_without_a_body_or_with_its_required_properties(out: Path) -> None:
    import_fresh("runs", out)
    resource_module = importlib.import_module("runs.resources.runs")  # resource modules load on first use
    without, with_body = typing.get_overloads(resource_module.RunsResource.create)
    assert "model" not in inspect.signature(without).parameters
    parameters = inspect.signature(with_body).parameters
    assert parameters["model"].default is inspect.Parameter.empty
    assert parameters["temperature"].default is not inspect.Parameter.empty
    assert not typing.get_overloads(resource_module.RunsResource.cancel)


def test_a_body_is_sent_whole_or_not_at_all(out: Path) -> None:
    runs = import_fresh("runs", out)
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    client = runs.Runs(http_client=httpx.Client(transport=httpx.MockTransport(handler)))  # type: ignore[attr-defined]
    client.runs.create()
    assert sent[-1].content == b""
    client.runs.create(model="m1")
    assert json.loads(sent[-1].content) == {"model": "m1"}
    with pytest.raises(TypeError, match="only with model"):
        client.runs.create(temperature=0.5)
    assert len(sent) == 2
    client.runs.cancel("r1")  # nothing required: every body argument may be left out


CALLS = """
from runs import Runs

client = Runs(base_url="http://x")
client.runs.create()
client.runs.create(model="m", temperature=1.0)
client.runs.create(temperature=1.0)  # line 7
client.runs.with_raw_response.create(model="m")
client.runs.with_raw_response.create(temperature=1.0)  # line 9
"""


def test_mypy_refuses_a_body_without_its_required_properties(out: Path) -> None:
    (out / "calls.py").write_text(CALLS)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "calls.py"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line.split(":")[1] for line in result.stdout.splitlines() if ": error:" in line]
    assert errors == ["7", "9"], result.stdout
