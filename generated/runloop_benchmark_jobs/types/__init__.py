# File generated from an OpenAPI spec by sdkgen 0.1.0. Do not edit by hand.
"""Every model (responses) and TypedDict (request parameters) of the Runloop Benchmark Jobs API.

Each is imported from its own module on first use: `from <package>.types import Name` loads only what `Name` needs.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .benchmark_jobs import *
else:
    from .._lazy import lazy_export

    _MODULES = {
        "AgentEnvironment": ".benchmark_jobs.job_agent_config",
        "AgentEnvironmentParam": ".benchmark_jobs.job_agent_config_params",
        "BenchmarkDefinitionJobSpec": ".benchmark_jobs.benchmark_definition_job_spec",
        "BenchmarkDefinitionJobSpecParam": ".benchmark_jobs.benchmark_definition_job_spec_params",
        "BenchmarkJobCreateParameters": ".benchmark_jobs.benchmark_job_create_parameters",
        "BenchmarkJobCreateParametersSpecUnknown": ".benchmark_jobs.benchmark_job_create_parameters_spec_unknown",
        "BenchmarkJobListView": ".benchmark_jobs.benchmark_job_list_view",
        "BenchmarkJobSource": ".benchmark_jobs.benchmark_job_view",
        "BenchmarkJobSpecView": ".benchmark_jobs.benchmark_job_view",
        "BenchmarkJobState": ".benchmark_jobs.benchmark_job_view",
        "BenchmarkJobView": ".benchmark_jobs.benchmark_job_view",
        "BenchmarkJobViewJobSourceUnknown": ".benchmark_jobs.benchmark_job_view",
        "BenchmarkOutcome": ".benchmark_jobs.benchmark_job_view",
        "ErrorResponse": ".benchmark_jobs.error_response",
        "ExternalApiAgentConfig": ".benchmark_jobs.benchmark_job_view",
        "HarborJobSource": ".benchmark_jobs.benchmark_job_view",
        "HarborJobSpec": ".benchmark_jobs.harbor_job_spec",
        "HarborJobSpecParam": ".benchmark_jobs.harbor_job_spec_params",
        "InProgressRun": ".benchmark_jobs.benchmark_job_view",
        "InProgressRunAgentConfigUnknown": ".benchmark_jobs.benchmark_job_view",
        "InProgressRunState": ".benchmark_jobs.benchmark_job_view",
        "JobAgentConfig": ".benchmark_jobs.job_agent_config",
        "JobAgentConfigParam": ".benchmark_jobs.job_agent_config_params",
        "OrchestratorConfig": ".benchmark_jobs.orchestrator_config",
        "OrchestratorConfigParam": ".benchmark_jobs.orchestrator_config_params",
        "ScenarioDefinitionJobSpec": ".benchmark_jobs.scenario_definition_job_spec",
        "ScenarioDefinitionJobSpecParam": ".benchmark_jobs.scenario_definition_job_spec_params",
        "ScenarioFailureReason": ".benchmark_jobs.benchmark_job_view",
        "ScenarioOutcome": ".benchmark_jobs.benchmark_job_view",
        "ScenarioOutcomeState": ".benchmark_jobs.benchmark_job_view",
        "ScenariosJobSource": ".benchmark_jobs.benchmark_job_view",
    }
    __getattr__, __dir__ = lazy_export(__name__, globals(), _MODULES)
