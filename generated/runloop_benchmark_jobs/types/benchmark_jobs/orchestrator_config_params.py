# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Request types: TypedDicts (plain dicts of these shapes type-check where a request contains an
object) and the Literal types of enums several requests take."""

from __future__ import annotations

from typing_extensions import TypedDict

__all__ = [
    "OrchestratorConfigParam",
]


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
