# File generated from an OpenAPI spec by sdkgen 0.1.0. Do not edit by hand.

from typing import Literal

from ..._models import BaseModel


class HarborJobSpec(BaseModel):
    """Harbor-based job specification with inline YAML configuration."""

    type: Literal["harbor"]
    """Discriminator selecting the Harbor job specification."""
    inline_yaml: str
    """The Harbor job configuration as inline YAML content."""
