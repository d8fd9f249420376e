# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Request types: TypedDicts (plain dicts of these shapes type-check where a request contains an
object) and the Literal types of enums several requests take."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Required

from typing_extensions import TypedDict

if TYPE_CHECKING:
    from .job_agent_config_params import JobAgentConfigParam
    from .orchestrator_config_params import OrchestratorConfigParam

__all__ = [
    "ScenarioDefinitionJobSpecParam",
]


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
