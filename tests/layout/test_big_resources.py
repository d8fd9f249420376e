"""A resource with more methods than an editor-sized module holds keeps them in part modules its class joins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from generator import views
from tests.helpers import generate_sdk, mock_client

METHODS = views.MAX_METHODS_PER_MODULE * 2 + 10  # three parts


def _spec() -> str:
    paths: dict[str, Any] = {}
    for index in range(METHODS):
        paths[f"/items/{{id}}/action{index}"] = {
            "post": {
                "operationId": f"action{index}",
                "x-sdk-resource": "items",
                "x-sdk-method": f"action{index}",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                    }
                },
            }
        }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Many", "version": "1"},
        "servers": [{"url": "https://many.example.com"}],
        "paths": paths,
        "components": {
            "schemas": {"Item": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}
        },
    }
    return yaml.safe_dump(document, sort_keys=False)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many")
    generate_sdk(root, _spec(), "many")
    return root / "out"


@pytest.fixture(scope="module")
def sdk(out: Path) -> Any:
    from tests.helpers import import_fresh

    return import_fresh("many", out)


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"id": request.url.path.rsplit("/", 2)[-2]})


def test_the_methods_live_in_parts_each_module_editor_sized(out: Path) -> None:
    resources = out / "many" / "resources"
    assert sorted(p.name for p in resources.glob("_items_part*.py")) == [f"_items_part{i}.py" for i in (1, 2, 3)]
    main = (resources / "items.py").read_text()
    assert "def action" not in main  # every method is in a part
    assert all(len(p.read_text().splitlines()) < 10_000 for p in resources.glob("*.py"))


def test_every_method_is_on_the_resource_sync_async_and_raw(sdk: Any) -> None:
    import asyncio

    client = mock_client(sdk, _answer)
    for index in (0, METHODS // 2, METHODS - 1):
        item = getattr(client.items, f"action{index}")("i7")
        assert isinstance(item, sdk.types.Item) and item.id == "i7"
        raw = getattr(client.items.with_raw_response, f"action{index}")("i8")
        assert raw.status_code == 200 and raw.parse().id == "i8"
    async_client = mock_client(sdk, _answer, use_async=True)

    async def call() -> Any:
        return await async_client.items.action1("i9")

    assert asyncio.run(call()).id == "i9"
    assert isinstance(client.items, sdk.resources.items.ItemsResource)


@pytest.mark.slow
def test_the_parts_pass_mypy_strict(out: Path, tmp_path: Path) -> None:
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "many"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout[-3000:]
