# File generated from an OpenAPI spec by sdkgen 0.1.0. Edits survive regeneration.
"""Runloop Benchmark Jobs API SDK."""

from . import types
from ._client import AsyncRunloop, Runloop
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SDKError,
    UnprocessableEntityError,
    WaiterError,
    WaiterFailedError,
    WaiterTimeoutError,
)
from ._models import BaseModel, find_unknowns
from ._response import APIResponse, AsyncAPIResponse
from ._streaming import AsyncStream, ServerSentEvent, Stream
from ._types import NOT_GIVEN, NotGiven, Omit, omit
from ._version import __title__, __version__

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIResponse",
    "AsyncRunloop",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "BaseModel",
    "ConflictError",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "NotGiven",
    "Omit",
    "PermissionDeniedError",
    "RateLimitError",
    "Runloop",
    "SDKError",
    "ServerSentEvent",
    "Stream",
    "UnprocessableEntityError",
    "WaiterError",
    "WaiterFailedError",
    "WaiterTimeoutError",
    "__title__",
    "__version__",
    "find_unknowns",
    "omit",
    "types",
]
