"""Behaviour of SDKs generated from small specs written here: naming, deprecation, determinism."""

from __future__ import annotations

import inspect
import re
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.output import read_tree
from tests.helpers import generate, import_fresh, shared_dir

DEPRECATED_SPEC = """
openapi: 3.1.0
info: {title: Dep API, version: 2.0.0}
servers: [{url: https://dep.example.com}]
paths:
  /widgets:
    get:
      operationId: listWidgets
      deprecated: true
      parameters:
        - {name: old, in: query, deprecated: true, schema: {type: string}, description: Use new.}
        - {name: new, in: query, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
    post:
      operationId: createWidget
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
components:
  schemas:
    Widget:
      type: object
      properties:
        id: {type: string}
        legacy: {type: string, deprecated: true, description: The old name.}
"""


def _client(sdk: Any, handler: Any, **options: Any) -> Any:
    return sdk.Dep(http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options)


@pytest.fixture(scope="module")
def dep_sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("dep")
    (root / "dep.yaml").write_text(DEPRECATED_SPEC)
    assert generate(root / "dep.yaml", root / "out") == 0
    return import_fresh("dep", root / "out")


def test_deprecated_operation_parameter_and_field_warn_and_are_documented(dep_sdk: Any) -> None:
    client = _client(dep_sdk, lambda r: httpx.Response(200, json={"id": "w1", "legacy": "x"}))
    resource = client.widgets
    assert "Deprecated. Use new." in (resource.retrieve.__doc__ or "")
    with pytest.warns(DeprecationWarning, match="retrieve"):
        resource.retrieve(new="n")
    with pytest.warns(DeprecationWarning) as caught:
        resource.retrieve(old="o")
    assert any("old is deprecated" in str(w.message) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        widget = resource.create(id="w1")  # not deprecated: no warning at all
    models_source = inspect.getsource(dep_sdk.types._models)
    assert re.search(r'legacy: .*deprecated=True.*\n\s+"""\s*Deprecated\. The old name\.', models_source)
    with pytest.warns(DeprecationWarning):
        assert widget.legacy == "x"
    with pytest.warns(DeprecationWarning, match="legacy"):
        resource.create(legacy="x")


def test_a_different_spec_gives_a_differently_named_sdk(tmp_path: Path) -> None:
    spec = shared_dir() / "specs" / "oai-petstore-3.0.yaml"
    assert generate(spec, tmp_path / "out") == 0
    sdk = import_fresh("petstore", tmp_path / "out")
    assert {"Petstore", "AsyncPetstore"} <= set(sdk.__all__)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v1/pets/7":
            return httpx.Response(200, json={"id": 7, "name": "rex"})
        return httpx.Response(200, json=[{"id": 1, "name": "a", "tag": "t"}])

    client = sdk.Petstore(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    pets = client.pets.list(limit=2)
    assert [p.name for p in pets] == ["a"] and isinstance(pets[0], sdk.types.Pet)
    assert str(seen[0].url) == "http://petstore.swagger.io/v1/pets?limit=2"
    assert client.pets.retrieve("7").name == "rex"  # GET /pets/{petId}
    assert hasattr(client.pets, "create")  # POST /pets
    readme = (tmp_path / "out" / "README.md").read_text()
    assert "client.pets.retrieve(" in readme and "Petstore(" in readme


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    spec = shared_dir() / "specs" / "peer-opc" / "baseline_openapi_3.1.yaml"
    assert generate(spec, tmp_path / "a") == 0
    assert generate(spec, tmp_path / "b") == 0
    a, b = read_tree(tmp_path / "a"), read_tree(tmp_path / "b")
    assert a.keys() == b.keys() and len(a) > 20
    assert [name for name in a if a[name] != b[name]] == []


def test_webhooks_only_spec_gives_a_client_without_resources(tmp_path: Path) -> None:
    spec = shared_dir() / "specs" / "oai-webhook-example-3.1.yaml"
    assert generate(spec, tmp_path / "out", "--base-url", "https://hooks.example.com") == 0
    sdk = import_fresh("webhook_example", tmp_path / "out")
    assert "Pet" in sdk.types.__all__
    client = sdk.WebhookExample()
    assert client.base_url == "https://hooks.example.com" or str(client.base_url).startswith(
        "https://hooks.example.com"
    )


CLOSED_SPEC = """
openapi: 3.1.0
info: {title: Shut API, version: 1.0.0}
servers: [{url: https://shut.example.com}]
paths:
  /boxes/{id}:
    get:
      operationId: getBox
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Box'}}}}
    patch:
      operationId: updateBox
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content: {application/json: {schema: {type: object, minProperties: 1, properties: {lid: {$ref: '#/components/schemas/Lid'}}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Box'}}}}
components:
  schemas:
    Box:
      type: object
      additionalProperties: false
      required: [id]
      properties:
        id: {type: string}
        lid: {$ref: '#/components/schemas/Lid'}
    Lid:
      type: object
      properties:
        color: {type: string}
"""


@pytest.fixture(scope="module")
def shut_sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("shut")
    (root / "shut.yaml").write_text(CLOSED_SPEC)
    assert generate(root / "shut.yaml", root / "out") == 0
    return import_fresh("shut", root / "out")


def test_additional_properties_false_is_enforced_in_strict_mode_only(shut_sdk: Any) -> None:
    body = {"id": "b1", "weight": 3, "lid": {"color": "red", "shine": True}}

    def get_box(**options: Any) -> Any:
        client = shut_sdk.Shut(
            http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body))), **options
        )
        return client.boxes.retrieve("b1")

    lenient = get_box()
    assert lenient.to_dict() == body  # forward compatible: the extra field is kept
    with pytest.raises(shut_sdk.APIResponseValidationError, match="/weight: unknown field of Box") as info:
        get_box(strict_response_validation=True)
    assert "/lid/shine" not in str(info.value)  # Lid's schema allows other fields
    body.pop("weight")
    assert get_box(strict_response_validation=True).lid.model_extra == {"shine": True}
    assert issubclass(shut_sdk.types.Box, shut_sdk._models.ClosedModel)
    assert not issubclass(shut_sdk.types.Lid, shut_sdk._models.ClosedModel)


def test_an_optional_body_is_left_out_when_no_field_is_given(shut_sdk: Any) -> None:
    sent: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"id": "b1"})

    client = shut_sdk.Shut(http_client=httpx.Client(transport=httpx.MockTransport(respond)))
    client.boxes.update("b1")  # an empty object would break minProperties
    assert sent[-1].content == b"" and "content-type" not in sent[-1].headers
    client.boxes.update("b1", lid={"color": "red"})
    assert sent[-1].content == b'{"lid":{"color":"red"}}'
    client.boxes.update("b1", extra_body={"lid": {}})
    assert sent[-1].content == b'{"lid":{}}'
