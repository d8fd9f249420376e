"""A big API's SDK stays light: models in modules by resource, imported on first use, and still whole.

One small spec exercises every part of the layout: a model only one resource uses (its folder),
one several use (the shared folder), private helper classes beside their model, a recursive
model, and a recursive group too big for one module (cut in two modules that import each other).
"""

from __future__ import annotations

import copy
import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.helpers import generate_sdk, import_in_subprocess, mock_client

# A ring of schemas, each with many fields: one recursive group larger than a module may be.
RING = 60
RING_FIELDS = 70


def _spec() -> str:
    ring = {
        f"Link{i}": {
            "type": "object",
            "properties": {
                "next": {"$ref": f"#/components/schemas/Link{(i + 1) % RING}"},
                **{f"value{j}": {"type": "string"} for j in range(RING_FIELDS)},
            },
        }
        for i in range(RING)
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Shop", "version": "1.0.0"},
        "servers": [{"url": "https://shop.example.com"}],
        "paths": {
            "/orders/{id}": {
                "get": {
                    "operationId": "retrieveOrder",
                    "tags": ["orders"],
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": _returns("#/components/schemas/Order")},
                }
            },
            "/customers/{id}": {
                "get": {
                    "operationId": "retrieveCustomer",
                    "tags": ["customers"],
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": _returns("#/components/schemas/Customer")},
                }
            },
            "/categories": {
                "get": {
                    "operationId": "listCategories",
                    "tags": ["categories"],
                    "responses": {"200": _returns("#/components/schemas/Category")},
                }
            },
            "/links": {
                "get": {
                    "operationId": "listLinks",
                    "tags": ["links"],
                    "responses": {"200": _returns("#/components/schemas/Link0")},
                }
            },
        },
        "components": {
            "schemas": {
                "Customer": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "address": {"type": "object", "properties": {"city": {"type": "string"}}},
                    },
                },
                "Order": {
                    "type": "object",
                    "required": ["id", "customer"],
                    "properties": {
                        "id": {"type": "string"},
                        "customer": {"$ref": "#/components/schemas/Customer"},
                        "lines": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {"sku": {"type": "string"}, "state": {"enum": ["open", "shipped"]}},
                            },
                        },
                    },
                },
                "Category": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}},
                    },
                },
                **ring,
            }
        },
    }
    return yaml.safe_dump(document, sort_keys=False)


