"""Multi-file documents: a ``$ref`` resolves against the file that holds it, however deep."""

from __future__ import annotations

from pathlib import Path

import httpx

from generator.build_ir import build_ir
from generator.ir import ArrayType, NamedType, ObjectSchema
from tests.helpers import generate, import_fresh, shared_dir, write_files

# Every file refers onwards relative to its own folder: ../ from paths/, ./ and ../ from schemas/people/.
FILES = {
    "api/openapi.yaml": """
openapi: 3.1.0
info: {title: Shop, version: '1'}
servers: [{url: https://shop.example.com}]
paths:
  /pets/{petId}:
    $ref: paths/pet.yaml
""",
    "api/paths/pet.yaml": """
parameters:
  - $ref: ../parameters/PetId.yaml
get:
  operationId: getPet
  parameters:
    - $ref: ../parameters/common.yaml#/Verbose
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema: {$ref: ../schemas/pet.yaml#/Pet}
    '404':
      $ref: ../responses/NotFound.yaml
""",
    "api/parameters/PetId.yaml": "{name: petId, in: path, required: true, schema: {type: string}}\n",
    "api/parameters/common.yaml": "Verbose: {name: verbose, in: query, schema: {type: boolean}}\n",
    "api/responses/NotFound.yaml": """
description: missing
content:
  application/json:
    schema: {$ref: ../schemas/Error.yaml}
""",
    "api/schemas/Error.yaml": "{type: object, properties: {message: {type: string}}}\n",
    "api/schemas/pet.yaml": """
Pet:
  type: object
  required: [id, owner]
  properties:
    id: {type: string}
    tags: {type: array, items: {$ref: '#/Tag'}}
    owner: {$ref: ./people/Owner.yaml}
Tag:
  type: object
  properties: {label: {type: string}}
""",
    "api/schemas/people/Owner.yaml": """
type: object
properties:
  name: {type: string}
  pets: {type: array, items: {$ref: ../pet.yaml#/Pet}}
""",
}


def test_refs_in_referenced_files_resolve_against_their_own_folder(tmp_path: Path) -> None:
    api = build_ir(write_files(tmp_path, FILES))
    assert api.warnings == ()
    ((_, op),) = api.operations()
    assert [(p.wire_name, p.location) for p in (*op.path_params, *op.query_params)] == [
        ("petId", "path"),
        ("verbose", "query"),
    ]
    assert op.success is not None and op.success.type == NamedType("Pet")
    assert [(e.status, e.type) for e in op.errors] == [("404", NamedType("Error"))]
    schemas = {s.name: s for s in api.schemas}
    pet, owner = schemas["Pet"], schemas["Owner"]
    assert isinstance(pet, ObjectSchema) and isinstance(owner, ObjectSchema)
    fields = {f.wire_name: f.type for f in pet.fields}
    assert fields == {"id": fields["id"], "tags": ArrayType(NamedType("Tag")), "owner": NamedType("Owner")}
    assert {f.wire_name: f.type for f in owner.fields}["pets"] == ArrayType(NamedType("Pet"))


def test_multi_file_sdk_parses_the_nested_models(tmp_path: Path) -> None:
    spec = write_files(tmp_path, FILES)
    assert generate(spec, tmp_path / "out", "--package-name", "shop") == 0
    shop = import_fresh("shop", tmp_path / "out")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/pets/p1" and request.url.params["verbose"] == "true"
        return httpx.Response(200, json={"id": "p1", "tags": [{"label": "cute"}], "owner": {"name": "Ann", "pets": []}})

    client = shop.Shop(http_client=httpx.Client(transport=httpx.MockTransport(handler)))  # type: ignore[attr-defined]
    pet = client.pets.retrieve("p1", verbose=True)
    assert type(pet).__name__ == "Pet" and type(pet.owner).__name__ == "Owner"
    assert type(pet.tags[0]).__name__ == "Tag" and pet.tags[0].label == "cute"


CAFE_SCHEMAS = {
    "Beverage", "Dessert", "Error", "MenuBaseItem", "MenuItem", "MenuItemList", "OAuth2Client", "Order",
    "OrderItem", "OrderList", "OrderNotification", "OrderStatus", "Page", "RegisterClientObject", "RevenueStatistics",
}  # fmt: skip


def test_redocly_cafe_generates_every_operation_and_names_its_schema_files() -> None:
    spec = shared_dir() / "specs-multi-file" / "redocly-cafe-3.1" / "openapi.yaml"
    api = build_ir(spec)
    assert not [w for w in api.warnings if "not found" in w], api.warnings
    operations = {op.operation_id for _, op in api.operations()}
    assert len(operations) == 12
    # Every file of components/schemas/, named after it (OrderNotification through the webhook's file).
    assert CAFE_SCHEMAS <= {s.name for s in api.schemas}
    assert [w.payload for w in api.webhooks] == [NamedType("OrderNotification")]
    by_id = {op.operation_id: op for _, op in api.operations()}
    assert by_id["listMenuItems"].success is not None
    assert by_id["listMenuItems"].success.type == NamedType("MenuItemList")
    assert [p.wire_name for p in by_id["listMenuItems"].query_params] == [
        "after", "before", "sort", "filter", "search", "limit",
    ]  # fmt: skip


def test_warnings_point_into_the_file_that_holds_the_problem(tmp_path: Path) -> None:
    spec = write_files(
        tmp_path,
        {
            "openapi.yaml": "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a: {$ref: 'paths/a.yaml'}\n",
            "paths/a.yaml": """
servers: [{description: no url}]
get:
  operationId: getA
  parameters: [{name: q}]
post: {$ref: '../ops/create.yaml'}
""",
            "ops/create.yaml": "operationId: createA\n",
        },
    )
    warnings = build_ir(spec).warnings
    path_file, op_file = str(tmp_path / "paths" / "a.yaml"), str(tmp_path / "ops" / "create.yaml")
    assert any(w.startswith(path_file + ":2:") and "(at #/servers/0)" in w and "`url`" in w for w in warnings)
    assert any(w.startswith(path_file + ":5:") and "(at #/get/parameters/0)" in w for w in warnings)
    assert any(w.startswith(op_file + ":1:") and "no `responses`" in w for w in warnings), warnings
