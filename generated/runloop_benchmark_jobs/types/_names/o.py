# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The module of every model and TypedDict whose name starts with `o` (read by the lazy `types` indexes)."""

MODULES = {
    "OrchestratorConfig": "benchmark_jobs.orchestrator_config",
    "OrchestratorConfigParam": "benchmark_jobs.orchestrator_config_params",
}
