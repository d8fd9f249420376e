# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Page classes: each is its list response model plus lazy iteration over every item."""

from __future__ import annotations

from typing import ClassVar

from ._pagination import AsyncPage, AsyncPaginator, PageConfig, SyncPage
from .types import BenchmarkJobListView, BenchmarkJobView

__all__ = [
    "AsyncBenchmarkJobsPage",
    "AsyncPage",
    "AsyncPaginator",
    "PageConfig",
    "SyncBenchmarkJobsPage",
    "SyncPage",
]


class SyncBenchmarkJobsPage(BenchmarkJobListView, SyncPage[BenchmarkJobView]):
    """A page of `BenchmarkJobListView`; iterate it to get every `BenchmarkJobView` across pages."""

    _page_config: ClassVar[PageConfig] = PageConfig(
        kind="cursor",
        items_field="jobs",
        has_more_field="has_more",
        cursor_param="starting_after",
        cursor_field="id",
    )


class AsyncBenchmarkJobsPage(BenchmarkJobListView, AsyncPage[BenchmarkJobView]):
    """A page of `BenchmarkJobListView`; `async for` over it to get every `BenchmarkJobView` across pages."""

    _page_config: ClassVar[PageConfig] = PageConfig(
        kind="cursor",
        items_field="jobs",
        has_more_field="has_more",
        cursor_param="starting_after",
        cursor_field="id",
    )
