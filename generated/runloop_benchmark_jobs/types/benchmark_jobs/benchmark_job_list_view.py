# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from ..._models import BaseModel
from .benchmark_job_view import BenchmarkJobView


class BenchmarkJobListView(BaseModel):
    """One page of BenchmarkJobs matching a list filter."""

    jobs: list[BenchmarkJobView]
    """BenchmarkJobs on this page, matching the filter."""
    has_more: bool
    """Whether more jobs exist after this page; if true, pass the last job's `id` as `starting_after`."""
    total_count: int | None = None
    """Total number of jobs matching the filter. Omitted when `include_total_count` is false."""
    remaining_count: int | None = None
    """Number of matching jobs after this page."""
