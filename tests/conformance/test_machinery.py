"""The suite's own machinery catches what it must: synthesized values, request checks, result checks."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, Required, TypedDict

import httpx
import pydantic

from tests.conformance.mock import MockServer, check_request
from tests.conformance.spec import Node, SpecTree, operations
from tests.conformance.synth import InstanceSynthesizer, argument, call_arguments, hollow, mismatch

SPEC = """
openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com/v2'}]
paths:
  /pets/{pet_id}:
    parameters:
      - {name: pet_id, in: path, required: true, schema: {type: string}}
    post:
      operationId: feedPet
      parameters:
        - {name: portion, in: query, required: true, schema: {type: integer}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}}
        - {name: session, in: cookie, required: true, schema: {type: string}}
      requestBody:
        content:
          application/vnd.pet+json:
            schema: {$ref: 'parts/food.yaml#/Food'}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
components:
  schemas:
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind, mapping: {kitty: '#/components/schemas/Cat'}}
      properties:
        shared: {type: string}
    Cat:
      type: object
      required: [kind, lives]
      properties:
        kind: {type: string}
        lives: {type: integer, minimum: 9}
        password: {type: string, writeOnly: true}
        born: {type: string, format: date-time}
        friends: {type: array, items: {$ref: '#/components/schemas/Cat'}}
    Dog: {type: object, properties: {kind: {type: string}}}
"""

FOOD = """
Food:
  type: object
  required: [grams, id]
  properties:
    grams: {type: integer}
    id: {type: string, readOnly: true}
"""


def _tree(tmp_path: Path) -> SpecTree:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "food.yaml").write_text(FOOD)
    (tmp_path / "api.yaml").write_text(SPEC)
    return SpecTree(tmp_path / "api.yaml")


def test_operations_merge_path_parameters_and_follow_refs_into_other_files(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    [op] = operations(tree)
    assert (op.pointer, op.success_status) == ("/paths/~1pets~1{pet_id}/post", "201")
    assert [p.value["name"] for p in op.parameters] == ["pet_id", "portion", "X-Trace", "session"]
    assert op.path_regex().match("/v2/pets/p1") and not op.path_regex().match("/v2/pets/p1/extra")


def test_instances_fill_every_property_keep_discriminators_consistent_and_cut_recursion(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    pet = InstanceSynthesizer(tree).instance(Node({"$ref": "#/components/schemas/Pet"}, tree.root_path))
    assert pet["kind"] == "kitty"  # the mapping's tag for Cat, the variant chosen
    assert pet["shared"] == "string"  # properties beside oneOf belong to every variant
    assert pet["lives"] == 9 and pet["born"] == "2024-01-02T03:04:05Z"
    assert "password" not in pet  # writeOnly: never in a response
    assert pet["friends"] == [{"kind": "string", "lives": 9}]  # recursion: required properties only, then cut


def test_the_mock_server_flags_every_missing_part_of_a_request(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    [op] = operations(tree)
    bare = httpx.Request("POST", "https://api.example.com/v2/pets/p1", json={"id": "x"})
    problems = check_request(tree, op, bare)
    assert problems == [
        "required query parameter 'portion' not sent",
        "required header 'X-Trace' not sent",
        "required cookie 'session' not sent",
        "sent body as 'application/json', the spec declares application/vnd.pet+json",
    ]
    good = httpx.Request(
        "POST",
        "https://api.example.com/v2/pets/p1?portion=2",
        headers={"X-Trace": "t", "Cookie": "session=s", "Content-Type": "application/vnd.pet+json"},
        content=json.dumps({}).encode(),
    )
    assert check_request(tree, op, good) == ["required body properties not sent: grams"]  # `id` is readOnly
    wrong = httpx.Request("GET", "https://api.example.com/v2/cats/p1")
    assert check_request(tree, op, wrong)[:2] == [
        "sent GET, the operation is POST",
        "sent path '/v2/cats/p1', which does not match the template '/pets/{pet_id}'",
    ]


def test_the_mock_server_answers_with_the_success_status_and_a_schema_instance(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    server = MockServer(tree)
    [op] = operations(tree)
    server.expect(op)
    response = server.respond(op)
    assert response.status_code == 201 and response.json()["kind"] == "kitty"


class Color(enum.Enum):
    RED = "red"


class Inner(TypedDict, total=False):
    size: Required[int]
    note: str


class Model(pydantic.BaseModel):
    name: str
    tags: list[str] = []


def test_arguments_follow_the_type_hints() -> None:
    assert argument(Literal["a", "b"] | None) == "a"
    assert argument(Color) is Color.RED
    assert argument(Inner) == {"size": 1}
    assert argument(Sequence[Inner]) == [{"size": 1}]
    assert argument(Mapping[str, int]) == {"key": 1}
    assert argument(Model) == Model(name="name-value")

    def method(self: object, item_id: str, *, body: Inner, limit: int | None = None) -> None: ...

    assert call_arguments(method.__get__(object())) == (["item_id-value"], {"body": {"size": 1}})


def test_results_are_checked_against_the_declared_type_and_the_spec_shape(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    cat = Node({"$ref": "#/components/schemas/Cat"}, tree.root_path)
    assert mismatch([Model(name="n")], list[Model]) is None
    assert mismatch({"name": "n"}, Model) == "result is dict, declared Model"
    assert hollow({"kind": "cat"}, tree, cat) is not None  # a dict where the spec has an object: hollow
    assert hollow(Model(name="n"), tree, cat) is None


SECURED = """
openapi: 3.1.0
info: {title: S, version: '1'}
security: [{cookieKey: []}, {bearer: []}]
paths:
  /photo:
    get:
      responses:
        '200': {description: ok, content: {image/png: {schema: {type: string, format: binary}}}}
