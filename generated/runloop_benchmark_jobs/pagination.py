# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Page classes: each is its list response model plus lazy iteration over every item."""

from typing import TYPE_CHECKING

from ._pagination import AsyncPage, AsyncPaginator, PageConfig, SyncPage

if TYPE_CHECKING:
    from ._pages.benchmark_jobs import *
else:
    from ._lazy import lazy_export

    _MODULES = {
        "AsyncBenchmarkJobsPage": "._pages.benchmark_jobs",
        "SyncBenchmarkJobsPage": "._pages.benchmark_jobs",
    }
    __getattr__, __dir__ = lazy_export(__name__, globals(), _MODULES)

__all__ = [
    "AsyncBenchmarkJobsPage",
    "AsyncPage",
    "AsyncPaginator",
    "PageConfig",
    "SyncBenchmarkJobsPage",
    "SyncPage",
]
