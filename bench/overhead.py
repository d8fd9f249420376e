"""Benchmark 3: per-call overhead, 2000 ``retrieve`` calls of a small job over a mock transport.

Contenders, all answered by the same ``httpx.MockTransport`` with the same small body:

* ours: ``client.benchmark_jobs.retrieve("bmj_123")``;
* runloop-api-client 1.32.0: ``client.benchmark_jobs.retrieve("bmj_123")``;
* bare httpx: ``http.get("/v1/benchmark_jobs/bmj_123", headers={"Authorization": ...}).json()``
  on an ``httpx.Client`` with the base URL set: the least a hand-written client does.

A round times 2000 calls of each contender in turn; the median round is reported, as
microseconds per call.

``python -m bench.overhead [--rounds N] [--calls N]`` prints the figures.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
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
        bearer_token=API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=httpx.MockTransport(_handler(body)))
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
    for round_index in range(rounds + 1):  # round 0 warms up
        for name, fn in functions.items():
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            if round_index:
                times[name].append((time.perf_counter() - start) / calls)
    result = OverheadResult(calls, times)
    print(describe(result), flush=True)
    return result


def describe(result: OverheadResult) -> str:
    lines = [
        f"{result.calls} retrieve() calls of a small job, per call (median of {len(result.times['ours'])} rounds):"
    ]
    for name, values in result.times.items():
        lines.append(
            f"  {name:24s} {median(values) * 1e6:7.1f} µs  (range {min(values) * 1e6:.1f}–{max(values) * 1e6:.1f})  "
            f"this / bare httpx = {result.ratio(name, BARE):.2f}× (median of per-round ratios)"
        )
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
