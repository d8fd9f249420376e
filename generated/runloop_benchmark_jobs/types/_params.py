# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""TypedDicts accepted wherever a request contains an object (plain dicts type-check), and the
named Literal types of the enums several requests take."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, Required

from typing_extensions import TypedDict

__all__ = [
    "AgentEnvironmentParam",
    "BenchmarkDefinitionJobSpecParam",
    "HarborJobSpecParam",
    "JobAgentConfigParam",
    "OrchestratorConfigParam",
    "ScenarioDefinitionJobSpecParam",
]


class HarborJobSpecParam(TypedDict, total=False):
    """Harbor-based job specification with inline YAML configuration."""

    type: Required[Literal["harbor"]]
    """Discriminator selecting the Harbor job specification."""

    inline_yaml: Required[str]
    """The Harbor job configuration as inline YAML content."""


class AgentEnvironmentParam(TypedDict, total=False):
    """Environment configuration for an agent in a benchmark job."""

    environment_variables: Mapping[str, str] | None
    """Environment variables to set when launching the agent."""

    secrets: Mapping[str, str] | None
    """Secrets to inject as environment variables when launching the agent: a map of environment variable names to secret IDs."""


class JobAgentConfigParam(TypedDict, total=False):
    """Configuration for an agent in a benchmark job."""

    type: Required[Literal["job_agent"]]
    """Discriminator marking an agent defined by the job itself."""

    name: Required[str]
    """Name of the agent."""

    agent_id: str | None
    """ID of the agent to use (optional if an agent with this name exists)."""

    model_name: str | None
    """Model name override for this agent."""

    timeout_seconds: float | None
    """Timeout in seconds for this agent."""

    kwargs: Mapping[str, str] | None
    """Additional keyword arguments for agent configuration, as string key/value pairs."""

    agent_environment: AgentEnvironmentParam | None
    """Environment variables and secrets made available to the agent."""


class OrchestratorConfigParam(TypedDict, total=False):
    """Orchestrator configuration for benchmark job execution."""

    n_concurrent_trials: int | None
    """Number of concurrent trials to run; controls parallelism for scenario execution. Default is 1."""

    n_attempts: int | None
    """Number of retry attempts on failure; the retry policy for failed scenarios. Default is 0."""

    timeout_multiplier: float | None
    """Timeout multiplier for retries; each retry multiplies the timeout by this factor. Default is 1.0."""

    quiet: bool | None
    """Suppress verbose output. Default is false."""


class BenchmarkDefinitionJobSpecParam(TypedDict, total=False):
    """Specifies a benchmark definition with runtime configuration. The benchmark definition's scenarios are executed using the provided agent and orchestrator configurations."""

    type: Required[Literal["benchmark"]]
    """Discriminator selecting the benchmark-definition job specification."""

    benchmark_id: Required[str]
    """ID of the benchmark definition to run. The scenarios from this benchmark are executed."""

    agent_configs: Required[Sequence[JobAgentConfigParam]]
    """Agent configurations to use for this run. Must specify at least one agent."""

    orchestrator_config: OrchestratorConfigParam | None
    """How the scenarios are scheduled, retried and timed out."""


class ScenarioDefinitionJobSpecParam(TypedDict, total=False):
    """Specifies a set of scenarios with runtime configuration. The scenarios are executed using the provided agent and orchestrator configurations."""

    type: Required[Literal["scenarios"]]
    """Discriminator selecting the scenario-list job specification."""

    scenario_ids: Required[Sequence[str]]
    """List of scenario definition IDs to execute."""

    agent_configs: Required[Sequence[JobAgentConfigParam]]
    """Agent configurations to use for this run. Must specify at least one agent."""

    orchestrator_config: OrchestratorConfigParam | None
    """How the scenarios are scheduled, retried and timed out."""
