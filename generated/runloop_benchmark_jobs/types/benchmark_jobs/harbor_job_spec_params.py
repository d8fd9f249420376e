# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Request types: TypedDicts (plain dicts of these shapes type-check where a request contains an
object) and the Literal types of enums several requests take."""

from __future__ import annotations

from typing import Literal, Required

from typing_extensions import TypedDict

__all__ = [
    "HarborJobSpecParam",
]


class HarborJobSpecParam(TypedDict, total=False):
    """Harbor-based job specification with inline YAML configuration."""

    type: Required[Literal["harbor"]]
    """Discriminator selecting the Harbor job specification."""

    inline_yaml: Required[str]
    """The Harbor job configuration as inline YAML content."""
