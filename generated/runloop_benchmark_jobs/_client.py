# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, AsyncAPIClient, SyncAPIClient
from ._exceptions import MissingCredentialsError
from ._hooks import ErrorHook, Hooks, RequestHook, ResponseHook
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__

# Resource modules are imported on first use (see each property below), not with the client.
if TYPE_CHECKING:
    from .resources.benchmark_jobs import (
        AsyncBenchmarkJobsResource,
        BenchmarkJobsResource,
    )

__all__ = ["AsyncRunloop", "Runloop"]

DEFAULT_BASE_URL = "https://api.runloop.ai"
SECURITY_SCHEMES = ("bearerAuth",)
"""The security schemes whose credentials the client can send."""


class Runloop(SyncAPIClient):
    """Runloop Benchmark Jobs API client.

    [Beta] Benchmark Jobs run a set of scenarios entirely on Runloop, against one or more agent configurations, and report per-agent and per-scenario outcomes.
    """

    api_key: str | None

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        strict_response_validation: bool = False,
        before_request: RequestHook | Sequence[RequestHook] | None = None,
        after_response: ResponseHook | Sequence[ResponseHook] | None = None,
        on_error: ErrorHook | Sequence[ErrorHook] | None = None,
        telemetry: bool = True,
    ) -> None:
        """Construct a new client.

        `api_key` defaults to the `RUNLOOP_API_KEY` environment variable.
        `before_request`, `after_response` and `on_error` are hooks (a function or a list of them) run with each request, each response and the error a call raises; `telemetry=False` stops sending the `X-SDK-*` headers and the versions in `User-Agent`.
        `base_url` defaults to the `RUNLOOP_BASE_URL` environment variable, then to `https://api.runloop.ai`.
        """
        if api_key is None:
            api_key = os.environ.get("RUNLOOP_API_KEY")
        if api_key is None:
            raise MissingCredentialsError(
                "The api_key client option must be set, either by passing api_key to the client or by setting the RUNLOOP_API_KEY environment variable"
            )
        self.api_key = api_key
        if base_url is None:
            base_url = os.environ.get("RUNLOOP_BASE_URL") or DEFAULT_BASE_URL
        if not base_url:
            raise MissingCredentialsError(
                "The base_url client option must be set, either by passing base_url to the client or by setting the RUNLOOP_BASE_URL environment variable"
            )
        super().__init__(
            base_url=base_url,
            version=__version__,
            sdk_name="runloop_benchmark_jobs",
            log_env_var="RUNLOOP_LOG",
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
            hooks=Hooks.of(before_request, after_response, on_error),
            telemetry=telemetry,
        )

    @cached_property
    def benchmark_jobs(self) -> BenchmarkJobsResource:
        """[Beta] Create, list and inspect BenchmarkJobs: jobs that run a benchmark definition, a list of scenarios or a Harbor configuration against one or more agents and collect their outcomes."""
        from .resources.benchmark_jobs import BenchmarkJobsResource

        return BenchmarkJobsResource(self)

    def _credentials(self, scheme: str) -> tuple[dict[str, str], dict[str, str]]:
        if scheme == "bearerAuth" and self.api_key is not None:
            return {"Authorization": f"Bearer {self.api_key}"}, {}
        return {}, {}

    @property
    def auth_headers(self) -> dict[str, str]:
        return dict(self._auth(SECURITY_SCHEMES)[0])

    @property
    def auth_query(self) -> dict[str, str]:
        return dict(self._auth(SECURITY_SCHEMES)[1])


class AsyncRunloop(AsyncAPIClient):
    """Runloop Benchmark Jobs API client (async).

    [Beta] Benchmark Jobs run a set of scenarios entirely on Runloop, against one or more agent configurations, and report per-agent and per-scenario outcomes.
    """

    api_key: str | None

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        strict_response_validation: bool = False,
        before_request: RequestHook | Sequence[RequestHook] | None = None,
        after_response: ResponseHook | Sequence[ResponseHook] | None = None,
        on_error: ErrorHook | Sequence[ErrorHook] | None = None,
        telemetry: bool = True,
    ) -> None:
        """Construct a new client.

        `api_key` defaults to the `RUNLOOP_API_KEY` environment variable.
        `before_request`, `after_response` and `on_error` are hooks (a function or a list of them) run with each request, each response and the error a call raises; `telemetry=False` stops sending the `X-SDK-*` headers and the versions in `User-Agent`.
        `base_url` defaults to the `RUNLOOP_BASE_URL` environment variable, then to `https://api.runloop.ai`.
        """
        if api_key is None:
            api_key = os.environ.get("RUNLOOP_API_KEY")
        if api_key is None:
            raise MissingCredentialsError(
                "The api_key client option must be set, either by passing api_key to the client or by setting the RUNLOOP_API_KEY environment variable"
            )
        self.api_key = api_key
        if base_url is None:
            base_url = os.environ.get("RUNLOOP_BASE_URL") or DEFAULT_BASE_URL
        if not base_url:
            raise MissingCredentialsError(
                "The base_url client option must be set, either by passing base_url to the client or by setting the RUNLOOP_BASE_URL environment variable"
            )
        super().__init__(
            base_url=base_url,
            version=__version__,
            sdk_name="runloop_benchmark_jobs",
            log_env_var="RUNLOOP_LOG",
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
            hooks=Hooks.of(before_request, after_response, on_error),
            telemetry=telemetry,
        )

    @cached_property
    def benchmark_jobs(self) -> AsyncBenchmarkJobsResource:
        """[Beta] Create, list and inspect BenchmarkJobs: jobs that run a benchmark definition, a list of scenarios or a Harbor configuration against one or more agents and collect their outcomes."""
        from .resources.benchmark_jobs import AsyncBenchmarkJobsResource

        return AsyncBenchmarkJobsResource(self)

    def _credentials(self, scheme: str) -> tuple[dict[str, str], dict[str, str]]:
        if scheme == "bearerAuth" and self.api_key is not None:
            return {"Authorization": f"Bearer {self.api_key}"}, {}
        return {}, {}

    @property
    def auth_headers(self) -> dict[str, str]:
        return dict(self._auth(SECURITY_SCHEMES)[0])

    @property
    def auth_query(self) -> dict[str, str]:
        return dict(self._auth(SECURITY_SCHEMES)[1])
