# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from __future__ import annotations

from functools import cached_property

import httpx

from .._base_client import AsyncAPIResource, SyncAPIResource, make_request_options
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query
from .._utils import path_template
from .._waiters import Waiter, async_wait_until, wait_until
from ..pagination import AsyncBenchmarkJobsPage, AsyncPaginator, SyncBenchmarkJobsPage
from ..types import (
    BenchmarkDefinitionJobSpecParam,
    BenchmarkJobView,
    HarborJobSpecParam,
    ScenarioDefinitionJobSpecParam,
)

__all__ = ["AsyncBenchmarkJobsResource", "BenchmarkJobsResource"]


class BenchmarkJobsResource(SyncAPIResource):
    """[Beta] Create, list and inspect BenchmarkJobs: jobs that run a benchmark definition, a list of scenarios or a Harbor configuration against one or more agents and collect their outcomes."""

    @cached_property
    def with_raw_response(self) -> BenchmarkJobsResourceWithRawResponse:
        """Call a method as `.with_raw_response.<method>()` to get the raw HTTP response back."""
        return BenchmarkJobsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> BenchmarkJobsResourceWithStreamingResponse:
        """Like `.with_raw_response`, but the body is not read until you ask for it."""
        return BenchmarkJobsResourceWithStreamingResponse(self)

    def list(
        self,
        *,
        name: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        include_total_count: bool | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncBenchmarkJobsPage:
        """[Beta] List all BenchmarkJobs matching filter. Results are paginated with a cursor: pass the `id` of the last job received as `starting_after` to load the next page while `has_more` is true.

        Args:
            name: Filter by name
            limit: The limit of items to return. Default is 20. Max is 5000. Defaults to 20 on the server.
            starting_after: Load the next page of data starting after the item with the given ID.
            include_total_count: If true (default), includes total_count in the response. Set to false to skip the count query for better performance on large datasets. Defaults to True on the server.
            search: Search by benchmark job ID or name.
            extra_headers: Send extra headers.
            extra_query: Add additional query parameters to the request.
            extra_body: Add additional JSON properties to the request.
            timeout: Override the client-level default timeout for this request, in seconds.
            max_retries: Override the client-level maximum number of retries for this request.
        """
        return self._client.request(
            "get",
            path_template("/v1/benchmark_jobs"),
            cast_to=SyncBenchmarkJobsPage,
            query={
                "name": name,
                "limit": limit,
                "starting_after": starting_after,
                "include_total_count": include_total_count,
                "search": search,
            },
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def create(
        self,
        *,
        name: str | None | NotGiven = NOT_GIVEN,
        spec: (
            HarborJobSpecParam
            | BenchmarkDefinitionJobSpecParam
            | ScenarioDefinitionJobSpecParam
            | None
            | NotGiven
        ) = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> BenchmarkJobView:
        """[Beta] Create a BenchmarkJob.

        [Beta] Create a BenchmarkJob that runs a set of scenarios entirely on Runloop. The job starts in the `initializing` state; poll it with getBenchmarkJob to follow its progress and read its outcomes.

        Args:
            name: The name of the BenchmarkJob. If not provided, a name is generated based on the target dataset.
            spec: The job specification. Exactly one spec type must be set.
            extra_headers: Send extra headers.
            extra_query: Add additional query parameters to the request.
            extra_body: Add additional JSON properties to the request.
            timeout: Override the client-level default timeout for this request, in seconds.
            max_retries: Override the client-level maximum number of retries for this request.
        """
        return self._client.request(
            "post",
            path_template("/v1/benchmark_jobs"),
            cast_to=BenchmarkJobView,
            json_body={
                "name": name,
                "spec": spec,
            },
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def retrieve(
        self,
        id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> BenchmarkJobView:
        """[Beta] Get a BenchmarkJob given ID.

        [Beta] Get a BenchmarkJob given ID, including its current state, the runs still in progress and the outcomes of the runs that have finished.

        Args:
            id: The ID of the BenchmarkJob to fetch.
            extra_headers: Send extra headers.
            extra_query: Add additional query parameters to the request.
            extra_body: Add additional JSON properties to the request.
            timeout: Override the client-level default timeout for this request, in seconds.
            max_retries: Override the client-level maximum number of retries for this request.
        """
        return self._client.request(
            "get",
            path_template("/v1/benchmark_jobs/{id}", id=id),
            cast_to=BenchmarkJobView,
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def wait_until_completed(
        self,
        id: str,
        *,
        timeout: float = 3600.0,
        interval: float = 5.0,
    ) -> BenchmarkJobView:
        """Call `retrieve` until `state` is `completed`; return that result.

        Waits between calls grow from `interval` seconds, with jitter.

        Args:
            id: The ID of the BenchmarkJob to fetch.
            timeout: Seconds before giving up.
            interval: Seconds before the second poll.

        Raises:
            WaiterFailedError: `state` became `failed`, `cancelled`, `timeout` (`.last` holds the result).
            WaiterTimeoutError: `state` is not final after `timeout` seconds.
        """
        return wait_until(
            lambda: self.retrieve(id),
            Waiter(
                "wait_until_completed",
                ("state",),
                ("completed",),
                ("failed", "cancelled", "timeout"),
            ),
            timeout=timeout,
            interval=interval,
        )


class AsyncBenchmarkJobsResource(AsyncAPIResource):
    """[Beta] Create, list and inspect BenchmarkJobs: jobs that run a benchmark definition, a list of scenarios or a Harbor configuration against one or more agents and collect their outcomes."""

    @cached_property
    def with_raw_response(self) -> AsyncBenchmarkJobsResourceWithRawResponse:
        """Call a method as `.with_raw_response.<method>()` to get the raw HTTP response back."""
        return AsyncBenchmarkJobsResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(
        self,
    ) -> AsyncBenchmarkJobsResourceWithStreamingResponse:
        """Like `.with_raw_response`, but the body is not read until you ask for it."""
        return AsyncBenchmarkJobsResourceWithStreamingResponse(self)

    def list(
        self,
        *,
        name: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        include_total_count: bool | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[BenchmarkJobView, AsyncBenchmarkJobsPage]:
        """[Beta] List all BenchmarkJobs matching filter. Results are paginated with a cursor: pass the `id` of the last job received as `starting_after` to load the next page while `has_more` is true.

        Args:
            name: Filter by name
            limit: The limit of items to return. Default is 20. Max is 5000. Defaults to 20 on the server.
            starting_after: Load the next page of data starting after the item with the given ID.
            include_total_count: If true (default), includes total_count in the response. Set to false to skip the count query for better performance on large datasets. Defaults to True on the server.
            search: Search by benchmark job ID or name.
            extra_headers: Send extra headers.
            extra_query: Add additional query parameters to the request.
            extra_body: Add additional JSON properties to the request.
            timeout: Override the client-level default timeout for this request, in seconds.
            max_retries: Override the client-level maximum number of retries for this request.
        """
        return self._client.get_api_list(
            path_template("/v1/benchmark_jobs"),
            page=AsyncBenchmarkJobsPage,
            query={
                "name": name,
                "limit": limit,
                "starting_after": starting_after,
                "include_total_count": include_total_count,
                "search": search,
            },
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def create(
        self,
        *,
        name: str | None | NotGiven = NOT_GIVEN,
        spec: (
            HarborJobSpecParam
            | BenchmarkDefinitionJobSpecParam
            | ScenarioDefinitionJobSpecParam
            | None
            | NotGiven
        ) = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> BenchmarkJobView:
        """[Beta] Create a BenchmarkJob.

        [Beta] Create a BenchmarkJob that runs a set of scenarios entirely on Runloop. The job starts in the `initializing` state; poll it with getBenchmarkJob to follow its progress and read its outcomes.

        Args:
            name: The name of the BenchmarkJob. If not provided, a name is generated based on the target dataset.
            spec: The job specification. Exactly one spec type must be set.
            extra_headers: Send extra headers.
            extra_query: Add additional query parameters to the request.
            extra_body: Add additional JSON properties to the request.
            timeout: Override the client-level default timeout for this request, in seconds.
            max_retries: Override the client-level maximum number of retries for this request.
        """
        return await self._client.request(
            "post",
            path_template("/v1/benchmark_jobs"),
            cast_to=BenchmarkJobView,
            json_body={
                "name": name,
                "spec": spec,
            },
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def retrieve(
        self,
        id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> BenchmarkJobView:
        """[Beta] Get a BenchmarkJob given ID.

        [Beta] Get a BenchmarkJob given ID, including its current state, the runs still in progress and the outcomes of the runs that have finished.

        Args:
            id: The ID of the BenchmarkJob to fetch.
            extra_headers: Send extra headers.
            extra_query: Add additional query parameters to the request.
            extra_body: Add additional JSON properties to the request.
            timeout: Override the client-level default timeout for this request, in seconds.
            max_retries: Override the client-level maximum number of retries for this request.
        """
        return await self._client.request(
            "get",
            path_template("/v1/benchmark_jobs/{id}", id=id),
            cast_to=BenchmarkJobView,
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def wait_until_completed(
        self,
        id: str,
        *,
        timeout: float = 3600.0,
        interval: float = 5.0,
    ) -> BenchmarkJobView:
        """Call `retrieve` until `state` is `completed`; return that result.

        Waits between calls grow from `interval` seconds, with jitter.

        Args:
            id: The ID of the BenchmarkJob to fetch.
            timeout: Seconds before giving up.
            interval: Seconds before the second poll.

        Raises:
            WaiterFailedError: `state` became `failed`, `cancelled`, `timeout` (`.last` holds the result).
            WaiterTimeoutError: `state` is not final after `timeout` seconds.
        """
        return await async_wait_until(
            lambda: self.retrieve(id),
            Waiter(
                "wait_until_completed",
                ("state",),
                ("completed",),
                ("failed", "cancelled", "timeout"),
            ),
            timeout=timeout,
            interval=interval,
        )


class BenchmarkJobsResourceWithRawResponse:
    """BenchmarkJobsResource's methods, returning the raw HTTP response."""

    def __init__(self, resource: BenchmarkJobsResource) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.retrieve = to_raw_response_wrapper(resource.retrieve)


class BenchmarkJobsResourceWithStreamingResponse:
    """BenchmarkJobsResource's methods, returning a context manager over the unread response."""

    def __init__(self, resource: BenchmarkJobsResource) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)
        self.create = to_streamed_response_wrapper(resource.create)
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)


class AsyncBenchmarkJobsResourceWithRawResponse:
    """AsyncBenchmarkJobsResource's methods, returning the raw HTTP response."""

    def __init__(self, resource: AsyncBenchmarkJobsResource) -> None:
        self._resource = resource
        self.list = async_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)


class AsyncBenchmarkJobsResourceWithStreamingResponse:
    """AsyncBenchmarkJobsResource's methods, returning a context manager over the unread response."""

    def __init__(self, resource: AsyncBenchmarkJobsResource) -> None:
        self._resource = resource
        self.list = async_to_streamed_response_wrapper(resource.list)
        self.create = async_to_streamed_response_wrapper(resource.create)
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
