"""Raw and streamed access to HTTP responses, next to the parsed result.

``client.things.with_raw_response.get(...)`` returns an :class:`APIResponse` whose
:meth:`~APIResponse.parse` gives what ``client.things.get(...)`` would have returned;
``with client.things.with_streaming_response.get(...) as response:`` does not read the
body until asked and closes it when the block ends.

The wrappers tag the call with the internal :data:`RAW_RESPONSE_HEADER` in
``extra_headers``; the client removes it before sending and returns a response object.
"""

from __future__ import annotations

import functools
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, ParamSpec, TypeVar, cast

import httpx
from typing_extensions import override

from ._request import RAW_RESPONSE_HEADER, RawMode
from ._streaming import is_stream_type

__all__ = [
    "RAW_RESPONSE_HEADER",
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncResponseContextManager",
    "ResponseContextManager",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
]

P = ParamSpec("P")
R = TypeVar("R")
_ResponseT = TypeVar("_ResponseT", bound="APIResponse[Any]")
_AsyncResponseT = TypeVar("_AsyncResponseT", bound="AsyncAPIResponse[Any]")

_UNPARSED: Any = object()


class _BaseAPIResponse(Generic[R]):
    """Accessors shared by :class:`APIResponse` and :class:`AsyncAPIResponse`."""

    http_response: httpx.Response
    """The underlying :class:`httpx.Response`."""

    retries_taken: int
    """How many retries were made before this response (0 without retries)."""

    def __init__(
        self,
        *,
        raw: httpx.Response,
        cast_to: Any,
        parser: Callable[[httpx.Response], R],
        retries_taken: int,
    ) -> None:
        self.http_response = raw
        self.retries_taken = retries_taken
        self._cast_to = cast_to
        self._parser = parser
        self._parsed: R = _UNPARSED

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    @property
    def http_request(self) -> httpx.Request:
        """The :class:`httpx.Request` that was sent (last attempt)."""
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        """The requested URL."""
        return self.http_response.url

    @property
    def is_closed(self) -> bool:
        """Whether the body was read to the end or closed."""
        return self.http_response.is_closed

    def _parse_read_body(self) -> R:
        if self._parsed is _UNPARSED:
            self._parsed = self._parser(self.http_response)
        return self._parsed

    def _needs_body(self) -> bool:
        return self._cast_to is not httpx.Response and not is_stream_type(self._cast_to)

    @override
    def __repr__(self) -> str:
        status = f"{self.status_code} {self.http_response.reason_phrase}"
        return f"<{type(self).__name__} [{status}] type={self._cast_to!r}>"


class APIResponse(_BaseAPIResponse[R]):
    """A response of a synchronous call, parsed on demand."""

    def parse(self) -> R:
        """Read the body if needed and parse it like the normal call would (cached)."""
        if self._needs_body():
            self.read()
        return self._parse_read_body()

    def read(self) -> bytes:
        """Read and return the whole body."""
        return self.http_response.read()

    def text(self) -> str:
        """Read the body and decode it as text."""
        self.read()
        return self.http_response.text

    def json(self) -> object:
        """Read the body and decode it as JSON."""
        result: object = json.loads(self.read())
        return result

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """Yield the body in byte chunks, as they arrive when streaming."""
        yield from self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        """Yield the body as decoded text chunks."""
        yield from self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        """Yield the body line by line."""
        yield from self.http_response.iter_lines()

    def close(self) -> None:
        """Release the connection without reading the rest of the body."""
        self.http_response.close()


class AsyncAPIResponse(_BaseAPIResponse[R]):
    """A response of an asynchronous call, parsed on demand."""

    async def parse(self) -> R:
        """Read the body if needed and parse it like the normal call would (cached)."""
        if self._needs_body():
            await self.read()
        return self._parse_read_body()

    async def read(self) -> bytes:
        """Read and return the whole body."""
        return await self.http_response.aread()

    async def text(self) -> str:
        """Read the body and decode it as text."""
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        """Read the body and decode it as JSON."""
        result: object = json.loads(await self.read())
        return result

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """Yield the body in byte chunks, as they arrive when streaming."""
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        """Yield the body as decoded text chunks."""
        async for chunk in self.http_response.aiter_text(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        """Yield the body line by line."""
        async for line in self.http_response.aiter_lines():
            yield line

    async def close(self) -> None:
        """Release the connection without reading the rest of the body."""
        await self.http_response.aclose()


class ResponseContextManager(Generic[_ResponseT]):
    """Sends the request on ``__enter__`` and closes the response on ``__exit__``."""

    def __init__(self, request_func: Callable[[], _ResponseT]) -> None:
        self._request_func = request_func
        self._response: _ResponseT | None = None

    def __enter__(self) -> _ResponseT:
        self._response = self._request_func()
        return self._response

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[_AsyncResponseT]):
    """Sends the request on ``__aenter__`` and closes the response on ``__aexit__``."""

    def __init__(self, request_func: Callable[[], Awaitable[_AsyncResponseT]]) -> None:
        self._request_func = request_func
        self._response: _AsyncResponseT | None = None

    async def __aenter__(self) -> _AsyncResponseT:
        self._response = await self._request_func()
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.close()


def _tag(kwargs: dict[str, Any], mode: RawMode) -> None:
    """Add the raw-response marker to the call's ``extra_headers`` (a fresh dict)."""
    kwargs["extra_headers"] = {
        **(kwargs.get("extra_headers") or {}),
        RAW_RESPONSE_HEADER: mode,
    }


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Wrap a resource method to return an :class:`APIResponse` around its result."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        _tag(kwargs, "raw")
        return cast("APIResponse[R]", func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """Async version of :func:`to_raw_response_wrapper`."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        _tag(kwargs, "raw")
        return cast("AsyncAPIResponse[R]", await func(*args, **kwargs))

    return wrapped


def to_streamed_response_wrapper(
    func: Callable[P, R],
) -> Callable[P, ResponseContextManager[APIResponse[R]]]:
    """Wrap a resource method to return a context manager over an unread response.

    The request is sent when the ``with`` block is entered.
    """

    @functools.wraps(func)
    def wrapped(
        *args: P.args, **kwargs: P.kwargs
    ) -> ResponseContextManager[APIResponse[R]]:
        _tag(kwargs, "stream")
        return ResponseContextManager(
            lambda: cast("APIResponse[R]", func(*args, **kwargs))
        )

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[AsyncAPIResponse[R]]]:
    """Async version of :func:`to_streamed_response_wrapper`.

    The request is sent when the ``async with`` block is entered.
    """

    @functools.wraps(func)
    def wrapped(
        *args: P.args, **kwargs: P.kwargs
    ) -> AsyncResponseContextManager[AsyncAPIResponse[R]]:
        _tag(kwargs, "stream")

        async def request() -> AsyncAPIResponse[R]:
            return cast("AsyncAPIResponse[R]", await func(*args, **kwargs))

        return AsyncResponseContextManager(request)

    return wrapped
