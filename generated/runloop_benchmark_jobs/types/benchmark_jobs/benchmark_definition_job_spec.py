# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from typing import Literal

from ..._models import BaseModel
from .job_agent_config import JobAgentConfig
from .orchestrator_config import OrchestratorConfig


class BenchmarkDefinitionJobSpec(BaseModel):
    """Specifies a benchmark definition with runtime configuration. The benchmark definition's scenarios are executed using the provided agent and orchestrator configurations."""

    type: Literal["benchmark"]
    """Discriminator selecting the benchmark-definition job specification."""
    benchmark_id: str
    """ID of the benchmark definition to run. The scenarios from this benchmark are executed."""
    agent_configs: list[JobAgentConfig]
    """Agent configurations to use for this run. Must specify at least one agent."""
    orchestrator_config: OrchestratorConfig | None = None
    """How the scenarios are scheduled, retried and timed out."""
