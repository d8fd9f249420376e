# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""The module of every model and TypedDict whose name starts with `a` (read by the lazy `types` indexes)."""

MODULES = {
    "AgentEnvironment": "benchmark_jobs.job_agent_config",
    "AgentEnvironmentParam": "benchmark_jobs.job_agent_config_params",
}
