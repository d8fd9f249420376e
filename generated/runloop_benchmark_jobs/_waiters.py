"""Polling until an object reaches a final state: the runtime of ``wait_until_*`` methods.

The first poll is immediate. Between polls the wait starts at ``interval`` and grows by
half each time up to ``max_interval`` (exponential backoff), each wait drawn between
half and all of that (jitter, so many waiting clients do not poll in step), and never
past the deadline. Errors of a poll (after the client's own retries) propagate.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ._exceptions import WaiterFailedError, WaiterTimeoutError

__all__ = ["Waiter", "async_wait_until", "wait_until"]

_T = TypeVar("_T")
BACKOFF = 1.5
DEFAULT_MAX_INTERVAL = 30.0


@dataclass(frozen=True)
class Waiter:
    """What a waiter watches: the attribute path and its final values."""

    name: str  # the method, for messages
    path: tuple[str, ...]
    success: Sequence[object]
    failure: Sequence[object] = ()
    max_interval: float = DEFAULT_MAX_INTERVAL

    def value(self, result: object) -> object:
        """The watched property of ``result`` (``None`` where the path is missing)."""
        current: object = result
        for attribute in self.path:
            current = getattr(current, attribute, None)
            if current is None:
                return None
        return current

    def done(self, result: object) -> bool:
        """True on a success value; raises on a failure value."""
        value = self.value(result)
        if value in self.success:
            return True
        if value in self.failure:
            raise WaiterFailedError(
                f"{self.name}: {'.'.join(self.path)} is {_show(value)}, a failure state",
                result,
                value,
            )
        return False

    def delays(self, interval: float) -> Callable[[float], float]:
        """The wait before each next poll, given the seconds left before the deadline."""
        state = {"next": interval}

        def delay(remaining: float) -> float:
            current = state["next"]
            state["next"] = min(current * BACKOFF, self.max_interval)
            return min(remaining, current * random.uniform(0.5, 1.0))

        return delay

    def timed_out(self, last: object, timeout: float) -> WaiterTimeoutError:
        return WaiterTimeoutError(
            f"{self.name}: {'.'.join(self.path)} was still {_show(self.value(last))} "
            f"after {timeout:g} s",
            last,
            timeout,
        )


def wait_until(
    poll: Callable[[], _T],
    waiter: Waiter,
    *,
    timeout: float,
    interval: float,
    sleep: Callable[[float], object] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> _T:
    """Call ``poll`` until ``waiter`` is done; return the last result."""
    deadline = clock() + timeout
    delay = waiter.delays(interval)
    while True:
        result = poll()
        if waiter.done(result):
            return result
        remaining = deadline - clock()
        if remaining <= 0:
            raise waiter.timed_out(result, timeout)
        sleep(delay(remaining))


async def async_wait_until(
    poll: Callable[[], Awaitable[_T]],
    waiter: Waiter,
    *,
    timeout: float,
    interval: float,
    sleep: Callable[[float], Awaitable[object]] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> _T:
    """:func:`wait_until` for the async client (``sleep``: ``asyncio.sleep`` unless given)."""
    if sleep is None:
        import asyncio  # only async clients need it: not imported with the SDK

        sleep = asyncio.sleep
    deadline = clock() + timeout
    delay = waiter.delays(interval)
    while True:
        result = await poll()
        if waiter.done(result):
            return result
        remaining = deadline - clock()
        if remaining <= 0:
            raise waiter.timed_out(result, timeout)
        await sleep(delay(remaining))


def _show(value: object) -> str:
    shown = getattr(value, "value", value)  # an enum member: its wire value
    return repr(shown)[:100]
