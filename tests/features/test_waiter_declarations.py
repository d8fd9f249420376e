"""``x-sdk-waiters`` declarations: what becomes a ``wait_until_*`` method, and a located warning for
each declaration that cannot (the method is then left out)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.build_ir import build_ir
from tests.helpers import generate_sdk, mock_client, run_generator

SPEC = """
openapi: 3.1.0
info: {{title: Cluster, version: '1'}}
servers: [{{url: 'https://cluster.test'}}]
paths:
  /clusters/{{name}}:
    get:
      operationId: getCluster
      parameters: [{{name: name, in: path, required: true, schema: {{type: string}}}}]
      x-sdk-waiters:
{waiters}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Cluster'}}
components:
  schemas:
    Cluster:
      type: object
      properties:
        name: {{type: string}}
        status:
          type: object
          properties:
            phase: {{type: string, enum: [Pending, Ready, Failed]}}
            ready-replicas: {{type: integer}}
"""


def build(tmp_path: Path, waiters: str) -> Any:
    spec = tmp_path / "cluster.yaml"
    spec.write_text(SPEC.format(waiters=waiters))
    return build_ir(spec)


def test_a_nested_path_is_read_through_the_python_attribute_names(tmp_path: Path) -> None:
    api = build(tmp_path, "        ready: {path: status.ready-replicas, success: [3]}\n"
                          "        running: {path: status.phase, success: [Ready], failure: [Failed]}")  # fmt: skip
    (op,) = api.resources[0].operations
    assert [(w.method_name, w.path, w.success, w.failure) for w in op.waiters] == [
        ("wait_until_ready", ("status", "ready_replicas"), (3,), ()),
        ("wait_until_running", ("status", "phase"), ("Ready",), ("Failed",)),
    ]
    assert not api.warnings


@pytest.mark.parametrize(
    ("waiters", "message", "line"),
    [
        ("        ready: {path: status.bogus, success: [Ready]}", "status has no 'bogus'", 11),
        ("        ready: {path: status.phase}", "`success` must list the values", 11),
        ("        ready: {path: status.phase, success: [Ready], timeout: -1}", "`timeout` must be a positive", 11),
        ("        ready: [status]", "a waiter needs `path`", 11),
    ],
)
def test_a_declaration_that_cannot_work_is_a_located_warning(
    tmp_path: Path, waiters: str, message: str, line: int
) -> None:
    api = build(tmp_path, waiters)
    assert api.resources[0].operations[0].waiters == ()
    (warning,) = api.warnings
    assert message in warning and "no wait_until method generated" in warning
    assert f"cluster.yaml:{line}:" in warning and "#/paths/~1clusters~1{name}/get/x-sdk-waiters/ready" in warning


def test_an_unknown_value_is_a_warning_but_the_waiter_stays(tmp_path: Path) -> None:
    api = build(tmp_path, "        ready: {path: status.phase, success: [Done]}")
    assert api.resources[0].operations[0].waiters
    assert any("'Done' is not a value of `status.phase`" in w for w in api.warnings)


def test_the_generated_waiter_polls_a_nested_property(tmp_path: Path) -> None:
    waiters = "        running: {path: status.phase, success: [Ready], failure: [Failed], interval: 0.001}"
    sdk = generate_sdk(tmp_path, SPEC.format(waiters=waiters), "cluster_waiters")
    phases = iter(["Pending", "Pending", "Ready"])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"name": "c1", "status": {"phase": next(phases)}})

    assert mock_client(sdk, handler).clusters.wait_until_running("c1").status.phase == "Ready"
    phases = iter(["Pending", "Failed"])
    with pytest.raises(sdk.WaiterFailedError):
        asyncio.run(mock_client(sdk, handler, use_async=True).clusters.wait_until_running("c1"))


CONFIG_SPEC = SPEC.format(waiters="        {}").replace("      x-sdk-waiters:\n        {}\n", "")


@pytest.mark.parametrize("key", ["getCluster", "GET /clusters/{name}"])
def test_a_waiter_declared_in_the_sdk_yaml(tmp_path: Path, key: str) -> None:
    spec = tmp_path / "cluster.yaml"
    spec.write_text(CONFIG_SPEC)
    (tmp_path / "cluster.sdk.yaml").write_text(
        f"waiters:\n  '{key}':\n    running: {{path: status.phase, success: [Ready], failure: [Failed]}}\n"
    )
    from generator.config import load_config

    api = build_ir(spec, load_config(tmp_path / "cluster.sdk.yaml"))
    (waiter,) = api.resources[0].operations[0].waiters
    assert (waiter.method_name, waiter.path) == ("wait_until_running", ("status", "phase"))


def test_a_config_waiter_of_no_operation_is_a_warning_and_a_bad_one_an_error(tmp_path: Path) -> None:
    spec = tmp_path / "cluster.yaml"
    spec.write_text(CONFIG_SPEC)
    sdk_yaml = tmp_path / "cluster.sdk.yaml"
    sdk_yaml.write_text("waiters:\n  getNothing:\n    ready: {path: status.phase, success: [Ready]}\n")
    result = run_generator("generate", str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 0 and "no operation 'getNothing'" in result.stderr
    assert f"{sdk_yaml}:3:" in result.stderr
    sdk_yaml.write_text("waiters:\n  getCluster:\n    ready: {path: status.phase, success: Ready}\n")
    result = run_generator("generate", str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "`success` must list the values" in result.stderr
    assert f"{sdk_yaml}:3:" in result.stderr and "Traceback" not in result.stderr
