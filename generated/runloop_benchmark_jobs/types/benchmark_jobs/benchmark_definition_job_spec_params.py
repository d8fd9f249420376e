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
    "BenchmarkDefinitionJobSpecParam",
]


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
