# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from runloop_benchmark_jobs._models import BaseModel, StrOpenEnum, UnknownVariant


class ErrorResponse(BaseModel):
    """
    The body returned with any non-2xx response.
    """

    message: str
    """
    Human-readable explanation of what went wrong.
    """
    type: str | None = None
    """
    Broad category of the error, for example `invalid_request` or `not_found`.
    """
    code: str | None = None
    """
    Machine-readable error code that is stable across releases.
    """


class HarborJobSpec(BaseModel):
    """
    Harbor-based job specification with inline YAML configuration.
    """

    type: Literal["harbor"]
    """
    Discriminator selecting the Harbor job specification.
    """
    inline_yaml: str
    """
    The Harbor job configuration as inline YAML content.
    """


class AgentEnvironment(BaseModel):
    """
    Environment configuration for an agent in a benchmark job.
    """

    environment_variables: dict[str, str] | None = None
    """
    Environment variables to set when launching the agent.
    """
    secrets: dict[str, str] | None = None
    """
    Secrets to inject as environment variables when launching the agent: a map of environment variable names to secret IDs.
    """


class JobAgentConfig(BaseModel):
    """
    Configuration for an agent in a benchmark job.
    """

    type: Literal["job_agent"]
    """
    Discriminator marking an agent defined by the job itself.
    """
    name: str
    """
    Name of the agent.
    """
    agent_id: str | None = None
    """
    ID of the agent to use (optional if an agent with this name exists).
    """
    model_name: str | None = None
    """
    Model name override for this agent.
    """
    timeout_seconds: float | None = None
    """
    Timeout in seconds for this agent.
    """
    kwargs: dict[str, str] | None = None
    """
    Additional keyword arguments for agent configuration, as string key/value pairs.
    """
    agent_environment: AgentEnvironment | None = None
    """
    Environment variables and secrets made available to the agent.
    """


class OrchestratorConfig(BaseModel):
    """
    Orchestrator configuration for benchmark job execution.
    """

    n_concurrent_trials: int | None = None
    """
    Number of concurrent trials to run; controls parallelism for scenario execution. Default is 1.
    """
    n_attempts: int | None = None
    """
    Number of retry attempts on failure; the retry policy for failed scenarios. Default is 0.
    """
    timeout_multiplier: float | None = None
    """
    Timeout multiplier for retries; each retry multiplies the timeout by this factor. Default is 1.0.
    """
    quiet: bool | None = None
    """
    Suppress verbose output. Default is false.
    """


class BenchmarkDefinitionJobSpec(BaseModel):
    """
    Specifies a benchmark definition with runtime configuration. The benchmark definition's scenarios are executed using the provided agent and orchestrator configurations.
    """

    type: Literal["benchmark"]
    """
    Discriminator selecting the benchmark-definition job specification.
    """
    benchmark_id: str
    """
    ID of the benchmark definition to run. The scenarios from this benchmark are executed.
    """
    agent_configs: list[JobAgentConfig]
    """
    Agent configurations to use for this run. Must specify at least one agent.
    """
    orchestrator_config: OrchestratorConfig | None = None
    """
    How the scenarios are scheduled, retried and timed out.
    """


class ScenarioDefinitionJobSpec(BaseModel):
    """
    Specifies a set of scenarios with runtime configuration. The scenarios are executed using the provided agent and orchestrator configurations.
    """

    type: Literal["scenarios"]
    """
    Discriminator selecting the scenario-list job specification.
    """
    scenario_ids: list[str]
    """
    List of scenario definition IDs to execute.
    """
    agent_configs: list[JobAgentConfig]
    """
    Agent configurations to use for this run. Must specify at least one agent.
    """
    orchestrator_config: OrchestratorConfig | None = None
    """
    How the scenarios are scheduled, retried and timed out.
    """


class BenchmarkJobCreateParametersSpecUnknown(UnknownVariant):
    """
    A `BenchmarkJobCreateParametersSpec` variant this version of the SDK does not know; keeps all its data.
    """

    type: str
    """
    The `type` of a variant this version of the SDK does not know.
    """


