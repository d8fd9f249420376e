# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The module of every model and TypedDict whose name starts with `i` (read by the lazy `types` indexes)."""

MODULES = {
    "InProgressRun": "benchmark_jobs.benchmark_job_view",
    "InProgressRunAgentConfigUnknown": "benchmark_jobs.benchmark_job_view",
    "InProgressRunState": "benchmark_jobs.benchmark_job_view",
}
