# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The module of every model and TypedDict whose name starts with `b` (read by the lazy `types` indexes)."""

MODULES = {
    "BenchmarkDefinitionJobSpec": "benchmark_jobs.benchmark_definition_job_spec",
    "BenchmarkDefinitionJobSpecParam": "benchmark_jobs.benchmark_definition_job_spec_params",
    "BenchmarkJobCreateParameters": "benchmark_jobs.benchmark_job_create_parameters",
    "BenchmarkJobCreateParametersSpecUnknown": "benchmark_jobs.benchmark_job_create_parameters_spec_unknown",
    "BenchmarkJobListView": "benchmark_jobs.benchmark_job_list_view",
    "BenchmarkJobSource": "benchmark_jobs.benchmark_job_view",
    "BenchmarkJobSpecView": "benchmark_jobs.benchmark_job_view",
    "BenchmarkJobState": "benchmark_jobs.benchmark_job_view",
    "BenchmarkJobView": "benchmark_jobs.benchmark_job_view",
    "BenchmarkJobViewJobSourceUnknown": "benchmark_jobs.benchmark_job_view",
    "BenchmarkOutcome": "benchmark_jobs.benchmark_job_view",
}
