"""A ``$ref`` in place of an operation (also a webhook's), a body, a response, an example or a security scheme."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from generator.build_ir import build_ir
from generator.ir import ArrayType, JsonObject, NamedType
from tests.helpers import generate, import_fresh, write_files

FILES = {
    "openapi.yaml": """
openapi: 3.1.0
info: {title: Things, version: '1'}
servers: [{url: https://things.example.com}]
security: [{token: []}]
paths:
  /things:
    get: {$ref: 'resources/list_things.yml'}
    post: {$ref: 'resources/create_thing.yml'}
webhooks:
  thingCreated:
    post: {$ref: 'resources/thing_created.yml'}
components:
  securitySchemes:
    token: {$ref: 'security.yml#/Token'}
  requestBodies:
    NewThing: {$ref: 'bodies.yml#/NewThing'}
""",
    "resources/list_things.yml": """
operationId: listThings
parameters:
  - $ref: '../common.yml#/parameters/Limit'
responses:
  '200': {$ref: '../common.yml#/responses/ThingList'}
""",
    "resources/create_thing.yml": """
operationId: createThing
requestBody: {$ref: '../openapi.yaml#/components/requestBodies/NewThing'}
responses:
  '201':
    description: created
    content:
      application/json:
        schema: {$ref: '../models/thing.yml'}
""",
    "resources/thing_created.yml": """
operationId: thingCreated
requestBody:
  content:
    application/json:
      schema: {$ref: '../models/thing.yml'}
responses: {'200': {description: received}}
""",
    "bodies.yml": """
NewThing:
  required: true
  content:
    application/json:
      schema: {$ref: 'models/thing.yml'}
      examples:
        basic: {$ref: 'examples.yml#/BasicThing'}
""",
    "examples.yml": "BasicThing: {summary: a lamp, value: {name: lamp}}\n",
    "common.yml": """
parameters:
  Limit: {name: limit, in: query, schema: {type: integer}}
responses:
  ThingList:
    description: the things
    content:
      application/json:
        schema: {type: array, items: {$ref: 'models/thing.yml'}}
""",
    "models/thing.yml": """
type: object
required: [name]
properties:
  id: {type: string, readOnly: true}
  name: {type: string}
""",
    "security.yml": "Token: {type: http, scheme: bearer}\n",
}


def test_operation_body_response_example_and_scheme_refs_are_followed(tmp_path: Path) -> None:
    api = build_ir(write_files(tmp_path, FILES))
    assert api.warnings == ()
    ops = {op.operation_id: op for _, op in api.operations()}
    listing, creation = ops["listThings"], ops["createThing"]
    assert [p.wire_name for p in listing.query_params] == ["limit"]
    assert listing.success is not None and listing.success.type == ArrayType(NamedType("Thing"))
    assert creation.body is not None and creation.body.required
    assert [(f.wire_name, f.required) for f in creation.body.fields or ()] == [("name", True)]
    assert creation.body.example == JsonObject([("name", "lamp")])
    assert creation.success is not None and creation.success.type == NamedType("Thing")
    assert [(a.name, a.kind) for a in api.auth] == [("token", "bearer")]
    assert creation.security == ("token",) and listing.security == ("token",)
    assert [(w.name, w.payload) for w in api.webhooks] == [("thingCreated", NamedType("Thing"))]


def test_an_operation_given_as_a_ref_is_a_working_typed_method(tmp_path: Path) -> None:
    assert generate(write_files(tmp_path, FILES), tmp_path / "out", "--package-name", "things") == 0
    things = import_fresh("things", tmp_path / "out")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "POST":
            return httpx.Response(201, json={"id": "t1", **json.loads(request.content)})
        return httpx.Response(200, json=[{"id": "t1", "name": "lamp"}])

    client = things.Things(api_key="s3cret", http_client=httpx.Client(transport=httpx.MockTransport(handler)))  # type: ignore[attr-defined]
    created = client.things.create(name="lamp")
    assert type(created).__name__ == "Thing" and created.id == "t1"
    assert json.loads(seen[0].content) == {"name": "lamp"}
    assert seen[0].headers["authorization"] == "Bearer s3cret"
    listed = client.things.list(limit=5)
    assert [type(t).__name__ for t in listed] == ["Thing"] and seen[1].url.params["limit"] == "5"
    readme = (tmp_path / "out" / "README.md").read_text()
    assert 'create(name="lamp")' in readme or "create(name='lamp')" in readme