def _returns(ref: str) -> dict[str, Any]:
    return {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shop")
    generate_sdk(root, _spec(), "shop")
    return root / "out"


@pytest.fixture(scope="module")
def sdk(out: Path) -> Any:
    from tests.helpers import import_fresh

    return import_fresh("shop", out)


def _ring_payload(depth: int) -> dict[str, Any]:
    payload: dict[str, Any] = {"value0": f"v{depth}"}
    for level in reversed(range(depth)):
        payload = {"value0": f"v{level}", "next": payload}
    return payload


def test_models_live_in_modules_by_resource(out: Path) -> None:
    types = out / "shop" / "types"
    assert (types / "orders" / "order.py").is_file()  # only the orders resource returns it
    assert (types / "shared" / "customer.py").is_file()  # orders and customers both reach it
    order_source = (types / "orders" / "order.py").read_text()
    assert "class OrderLinesItem(" in order_source  # a private helper sits beside its model
    assert "from ..shared.customer import Customer" in order_source
    ring = sorted(p.name for p in (types / "links").glob("link0*.py"))
    assert ring == ["link0.py", "link0_2.py"]  # one recursive group, cut in two modules


def test_import_loads_no_model_and_a_name_loads_only_its_module(out: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        loaded = lambda: sorted(m for m in sys.modules if m.startswith("shop.types.") and "_names" not in m)
        assert loaded() == [], loaded()
        from shop.types import Order
        assert loaded() == ["shop.types.orders", "shop.types.orders.order", "shop.types.shared",
                            "shop.types.shared.customer"], loaded()
        """
    )
    result = import_in_subprocess("shop", out, code)
    assert result.returncode == 0, result.stderr


def test_every_name_is_exported_lazily_and_by_its_module(sdk: Any) -> None:
    import importlib

    names = sdk.types.__all__
    assert {"Order", "OrderLinesItem", "Customer", "CustomerAddress", "Category", "Link0", "Link59"} <= set(names)
    assert set(dir(sdk.types)) >= set(names)
    module = importlib.import_module("shop.types.orders.order")
    assert module.Order is sdk.types.Order is importlib.import_module("shop.types.orders").Order
    with pytest.raises(AttributeError):
        _ = sdk.types.NoSuchModel
    with pytest.raises(ImportError):
        exec("from shop.types import NoSuchModel", {})


def test_models_from_several_modules_parse_compare_pickle_and_copy(sdk: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"id": "o1", "customer": {"id": "c1", "address": {"city": "Oslo"}}, "lines": [{"sku": "s"}]}
        )

    order = mock_client(sdk, handler).orders.retrieve("o1")
    assert isinstance(order, sdk.types.Order) and isinstance(order.customer, sdk.types.Customer)
    assert isinstance(order.customer.address, sdk.types.CustomerAddress) and order.customer.address.city == "Oslo"
    assert pickle.loads(pickle.dumps(order)) == order
    assert copy.deepcopy(order) == order and copy.copy(order) == order


def test_recursion_within_a_module_and_across_the_modules_of_a_cut_group(sdk: Any) -> None:
    tree = {"name": "root", "children": [{"name": "leaf", "children": []}]}
    category = mock_client(sdk, lambda r: httpx.Response(200, json=tree)).categories.retrieve()
    assert category.children[0].name == "leaf" and isinstance(category.children[0], sdk.types.Category)
    depth = RING + 5  # around the whole ring, through both modules, and on
    link = mock_client(sdk, lambda r: httpx.Response(200, json=_ring_payload(depth))).links.retrieve()
    for level in range(depth):
        assert isinstance(link, getattr(sdk.types, f"Link{level % RING}")) and link.value0 == f"v{level}"
        link = link.next
    assert link.value0 == f"v{depth}" and link.next is None
    assert json.loads(pickle.loads(pickle.dumps(link)).to_json()) == {"value0": f"v{depth}"}


def test_each_module_of_a_cut_group_imports_alone(out: Path) -> None:
    for module in ("shop.types.links.link0_2", "shop.types.links.link0"):
        code = f"import importlib; m = importlib.import_module({module!r}); assert m.__name__ == {module!r}"
        result = import_in_subprocess("shop", out, code)
        assert result.returncode == 0, result.stderr


USER_CODE = """
from shop import Client
from shop.types import Customer, Link0, Order, OrderLinesItem
from shop.types.orders import Order as SameOrder
from shop.types.orders.order import OrderLinesItemState


def first_city(client: Client, order_id: str) -> str | None:
    order: Order = client.orders.retrieve(order_id)
    customer: Customer = order.customer
    lines: list[OrderLinesItem] | None = order.lines
    state: OrderLinesItemState | None = lines[0].state if lines else None
    ring: Link0 = client.links.retrieve()
    assert SameOrder is Order and state is None and ring.value0 is None
    return customer.address.city if customer.address else None
"""


@pytest.mark.slow
def test_sdk_and_code_using_it_pass_mypy_strict_and_pyright(out: Path, tmp_path: Path) -> None:
    (out / "user_code.py").write_text(USER_CODE)
    try:
        mypy = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "shop", "user_code.py"],
            cwd=out,
            capture_output=True,
            text=True,
            check=False,
        )
        assert mypy.returncode == 0, mypy.stdout[-3000:]
        (out / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict", "pythonVersion": "3.11"}\n')
        pyright = subprocess.run(
            [sys.executable, "-m", "pyright", "--pythonpath", sys.executable, "shop", "user_code.py"],
            cwd=out,
            capture_output=True,
            text=True,
            check=False,
        )
        assert pyright.returncode == 0, pyright.stdout[-3000:]
    finally:
        (out / "user_code.py").unlink()
        (out / "pyrightconfig.json").unlink(missing_ok=True)
