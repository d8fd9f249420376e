# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from typing import Literal

from ..._models import BaseModel
from .job_agent_config import JobAgentConfig
from .orchestrator_config import OrchestratorConfig


class ScenarioDefinitionJobSpec(BaseModel):
    """Specifies a set of scenarios with runtime configuration. The scenarios are executed using the provided agent and orchestrator configurations."""

    type: Literal["scenarios"]
    """Discriminator selecting the scenario-list job specification."""
    scenario_ids: list[str]
    """List of scenario definition IDs to execute."""
    agent_configs: list[JobAgentConfig]
    """Agent configurations to use for this run. Must specify at least one agent."""
    orchestrator_config: OrchestratorConfig | None = None
    """How the scenarios are scheduled, retried and timed out."""
