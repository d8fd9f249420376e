"""Errors raised by the SDK.

::

    SDKError
    ├── MissingCredentialsError          no API key given nor found in the environment
    ├── WaiterError                      .last: a wait_until_* method gave up
    │   ├── WaiterFailedError            .value: the property reached a failure value
    │   └── WaiterTimeoutError           .timeout: no final value within the timeout
    └── APIError                         .message .request .body
        ├── APIConnectionError           network failure (after retries)
        │   └── APITimeoutError          the request timed out (after retries)
        ├── APIResponseValidationError   .response .status_code: body not as documented
        └── APIStatusError               .response .status_code .body: 4xx / 5xx
            ├── BadRequestError              400
            ├── AuthenticationError          401
            ├── PermissionDeniedError        403
            ├── NotFoundError                404
            ├── ConflictError                409
            ├── UnprocessableEntityError     422
            ├── RateLimitError               429
            └── InternalServerError          >= 500

Messages never contain credentials: URLs are shown with secret query parameters
redacted, request headers are never included and credential values echoed by the
server in a response body are redacted from the message (``body`` keeps them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Self, cast

import httpx

from ._logging import redact_secrets, redact_url

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "SDKError",
    "UnprocessableEntityError",
    "WaiterError",
    "WaiterFailedError",
    "WaiterTimeoutError",
    "make_status_error",
]

_MAX_DETAIL_CHARS = 500


class SDKError(Exception):
    """Base class of every error raised by the SDK."""


class MissingCredentialsError(SDKError):
    """Raised when a client is created without credentials."""


class WaiterError(SDKError):
    """A ``wait_until_*`` method gave up; ``last`` is the last object it polled."""

    last: object

    def __init__(self, message: str, last: object) -> None:
        super().__init__(message)
        self.last = last


class WaiterFailedError(WaiterError):
    """The polled property reached one of the waiter's failure values (``value``)."""

    value: object

    def __init__(self, message: str, last: object, value: object) -> None:
        super().__init__(message, last)
        self.value = value


class WaiterTimeoutError(WaiterError):
    """The polled property reached no final value within ``timeout`` seconds."""

    timeout: float

    def __init__(self, message: str, last: object, timeout: float) -> None:
        super().__init__(message, last)
        self.timeout = timeout


class APIError(SDKError):
    """An error tied to an HTTP request.

    Attributes:
        message: Human-readable description.
        request: The :class:`httpx.Request` that failed.
        body: The decoded JSON error body, the raw text if it is not JSON,
            or ``None`` when there was no response.
    """

    message: str
    request: httpx.Request
    body: object | None

    def __init__(
        self, message: str, request: httpx.Request, *, body: object | None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body

    def _without_secrets(self, secrets: Iterable[str]) -> Self:
        """Redact ``secrets`` (credential values) from the message, in place.

        ``body`` keeps the data exactly as received.
        """
        message = redact_secrets(self.message, secrets)
        if message != self.message:
            self.message = message
            self.args = (message, *self.args[1:])
        return self


class APIConnectionError(APIError):
    """The server could not be reached or the connection broke."""

    def __init__(self, request: httpx.Request, *, message: str | None = None) -> None:
        super().__init__(
            message or f"Connection error: {_describe(request)}", request, body=None
        )


class APITimeoutError(APIConnectionError):
    """The request did not complete within the configured timeout."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request, message=f"Request timed out: {_describe(request)}")


class APIResponseValidationError(APIError):
    """The response does not match the documented schema (or is not JSON)."""

    response: httpx.Response
    status_code: int

    def __init__(
        self, response: httpx.Response, body: object | None, *, message: str
    ) -> None:
        super().__init__(
            f"{message} ({_describe(response.request)} -> {response.status_code})",
            response.request,
            body=body,
        )
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx status code."""

    response: httpx.Response
    status_code: int

    def __init__(
        self, message: str, *, response: httpx.Response, body: object | None
    ) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class BadRequestError(APIStatusError):
    """HTTP 400."""


class AuthenticationError(APIStatusError):
    """HTTP 401: missing or invalid credentials."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403."""


class NotFoundError(APIStatusError):
    """HTTP 404."""


class ConflictError(APIStatusError):
    """HTTP 409."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422."""


class RateLimitError(APIStatusError):
    """HTTP 429."""


class InternalServerError(APIStatusError):
    """HTTP 5xx."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Build the :class:`APIStatusError` subclass matching ``response``'s status.

    The response body must already be read (or be unreadable because closed).
    """
    body = _decode_body(response)
    status = response.status_code
    cls = _STATUS_ERRORS.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    message = f"{status} {response.reason_phrase} for {_describe(response.request)}"
    detail = _error_detail(body)
    if detail:
        message = f"{message}: {detail}"
    return cls(message, response=response, body=body)


def _describe(request: httpx.Request) -> str:
    return f"{request.method} {redact_url(request.url)}"


def _decode_body(response: httpx.Response) -> object | None:
    # A body closed before being read (e.g. by an event hook) cannot be shown.
    if response.is_closed and not response.is_stream_consumed:
        return None
    text = response.text
    if not text.strip():
        return None
    try:
        decoded: object = json.loads(text)
    except ValueError:
        return text
    return decoded


def _error_detail(body: object | None) -> str | None:
    """Pick the human message out of common error body shapes."""
    if body is None:
        return None
    if isinstance(body, dict):
        fields = cast("dict[str, object]", body)
        for key in (
            "message",
            "error_description",
            "detail",
            "error",
            "title",
            "errors",
        ):
            value = fields.get(key)
            message = (
                cast("dict[str, object]", value).get("message")
                if isinstance(value, dict)
                else None
            )
            if isinstance(message, str):
                return _truncate(message)
            if isinstance(value, str) and value:
                return _truncate(value)
            if value:
                return _truncate(json.dumps(value, default=str))
        return _truncate(json.dumps(body, default=str))
    if isinstance(body, str):
        return _truncate(body.strip())
    return _truncate(json.dumps(body, default=str))


def _truncate(text: str) -> str:
    if len(text) <= _MAX_DETAIL_CHARS:
        return text
    return text[:_MAX_DETAIL_CHARS] + "..."
