"""Benchmark 4: iterating 50,000 jobs in pages of 5000 over a mock transport; memory stays flat.

The mock transport serves the page after the ``starting_after`` cursor from bodies encoded
beforehand (so their bytes are not counted). With tracemalloc tracing, the peak of
memory allocated by Python is recorded for

* one page: ``page = client.benchmark_jobs.list(limit=5000)``, kept;
* all pages: ``for job in client.benchmark_jobs.list(limit=5000): ...`` over 10 pages,
  also recording the memory in use at every page boundary.

If pages were kept, the iteration's peak would grow with the number of pages (about 10×
one page); flat means a small constant multiple of one page. The wall time of the full
iteration is measured separately, without tracing.

``python -m bench.pagination [--pages N]`` prints the figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.common import API_KEY, BASE_URL, import_our_sdk, save
from bench.payload import page

PAGE_SIZE = 5000


@dataclass
class PaginationResult:
    pages: int
    items: int
    seconds: float
    one_page_peak: int
    iteration_peak: int
    boundary_current: list[int]  # memory in use when each page's first item is reached

    @property
    def peak_ratio(self) -> float:
        return self.iteration_peak / self.one_page_peak


def bodies(pages: int) -> dict[str | None, bytes]:
    """Page bodies by the cursor that requests them (None: the first page)."""
    total = pages * PAGE_SIZE
    found: dict[str | None, bytes] = {}
    cursor = None
    for index in range(pages):
        data = page(index * PAGE_SIZE, PAGE_SIZE, total=total)
        found[cursor] = json.dumps(data, separators=(",", ":")).encode()
        cursor = data["jobs"][-1]["id"]
    return found


def client(pages: int) -> Any:
    encoded = bodies(pages)

    def handler(request: httpx.Request) -> httpx.Response:
        body = encoded[request.url.params.get("starting_after")]
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    sdk = import_our_sdk()
    return sdk.Runloop(
        api_key=API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )


def _iterate(runloop: Any, on_page_start: Any = None) -> int:
    count = 0
    for job in runloop.benchmark_jobs.list(limit=PAGE_SIZE):
        if on_page_start is not None and count % PAGE_SIZE == 0:
            on_page_start()
        count += 1
        del job
    return count


def benchmark(pages: int = 10) -> PaginationResult:
    runloop = client(pages)
    _iterate(runloop)  # warm-up
    gc.collect()
    start = time.perf_counter()
    items = _iterate(runloop)
    seconds = time.perf_counter() - start
    if items != pages * PAGE_SIZE:
        raise AssertionError(f"iterated {items} jobs instead of {pages * PAGE_SIZE}")

    gc.collect()
    tracemalloc.start()
    one = runloop.benchmark_jobs.list(limit=PAGE_SIZE)
    one_page_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del one

    gc.collect()
    boundaries: list[int] = []
    tracemalloc.start()
    _iterate(runloop, lambda: boundaries.append(tracemalloc.get_traced_memory()[0]))
    iteration_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    result = PaginationResult(pages, items, seconds, one_page_peak, iteration_peak, boundaries)
    print(describe(result), flush=True)
    return result


def describe(result: PaginationResult) -> str:
    mb = 1024 * 1024
    boundaries = ", ".join(f"{value / mb:.0f}" for value in result.boundary_current)
    return "\n".join(
        [
            f"iterating {result.items:,} jobs in {result.pages} pages of {PAGE_SIZE}:",
            f"  wall time {result.seconds:.2f} s ({result.seconds / result.items * 1e6:.1f} µs per job)",
            f"  traced peak, one page kept:       {result.one_page_peak / mb:7.1f} MiB",
            f"  traced peak, whole iteration:     {result.iteration_peak / mb:7.1f} MiB"
            f" ({result.peak_ratio:.2f}× one page)",
            f"  in use at each page start (MiB): {boundaries}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    save(benchmark(args.pages), args.save)


if __name__ == "__main__":
    from bench import pagination  # the same code as a named module: its results pickle as bench.pagination.*

    pagination.main()
