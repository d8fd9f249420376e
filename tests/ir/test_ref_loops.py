"""A ``$ref`` chain that loops without reaching a schema is ``Any`` at the back-edge, with a located warning."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from generator.build_ir import build_ir
from generator.ir import AliasSchema, ArrayType, NamedType, ObjectSchema
from tests.helpers import generate, import_fresh, write_files

ROOT = """
openapi: 3.1.0
info: {title: Loops, version: '1'}
servers: [{url: https://loops.example.com}]
paths:
  /a: {get: {operationId: getA, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}
  /c: {get: {operationId: getC, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/C'}}}}}}}
  /e: {get: {operationId: getE, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/E'}}}}}}}
  /x: {get: {operationId: getX, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: 'x.yaml'}}}}}}}
  /node: {get: {operationId: getNode, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}}}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
    C: {allOf: [{$ref: '#/components/schemas/D'}], description: wraps D}
    D: {$ref: '#/components/schemas/C'}
    E: {oneOf: [{$ref: '#/components/schemas/F'}]}
    F: {anyOf: [{$ref: '#/components/schemas/E'}], nullable: true}
    Node: {type: object, properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}
"""
FILES = {
    "api.yaml": ROOT,
    "x.yaml": "{allOf: [{$ref: 'y.yaml'}, {nullable: true}]}\n",
    "y.yaml": "{$ref: 'x.yaml'}\n",
}


def test_each_loop_is_any_at_its_back_edge_with_a_located_warning(tmp_path: Path) -> None:
    api = build_ir(write_files(tmp_path, FILES))
    loops = [w for w in api.warnings if "never reaches a schema" in w]
    assert any("#/components/schemas/C -> #/components/schemas/D -> #/components/schemas/C" in w for w in loops)
    assert any("(at #/components/schemas/D)" in w and "api.yaml:" in w for w in loops)
    assert any("#/components/schemas/E -> #/components/schemas/F -> #/components/schemas/E" in w for w in loops)
    assert any("(at #/components/schemas/F/anyOf/0)" in w for w in loops)
    assert any("x.yaml# -> y.yaml# -> x.yaml#" in w and "y.yaml" in w.split(" (at")[0] for w in loops)
    assert len(api.warnings) == len(loops)
    schemas = {s.name: s for s in api.schemas}
    assert isinstance(schemas["C"], AliasSchema) and schemas["C"].target == NamedType("D")
    node = schemas["Node"]  # ordinary recursion through an object is left alone
    assert isinstance(node, ObjectSchema) and node.fields[0].type == ArrayType(NamedType("Node"))


@pytest.mark.parametrize("resource", ["a", "c", "e", "x"])
def test_the_sdk_generates_and_a_looping_response_parses_as_any(tmp_path: Path, resource: str) -> None:
    assert generate(write_files(tmp_path, FILES), tmp_path / "out", "--package-name", "loops") == 0
    loops = import_fresh("loops", tmp_path / "out")
    client = loops.Loops(  # type: ignore[attr-defined]
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"k": [1]})))
    )
    assert getattr(client, resource).retrieve() == {"k": [1]}  # a GET returning no list
