# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from typing import Annotated

from pydantic import Field

from ..._models import BaseModel
from .benchmark_definition_job_spec import BenchmarkDefinitionJobSpec
from .benchmark_job_create_parameters_spec_unknown import (
    BenchmarkJobCreateParametersSpecUnknown,
)
from .harbor_job_spec import HarborJobSpec
from .scenario_definition_job_spec import ScenarioDefinitionJobSpec


class BenchmarkJobCreateParameters(BaseModel):
    """Parameters for creating a BenchmarkJob."""

    name: str | None = None
    """The name of the BenchmarkJob. If not provided, a name is generated based on the target dataset."""
    spec: Annotated[
        HarborJobSpec
        | BenchmarkDefinitionJobSpec
        | ScenarioDefinitionJobSpec
        | BenchmarkJobCreateParametersSpecUnknown
        | None,
        Field(union_mode="left_to_right"),
    ] = None
    """The job specification. Exactly one spec type must be set."""
