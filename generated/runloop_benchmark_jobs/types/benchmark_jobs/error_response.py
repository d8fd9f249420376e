# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from ..._models import BaseModel


class ErrorResponse(BaseModel):
    """The body returned with any non-2xx response."""

    message: str
    """Human-readable explanation of what went wrong."""
    type: str | None = None
    """Broad category of the error, for example `invalid_request` or `not_found`."""
    code: str | None = None
    """Machine-readable error code that is stable across releases."""
