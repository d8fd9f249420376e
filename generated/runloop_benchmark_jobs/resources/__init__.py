# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from .benchmark_jobs import AsyncBenchmarkJobsResource, BenchmarkJobsResource

__all__ = [
    "AsyncBenchmarkJobsResource",
    "BenchmarkJobsResource",
]
