"""Benchmark 2: parsing a full list page of 5000 jobs, end to end over a mock transport.

Contenders, all given the same bytes:

* ours: ``client.benchmark_jobs.list(limit=5000)`` of the SDK in generated/;
* runloop-api-client 1.32.0: ``client.benchmark_jobs.list(limit=5000)`` of the official SDK;
* ``json.loads(body)``, bare, with the GC as a program has it (enabled);
* ``json.loads(body)`` with the GC paused: the decoding floor, for reference.

Every item is fully built by every SDK: both build nested model objects eagerly (the
official SDK with ``construct``, ours with ``model_validate_json``). ``verify`` walks the
whole result of each once, outside the timing, and fails if any nested object were left
as a plain dict (i.e. built lazily later).

``python -m bench.parsing [--rounds N]`` prints the figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pydantic_core

from bench.common import API_KEY, BASE_URL, import_our_sdk, interleaved, median, ms, ratio, spread, timed
from bench.payload import page_bytes

PAGE_SIZE = 5000


@dataclass
class ParsingResult:
    unknown_enums: bool
    body_bytes: int
    times: dict[str, list[float]]

    def seconds(self, name: str) -> float:
        return median(self.times[name])


def transport(body: bytes) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx.MockTransport(handler)


def clients(body: bytes) -> tuple[Any, Any]:
    """Our client and the official one, both answered with ``body``."""
    import runloop_api_client

    sdk = import_our_sdk()
    ours = sdk.Runloop(bearer_token=API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=transport(body)))
    official = runloop_api_client.Runloop(
        bearer_token=API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=transport(body))
    )
    return ours, official


def _paused(fn: Callable[[], object]) -> Callable[[], object]:
    """``fn`` with the cyclic GC off meanwhile (and the result promoted, as ours does)."""

    def run() -> object:
        gc.disable()
        try:
            return fn()
        finally:
            gc.freeze()
            gc.unfreeze()
            gc.enable()

    return run


def _without_promotion(sdk: Any, fn: Callable[[], object]) -> Callable[[], object]:
    """``fn`` with ours pausing the GC but re-enabling it plainly, as before the promotion."""

    def run() -> object:
        threshold = sdk._models._PROMOTE_MIN_BYTES
        sdk._models._PROMOTE_MIN_BYTES = float("inf")
        try:
            return fn()
        finally:
            sdk._models._PROMOTE_MIN_BYTES = threshold

    return run


def verify(ours_page: Any, official_page: Any, expected: dict[str, Any]) -> None:
    """Both results hold every job, fully built as models, with the values of the body."""
    from pydantic import BaseModel

    def walk(value: object, wire: object, path: str) -> None:
        if isinstance(wire, dict):
            if not isinstance(value, BaseModel):
                raise AssertionError(f"{path}: {type(value).__name__} where a model was expected (lazy?)")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # construct() keeps an int where a float is declared
                dumped = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
            if dumped != wire:
                raise AssertionError(f"{path}: values differ from the body")
            for name, field in type(value).model_fields.items():
                key = field.alias or name
                if key not in wire or not isinstance(wire[key], (dict, list)):
                    continue
                if isinstance(wire[key], dict) and "dict" in str(field.annotation).lower():
                    continue  # a map field: a dict is what it should hold
                walk(getattr(value, name), wire[key], f"{path}/{key}")
        elif isinstance(wire, list):
            assert isinstance(value, list), path
            for index, (item, wire_item) in enumerate(zip(value, wire, strict=True)):
                walk(item, wire_item, f"{path}/{index}")

    jobs = expected["jobs"]
    for name, page in (("ours", ours_page), ("runloop-api-client", official_page)):
        if len(page.jobs) != len(jobs):
            raise AssertionError(f"{name}: {len(page.jobs)} jobs instead of {len(jobs)}")
        for index, (job, wire) in enumerate(zip(page.jobs, jobs, strict=True)):
            walk(job, wire, f"{name}: /jobs/{index}")


def benchmark(rounds: int = 7, *, unknown_enums: bool = False) -> ParsingResult:
    body = page_bytes(PAGE_SIZE, unknown_enums=unknown_enums)
    ours, official = clients(body)
    verify(ours.benchmark_jobs.list(limit=PAGE_SIZE), official.benchmark_jobs.list(limit=PAGE_SIZE), json.loads(body))
    sdk = import_our_sdk()
    contenders: dict[str, Callable[[], object]] = {
        "ours": lambda: ours.benchmark_jobs.list(limit=PAGE_SIZE),
        "runloop-api-client": lambda: official.benchmark_jobs.list(limit=PAGE_SIZE),
        "json.loads": lambda: json.loads(body),
        # For the analysis: the parts of ours, and what they would cost otherwise.
        "json.loads, GC paused": _paused(lambda: json.loads(body)),
        "pydantic_core.from_json, GC paused": _paused(lambda: pydantic_core.from_json(body)),
        "ours, parse_json only": lambda: sdk._models.parse_json(sdk.pagination.SyncBenchmarkJobsPage, body),
        "ours, no promotion after the GC pause": _without_promotion(
            sdk, lambda: ours.benchmark_jobs.list(limit=PAGE_SIZE)
        ),
    }
    for fn in contenders.values():
        timed(fn)  # warm-up: schema builds, caches, first allocations
    result = ParsingResult(unknown_enums, len(body), interleaved(contenders, rounds))
    print(describe(result), flush=True)
    return result


def describe(result: ParsingResult) -> str:
    title = "with unknown enum values" if result.unknown_enums else "known values only"
    lines = [f"list page of {PAGE_SIZE} jobs ({result.body_bytes / 1e6:.1f} MB), {title}:"]
    ours = result.seconds("ours")
    for name, values in result.times.items():
        seconds = median(values)
        lines.append(
            f"  {name:24s} {ms(seconds):>9s}  (range {spread(values)} ms)  ours / this = {ratio(ours / seconds)}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    benchmark(args.rounds)
    benchmark(args.rounds, unknown_enums=True)


if __name__ == "__main__":
    main()
