"""The async client behaves like the sync one; these cover its own code paths."""

from __future__ import annotations

import json

import httpx
import pytest
from sdkruntime import _exceptions as errors
from sdkruntime._pagination import AsyncPaginator
from sdkruntime._response import AsyncAPIResponse

from tests.runtime.fakesdk import API_KEY, AsyncFakeSDK, AsyncJobsPage, JobView
from tests.runtime.helpers import MockAPI, TrackingStream, job


def page_of(*ids: str, has_more: bool) -> httpx.Response:
    return httpx.Response(200, json={"jobs": [job(i) for i in ids], "has_more": has_more})


@pytest.mark.asyncio
async def test_request_and_headers(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, json=job("a")))
    result = await aclient.jobs.create(name="a", extra_body={"x": 1})
    assert isinstance(result, JobView)
    request = api.requests[0]
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["User-Agent"].startswith("fakesdk/1.2.3 python/")
    assert request.headers["Idempotency-Key"].startswith("fakesdk-retry-")
    assert json.loads(request.content) == {"name": "a", "x": 1}


@pytest.mark.asyncio
async def test_retries_use_the_async_sleep(aclient: AsyncFakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    api.add(
        httpx.Response(429, headers={"retry-after": "3"}),
        httpx.ConnectError("reset"),
        httpx.Response(200, json=job("a")),
    )
    assert (await aclient.jobs.create(name="a")).id == "a"
    assert sleeps[0] == 3.0
    assert 0.75 <= sleeps[1] <= 1.0
    assert len({r.headers["Idempotency-Key"] for r in api.requests}) == 1


@pytest.mark.asyncio
async def test_errors(aclient: AsyncFakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    api.add(httpx.Response(422, json={"message": "bad"}))
    with pytest.raises(errors.UnprocessableEntityError) as info:
        await aclient.jobs.retrieve("a")
    assert info.value.body == {"message": "bad"}
    assert API_KEY not in repr(info.value)
    api.add(*(httpx.ReadTimeout("slow") for _ in range(3)))
    with pytest.raises(errors.APITimeoutError):
        await aclient.jobs.retrieve("a")
    assert len(sleeps) == 2
    api.add(httpx.Response(500))
    with pytest.raises(errors.InternalServerError):
        await aclient.jobs.create(name="a", max_retries=0)


@pytest.mark.asyncio
async def test_per_call_timeout(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, json=job("a")))
    await aclient.jobs.retrieve("a", timeout=2.5)
    assert set(api.requests[0].extensions["timeout"].values()) == {2.5}


@pytest.mark.asyncio
async def test_async_for_over_the_paginator(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    api.add(page_of("a", "b", has_more=True), page_of("c", has_more=False))
    paginator = aclient.jobs.list(limit=2)
    assert isinstance(paginator, AsyncPaginator)
    assert api.requests == []
    ids = [j.id async for j in paginator]
    assert ids == ["a", "b", "c"]
    assert api.requests[1].url.params["starting_after"] == "b"


@pytest.mark.asyncio
async def test_await_the_paginator_for_the_first_page(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    api.add(page_of("a", has_more=True), page_of("b", has_more=True), page_of(has_more=True))
    page = await aclient.jobs.list()
    assert isinstance(page, AsyncJobsPage)
    assert [j.id for j in page.jobs] == ["a"]
    assert page.has_next_page()
    second = await page.get_next_page()
    assert [j.id for j in second.jobs] == ["b"]
    pages = [p async for p in second.iter_pages()]
    assert len(pages) == 2
    assert not pages[-1].has_next_page()
    assert len(api.requests) == 3


@pytest.mark.asyncio
async def test_async_for_over_a_page(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    api.add(page_of("a", has_more=True), page_of("b", has_more=False))
    page = await aclient.jobs.list()
    assert [j.id async for j in page] == ["a", "b"]


@pytest.mark.asyncio
async def test_raw_response(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, json=job("a"), headers={"X-Id": "1"}))
    response = await aclient.jobs.with_raw_response.retrieve("a")
    assert isinstance(response, AsyncAPIResponse)
    assert response.headers["X-Id"] == "1"
    assert (await response.parse()).id == "a"
    assert await response.json() == job("a")
    assert "X-SDK-Raw-Response" not in api.requests[0].headers


@pytest.mark.asyncio
async def test_raw_list_response(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    api.add(page_of("a", has_more=True), page_of("b", has_more=False))
    response = await aclient.jobs.with_raw_response.list()
    assert isinstance(response, AsyncAPIResponse)
    page = await response.parse()
    assert [j.id async for j in page] == ["a", "b"]


@pytest.mark.asyncio
async def test_streamed_response(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    body = TrackingStream(b'{"id": "a", "name": "n", ', b'"state": "done"}')
    api.add(httpx.Response(200, stream=body, headers={"content-type": "application/json"}))
    manager = aclient.jobs.with_streaming_response.retrieve("a")
    assert api.requests == []
    async with manager as response:
        assert not body.read_started
        chunks = [chunk async for chunk in response.iter_bytes()]
        assert b"".join(chunks).endswith(b'"done"}')
    assert body.closed


@pytest.mark.asyncio
async def test_streamed_response_parse(aclient: AsyncFakeSDK, api: MockAPI) -> None:
    body = TrackingStream(b'{"id": "a", "name": "n", "state": "done"}')
    api.add(httpx.Response(200, stream=body, headers={"content-type": "application/json"}))
    async with aclient.jobs.with_streaming_response.retrieve("a") as response:
        assert (await response.parse()).state == "done"
        assert await response.text() == '{"id": "a", "name": "n", "state": "done"}'


@pytest.mark.asyncio
async def test_with_options_and_closing(api: MockAPI) -> None:
    sdk = AsyncFakeSDK(api_key=API_KEY)
    copy = sdk.with_options(max_retries=0, timeout=1)
    assert copy._http is sdk._http
    assert copy.jobs._client is copy
    await copy.close()
    assert not sdk.is_closed()
    async with sdk:
        pass
    assert sdk.is_closed()
    http = httpx.AsyncClient(transport=httpx.MockTransport(api))
    async with AsyncFakeSDK(api_key=API_KEY, http_client=http):
        pass
    assert not http.is_closed
    await http.aclose()


@pytest.mark.asyncio
async def test_strict_mode(api: MockAPI) -> None:
    sdk = AsyncFakeSDK(
        api_key=API_KEY,
        strict_response_validation=True,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(api)),
    )
    api.add(httpx.Response(200, json=job("a", source={"type": "s3"})))
    with pytest.raises(errors.APIResponseValidationError, match="/source"):
        await sdk.jobs.retrieve("a")
