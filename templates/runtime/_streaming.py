"""Server-Sent Events: what a ``text/event-stream`` operation returns.

``for event in client.things.watch():`` yields the events as they arrive, each parsed
into the type the spec declares for it (else a :class:`ServerSentEvent`). The
connection is closed when the stream ends, when the loop is left early, or when the
``with`` / ``async with`` block around the stream ends.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar, cast, get_args, get_origin

import httpx

from ._models import parse_json

__all__ = ["AsyncStream", "ServerSentEvent", "Stream", "is_stream_type"]

_T = TypeVar("_T")

_DONE = "[DONE]"
"""The data of the last event of some APIs (OpenAI style); it ends the stream."""


@dataclasses.dataclass(frozen=True)
class ServerSentEvent:
    """One event of a ``text/event-stream`` response."""

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None

    def json(self) -> object:
        """The event's data decoded as JSON."""
        decoded: object = json.loads(self.data)
        return decoded


class _EventDecoder:
    """The line-by-line event parsing of the HTML Living Standard (9.2.6)."""

    def __init__(self) -> None:
        self._data: list[str] = []
        self._event: str | None = None
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, line: str) -> ServerSentEvent | None:
        """Take one line (without its end); return an event when a blank line ends it."""
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment, e.g. a keep-alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._data:
            self._event = None
            return None
        event = ServerSentEvent(
            "\n".join(self._data), self._event, self._id, self._retry
        )
        self._data, self._event, self._retry = [], None, None
        return event

    def finish(self) -> ServerSentEvent | None:
        """The last event when the stream ends without a blank line."""
        return self._dispatch()


class _BaseStream(Generic[_T]):
    def __init__(self, response: httpx.Response, item_type: Any) -> None:
        self.response = response
        self._item_type = item_type

    def _item(self, event: ServerSentEvent) -> _T:
        item_type = self._item_type
        if item_type is ServerSentEvent:
            return cast("_T", event)
        if item_type is str:
            return cast("_T", event.data)
        return cast("_T", parse_json(item_type, event.data.encode()))


class Stream(_BaseStream[_T]):
    """The events of a synchronous ``text/event-stream`` response, parsed lazily."""

    def __iter__(self) -> Iterator[_T]:
        decoder = _EventDecoder()
        try:
            for line in self.response.iter_lines():
                event = decoder.feed(line)
                if event is not None:
                    if event.data == _DONE:
                        return
                    yield self._item(event)
            event = decoder.finish()
            if event is not None and event.data != _DONE:
                yield self._item(event)
        finally:
            # Runs when the stream ends and when the loop is left early.
            self.response.close()

    def close(self) -> None:
        """Close the connection without reading the remaining events."""
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncStream(_BaseStream[_T]):
    """The events of an asynchronous ``text/event-stream`` response, parsed lazily.

    Leaving ``async for`` early closes the connection soon after, in a task of the
    event loop (Python finalizes abandoned async generators that way);
    ``async with`` closes it at once.
    """

    async def __aiter__(self) -> AsyncIterator[_T]:
        decoder = _EventDecoder()
        try:
            async for line in self.response.aiter_lines():
                event = decoder.feed(line)
                if event is not None:
                    if event.data == _DONE:
                        return
                    yield self._item(event)
            event = decoder.finish()
            if event is not None and event.data != _DONE:
                yield self._item(event)
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        """Close the connection without reading the remaining events."""
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        await self.close()


def is_stream_type(cast_to: Any) -> bool:
    """Whether ``cast_to`` is ``Stream[...]`` or ``AsyncStream[...]``."""
    return get_origin(cast_to) in (Stream, AsyncStream)


def make_stream(cast_to: Any, response: httpx.Response) -> object:
    """The ``Stream[T]`` / ``AsyncStream[T]`` over ``response``."""
    origin = get_origin(cast_to)
    (item_type,) = get_args(cast_to)
    return origin(response, item_type)