class BenchmarkJobCreateParameters(BaseModel):
    """
    Parameters for creating a BenchmarkJob.
    """

    name: str | None = None
    """
    The name of the BenchmarkJob. If not provided, a name is generated based on the target dataset.
    """
    spec: Annotated[
        HarborJobSpec
        | BenchmarkDefinitionJobSpec
        | ScenarioDefinitionJobSpec
        | BenchmarkJobCreateParametersSpecUnknown
        | None,
        Field(union_mode="left_to_right"),
    ] = None
    """
    The job specification. Exactly one spec type must be set.
    """


class ExternalApiAgentConfig(BaseModel):
    """
    Configuration for benchmark runs driven externally through the API.
    """

    type: Literal["external_api"]
    """
    Discriminator marking a run driven by an external agent through the API.
    """
    info: str | None = None
    """
    Free-form metadata about the external agent.
    """


class BenchmarkJobState(StrOpenEnum):
    """The current state of a benchmark job."""

    initializing = "initializing"
    queued = "queued"
    running = "running"
    completed = "completed"
    failed = "failed"
    cancelled = "cancelled"
    timeout = "timeout"


class HarborJobSource(BaseModel):
    """
    Harbor job source with inline YAML configuration.
    """

    type: Literal["harbor"]
    """
    Discriminator marking a job created from Harbor YAML.
    """
    inline_yaml: str
    """
    The Harbor job configuration as inline YAML content.
    """


class BenchmarkJobSource(BaseModel):
    """
    Benchmark definition job source.
    """

    type: Literal["benchmark"]
    """
    Discriminator marking a job created from a benchmark definition.
    """
    benchmark_id: str
    """
    The ID of the benchmark definition.
    """
    benchmark_name: str | None = None
    """
    The user-provided name of the benchmark definition, if any.
    """


class ScenariosJobSource(BaseModel):
    """
    Scenarios job source with a list of scenario definition IDs.
    """

    type: Literal["scenarios"]
    """
    Discriminator marking a job created from a list of scenarios.
    """
    scenario_ids: list[str]
    """
    List of scenario definition IDs to execute.
    """


class BenchmarkJobViewJobSourceUnknown(UnknownVariant):
    """
    A `BenchmarkJobViewJobSource` variant this version of the SDK does not know; keeps all its data.
    """

    type: str
    """
    The `type` of a variant this version of the SDK does not know.
    """


class BenchmarkJobSpecView(BaseModel):
    """
    Job specification describing the scenarios to run and the execution configuration.
    """

    scenario_ids: list[str]
    """
    List of scenario definition IDs to execute.
    """
    agent_configs: list[JobAgentConfig]
    """
    Agent configurations for this job.
    """
    orchestrator_config: OrchestratorConfig | None = None
    """
    How the scenarios are scheduled, retried and timed out.
    """


class ScenarioOutcomeState(StrOpenEnum):
    """The final state of a scenario execution."""

    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    TIMEOUT = "TIMEOUT"
    CANCELED = "CANCELED"


class ScenarioFailureReason(BaseModel):
    """
    Information about why a scenario execution failed.
    """

    exception_type: str
    """
    The exception class name, for example `TimeoutException` or `AgentTimeoutError`.
    """
    exception_message: str
    """
    The exception message providing context.
    """


class ScenarioOutcome(BaseModel):
    """
    Outcome of a single scenario execution, including its final state and score.
    """

    scenario_run_id: str | None = None
    """
    The ID of the scenario run. Absent if the scenario failed during setup, before a run was created.
    """
    scenario_definition_id: str
    """
    The ID of the scenario definition that was executed.
    """
    scenario_name: str
    """
    The name of the scenario.
    """
    state: ScenarioOutcomeState
    """
    The final state of the scenario execution.
    """
    score: float | None = None
    """
    The score achieved for this scenario (0.0 to 1.0). Only present if state is COMPLETED.
    """
    duration_ms: int | None = None
    """
    Duration of the scenario execution in milliseconds.
    """
    failure_reason: ScenarioFailureReason | None = None
    """
    Why the scenario execution failed, if it did.
    """


