"""Hooks: the caller's functions run around every request of a client.

For each attempt of a call, in this order:

1. the SDK builds the request: URL, body, credentials, telemetry headers,
   ``Idempotency-Key``;
2. the ``before_request`` hooks run with it, the client's own first, then those added
   by ``with_options``; they may change it in place (add a header, sign it);
3. the request is sent;
4. the ``after_response`` hooks run with the response, also for an error status that
   will be retried (a streamed response's body is not read yet);
5. a retry starts again at 1.

When the call fails with an SDK error (an ``APIStatusError`` after the retries, an
``APIConnectionError`` or ``APITimeoutError``, a failed token request, an
``APIResponseValidationError``), the ``on_error`` hooks run with it, then it is
raised. An exception raised by a hook propagates as itself: it is not retried, not
wrapped, and not passed to ``on_error``.

Hooks of the async client may be coroutine functions (they are awaited) or plain
functions; those of the sync client must be plain functions. Return values are ignored.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias, TypeVar

import httpx

from ._exceptions import SDKError

__all__ = [
    "ErrorHook",
    "Hooks",
    "RequestHook",
    "ResponseHook",
]

RequestHook: TypeAlias = Callable[[httpx.Request], object]
"""Called with each request before it is sent; may change it in place."""
ResponseHook: TypeAlias = Callable[[httpx.Response], object]
"""Called with each response, error statuses included."""
ErrorHook: TypeAlias = Callable[[SDKError], object]
"""Called with the error a call is about to raise."""

_H = TypeVar("_H")
_V = TypeVar("_V")


def _as_tuple(
    hooks: Callable[[_V], object] | Sequence[Callable[[_V], object]] | None,
) -> tuple[Callable[[_V], object], ...]:
    if hooks is None:
        return ()
    if callable(hooks):
        return (hooks,)
    return tuple(hooks)


@dataclasses.dataclass(frozen=True)
class Hooks:
    """The hooks of one client (or of a ``with_options`` copy)."""

    before_request: tuple[RequestHook, ...] = ()
    after_response: tuple[ResponseHook, ...] = ()
    on_error: tuple[ErrorHook, ...] = ()

    @classmethod
    def of(
        cls,
        before_request: RequestHook | Sequence[RequestHook] | None = None,
        after_response: ResponseHook | Sequence[ResponseHook] | None = None,
        on_error: ErrorHook | Sequence[ErrorHook] | None = None,
    ) -> Hooks:
        """Hooks from constructor arguments: one function, a sequence of them, or None."""
        return cls(
            _as_tuple(before_request), _as_tuple(after_response), _as_tuple(on_error)
        )

    def then(self, other: Hooks) -> Hooks:
        """These hooks followed by ``other``'s."""
        return Hooks(
            self.before_request + other.before_request,
            self.after_response + other.after_response,
            self.on_error + other.on_error,
        )

    def __bool__(self) -> bool:
        return bool(self.before_request or self.after_response or self.on_error)


def run_sync(hooks: Sequence[Callable[[_H], object]], value: _H) -> None:
    """Run sync hooks in order; an async hook is refused (nothing would await it)."""
    for hook in hooks:
        result = hook(value)
        if inspect.isawaitable(result):
            if inspect.iscoroutine(result):
                result.close()
            raise TypeError(
                f"hook {getattr(hook, '__name__', hook)!r} is async: "
                "use it with the async client"
            )


async def run_async(hooks: Sequence[Callable[[_H], object]], value: _H) -> None:
    """Run hooks in order, awaiting those that return an awaitable."""
    for hook in hooks:
        result = hook(value)
        if inspect.isawaitable(result):
            await _awaited(result)


async def _awaited(result: Awaitable[object]) -> None:
    await result
