# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The module of every model and TypedDict whose name starts with `e` (read by the lazy `types` indexes)."""

MODULES = {
    "ErrorResponse": "benchmark_jobs.error_response",
    "ExternalApiAgentConfig": "benchmark_jobs.benchmark_job_view",
}
