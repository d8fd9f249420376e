# File generated from an OpenAPI spec by sdkgen 0.1.0. Do not edit by hand.

from .benchmark_jobs import AsyncBenchmarkJobsResource, BenchmarkJobsResource

__all__ = [
    "AsyncBenchmarkJobsResource",
    "BenchmarkJobsResource",
]
