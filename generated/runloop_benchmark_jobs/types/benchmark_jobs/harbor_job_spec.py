# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from typing import Literal

from ..._models import BaseModel


class HarborJobSpec(BaseModel):
    """Harbor-based job specification with inline YAML configuration."""

    type: Literal["harbor"]
    """Discriminator selecting the Harbor job specification."""
    inline_yaml: str
    """The Harbor job configuration as inline YAML content."""
