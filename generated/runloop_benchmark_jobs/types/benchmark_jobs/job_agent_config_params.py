# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Request types: TypedDicts (plain dicts of these shapes type-check where a request contains an
object) and the Literal types of enums several requests take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Required

from typing_extensions import TypedDict

__all__ = [
    "AgentEnvironmentParam",
    "JobAgentConfigParam",
]


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
