"""A hand-written stand-in for a generated SDK, built on the runtime like one.

It has a client with an ``Authorization: Bearer`` key, one resource with raw and
streamed variants, models using every forward-compatibility feature and page classes
made the way the generator makes them.
"""

from __future__ import annotations

import builtins
import datetime
import os
from collections.abc import Mapping
from functools import cached_property
from typing import ClassVar, Literal

import httpx
from pydantic import Field
from sdkruntime._base_client import (
    DEFAULT_MAX_RETRIES,
    AsyncAPIClient,
    AsyncAPIResource,
    SyncAPIClient,
    SyncAPIResource,
    make_request_options,
)
from sdkruntime._exceptions import MissingCredentialsError
from sdkruntime._models import BaseModel, ClosedModel, OpenEnum, UnknownVariant
from sdkruntime._pagination import AsyncPage, AsyncPaginator, PageConfig, SyncPage
from sdkruntime._response import (
    APIResponse,
    AsyncAPIResponse,
    AsyncResponseContextManager,
    ResponseContextManager,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from sdkruntime._types import (
    NOT_GIVEN,
    Body,
    FileTypes,
    Headers,
    NotGiven,
    Query,
    TimeoutTypes,
)
from sdkruntime._utils import path_template

API_KEY = "sk-test-SECRET-0123456789"
BASE_URL = "https://api.example.test"


class JobState(str, OpenEnum):
    queued = "queued"
    running = "running"
    done = "done"


class Priority(int, OpenEnum):
    low = 1
    high = 2


class GitSource(BaseModel):
    type: Literal["git"]
    repo: str


class FileSource(ClosedModel):  # its schema says additionalProperties: false
    type: Literal["file"]
    path: str


class SourceUnknown(UnknownVariant):
    type: str


class JobView(BaseModel):
    id: str
    name: str
    state: JobState
    priority: Priority | None = None
    source: GitSource | FileSource | SourceUnknown | None = None
    model_name: str | None = Field(default=None, alias="modelName")
    created_at: datetime.datetime | None = None


class JobListView(BaseModel):
    jobs: list[JobView]
    has_more: bool
    total_count: int | None = None


JOBS_PAGE = PageConfig(
    kind="cursor",
    items_field="jobs",
    has_more_field="has_more",
    cursor_param="starting_after",
    cursor_field="id",
)


class SyncJobsPage(JobListView, SyncPage[JobView]):
    _page_config: ClassVar[PageConfig] = JOBS_PAGE


class AsyncJobsPage(JobListView, AsyncPage[JobView]):
    _page_config: ClassVar[PageConfig] = JOBS_PAGE


class Jobs(SyncAPIResource):
    def create(
        self,
        *,
        name: str,
        priority: Priority | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> JobView:
        return self._client.request(
            "POST",
            "/v1/jobs",
            cast_to=JobView,
            json_body={"name": name, "priority": priority},
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
                idempotency_key=idempotency_key,
            ),
        )

    def retrieve(
        self,
        job_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> JobView:
        return self._client.request(
            "GET",
            path_template("/v1/jobs/{job_id}", job_id=job_id),
            cast_to=JobView,
            options=make_request_options(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
    ) -> SyncJobsPage:
        return self._client.get_api_list(
            "/v1/jobs",
            page=SyncJobsPage,
            query={"limit": limit, "starting_after": starting_after},
            options=make_request_options(extra_headers=extra_headers),
        )

    def delete(self, job_id: str, *, extra_headers: Headers | None = None) -> None:
        self._client.request(
            "DELETE",
            path_template("/v1/jobs/{job_id}", job_id=job_id),
            cast_to=None,
            options=make_request_options(extra_headers=extra_headers),
        )

    def logs(self, job_id: str, *, extra_headers: Headers | None = None) -> str:
        return self._client.request(
            "GET",
            path_template("/v1/jobs/{job_id}/logs", job_id=job_id),
            cast_to=str,
            options=make_request_options(extra_headers=extra_headers),
        )

    def upload(
        self,
        *,
        file: FileTypes,
        description: str,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
    ) -> JobView:
        return self._client.request(
            "POST",
            "/v1/jobs/upload",
            cast_to=JobView,
            form_body={"description": description, "tags": tags},
            files={"file": file},
            options=make_request_options(extra_headers=extra_headers),
        )

    @cached_property
    def with_raw_response(self) -> JobsWithRawResponse:
        return JobsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> JobsWithStreamingResponse:
        return JobsWithStreamingResponse(self)


class JobsWithRawResponse:
    def __init__(self, jobs: Jobs) -> None:
        self.create = to_raw_response_wrapper(jobs.create)
        self.retrieve = to_raw_response_wrapper(jobs.retrieve)
        self.list = to_raw_response_wrapper(jobs.list)
        self.logs = to_raw_response_wrapper(jobs.logs)


class JobsWithStreamingResponse:
    def __init__(self, jobs: Jobs) -> None:
        self.retrieve = to_streamed_response_wrapper(jobs.retrieve)
        self.logs = to_streamed_response_wrapper(jobs.logs)


class AsyncJobs(AsyncAPIResource):
    async def create(
        self,
        *,
        name: str,
        priority: Priority | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> JobView:
        return await self._client.request(
            "POST",
            "/v1/jobs",
            cast_to=JobView,
            json_body={"name": name, "priority": priority},
            options=make_request_options(
                extra_headers=extra_headers,
                extra_body=extra_body,
                max_retries=max_retries,
            ),
        )

    async def retrieve(
        self,
        job_id: str,
        *,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> JobView:
        return await self._client.request(
            "GET",
            path_template("/v1/jobs/{job_id}", job_id=job_id),
            cast_to=JobView,
            options=make_request_options(extra_headers=extra_headers, timeout=timeout),
        )

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
    ) -> AsyncPaginator[JobView, AsyncJobsPage]:
        return self._client.get_api_list(
            "/v1/jobs",
            page=AsyncJobsPage,
            query={"limit": limit, "starting_after": starting_after},
            options=make_request_options(extra_headers=extra_headers),
        )

    @cached_property
    def with_raw_response(self) -> AsyncJobsWithRawResponse:
        return AsyncJobsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncJobsWithStreamingResponse:
        return AsyncJobsWithStreamingResponse(self)


class AsyncJobsWithRawResponse:
    def __init__(self, jobs: AsyncJobs) -> None:
        self.create = async_to_raw_response_wrapper(jobs.create)
        self.retrieve = async_to_raw_response_wrapper(jobs.retrieve)
        self.list = async_to_raw_response_wrapper(jobs.list)


class AsyncJobsWithStreamingResponse:
    def __init__(self, jobs: AsyncJobs) -> None:
        self.retrieve = async_to_streamed_response_wrapper(jobs.retrieve)


def _api_key(api_key: str | None) -> str:
    api_key = api_key if api_key is not None else os.environ.get("FAKESDK_API_KEY")
    if not api_key:
        raise MissingCredentialsError(
            "Missing API key: pass `api_key=` or set the FAKESDK_API_KEY environment variable"
        )
    return api_key


class FakeSDK(SyncAPIClient):
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL = BASE_URL,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        self.api_key = _api_key(api_key)
        super().__init__(
            base_url=base_url,
            version="1.2.3",
            sdk_name="fakesdk",
            log_env_var="FAKESDK_LOG",
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
        )

    @property
    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    @cached_property
    def jobs(self) -> Jobs:
        return Jobs(self)


class AsyncFakeSDK(AsyncAPIClient):
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL = BASE_URL,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        self.api_key = _api_key(api_key)
        super().__init__(
            base_url=base_url,
            version="1.2.3",
            sdk_name="fakesdk",
            log_env_var="FAKESDK_LOG",
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
        )

    @property
    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    @cached_property
    def jobs(self) -> AsyncJobs:
        return AsyncJobs(self)


# Static checks (mypy) that the wrappers keep the generated signatures and results.
def _typing_checks(client: FakeSDK, aclient: AsyncFakeSDK) -> None:  # pragma: no cover
    raw: APIResponse[JobView] = client.jobs.with_raw_response.retrieve("a")
    streamed: ResponseContextManager[APIResponse[str]] = client.jobs.with_streaming_response.logs("a")
    page: SyncJobsPage = client.jobs.list(limit=2)
    first: JobView = next(iter(page))
    del raw, streamed, first

    async def run() -> None:
        araw: AsyncAPIResponse[JobView] = await aclient.jobs.with_raw_response.retrieve("a")
        astream: AsyncResponseContextManager[AsyncAPIResponse[JobView]] = aclient.jobs.with_streaming_response.retrieve(
            "a"
        )
        apage: AsyncJobsPage = await aclient.jobs.list()
        rawpage: AsyncAPIResponse[AsyncJobsPage] = await aclient.jobs.with_raw_response.list()
        async for job in aclient.jobs.list():
            name: str = job.name
            del name
        del araw, astream, apage, rawpage

    del run