components:
  securitySchemes:
    cookieKey: {type: apiKey, in: cookie, name: sid}
    bearer: {type: http, scheme: bearer}
"""


def test_the_mock_server_checks_credentials_and_content_negotiation(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SECURED)
    tree = SpecTree(tmp_path / "s.yaml")
    [op] = operations(tree)
    request = httpx.Request("GET", "https://x/photo", headers={"Accept": "application/json"})
    assert check_request(tree, op, request) == [
        "sent Accept: application/json, which does not admit the declared response type image/png",
        "no security requirement met: cookieKey or bearer not sent",
    ]
    assert check_request(tree, op, httpx.Request("GET", "https://x/photo", headers={"Cookie": "sid=1"})) == []
    assert check_request(tree, op, httpx.Request("GET", "https://x/photo", headers={"Accept": "image/*"})) == [
        "no security requirement met: cookieKey or bearer not sent"
    ]


UPLOAD = """
openapi: 3.1.0
info: {title: U, version: '1'}
paths:
  /upload:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, meta]
              properties:
                file: {type: string, format: binary}
                meta: {type: object, properties: {size: {type: integer}}}
      responses: {'204': {description: ok}}
"""


def test_the_mock_server_checks_multipart_encoding(tmp_path: Path) -> None:
    (tmp_path / "u.yaml").write_text(UPLOAD)
    tree = SpecTree(tmp_path / "u.yaml")
    [op] = operations(tree)
    wrong = httpx.Request("POST", "https://x/upload", data={"file": "b'raw'", "meta[size]": "1"}, files={"x": b"1"})
    assert check_request(tree, op, wrong) == [
        "file property 'file' sent as a text field, not a file part",
        "object property 'meta' sent as bracketed fields, not as one application/json part",
    ]
    right = httpx.Request("POST", "https://x/upload", data={"meta": '{"size": 1}'}, files={"file": ("f.bin", b"raw")})
    assert check_request(tree, op, right) == []


def test_an_operation_without_a_method_is_a_skip_only_with_a_warning_located_at_it(tmp_path: Path) -> None:
    from generator.ir import ApiIR, PackageConfig
    from tests.conformance.runner import DocumentRun, match_operations
    from tests.conformance.spec import Document

    tree = _tree(tmp_path)
    config = PackageConfig("t", "t", "T", "AsyncT", "1", "https://x", "T_BASE_URL", "T_LOG", "T")
    located = f"{tmp_path}/api.yaml:7:5 (at #/paths/~1pets~1{{pet_id}}/post/requestBody): warning: bad body; operation skipped"
    for warnings, skipped in (((located,), 1), (("api.yaml: warning: something else skipped",), 0)):
        run = DocumentRun(Document("t", tmp_path / "api.yaml", slow=False), tmp_path / "out")
        run.api = ApiIR(config=config, resources=(), schemas=(), warnings=warnings)
        run.spec_ops = operations(tree)
        match_operations(run)
        assert (len(run.skips), len(run.missing)) == (skipped, 1 - skipped)


def test_a_union_of_objects_must_come_back_as_a_model(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    pet = Node({"$ref": "#/components/schemas/Pet"}, tree.root_path)
    assert hollow({"kind": "kitty"}, tree, pet) is not None
    assert hollow([Model(name="n")], tree, Node({"type": "array", "items": pet.value}, tree.root_path)) is None
