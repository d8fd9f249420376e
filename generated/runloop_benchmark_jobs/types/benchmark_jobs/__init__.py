# File generated from an OpenAPI spec by sdkgen 0.1.0. Do not edit by hand.
"""Models and TypedDicts of `benchmark_jobs`, each imported on first use."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .benchmark_definition_job_spec import (
        BenchmarkDefinitionJobSpec as BenchmarkDefinitionJobSpec,
    )
    from .benchmark_definition_job_spec_params import (
        BenchmarkDefinitionJobSpecParam as BenchmarkDefinitionJobSpecParam,
    )
    from .benchmark_job_create_parameters import (
        BenchmarkJobCreateParameters as BenchmarkJobCreateParameters,
    )
    from .benchmark_job_create_parameters_spec_unknown import (
        BenchmarkJobCreateParametersSpecUnknown as BenchmarkJobCreateParametersSpecUnknown,
    )
    from .benchmark_job_list_view import BenchmarkJobListView as BenchmarkJobListView
    from .benchmark_job_view import (
        BenchmarkJobSource as BenchmarkJobSource,
        BenchmarkJobSpecView as BenchmarkJobSpecView,
        BenchmarkJobState as BenchmarkJobState,
        BenchmarkJobView as BenchmarkJobView,
        BenchmarkJobViewJobSourceUnknown as BenchmarkJobViewJobSourceUnknown,
        BenchmarkOutcome as BenchmarkOutcome,
        ExternalApiAgentConfig as ExternalApiAgentConfig,
        HarborJobSource as HarborJobSource,
        InProgressRun as InProgressRun,
        InProgressRunAgentConfigUnknown as InProgressRunAgentConfigUnknown,
        InProgressRunState as InProgressRunState,
        ScenarioFailureReason as ScenarioFailureReason,
        ScenarioOutcome as ScenarioOutcome,
        ScenarioOutcomeState as ScenarioOutcomeState,
        ScenariosJobSource as ScenariosJobSource,
    )
    from .error_response import ErrorResponse as ErrorResponse
    from .harbor_job_spec import HarborJobSpec as HarborJobSpec
    from .harbor_job_spec_params import HarborJobSpecParam as HarborJobSpecParam
    from .job_agent_config import (
        AgentEnvironment as AgentEnvironment,
        JobAgentConfig as JobAgentConfig,
    )
    from .job_agent_config_params import (
        AgentEnvironmentParam as AgentEnvironmentParam,
        JobAgentConfigParam as JobAgentConfigParam,
    )
    from .orchestrator_config import OrchestratorConfig as OrchestratorConfig
    from .orchestrator_config_params import (
        OrchestratorConfigParam as OrchestratorConfigParam,
    )
    from .scenario_definition_job_spec import (
        ScenarioDefinitionJobSpec as ScenarioDefinitionJobSpec,
    )
    from .scenario_definition_job_spec_params import (
        ScenarioDefinitionJobSpecParam as ScenarioDefinitionJobSpecParam,
    )
else:
    from ..._lazy import lazy_export

    _MODULES = {
        "AgentEnvironment": ".job_agent_config",
        "AgentEnvironmentParam": ".job_agent_config_params",
        "BenchmarkDefinitionJobSpec": ".benchmark_definition_job_spec",
        "BenchmarkDefinitionJobSpecParam": ".benchmark_definition_job_spec_params",
        "BenchmarkJobCreateParameters": ".benchmark_job_create_parameters",
        "BenchmarkJobCreateParametersSpecUnknown": ".benchmark_job_create_parameters_spec_unknown",
        "BenchmarkJobListView": ".benchmark_job_list_view",
        "BenchmarkJobSource": ".benchmark_job_view",
        "BenchmarkJobSpecView": ".benchmark_job_view",
        "BenchmarkJobState": ".benchmark_job_view",
        "BenchmarkJobView": ".benchmark_job_view",
        "BenchmarkJobViewJobSourceUnknown": ".benchmark_job_view",
        "BenchmarkOutcome": ".benchmark_job_view",
        "ErrorResponse": ".error_response",
        "ExternalApiAgentConfig": ".benchmark_job_view",
        "HarborJobSource": ".benchmark_job_view",
        "HarborJobSpec": ".harbor_job_spec",
        "HarborJobSpecParam": ".harbor_job_spec_params",
        "InProgressRun": ".benchmark_job_view",
        "InProgressRunAgentConfigUnknown": ".benchmark_job_view",
        "InProgressRunState": ".benchmark_job_view",
        "JobAgentConfig": ".job_agent_config",
        "JobAgentConfigParam": ".job_agent_config_params",
        "OrchestratorConfig": ".orchestrator_config",
        "OrchestratorConfigParam": ".orchestrator_config_params",
        "ScenarioDefinitionJobSpec": ".scenario_definition_job_spec",
        "ScenarioDefinitionJobSpecParam": ".scenario_definition_job_spec_params",
        "ScenarioFailureReason": ".benchmark_job_view",
        "ScenarioOutcome": ".benchmark_job_view",
        "ScenarioOutcomeState": ".benchmark_job_view",
        "ScenariosJobSource": ".benchmark_job_view",
    }
    __getattr__, __dir__ = lazy_export(__name__, globals(), _MODULES)
