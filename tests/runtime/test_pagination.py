from __future__ import annotations

import gc
import weakref
from typing import ClassVar

import httpx
import pytest
from pydantic import Field
from sdkruntime._models import BaseModel
from sdkruntime._pagination import PageConfig, SyncPage

from tests.runtime.fakesdk import FakeSDK, JobListView, JobState, JobView, SyncJobsPage
from tests.runtime.helpers import MockAPI, job


def page_of(*ids: str, has_more: bool) -> httpx.Response:
    return httpx.Response(200, json={"jobs": [job(i) for i in ids], "has_more": has_more})


def test_iteration_walks_all_pages_lazily(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        page_of("a", "b", has_more=True),
        page_of("c", "d", has_more=True),
        page_of("e", has_more=False),
    )
    page = client.jobs.list(limit=2)
    assert isinstance(page, SyncJobsPage)
    assert isinstance(page, JobListView)
    assert len(api.requests) == 1
    items = iter(page)
    assert [next(items).id, next(items).id] == ["a", "b"]
    assert len(api.requests) == 1
    assert next(items).id == "c"
    assert len(api.requests) == 2
    assert [j.id for j in items] == ["d", "e"]
    assert len(api.requests) == 3
    queries = [dict(r.url.params) for r in api.requests]
    assert queries == [
        {"limit": "2"},
        {"limit": "2", "starting_after": "b"},
        {"limit": "2", "starting_after": "d"},
    ]


def test_next_page_keeps_headers_and_options(client: FakeSDK, api: MockAPI) -> None:
    api.add(page_of("a", has_more=True), page_of("b", has_more=False))
    assert [j.id for j in client.jobs.list(extra_headers={"X-Trace": "t"})] == [
        "a",
        "b",
    ]
    assert [r.headers.get("X-Trace") for r in api.requests] == ["t", "t"]


def test_iter_pages_and_get_next_page(client: FakeSDK, api: MockAPI) -> None:
    api.add(page_of("a", has_more=True), page_of("b", has_more=False))
    pages = list(client.jobs.list().iter_pages())
    assert [[j.id for j in p.jobs] for p in pages] == [["a"], ["b"]]
    assert pages[0].has_next_page()
    assert not pages[1].has_next_page()
    with pytest.raises(RuntimeError, match="has_next_page"):
        pages[1].get_next_page()

    api.add(page_of("c", has_more=True), page_of("d", has_more=False))
    second = client.jobs.list().get_next_page()
    assert isinstance(second, SyncJobsPage)
    assert second.jobs[0].id == "d"


def test_an_empty_page_ends_iteration_even_if_has_more(client: FakeSDK, api: MockAPI) -> None:
    api.add(page_of(has_more=True))
    page = client.jobs.list()
    assert not page.has_next_page()
    assert list(page) == []
    assert len(api.requests) == 1


def test_pages_stay_models(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, json={"jobs": [job("a")], "has_more": False, "total_count": 1}))
    page = client.jobs.list()
    assert page.total_count == 1
    assert page.model_dump()["jobs"][0]["id"] == "a"
    assert page.to_dict(mode="json") == {
        "jobs": [job("a")],
        "has_more": False,
        "total_count": 1,
    }


def test_old_pages_are_not_kept(client: FakeSDK, api: MockAPI) -> None:
    count = 12
    for n in range(count):
        api.add(page_of(f"j{n}", has_more=n < count - 1))
    refs: list[weakref.ref[SyncJobsPage]] = []
    most_alive = 0
    for page in client.jobs.list().iter_pages():
        refs.append(weakref.ref(page))
        gc.collect(0)
        most_alive = max(most_alive, sum(ref() is not None for ref in refs))
    assert len(refs) == count
    # The first page (held by the iteration) and the current one, never more.
    assert most_alive <= 2


def test_a_page_not_from_the_api_cannot_fetch_more() -> None:
    page = SyncJobsPage(jobs=[JobView(id="a", name="n", state=JobState.done)], has_more=True)
    with pytest.raises(RuntimeError, match="not bound"):
        page.get_next_page()


class OffsetList(BaseModel):
    data: list[JobView]


class OffsetPage(OffsetList, SyncPage[JobView]):
    _page_config: ClassVar[PageConfig] = PageConfig(kind="offset", items_field="data", offset_param="offset")


def test_offset_pagination(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(200, json={"data": [job("a"), job("b")]}),
        httpx.Response(200, json={"data": [job("c")]}),
        httpx.Response(200, json={"data": []}),
    )
    page = client.get_api_list("/v1/things", page=OffsetPage, query={"limit": 2})
    assert [j.id for j in page] == ["a", "b", "c"]
    assert [r.url.params.get("offset") for r in api.requests] == [None, "2", "3"]
    assert all(r.url.params["limit"] == "2" for r in api.requests)


class NextUrlList(BaseModel):
    items: list[JobView]
    next_page: str | None = Field(default=None, alias="nextPage")


class NextUrlPage(NextUrlList, SyncPage[JobView]):
    _page_config: ClassVar[PageConfig] = PageConfig(kind="next_url", items_field="items", next_field="nextPage")


def test_next_url_pagination_absolute_and_relative(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(
            200,
            json={
                "items": [job("a")],
                "nextPage": "https://api.example.test/v1/things?page=2&size=1",
            },
        ),
        httpx.Response(200, json={"items": [job("b")], "nextPage": "/v1/things?page=3&size=1"}),
        httpx.Response(200, json={"items": [job("c")], "nextPage": None}),
    )
    page = client.get_api_list("/v1/things", page=NextUrlPage, query={"size": 1, "q": "x"})
    assert [j.id for j in page] == ["a", "b", "c"]
    urls = [str(r.url) for r in api.requests]
    assert urls == [
        "https://api.example.test/v1/things?size=1&q=x",
        "https://api.example.test/v1/things?size=1&q=x&page=2",
        "https://api.example.test/v1/things?size=1&q=x&page=3",
    ]
    assert all(r.headers["Authorization"].startswith("Bearer ") for r in api.requests)


class TokenList(BaseModel):
    results: list[JobView]
    next_token: str | None = None


class TokenPage(TokenList, SyncPage[JobView]):
    _page_config: ClassVar[PageConfig] = PageConfig(
        kind="cursor",
        items_field="results",
        cursor_param="page_token",
        next_field="next_token",
    )


def test_cursor_from_a_next_token_field(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(200, json={"results": [job("a")], "next_token": "t2"}),
        httpx.Response(200, json={"results": [job("b")], "next_token": ""}),
    )
    page = client.get_api_list("/v1/things", page=TokenPage)
    assert [j.id for j in page] == ["a", "b"]
    assert api.requests[1].url.params["page_token"] == "t2"


def test_next_url_on_another_origin_is_refused(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(
            200,
            json={
                "items": [job("a")],
                "nextPage": "https://evil.test/v1/things?page=2",
            },
        )
    )
    page = client.get_api_list("/v1/things", page=NextUrlPage)
    with pytest.raises(ValueError, match="another origin"):
        page.get_next_page()
    assert len(api.requests) == 1
