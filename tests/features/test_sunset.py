"""Deprecation with a sunset date: ``x-sunset`` or a documented ``Sunset`` header, in the IR and the SDK."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.build_ir import build_ir
from generator.build_ir.common import parse_sunset
from generator.config import GeneratorConfig
from tests.helpers import generate, import_fresh

SUNSET_SPEC = """
openapi: 3.1.0
info: {title: Sun API, version: 1.0.0}
servers: [{url: https://sun.example.com}]
paths:
  /reports:
    get:
      operationId: listReports
      deprecated: true
      x-sunset: 2026-12-31
      parameters:
        - {name: old, in: query, deprecated: true, x-sunset: '2026-09-30T18:00:00-08:00', schema: {type: string}}
        - {name: fresh, in: query, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Report'}}}}
  /exports:
    get:
      operationId: listExports
      responses:
        '200':
          description: ok
          headers:
            Sunset:
              description: When this endpoint stops working (RFC 8594).
              schema: {type: string}
              example: Sat, 31 Oct 2026 23:59:59 GMT
          content: {application/json: {schema: {$ref: '#/components/schemas/Report'}}}
  /bad:
    get:
      operationId: getBad
      deprecated: true
      x-sunset: next spring
      responses: {'204': {description: gone soon}}
components:
  schemas:
    Report:
      type: object
      properties:
        id: {type: string}
        total: {type: number, deprecated: true, x-sunset: 2027-01-15, description: Use sum.}
"""


@pytest.fixture(scope="module")
def sun(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    root = tmp_path_factory.mktemp("sun")
    (root / "sun.yaml").write_text(SUNSET_SPEC)
    assert generate(root / "sun.yaml", root / "out") == 0
    return root / "sun.yaml", import_fresh("sun", root / "out")


def _client(sdk: Any) -> Any:
    handler = lambda request: httpx.Response(200, json={"id": "r1", "total": 3})  # noqa: E731
    return sdk.Sun(http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_the_ir_reads_x_sunset_and_the_sunset_header(sun: tuple[Path, Any]) -> None:
    api = build_ir(sun[0], GeneratorConfig())
    ops = {op.operation_id: op for r in api.resources for op in r.operations}
    assert (ops["listReports"].deprecated, ops["listReports"].sunset) == (True, "2026-12-31")
    old = next(p for p in ops["listReports"].query_params if p.wire_name == "old")
    assert old.sunset == "2026-10-01"  # 18:00 at UTC-8 is the next day in UTC
    # A documented Sunset header announces removal: the operation is deprecated with that date.
    assert (ops["listExports"].deprecated, ops["listExports"].sunset) == (True, "2026-10-31")
    total = next(f for s in api.schemas if s.name == "Report" for f in s.fields if f.wire_name == "total")  # type: ignore[union-attr]
    assert total.sunset == "2027-01-15"
    # A date that is not RFC 3339 is a located warning; the deprecation stays.
    assert (ops["getBad"].deprecated, ops["getBad"].sunset) == (True, "")
    bad = [w for w in api.warnings if "x-sunset 'next spring'" in str(w)]
    assert len(bad) == 1 and "/paths/~1bad/get/x-sunset" in str(bad[0]) and "sun.yaml:" in str(bad[0])


def test_deprecated_methods_and_arguments_warn_with_their_sunset_date(sun: tuple[Path, Any]) -> None:
    client = _client(sun[1])
    with pytest.warns(
        DeprecationWarning,
        match=r"retrieve\(\) is deprecated by the API and stops working on its sunset date, 2026-12-31",
    ):
        client.reports.retrieve()
    with pytest.warns(DeprecationWarning) as caught:
        client.reports.retrieve(old="x")
    assert any(
        str(w.message) == "old is deprecated by the API and stops working on its sunset date, 2026-10-01"
        for w in caught
    )
    with pytest.warns(DeprecationWarning, match="2026-10-31"):
        client.exports.retrieve()
    assert "Deprecated (sunset 2026-10-01)." in (client.reports.retrieve.__doc__ or "")
    assert "Deprecated (sunset 2027-01-15). Use sum." in inspect.getsource(sun[1].types._models)


@pytest.mark.parametrize(
    ("value", "http_date", "expected"),
    [
        ("2026-12-31", False, "2026-12-31"),
        ("2026-12-31T23:30:00Z", False, "2026-12-31"),
        ("2026-12-31T23:30:00-02:00", False, "2027-01-01"),
        ("2026-02-30", False, None),
        ("31/12/2026", False, None),
        ("Thu, 31 Dec 2026 23:59:59 GMT", False, None),
        ("Thu, 31 Dec 2026 23:59:59 GMT", True, "2026-12-31"),
        (20261231, False, None),
    ],
)
def test_parse_sunset(value: object, http_date: bool, expected: str | None) -> None:
    assert parse_sunset(value, http_date=http_date) == expected
