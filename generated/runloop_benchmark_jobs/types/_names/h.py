# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The module of every model and TypedDict whose name starts with `h` (read by the lazy `types` indexes)."""

MODULES = {
    "HarborJobSource": "benchmark_jobs.benchmark_job_view",
    "HarborJobSpec": "benchmark_jobs.harbor_job_spec",
    "HarborJobSpecParam": "benchmark_jobs.harbor_job_spec_params",
}
