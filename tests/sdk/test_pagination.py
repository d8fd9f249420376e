"""Cursor pagination of ``benchmark_jobs.list`` in the generated SDK."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.sdk.conftest import job

# Three pages of jobs: a, b | c, d | e.
PAGES = [["a", "b"], ["c", "d"], ["e"]]


class PagedAPI:
    """Serves ``PAGES`` by ``starting_after`` like the real API."""

    def __init__(self, pages: list[list[str]] = PAGES) -> None:
        self.pages = pages

    def __call__(self, request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("starting_after")
        index = 0 if after is None else next(i + 1 for i, ids in enumerate(self.pages) if ids and ids[-1] == after)
        ids = self.pages[index]
        remaining = sum(len(p) for p in self.pages[index + 1 :])
        return httpx.Response(
            200,
            json={
                "jobs": [job(i) for i in ids],
                "has_more": index + 1 < len(self.pages),
                "total_count": sum(len(p) for p in self.pages),
                "remaining_count": remaining,
            },
        )


def _cursors(requests: list[httpx.Request]) -> list[str | None]:
    return [r.url.params.get("starting_after") for r in requests]


def test_list_returns_a_page_with_the_list_view_fields(make_client: Any, sdk: Any) -> None:
    client, server = make_client(PagedAPI())
    page = client.benchmark_jobs.list(limit=2)
    assert isinstance(page, sdk.types.BenchmarkJobListView)
    assert [j.id for j in page.jobs] == ["a", "b"]
    assert page.has_more is True and page.total_count == 5 and page.remaining_count == 3
    assert all(isinstance(j, sdk.types.BenchmarkJobView) for j in page.jobs)
    assert len(server.requests) == 1


def test_iterating_yields_every_item_across_pages(make_client: Any, sdk: Any) -> None:
    client, server = make_client(PagedAPI())
    ids = [j.id for j in client.benchmark_jobs.list(limit=100)]
    assert ids == ["a", "b", "c", "d", "e"]
    assert _cursors(server.requests) == [None, "b", "d"]
    assert all(r.url.path == "/v1/benchmark_jobs" and r.method == "GET" for r in server.requests)


def test_iteration_is_lazy(make_client: Any) -> None:
    client, server = make_client(PagedAPI())
    items = iter(client.benchmark_jobs.list())
    assert len(server.requests) == 1
    assert next(items).id == "a" and next(items).id == "b"
    assert len(server.requests) == 1  # the first page's items come without a new request
    assert next(items).id == "c"
    assert len(server.requests) == 2
    assert next(items).id == "d" and len(server.requests) == 2
    assert next(items).id == "e" and len(server.requests) == 3
    with pytest.raises(StopIteration):
        next(items)
    assert len(server.requests) == 3  # has_more was false: no further request


def test_other_query_parameters_are_kept_on_following_pages(make_client: Any) -> None:
    client, server = make_client(PagedAPI())
    list(
        client.benchmark_jobs.list(
            limit=2, name="nightly", include_total_count=False, extra_query={"tag": "x"}, extra_headers={"X-Trace": "t"}
        )
    )
    assert len(server.requests) == 3
    for request, cursor in zip(server.requests, [None, "b", "d"], strict=True):
        params = dict(request.url.params)
        assert params.pop("starting_after", None) == cursor
        assert params == {"limit": "2", "name": "nightly", "include_total_count": "false", "tag": "x"}
        assert request.headers["X-Trace"] == "t"


def test_a_given_starting_after_is_replaced_on_following_pages(make_client: Any) -> None:
    client, server = make_client(PagedAPI())
    assert [j.id for j in client.benchmark_jobs.list(starting_after="b")] == ["c", "d", "e"]
    assert _cursors(server.requests) == ["b", "d"]


def test_iter_pages_has_next_page_and_get_next_page(make_client: Any, sdk: Any) -> None:
    client, server = make_client(PagedAPI())
    first = client.benchmark_jobs.list(limit=2)
    assert first.has_next_page()
    second = first.get_next_page()
    assert isinstance(second, sdk.pagination.SyncBenchmarkJobsPage)
    assert [j.id for j in second.jobs] == ["c", "d"] and second.remaining_count == 1
    assert server.last.url.params["starting_after"] == "b" and server.last.url.params["limit"] == "2"
    last = second.get_next_page()
    assert not last.has_next_page()
    with pytest.raises(RuntimeError, match="has_next_page"):
        last.get_next_page()

    server.requests.clear()
    pages = client.benchmark_jobs.list(limit=2).iter_pages()
    assert [j.id for j in next(pages).jobs] == ["a", "b"] and len(server.requests) == 1
    assert [[j.id for j in p.jobs] for p in pages] == [["c", "d"], ["e"]]
    assert len(server.requests) == 3


def test_single_page(make_client: Any) -> None:
    client, server = make_client(PagedAPI([["only"]]))
    page = client.benchmark_jobs.list()
    assert not page.has_next_page()
    assert [j.id for j in page] == ["only"] and len(server.requests) == 1


def test_empty_page_with_has_more_stops(make_client: Any) -> None:
    client, server = make_client(lambda r: httpx.Response(200, json={"jobs": [], "has_more": True}))
    assert list(client.benchmark_jobs.list()) == [] and len(server.requests) == 1


def test_next_page_failures_are_retried_and_raised(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    api = PagedAPI()
    calls = {"n": 0}

    def respond(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if "starting_after" in request.url.params and calls["n"] == 2:
            return httpx.Response(503)
        return api(request)

    client, server = make_client(respond)
    monkeypatch.setattr(client, "_sleep", lambda seconds: None)
    assert len(list(client.benchmark_jobs.list())) == 5
    assert _cursors(server.requests) == [None, "b", "b", "d"]

    client, _ = make_client(lambda r: api(r) if "starting_after" not in r.url.params else httpx.Response(404))
    items = iter(client.benchmark_jobs.list())
    assert [next(items).id, next(items).id] == ["a", "b"]
    with pytest.raises(sdk.NotFoundError):
        next(items)


@pytest.mark.asyncio
async def test_async_for_yields_every_item_lazily(make_client: Any) -> None:
    client, server = make_client(PagedAPI(), use_async=True)
    paginator = client.benchmark_jobs.list(limit=100, name="nightly")
    assert server.requests == []  # nothing is sent before awaiting or iterating
    ids = []
    async for j in paginator:
        ids.append(j.id)
        # While consuming page n, only n pages have been requested.
        assert len(server.requests) == {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}[j.id]
    assert ids == ["a", "b", "c", "d", "e"]
    assert _cursors(server.requests) == [None, "b", "d"]
    for request in server.requests:
        assert request.url.params["limit"] == "100" and request.url.params["name"] == "nightly"


@pytest.mark.asyncio
async def test_async_page_fields_and_navigation(make_client: Any, sdk: Any) -> None:
    client, server = make_client(PagedAPI(), use_async=True)
    page = await client.benchmark_jobs.list(limit=2)
    assert isinstance(page, sdk.pagination.AsyncBenchmarkJobsPage)
    assert isinstance(page, sdk.types.BenchmarkJobListView)
    assert page.has_more is True and page.total_count == 5 and page.remaining_count == 3
    assert page.has_next_page()
    second = await page.get_next_page()
    assert [j.id for j in second.jobs] == ["c", "d"]
    assert server.last.url.params["starting_after"] == "b" and server.last.url.params["limit"] == "2"

    server.requests.clear()
    seen = [[j.id for j in p.jobs] async for p in (await client.benchmark_jobs.list(limit=2)).iter_pages()]
    assert seen == [["a", "b"], ["c", "d"], ["e"]] and len(server.requests) == 3

    last = await (await page.get_next_page()).get_next_page()
    assert not last.has_next_page()
    with pytest.raises(RuntimeError):
        await last.get_next_page()

    # `async for` over an awaited page also walks the following pages.
    assert [j.id async for j in await client.benchmark_jobs.list()] == ["a", "b", "c", "d", "e"]
