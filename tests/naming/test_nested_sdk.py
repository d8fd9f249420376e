"""The generated SDK of nested resources: lazy modules, sync and async, raw wrappers, argument order, docs."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers import generate, import_fresh, import_in_subprocess

SPEC = """
openapi: 3.1.0
info: {title: Nest API, version: '1'}
servers: [{url: https://nest.example/v1}]
paths:
  /chat/completions:
    post:
      operationId: createChatCompletion
      requestBody: {content: {application/json: {schema: {type: object, properties: {model: {type: string}}}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}}
  /chat/completions/{completion_id}/messages:
    get:
      operationId: getChatCompletionMessages
      parameters:
        - {name: completion_id, in: path, required: true, schema: {type: string}}
        - {name: after, in: query, schema: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}}
  /containers/{container_id}/files/{file_id}:
    delete:
      operationId: DeleteContainerFile
      parameters:
        - {name: container_id, in: path, required: true, schema: {type: string}}
        - {name: file_id, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}}
  /containers/{container_id}:
    get:
      operationId: RetrieveContainer
      parameters: [{name: container_id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}}
components:
  schemas:
    Item: {type: object, properties: {id: {type: string}}}
    Page:
      type: object
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/Item'}}
        has_more: {type: boolean}
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nest")
    (root / "nest.yaml").write_text(SPEC)
    assert generate(root / "nest.yaml", root / "out", "--package-name", "nest") == 0
    return root / "out"


def _handler(seen: list[httpx.Request]) -> Any:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/messages"):
            return httpx.Response(200, json={"data": [{"id": "m1"}], "has_more": False})
        return httpx.Response(200, json={"id": "x1"})

    return handle


def test_the_layout_mirrors_the_tree(out: Path) -> None:
    resources = out / "nest" / "resources"
    assert sorted(str(p.relative_to(resources)) for p in resources.rglob("*.py")) == [
        "__init__.py",
        "chat/__init__.py",
        "chat/chat.py",
        "chat/completions/__init__.py",
        "chat/completions/completions.py",
        "chat/completions/messages.py",
        "containers/__init__.py",
        "containers/containers.py",
        "containers/files.py",
    ]
    # A package's __init__ imports nothing: reaching client.chat must not load its children.
    lines = (resources / "chat" / "__init__.py").read_text().splitlines()
    assert not [line for line in lines if line.startswith(("import ", "from "))]


def test_importing_the_package_imports_no_resource_and_each_property_only_its_own(out: Path) -> None:
    code = (
        "import sys\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith('nest.resources.'))\n"
        "assert loaded() == [], loaded()\n"
        "client = nest.Nest(base_url='http://x')\n"
        "client.chat\n"
        "assert loaded() == ['nest.resources.chat', 'nest.resources.chat.chat'], loaded()\n"
        "client.chat.completions.messages\n"
        "assert 'nest.resources.containers' not in loaded(), loaded()\n"
        "assert 'nest.resources.chat.completions.messages' in loaded(), loaded()\n"
    )
    result = import_in_subprocess("nest", out, code)
    assert result.returncode == 0, result.stderr


def test_nested_calls_sync_and_async(out: Path) -> None:
    nest = import_fresh("nest", out)
    seen: list[httpx.Request] = []
    client = nest.Nest(http_client=httpx.Client(transport=httpx.MockTransport(_handler(seen))))  # type: ignore[attr-defined]
    assert [m.id for m in client.chat.completions.messages.list("c1")] == ["m1"]
    assert client.chat.completions.create(model="m").id == "x1"
    assert client.containers.files.delete("f1", container_id="c1").id == "x1"
    assert [str(r.url) for r in seen] == [
        "https://nest.example/v1/chat/completions/c1/messages",
        "https://nest.example/v1/chat/completions",
        "https://nest.example/v1/containers/c1/files/f1",
    ]
    assert client.chat.completions is client.chat.completions  # a cached property

    async def run() -> list[str]:
        aclient = nest.AsyncNest(http_client=httpx.AsyncClient(transport=httpx.MockTransport(_handler(seen))))  # type: ignore[attr-defined]
        items = [m.id async for m in aclient.chat.completions.messages.list("c2")]
        deleted = await aclient.containers.files.delete("f2", container_id="c2")
        return [*items, deleted.id]

    assert asyncio.run(run()) == ["m1", "x1"]
    assert str(seen[-1].url) == "https://nest.example/v1/containers/c2/files/f2"


def test_the_item_id_is_positional_and_the_parents_keyword_only(out: Path) -> None:
    nest = import_fresh("nest", out)
    client = nest.Nest(base_url="http://x")  # type: ignore[attr-defined]
    parameters = inspect.signature(client.containers.files.delete).parameters
    assert parameters["file_id"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert parameters["container_id"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["container_id"].default is inspect.Parameter.empty
    assert list(parameters)[:2] == ["file_id", "container_id"]


def test_raw_and_streaming_wrappers_expose_the_children(out: Path) -> None:
    nest = import_fresh("nest", out)
    seen: list[httpx.Request] = []
    client = nest.Nest(http_client=httpx.Client(transport=httpx.MockTransport(_handler(seen))))  # type: ignore[attr-defined]
    raw = client.containers.with_raw_response.files.delete("f1", container_id="c1")
    assert raw.status_code == 200 and raw.parse().id == "x1"
    with client.chat.with_streaming_response.completions.messages.list("c1") as response:
        assert response.status_code == 200
    assert str(seen[-1].url).endswith("/chat/completions/c1/messages")


def test_api_md_and_readme_show_the_tree(out: Path) -> None:
    api_md = (out / "api.md").read_text()
    assert api_md.startswith("# Nest API reference\n")  # not "Nest API API reference"
    for heading in ("## `client.chat`", "### `client.chat.completions`", "#### `client.chat.completions.messages`",
                    "## `client.containers`", "### `client.containers.files`"):  # fmt: skip
        assert f"\n{heading}\n" in api_md
    assert "[`nest/resources/chat/completions/messages.py`](nest/resources/chat/completions/messages.py)" in api_md
    assert "[`nest/resources/containers/containers.py`](nest/resources/containers/containers.py)" in api_md
    assert "- `delete(file_id: str, *, container_id: str) -> Item`" in api_md
    readme = (out / "README.md").read_text()
    assert "client.containers.files.delete('file_123', container_id='container_123')" in readme.replace('"', "'")
    assert "client.chat.completions.messages.list(" in readme


@pytest.mark.slow
def test_mypy_strict_follows_the_chains(out: Path) -> None:
    (out / "calls.py").write_text(
        "from nest import AsyncNest, Nest\n"
        "from nest.types import Item\n\n"
        "client = Nest(base_url='http://x')\n"
        "item: Item = client.containers.files.delete('f', container_id='c')\n"
        "raw = client.containers.with_raw_response.files.delete('f', container_id='c')\n"
        "parsed: Item = raw.parse()\n"
        "client.containers.files.delete('f', 'c')  # line 8: the parent's ID is keyword-only\n\n\n"
        "async def main() -> None:\n"
        "    aitem: Item = await AsyncNest(base_url='http://x').containers.files.delete('f', container_id='c')\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "calls.py", "nest"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[:2] for line in errors] == [["calls.py", "8"]], result.stdout
