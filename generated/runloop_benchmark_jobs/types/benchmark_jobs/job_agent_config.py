# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from typing import Literal

from ..._models import BaseModel


class AgentEnvironment(BaseModel):
    """Environment configuration for an agent in a benchmark job."""

    environment_variables: dict[str, str] | None = None
    """Environment variables to set when launching the agent."""
    secrets: dict[str, str] | None = None
    """Secrets to inject as environment variables when launching the agent: a map of environment variable names to secret IDs."""


class JobAgentConfig(BaseModel):
    """Configuration for an agent in a benchmark job."""

    type: Literal["job_agent"]
    """Discriminator marking an agent defined by the job itself."""
    name: str
    """Name of the agent."""
    agent_id: str | None = None
    """ID of the agent to use (optional if an agent with this name exists)."""
    model_name: str | None = None
    """Model name override for this agent."""
    timeout_seconds: float | None = None
    """Timeout in seconds for this agent."""
    kwargs: dict[str, str] | None = None
    """Additional keyword arguments for agent configuration, as string key/value pairs."""
    agent_environment: AgentEnvironment | None = None
    """Environment variables and secrets made available to the agent."""
