# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from typing import Annotated, Literal

from pydantic import Field

from ..._models import BaseModel, StrOpenEnum, UnknownVariant
from .job_agent_config import JobAgentConfig
from .orchestrator_config import OrchestratorConfig


class ExternalApiAgentConfig(BaseModel):
    """Configuration for benchmark runs driven externally through the API."""

    type: Literal["external_api"]
    """Discriminator marking a run driven by an external agent through the API."""
    info: str | None = None
    """Free-form metadata about the external agent."""


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
    """Harbor job source with inline YAML configuration."""

    type: Literal["harbor"]
    """Discriminator marking a job created from Harbor YAML."""
    inline_yaml: str
    """The Harbor job configuration as inline YAML content."""


class BenchmarkJobSource(BaseModel):
    """Benchmark definition job source."""

    type: Literal["benchmark"]
    """Discriminator marking a job created from a benchmark definition."""
    benchmark_id: str
    """The ID of the benchmark definition."""
    benchmark_name: str | None = None
    """The user-provided name of the benchmark definition, if any."""


class ScenariosJobSource(BaseModel):
    """Scenarios job source with a list of scenario definition IDs."""

    type: Literal["scenarios"]
    """Discriminator marking a job created from a list of scenarios."""
    scenario_ids: list[str]
    """List of scenario definition IDs to execute."""


class BenchmarkJobViewJobSourceUnknown(UnknownVariant):
    """A `BenchmarkJobViewJobSource` variant this version of the SDK does not know; keeps all its data."""

    type: str
    """The `type` of a variant this version of the SDK does not know."""


class BenchmarkJobSpecView(BaseModel):
    """Job specification describing the scenarios to run and the execution configuration."""

    scenario_ids: list[str]
    """List of scenario definition IDs to execute."""
    agent_configs: list[JobAgentConfig]
    """Agent configurations for this job."""
    orchestrator_config: OrchestratorConfig | None = None
    """How the scenarios are scheduled, retried and timed out."""


class ScenarioOutcomeState(StrOpenEnum):
    """The final state of a scenario execution."""

    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    TIMEOUT = "TIMEOUT"
    CANCELED = "CANCELED"


class ScenarioFailureReason(BaseModel):
    """Information about why a scenario execution failed."""

    exception_type: str
    """The exception class name, for example `TimeoutException` or `AgentTimeoutError`."""
    exception_message: str
    """The exception message providing context."""


class ScenarioOutcome(BaseModel):
    """Outcome of a single scenario execution, including its final state and score."""

    scenario_run_id: str | None = None
    """The ID of the scenario run. Absent if the scenario failed during setup, before a run was created."""
    scenario_definition_id: str
    """The ID of the scenario definition that was executed."""
    scenario_name: str
    """The name of the scenario."""
    state: ScenarioOutcomeState
    """The final state of the scenario execution."""
    score: float | None = None
    """The score achieved for this scenario (0.0 to 1.0). Only present if state is COMPLETED."""
    duration_ms: int | None = None
    """Duration of the scenario execution in milliseconds."""
    failure_reason: ScenarioFailureReason | None = None
    """Why the scenario execution failed, if it did."""


class BenchmarkOutcome(BaseModel):
    """Outcome data for a single benchmark run within a benchmark job, representing the results for one agent configuration."""

    benchmark_run_id: str
    """The ID of the benchmark run."""
    agent_name: str
    """The name of the agent configuration used."""
    model_name: str | None = None
    """The model name used by the agent."""
    n_completed: int
    """Number of scenarios that completed successfully."""
    n_failed: int
    """Number of scenarios that failed."""
    n_timeout: int
    """Number of scenarios that timed out."""
    average_score: float | None = None
    """Average score across all completed scenarios (0.0 to 1.0)."""
    duration_ms: int | None = None
    """Total duration of the benchmark run in milliseconds."""
    scenario_outcomes: list[ScenarioOutcome]
    """Detailed outcomes for each scenario in this benchmark run."""


class InProgressRunState(StrOpenEnum):
    """The current state of a benchmark run."""

    running = "running"
    canceled = "canceled"
    completed = "completed"
    failed = "failed"


class InProgressRunAgentConfigUnknown(UnknownVariant):
    """A `InProgressRunAgentConfig` variant this version of the SDK does not know; keeps all its data."""

    type: str
    """The `type` of a variant this version of the SDK does not know."""


class InProgressRun(BaseModel):
    """A lightweight view of a benchmark run that is still in progress, with basic execution details but no outcome data."""

    benchmark_run_id: str
    """The ID of the benchmark run."""
    state: InProgressRunState
    """The current state of the run."""
    start_time_ms: int
    """Time the run started, in milliseconds since the Unix epoch."""
    duration_ms: int | None = None
    """How long the run has been going so far, in milliseconds."""
    agent_config: Annotated[
        ExternalApiAgentConfig
        | JobAgentConfig
        | InProgressRunAgentConfigUnknown
        | None,
        Field(union_mode="left_to_right"),
    ] = None
    """Agent configuration used for this run: either an external agent driving the run through the API or an agent defined by the job."""


class BenchmarkJobView(BaseModel):
    """A BenchmarkJob, which runs a set of scenarios entirely on Runloop."""

    id: str
    """The ID of the BenchmarkJob."""
    name: str
    """The unique name of the BenchmarkJob."""
    state: BenchmarkJobState
    """The current state of the benchmark job."""
    create_time_ms: int
    """Time the job was created, in milliseconds since the Unix epoch."""
    failure_reason: str | None = None
    """Why the job failed, if it failed."""
    job_source: Annotated[
        HarborJobSource
        | BenchmarkJobSource
        | ScenariosJobSource
        | BenchmarkJobViewJobSourceUnknown
        | None,
        Field(union_mode="left_to_right"),
    ] = None
    """The source configuration that was used to create this job: Harbor YAML, a benchmark definition or a list of scenarios."""
    job_spec: BenchmarkJobSpecView | None = None
    """The resolved scenarios and execution configuration of the job."""
    benchmark_outcomes: list[BenchmarkOutcome] | None = None
    """Outcome data for each benchmark run created by this job, including per-agent results and scenario-level details."""
    in_progress_runs: list[InProgressRun] | None = None
    """Benchmark runs of this job that have not finished yet."""
