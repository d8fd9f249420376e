"""Schemas in other files keep their names: the last pointer token, or the file's name."""

from __future__ import annotations

from pathlib import Path

from generator.build_ir import build_ir
from generator.ir import ArrayType, NamedType, ObjectSchema
from tests.helpers import write_files

FILES = {
    "openapi.yaml": """
openapi: 3.1.0
info: {title: Zoo, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: 'schemas/pet.yaml#/Pet'}}}
        '400':
          description: bad
          content: {application/json: {schema: {$ref: 'errors/v1/Error.yaml'}}}
        '500':
          description: broken
          content: {application/json: {schema: {$ref: 'errors/v2/Error.yaml'}}}
  /trees:
    get:
      operationId: getTree
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: 'components/schemas/Node.yaml'}}}
  /menu:
    get:
      operationId: getMenuItem
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: 'components/schemas/MenuItem.yaml'}}}
components:
  schemas:
    Tag: {type: object, properties: {colour: {type: string}}}
""",
    "schemas/pet.yaml": """
Pet:
  type: object
  properties:
    tags: {type: array, items: {$ref: '#/Tag'}}
Tag: {type: object, properties: {label: {type: string}}}
""",
    "errors/v1/Error.yaml": "{type: object, properties: {message: {type: string}}}\n",
    "errors/v2/Error.yaml": "{type: object, properties: {detail: {type: string}}}\n",
    "components/schemas/Node.yaml": """
type: object
properties:
  children: {type: array, items: {$ref: ./Node.yaml}}
""",
    "components/schemas/MenuItem.yaml": "{type: object, properties: {name: {type: string}}}\n",
}


def _fields(schema: object) -> dict[str, object]:
    assert isinstance(schema, ObjectSchema)
    return {f.wire_name: f.type for f in schema.fields}


def test_schemas_of_other_files_are_named_after_pointer_or_file(tmp_path: Path) -> None:
    api = build_ir(write_files(tmp_path, FILES))
    ops = {op.operation_id: op for _, op in api.operations()}
    schemas = {s.name: s for s in api.schemas}
    assert ops["getPet"].success is not None and ops["getPet"].success.type == NamedType("Pet")
    assert ops["getMenuItem"].success is not None and ops["getMenuItem"].success.type == NamedType("MenuItem")
    # The root document's component keeps `Tag`; pet.yaml's Tag comes second.
    assert _fields(schemas["Pet"]) == {"tags": ArrayType(NamedType("Tag2"))}
    assert set(_fields(schemas["Tag2"])) == {"label"} and set(_fields(schemas["Tag"])) == {"colour"}
    # Two files both called Error.yaml: numbered in the order the document reaches them.
    assert [(e.status, e.type) for e in ops["getPet"].errors] == [
        ("400", NamedType("Error")),
        ("500", NamedType("Error2")),
    ]
    assert set(_fields(schemas["Error"])) == {"message"} and set(_fields(schemas["Error2"])) == {"detail"}
    # A file that refers to itself is still named after the file.
    assert _fields(schemas["Node"]) == {"children": ArrayType(NamedType("Node"))}
    assert not [name for name in schemas if "Response" in name]


def test_names_are_deterministic(tmp_path: Path) -> None:
    spec = write_files(tmp_path, FILES)
    assert build_ir(spec) == build_ir(spec)


def test_a_component_listing_a_file_is_one_class_with_the_components_name(tmp_path: Path) -> None:
    spec = write_files(
        tmp_path,
        {
            "openapi.yaml": """
openapi: 3.1.0
info: {title: Users, version: '1'}
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Member'}}}}
  /users:
    get:
      operationId: listUsers
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: 'schemas/user.yaml'}}}}}
components:
  schemas:
    Member: {$ref: 'schemas/user.yaml'}
    Admin: {$ref: 'schemas/user.yaml'}
""",
            "schemas/user.yaml": "{type: object, properties: {name: {type: string}}}\n",
        },
    )
    api = build_ir(spec)
    assert {s.name: type(s).__name__ for s in api.schemas} == {"Member": "ObjectSchema", "Admin": "AliasSchema"}
    ops = {op.operation_id: op for _, op in api.operations()}
    assert ops["getUser"].success is not None and ops["getUser"].success.type == NamedType("Member")
    assert ops["listUsers"].success is not None and ops["listUsers"].success.type == ArrayType(NamedType("Member"))
