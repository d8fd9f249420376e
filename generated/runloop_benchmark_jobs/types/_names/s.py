# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The module of every model and TypedDict whose name starts with `s` (read by the lazy `types` indexes)."""

MODULES = {
    "ScenarioDefinitionJobSpec": "benchmark_jobs.scenario_definition_job_spec",
    "ScenarioDefinitionJobSpecParam": "benchmark_jobs.scenario_definition_job_spec_params",
    "ScenarioFailureReason": "benchmark_jobs.benchmark_job_view",
    "ScenarioOutcome": "benchmark_jobs.benchmark_job_view",
    "ScenarioOutcomeState": "benchmark_jobs.benchmark_job_view",
    "ScenariosJobSource": "benchmark_jobs.benchmark_job_view",
}
