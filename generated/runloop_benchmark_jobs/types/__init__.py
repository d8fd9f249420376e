# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Every model (responses) and TypedDict (request parameters) of the Runloop Benchmark Jobs API.

Each is imported from its own module on first use: `from <package>.types import Name` loads only what `Name` needs.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .benchmark_jobs import *
else:
    from .._lazy import lazy_types

    __getattr__, __dir__ = lazy_types(__name__, globals(), "", 1)
