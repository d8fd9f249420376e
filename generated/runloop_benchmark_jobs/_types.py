"""Shared types and sentinels used by the SDK runtime and the generated code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Final, Literal, Self, TypeAlias

import httpx
from typing_extensions import TypedDict, override

__all__ = [
    "NOT_GIVEN",
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "NotGiven",
    "Omit",
    "Query",
    "RequestOptions",
    "Timeout",
    "TimeoutTypes",
    "omit",
]


class NotGiven:
    """Marks an argument the caller did not pass, distinct from an explicit ``None``.

    ``None`` can be a meaningful value (e.g. ``timeout=None`` disables the timeout),
    so generated methods default their optional parameters to ``NOT_GIVEN``.
    """

    _instance: Self | None = None

    def __new__(cls) -> Self:
        # A singleton keeps ``is NOT_GIVEN`` checks and pickling consistent.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    @override
    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
"""The single :class:`NotGiven` instance."""


class Omit:
    """Header value that removes a header the client would otherwise send.

    Example: ``extra_headers={"User-Agent": omit}``.
    """

    def __bool__(self) -> Literal[False]:
        return False

    @override
    def __repr__(self) -> str:
        return "omit"


omit: Final = Omit()
"""A ready-made :class:`Omit` instance."""

Headers: TypeAlias = Mapping[str, str | Omit]
"""Extra headers of a call; an :class:`Omit` value removes that header."""

Query: TypeAlias = Mapping[str, object]
"""Query parameters; values are encoded by ``_utils.build_query``."""

Body: TypeAlias = object
"""A request body before JSON encoding."""

Timeout: TypeAlias = httpx.Timeout
"""Fine-grained timeout configuration (connect, read, write, pool)."""

TimeoutTypes: TypeAlias = float | httpx.Timeout | None
"""Seconds, an :class:`httpx.Timeout`, or ``None`` for no timeout."""

FileContent: TypeAlias = bytes | IO[bytes]
"""Raw bytes or a binary file object."""

FileTypes: TypeAlias = (
    FileContent
    | tuple[str | None, FileContent]
    | tuple[str | None, FileContent, str | None]
)
"""A file for a multipart upload: content, ``(filename, content)`` or
``(filename, content, content_type)``."""


class RequestOptions(TypedDict, total=False):
    """Per-call overrides built by ``make_request_options``."""

    headers: Headers
    query: Query
    extra_body: Body
    timeout: TimeoutTypes
    max_retries: int
    operation_max_retries: (
        int  # the operation's own default (x-sdk-retries), below max_retries
    )
    idempotency_key: str
    security: tuple[str, ...]
