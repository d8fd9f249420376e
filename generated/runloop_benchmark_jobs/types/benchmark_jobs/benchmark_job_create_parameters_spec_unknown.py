# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.

from ..._models import UnknownVariant


class BenchmarkJobCreateParametersSpecUnknown(UnknownVariant):
    """A `BenchmarkJobCreateParametersSpec` variant this version of the SDK does not know; keeps all its data."""

    type: str
    """The `type` of a variant this version of the SDK does not know."""
