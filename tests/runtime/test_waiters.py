"""The waiter runtime: immediate first poll, backoff growing by half to a cap, jitter, the deadline."""

from __future__ import annotations

import asyncio
import random
from types import SimpleNamespace

import pytest
from sdkruntime._exceptions import WaiterFailedError, WaiterTimeoutError
from sdkruntime._waiters import Waiter, async_wait_until, wait_until

WAITER = Waiter("wait_until_done", ("status", "phase"), ("done",), ("broken",), max_interval=5.0)


class Timeline:
    """A fake clock that sleeping advances."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def polls(*phases: str | None) -> list[object]:
    return [SimpleNamespace(status=SimpleNamespace(phase=p) if p else None) for p in phases]


def test_waits_grow_by_half_up_to_the_cap_with_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(random, "uniform", lambda low, high: high)  # the top of each jitter range
    timeline = Timeline()
    results = iter(polls(*["running"] * 7, "done"))
    done = wait_until(lambda: next(results), WAITER, timeout=100, interval=1.0, sleep=timeline.sleep,
                      clock=timeline.clock)  # fmt: skip
    assert done.status.phase == "done"  # type: ignore[attr-defined]
    assert timeline.sleeps == [1.0, 1.5, 2.25, 3.375, 5.0, 5.0, 5.0]


def test_jitter_draws_between_half_and_all_of_the_wait() -> None:
    random.seed(7)
    timeline = Timeline()
    results = iter(polls(*["running"] * 200, "done"))
    wait_until(lambda: next(results), Waiter("w", ("status", "phase"), ("done",), max_interval=1.0),
               timeout=10_000, interval=1.0, sleep=timeline.sleep, clock=timeline.clock)  # fmt: skip
    assert all(0.5 <= s <= 1.0 for s in timeline.sleeps) and len(set(timeline.sleeps)) > 100


def test_never_sleeps_past_the_deadline_and_reports_the_last_state() -> None:
    timeline = Timeline()
    results = iter(polls(*["running"] * 50))
    with pytest.raises(WaiterTimeoutError, match=r"status\.phase was still 'running' after 10 s") as caught:
        wait_until(lambda: next(results), WAITER, timeout=10, interval=3.0, sleep=timeline.sleep,
                   clock=timeline.clock)  # fmt: skip
    assert timeline.now == pytest.approx(10.0) and caught.value.timeout == 10


def test_a_failure_value_and_a_missing_path() -> None:
    results = iter(polls(None, "broken"))
    timeline = Timeline()
    with pytest.raises(WaiterFailedError) as caught:
        wait_until(lambda: next(results), WAITER, timeout=10, interval=1, sleep=timeline.sleep, clock=timeline.clock)
    assert caught.value.value == "broken" and len(timeline.sleeps) == 1  # the missing path was not final


def test_async() -> None:
    timeline = Timeline()
    results = iter(polls("running", "done"))

    async def poll() -> object:
        return next(results)

    async def sleep(seconds: float) -> None:
        timeline.sleep(seconds)

    done = asyncio.run(async_wait_until(poll, WAITER, timeout=10, interval=1, sleep=sleep, clock=timeline.clock))
    assert done.status.phase == "done" and len(timeline.sleeps) == 1  # type: ignore[attr-defined]
