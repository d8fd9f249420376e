# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Models and TypedDicts of `benchmark_jobs`, each imported on first use."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .benchmark_definition_job_spec import *
    from .benchmark_definition_job_spec_params import *
    from .benchmark_job_create_parameters import *
    from .benchmark_job_create_parameters_spec_unknown import *
    from .benchmark_job_list_view import *
    from .benchmark_job_view import *
    from .error_response import *
    from .harbor_job_spec import *
    from .harbor_job_spec_params import *
    from .job_agent_config import *
    from .job_agent_config_params import *
    from .orchestrator_config import *
    from .orchestrator_config_params import *
    from .scenario_definition_job_spec import *
    from .scenario_definition_job_spec_params import *
else:
    from ..._lazy import lazy_types

    __getattr__, __dir__ = lazy_types(__name__, globals(), "benchmark_jobs", 1)
