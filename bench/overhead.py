"""Benchmark 3: per-call overhead, 2000 ``retrieve`` calls of a small job over a mock transport.

Contenders, all answered by the same ``httpx.MockTransport`` with the same small body:

* ours: ``client.benchmark_jobs.retrieve("bmj_123")``;
* runloop-api-client 1.32.0: ``client.benchmark_jobs.retrieve("bmj_123")``;
* bare httpx: ``http.get("/v1/benchmark_jobs/bmj_123", headers={"Authorization": ...}).json()``
  on an ``httpx.Client`` with the base URL set: the least a hand-written client does.

A round times 2000 calls of each contender in turn, in wall time and in the CPU time of the
thread (which other load on the machine disturbs much less: the mock transport does no I/O);
the median round is reported, as microseconds per call. A cProfile run of ours and of the bare
call then shows where ours spends the difference.

``python -m bench.overhead [--rounds N] [--calls N]`` prints the figures.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.common import API_KEY, BASE_URL, import_our_sdk, median, paired_ratio, save

JOB_ID = "bmj_123"
BARE = "bare httpx get().json()"
SMALL_JOB = {"id": JOB_ID, "name": "nightly", "state": "running", "create_time_ms": 1700000000000}


@dataclass
class OverheadResult:
    calls: int
    times: dict[str, list[float]]  # seconds per call, one value per round
    cpu_times: dict[str, list[float]] = field(default_factory=dict)  # the same, thread CPU time
    # (function, ours µs per call, bare µs per call), cProfile's own time, largest difference first
    profile_rows: list[tuple[str, float, float]] = field(default_factory=list)
    # (function of the runtime, µs per call including callees), under cProfile
    runtime_rows: list[tuple[str, float]] = field(default_factory=list)

    def cpu_micros(self, name: str) -> float:
        return median(self.cpu_times[name]) * 1e6

    def cpu_ratio(self, numerator: str, denominator: str) -> float:
        return paired_ratio(self.cpu_times[numerator], self.cpu_times[denominator])

    def micros(self, name: str) -> float:
        return median(self.times[name]) * 1e6

    def ratio(self, numerator: str, denominator: str) -> float:
        """``numerator``'s time over ``denominator``'s, the median of the per-round ratios."""
        return paired_ratio(self.times[numerator], self.times[denominator])


def _handler(body: bytes) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return handler


def contenders() -> dict[str, Callable[[], object]]:
    import runloop_api_client

    body = json.dumps(SMALL_JOB).encode()
    sdk = import_our_sdk()
    ours = sdk.Runloop(
        api_key=API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=httpx.MockTransport(_handler(body)))
    )
    official = runloop_api_client.Runloop(
        bearer_token=API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=httpx.MockTransport(_handler(body)))
    )
    bare = httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(_handler(body)))
    auth = {"Authorization": f"Bearer {API_KEY}"}
    path = f"/v1/benchmark_jobs/{JOB_ID}"
    check: dict[str, Any] = {
        "ours": ours.benchmark_jobs.retrieve(JOB_ID).id,
        "runloop-api-client": official.benchmark_jobs.retrieve(JOB_ID).id,
        BARE: bare.get(path, headers=auth).json()["id"],
    }
    assert set(check.values()) == {JOB_ID}, check
    return {
        "ours": lambda: ours.benchmark_jobs.retrieve(JOB_ID),
        "runloop-api-client": lambda: official.benchmark_jobs.retrieve(JOB_ID),
        BARE: lambda: bare.get(path, headers=auth).json(),
    }


def benchmark(rounds: int = 9, calls: int = 2000) -> OverheadResult:
    functions = contenders()
    times: dict[str, list[float]] = {name: [] for name in functions}
    cpu_times: dict[str, list[float]] = {name: [] for name in functions}
    for round_index in range(rounds + 1):  # round 0 warms up
        for name, fn in functions.items():
            start, cpu_start = time.perf_counter(), time.thread_time()
            for _ in range(calls):
                fn()
            if round_index:
                times[name].append((time.perf_counter() - start) / calls)
                cpu_times[name].append((time.thread_time() - cpu_start) / calls)
    result = OverheadResult(calls, times, cpu_times)
    result.profile_rows, result.runtime_rows = profile(functions["ours"], functions[BARE], calls)
    print(describe(result), flush=True)
    return result


def profile(
    ours: Callable[[], object], bare: Callable[[], object], calls: int
) -> tuple[list[tuple[str, float, float]], list[tuple[str, float]]]:
    """cProfile both: the functions whose own time differs most, and our runtime's functions."""

    def stats(fn: Callable[[], object]) -> dict[tuple[str, int, str], tuple[int, int, float, float, Any]]:
        profiler = cProfile.Profile(time.thread_time)  # CPU time: other load on the machine does not count
        profiler.enable()
        for _ in range(calls):
            fn()
        profiler.disable()
        return pstats.Stats(profiler).stats  # type: ignore[attr-defined, no-any-return]

    def name(key: tuple[str, int, str]) -> str:
        filename, _, function = key
        path = Path(filename)
        return f"{path.parent.name}/{path.name}:{function}" if filename != "~" else function

    mine, theirs = stats(ours), stats(bare)
    own: dict[str, float] = {}
    base: dict[str, float] = {}
    for key, value in mine.items():
        own[name(key)] = own.get(name(key), 0.0) + value[2]
    for key, value in theirs.items():
        base[name(key)] = base.get(name(key), 0.0) + value[2]
    rows = [(n, own.get(n, 0.0) * 1e6 / calls, base.get(n, 0.0) * 1e6 / calls) for n in set(own) | set(base)]
    rows.sort(key=lambda row: row[2] - row[1])
    runtime = [(name(key), value[3] * 1e6 / calls) for key, value in mine.items() if "runloop_benchmark_jobs" in key[0]]
    runtime.sort(key=lambda row: -row[1])
    return rows[:12], runtime[:14]


def describe(result: OverheadResult) -> str:
    lines = [
        f"{result.calls} retrieve() calls of a small job, per call (median of {len(result.times['ours'])} rounds):"
    ]
    for name, values in result.times.items():
        lines.append(
            f"  {name:24s} {median(values) * 1e6:7.1f} µs  (range {min(values) * 1e6:.1f}–{max(values) * 1e6:.1f})  "
            f"this / bare httpx = {result.ratio(name, BARE):.2f}× (median of per-round ratios); "
            f"CPU {median(result.cpu_times[name]) * 1e6:.1f} µs, {result.cpu_ratio(name, BARE):.2f}×"
        )
    lines.append("  where ours differs (cProfile, own time per call, ours vs bare):")
    lines += [f"    {n:50s} {a:6.1f} µs  {b:6.1f} µs" for n, a, b in result.profile_rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    save(benchmark(args.rounds, args.calls), args.save)


if __name__ == "__main__":
    from bench import overhead  # the same code as a named module: its results pickle as bench.overhead.*

    overhead.main()
