"""An enum several requests take is one named Literal type; docstrings and titles say things once."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import generate, import_fresh

SPEC = """
openapi: 3.1.0
info: {title: Sorted API, version: '1'}
servers: [{url: https://sorted.example}]
paths:
  /files:
    get:
      operationId: listFiles
      summary: List files.
      description: List files. Newest first unless `order` says otherwise.
      parameters: [{name: order, in: query, schema: {type: string, enum: [asc, desc]}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
  /runs:
    get:
      operationId: listRuns
      summary: List runs.
      description: Every run of the account.
      parameters:
        - {name: order, in: query, schema: {type: string, enum: [asc, desc]}}
        - {name: state, in: query, schema: {type: string, enum: [queued, done]}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sorted")
    (root / "sorted.yaml").write_text(SPEC)
    assert generate(root / "sorted.yaml", root / "out", "--package-name", "sorted_sdk") == 0
    return root / "out"


def test_a_reused_enum_is_one_named_literal(out: Path) -> None:
    sdk: Any = import_fresh("sorted_sdk", out)
    alias = sdk.types.ListRunsOrderParam  # named after the shortest name of the enums with these values
    assert typing.get_args(alias) == ("asc", "desc")
    client = sdk.Sorted(base_url="http://x")
    for method in (client.files.list, client.runs.list):
        assert typing.get_type_hints(method)["order"] == alias | sdk.NotGiven
    # An enum only one signature takes stays inline.
    assert "Literal['queued', 'done']" in str(typing.get_type_hints(client.runs.list)["state"])
    runs_source = (out / "sorted_sdk" / "resources" / "runs.py").read_text()
    assert "order: ListRunsOrderParam | NotGiven" in runs_source and 'Literal["asc", "desc"]' not in runs_source
    api_md = (out / "api.md").read_text()
    assert "- `ListRunsOrderParam = Literal['asc', 'desc']`" in api_md
    assert "order: ListRunsOrderParam | NotGiven = NOT_GIVEN" in api_md


def test_titles_and_docstrings_say_things_once(out: Path) -> None:
    api_md = (out / "api.md").read_text()
    assert api_md.splitlines()[0] == "# Sorted API reference"
    files = (out / "sorted_sdk" / "resources" / "files.py").read_text()
    assert files.count("List files.") == 2  # sync and async, each once: the description opens with the summary
    assert '"""List files. Newest first unless `order` says otherwise.' in files
    runs = (out / "sorted_sdk" / "resources" / "runs.py").read_text()
    assert '"""List runs.\n\n        Every run of the account.' in runs  # a description that does not repeat it