class BenchmarkOutcome(BaseModel):
    """
    Outcome data for a single benchmark run within a benchmark job, representing the results for one agent configuration.
    """

    benchmark_run_id: str
    """
    The ID of the benchmark run.
    """
    agent_name: str
    """
    The name of the agent configuration used.
    """
    model_name: str | None = None
    """
    The model name used by the agent.
    """
    n_completed: int
    """
    Number of scenarios that completed successfully.
    """
    n_failed: int
    """
    Number of scenarios that failed.
    """
    n_timeout: int
    """
    Number of scenarios that timed out.
    """
    average_score: float | None = None
    """
    Average score across all completed scenarios (0.0 to 1.0).
    """
    duration_ms: int | None = None
    """
    Total duration of the benchmark run in milliseconds.
    """
    scenario_outcomes: list[ScenarioOutcome]
    """
    Detailed outcomes for each scenario in this benchmark run.
    """


class InProgressRunState(StrOpenEnum):
    """The current state of a benchmark run."""

    running = "running"
    canceled = "canceled"
    completed = "completed"
    failed = "failed"


class InProgressRunAgentConfigUnknown(UnknownVariant):
    """
    A `InProgressRunAgentConfig` variant this version of the SDK does not know; keeps all its data.
    """

    type: str
    """
    The `type` of a variant this version of the SDK does not know.
    """


class InProgressRun(BaseModel):
    """
    A lightweight view of a benchmark run that is still in progress, with basic execution details but no outcome data.
    """

    benchmark_run_id: str
    """
    The ID of the benchmark run.
    """
    state: InProgressRunState
    """
    The current state of the run.
    """
    start_time_ms: int
    """
    Time the run started, in milliseconds since the Unix epoch.
    """
    duration_ms: int | None = None
    """
    How long the run has been going so far, in milliseconds.
    """
    agent_config: Annotated[
        ExternalApiAgentConfig
        | JobAgentConfig
        | InProgressRunAgentConfigUnknown
        | None,
        Field(union_mode="left_to_right"),
    ] = None
    """
    Agent configuration used for this run: either an external agent driving the run through the API or an agent defined by the job.
    """


class BenchmarkJobView(BaseModel):
    """
    A BenchmarkJob, which runs a set of scenarios entirely on Runloop.
    """

    id: str
    """
    The ID of the BenchmarkJob.
    """
    name: str
    """
    The unique name of the BenchmarkJob.
    """
    state: BenchmarkJobState
    """
    The current state of the benchmark job.
    """
    create_time_ms: int
    """
    Time the job was created, in milliseconds since the Unix epoch.
    """
    failure_reason: str | None = None
    """
    Why the job failed, if it failed.
    """
    job_source: Annotated[
        HarborJobSource
        | BenchmarkJobSource
        | ScenariosJobSource
        | BenchmarkJobViewJobSourceUnknown
        | None,
        Field(union_mode="left_to_right"),
    ] = None
    """
    The source configuration that was used to create this job: Harbor YAML, a benchmark definition or a list of scenarios.
    """
    job_spec: BenchmarkJobSpecView | None = None
    """
    The resolved scenarios and execution configuration of the job.
    """
    benchmark_outcomes: list[BenchmarkOutcome] | None = None
    """
    Outcome data for each benchmark run created by this job, including per-agent results and scenario-level details.
    """
    in_progress_runs: list[InProgressRun] | None = None
    """
    Benchmark runs of this job that have not finished yet.
    """


class BenchmarkJobListView(BaseModel):
    """
    One page of BenchmarkJobs matching a list filter.
    """

    jobs: list[BenchmarkJobView]
    """
    BenchmarkJobs on this page, matching the filter.
    """
    has_more: bool
    """
    Whether more jobs exist after this page; if true, pass the last job's `id` as `starting_after`.
    """
    total_count: int | None = None
    """
    Total number of jobs matching the filter. Omitted when `include_total_count` is false.
    """
    remaining_count: int | None = None
    """
    Number of matching jobs after this page.
    """
