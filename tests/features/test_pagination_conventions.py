"""Pagination conventions of real APIs are detected from the spec, and `x-pagination` overrides them."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from generator.build_ir import build_ir
from tests.helpers import generate_sdk, mock_client, shared_dir

ITEM = "{$ref: '#/components/schemas/Item'}"


def list_op(path: str, params: str, response: str, extra: str = "") -> str:
    return f"""
  {path}:
    get:
      operationId: list{path.strip("/").title().replace("_", "")}
      parameters: [{params}]
      responses:
        '200':
          description: a page{extra}
          content: {{application/json: {{schema: {response}}}}}"""


SPEC = (
    """
openapi: 3.0.3
info: {title: Pages, version: 1.0.0}
servers: [{url: https://pages.example.com}]
components:
  schemas:
    Item: {type: object, required: [id], properties: {id: {type: string}, created: {type: string, format: date-time}}}
    ListMeta: {type: object, properties: {continue: {type: string}, resourceVersion: {type: string}}}
paths:"""
    + list_op(
        "/last_id",
        "{name: after, in: query, schema: {type: string}}, {name: limit, in: query, schema: {type: integer}}",
        "{type: object, properties: {data: {type: array, items: " + ITEM + "}, has_more: {type: boolean},"
        " first_id: {type: string}, last_id: {type: string}}}",
    )
    + list_op(
        "/starting_after",
        "{name: starting_after, in: query, schema: {type: string}}",
        "{type: object, properties: {data: {type: array, items: " + ITEM + "}, has_more: {type: boolean}}}",
    )
    + list_op(
        "/page_token",
        "{name: pageToken, in: query, schema: {type: string}}",
        "{type: object, properties: {items: {type: array, items: " + ITEM + "}, nextPageToken: {type: string}}}",
    )
    + list_op(
        "/kube",
        "{name: continue, in: query, schema: {type: string}}",
        "{type: object, properties: {items: {type: array, items: "
        + ITEM
        + "}, metadata: {$ref: '#/components/schemas/ListMeta'}}}",
    )
    + list_op(
        "/next_cursor",
        "{name: cursor, in: query, schema: {type: string}}",
        "{type: object, properties: {members: {type: array, items: " + ITEM + "},"
        " response_metadata: {type: object, properties: {next_cursor: {type: string}}}}}",
    )
    + list_op(
        "/next_url",
        "{name: size, in: query, schema: {type: integer}}",
        "{type: object, properties: {results: {type: array, items: "
        + ITEM
        + "}, next: {type: string, nullable: true}}}",
    )
    + list_op(
        "/link",
        "{name: per_page, in: query, schema: {type: integer}}",
        "{type: array, items: " + ITEM + "}",
        "\n          headers: {Link: {schema: {type: string}}}",
    )
    + list_op(
        "/page",
        "{name: page, in: query, schema: {type: integer}}, {name: per_page, in: query, schema: {type: integer}}",
        "{type: object, properties: {items: {type: array, items: " + ITEM + "}, total: {type: integer}}}",
    )
    + list_op(
        "/offset",
        "{name: offset, in: query, schema: {type: integer}}, {name: limit, in: query, schema: {type: integer}}",
        "{type: object, properties: {items: {type: array, items: " + ITEM + "}}}",
    )
    + list_op(
        "/two_arrays",
        "{name: offset, in: query, schema: {type: integer}}",
        "{type: object, properties: {order: {type: array, items: {type: string}}, entries: {type: array, items: "
        + ITEM
        + "}}}",
    )
    + list_op(
        "/override",
        "{name: marker, in: query, schema: {type: string}}, {name: offset, in: query, schema: {type: integer}}",
        "{type: object, properties: {entries: {type: array, items: " + ITEM + "},"
        " paging: {type: object, properties: {marker: {type: string}}}}}",
    ).replace(
        "operationId: listOverride",
        "operationId: listOverride\n      x-pagination: {type: cursor, items: entries, cursor_param: marker, next: paging.marker}",
    )
    + list_op(
        "/disabled",
        "{name: offset, in: query, schema: {type: integer}}",
        "{type: object, properties: {items: {type: array, items: " + ITEM + "}}}",
    ).replace("operationId: listDisabled", "operationId: listDisabled\n      x-pagination: false")
)

SPEC += """
  /search:
    post:
      operationId: search
      x-pagination: {type: page, items: hits, page_param: page}
      parameters: [{name: page, in: query, schema: {type: integer}}]
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [query], properties: {query: {type: string}}}}}
      responses:
        '200':
          description: hits
          content:
            application/json:
              schema: {type: object, properties: {hits: {type: array, items: {$ref: '#/components/schemas/Item'}}}}"""

IDS = ["i1", "i2", "i3", "i4", "i5"]
SIZE = 2


def items(start: int) -> list[dict[str, str]]:
    return [{"id": i, "created": "2026-01-02T03:04:05Z"} for i in IDS[start : start + SIZE]]


def after(cursor: str | None) -> int:
    """The index after the item ``cursor`` (0 without a cursor)."""
    return IDS.index(cursor) + 1 if cursor else 0


def token(start: int) -> str | None:
    return f"tok{start + SIZE}" if start + SIZE < len(IDS) else None


def from_token(value: str | None) -> int:
    return int(value.removeprefix("tok")) if value else 0


def server(request: httpx.Request) -> httpx.Response:
    """One fake API paging five items two at a time, in each convention."""
    q = request.url.params
    path = request.url.path
    if path == "/last_id":
        start = after(q.get("after"))
        page = items(start)
        body: Any = {
            "data": page,
            "has_more": start + SIZE < len(IDS),
            "first_id": page[0]["id"],
            "last_id": page[-1]["id"],
        }
    elif path == "/starting_after":
        start = after(q.get("starting_after"))
        body = {"data": items(start), "has_more": start + SIZE < len(IDS)}
    elif path == "/page_token":
        start = from_token(q.get("pageToken"))
        body = {"items": items(start), **({"nextPageToken": token(start)} if token(start) else {})}
    elif path == "/kube":
        start = from_token(q.get("continue"))
        body = {"items": items(start), "metadata": {"continue": token(start) or "", "resourceVersion": "7"}}
    elif path == "/next_cursor":
        start = from_token(q.get("cursor"))
        body = {"members": items(start), "response_metadata": {"next_cursor": token(start) or ""}}
    elif path == "/next_url":
        start = from_token(q.get("start"))
        nxt = f"https://pages.example.com/next_url?start={token(start)}" if token(start) else None
        body = {"results": items(start), "next": nxt}
    elif path == "/link":
        start = from_token(q.get("start"))
        headers = {"Link": f'<https://pages.example.com/link?start={token(start)}>; rel="next"'} if token(start) else {}
        return httpx.Response(200, json=items(start), headers=headers)
    elif path == "/page":
        start = (int(q.get("page", "1")) - 1) * SIZE
        body = {"items": items(start), "total": len(IDS)}
    elif path in ("/offset", "/disabled"):
        body = {"items": items(int(q.get("offset", "0")))}
    elif path == "/two_arrays":
        body = {"order": ["id"], "entries": items(int(q.get("offset", "0")))}
    elif path == "/search":
        assert request.method == "POST" and json.loads(request.content) == {"query": "q"}
        body = {"hits": items((int(q.get("page", "1")) - 1) * SIZE)}
    elif path == "/override":
        start = from_token(q.get("marker"))
        body = {"entries": items(start), "paging": {"marker": token(start) or ""}}
    else:
        return httpx.Response(404)
    return httpx.Response(200, json=body)


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("pages"), SPEC, "pages")


CONVENTIONS = [
    "last_id",
    "starting_after",
    "page_token",
    "kube",
    "next_cursor",
    "next_url",
    "link",
    "page",
    "offset",
    "two_arrays",
    "override",
]


@pytest.mark.parametrize("resource", CONVENTIONS)
def test_every_item_of_every_page(sdk: Any, resource: str) -> None:
    sent: list[httpx.Request] = []
    # Strict validation reads date-times from JSON strings only: pages must be validated as JSON.
    client = mock_client(sdk, lambda r: sent.append(r) or server(r), strict_response_validation=True)
    first = getattr(client, resource).list()
    assert [item.id for item in first] == IDS
    # Two full pages and the last; page numbers and offsets learn the end from an empty page.
    assert len(sent) == (4 if resource in ("page", "offset", "two_arrays") else 3)
    assert type(first).__name__.startswith("Sync")


@pytest.mark.asyncio
@pytest.mark.parametrize("resource", ["last_id", "kube", "link", "page"])
async def test_every_item_async(sdk: Any, resource: str) -> None:
    client = mock_client(sdk, server, use_async=True)
    assert [item.id async for item in getattr(client, resource).list()] == IDS


def test_x_pagination_false_returns_one_page(sdk: Any) -> None:
    page = mock_client(sdk, server).disabled.list()
    assert [item.id for item in page.items] == ["i1", "i2"]
    assert not hasattr(sdk.pagination, "SyncDisabledPage")


def test_kubernetes_list_operations_page_with_metadata_continue() -> None:
    spec = shared_dir() / "specs" / "kubernetes-1.35-apiextensions-v1-3.0.json"
    document = json.loads(spec.read_text())
    api = build_ir(spec)
    lists = [op for _, op in api.operations() if op.operation_id.startswith("list")]
    assert lists and all(op.pagination is not None for op in lists)
    for op in lists:
        assert op.pagination is not None
        assert (op.pagination.kind, op.pagination.cursor_param) == ("cursor", "continue")
        assert op.pagination.next_path == ("metadata", "continue")
    assert len(lists) == sum(
        1
        for item in document["paths"].values()
        for m, op in item.items()
        if m == "get" and op["operationId"].startswith("list")
    )


@pytest.mark.asyncio
async def test_x_pagination_on_a_post_sends_the_body_for_every_page(sdk: Any) -> None:
    assert [item.id for item in mock_client(sdk, server).search.create(query="q")] == IDS
    client = mock_client(sdk, server, use_async=True)
    assert [item.id async for item in client.search.create(query="q")] == IDS


def test_a_server_repeating_its_cursor_does_not_page_forever(sdk: Any) -> None:
    sent: list[httpx.Request] = []

    def stuck(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"items": [{"id": "i1"}], "nextPageToken": "same"})

    assert [item.id for item in mock_client(sdk, stuck).page_token.list()] == ["i1", "i1"]
    assert [str(r.url.params.get("pageToken")) for r in sent] == ["None", "same"]
