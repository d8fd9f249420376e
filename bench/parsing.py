"""Benchmark 2: parsing a full list page of 5000 jobs, end to end over a mock transport.

Contenders, all given the same bytes:

* ours: ``client.benchmark_jobs.list(limit=5000)`` of the SDK in generated/;
* runloop-api-client 1.32.0: ``client.benchmark_jobs.list(limit=5000)`` of the official SDK;
* ``json.loads(body)``, bare, with the GC as a program has it (enabled);
* the same three once more on a body with unknown enum values (every 10th job), in the
  same rounds;
* for the analysis in docs/PERFORMANCE.md: ``json.loads`` and ``pydantic_core.from_json``
  with the GC paused (the decoding floor), ours without the HTTP layer, ours without the
  GC promotion, and the list model with smart-mode unions instead of left-to-right ones.

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
import sys
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pydantic_core

from bench.common import (
    API_KEY,
    BASE_URL,
    import_our_sdk,
    interleaved,
    median,
    ms,
    paired_ratio,
    ratio,
    save,
    spread,
    timed,
)
from bench.payload import job, page_bytes

PAGE_SIZE = 5000


UNKNOWN = ", unknown enum values"  # suffix of the contenders given the body with unknown values


@dataclass
class ParsingResult:
    body_bytes: int
    unknown_body_bytes: int
    times: dict[str, list[float]]

    def seconds(self, name: str) -> float:
        return median(self.times[name])

    def best(self, name: str) -> float:
        return min(self.times[name])

    def ratio(self, numerator: str, denominator: str) -> float:
        """``numerator``'s time over ``denominator``'s, the median of the per-round ratios."""
        return paired_ratio(self.times[numerator], self.times[denominator])


def transport(body: bytes) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx.MockTransport(handler)


def clients(body: bytes) -> tuple[Any, Any]:
    """Our client and the official one, both answered with ``body``."""
    import runloop_api_client

    sdk = import_our_sdk()
    ours = sdk.Runloop(api_key=API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=transport(body)))
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


def smart_union_list_model(sdk: Any) -> Any:
    """``BenchmarkJobListView`` as it would be with pydantic's default (smart) union mode.

    The generated models module is executed once more with ``union_mode="left_to_right"``
    replaced, giving an independent set of classes to compare with.
    """
    source = Path(sdk.types._models.__file__).read_text(encoding="utf-8")
    if 'union_mode="left_to_right"' not in source:
        raise AssertionError("the generated models have no left-to-right unions any more")
    module = types.ModuleType("bench_smart_union_models")
    sys.modules[module.__name__] = module  # pydantic resolves the annotations through it
    code = compile(source.replace('union_mode="left_to_right"', 'union_mode="smart"'), module.__name__, "exec")
    exec(code, module.__dict__)
    model = module.BenchmarkJobListView
    model.model_rebuild()
    return model


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
        for index, (item, wire) in enumerate(zip(page.jobs, jobs, strict=True)):
            walk(item, wire, f"{name}: /jobs/{index}")


def benchmark(rounds: int = 7) -> ParsingResult:
    """Every contender on the page with known values, the three peers also on the page with
    unknown enum values, all in the same interleaved rounds."""
    body = page_bytes(PAGE_SIZE)
    unknown_body = page_bytes(PAGE_SIZE, unknown_enums=True)
    ours, official = clients(body)
    ours_unknown, official_unknown = clients(unknown_body)
    for client, other, data in ((ours, official, body), (ours_unknown, official_unknown, unknown_body)):
        verify(
            client.benchmark_jobs.list(limit=PAGE_SIZE), other.benchmark_jobs.list(limit=PAGE_SIZE), json.loads(data)
        )
    sdk = import_our_sdk()
    smart = smart_union_list_model(sdk)
    contenders: dict[str, Callable[[], object]] = {
        "ours": lambda: ours.benchmark_jobs.list(limit=PAGE_SIZE),
        "ours" + UNKNOWN: lambda: ours_unknown.benchmark_jobs.list(limit=PAGE_SIZE),
        "json.loads": lambda: json.loads(body),
        "json.loads" + UNKNOWN: lambda: json.loads(unknown_body),
        "runloop-api-client": lambda: official.benchmark_jobs.list(limit=PAGE_SIZE),
        "runloop-api-client" + UNKNOWN: lambda: official_unknown.benchmark_jobs.list(limit=PAGE_SIZE),
        # For the analysis: the parts of ours, and what they would cost otherwise.
        "json.loads, GC paused": _paused(lambda: json.loads(body)),
        "pydantic_core.from_json, GC paused": _paused(lambda: pydantic_core.from_json(body)),
        "ours, parse_json only": lambda: sdk._models.parse_json(sdk.pagination.SyncBenchmarkJobsPage, body),
        "ours, no promotion after the GC pause": _without_promotion(
            sdk, lambda: ours.benchmark_jobs.list(limit=PAGE_SIZE)
        ),
        "ours, parse_json of the list model": lambda: sdk._models.parse_json(sdk.types.BenchmarkJobListView, body),
        "the same, smart-mode unions": lambda: sdk._models.parse_json(smart, body),
    }
    for fn in contenders.values():
        timed(fn)  # warm-up: schema builds, caches, first allocations
    result = ParsingResult(len(body), len(unknown_body), interleaved(contenders, rounds))
    print(describe(result), flush=True)
    return result


@dataclass
class UnionResult:
    items: int
    body_bytes: int
    times: dict[str, list[float]]


def union_heavy(rounds: int = 7, runs: int = 40_000) -> UnionResult:
    """A list of in-progress runs, each with an ``agent_config`` union: left to right vs smart."""
    sdk = import_our_sdk()
    smart_union_list_model(sdk)
    smart_module = sys.modules["bench_smart_union_models"]
    items = []
    for index in range(runs // 2):
        items.append(job(index)["in_progress_runs"][0])  # a job agent: the second variant
        items.append(
            {
                "benchmark_run_id": f"bmr_{index}",
                "state": "running",
                "start_time_ms": 1,
                "agent_config": {"type": "external_api"},
            }
        )
    body = json.dumps(items, separators=(",", ":")).encode()
    left_to_right = list[sdk.types.InProgressRun]
    smart = list[smart_module.InProgressRun]
    contenders: dict[str, Callable[[], object]] = {
        "left to right (generated)": lambda: sdk._models.parse_json(left_to_right, body),
        "smart": lambda: sdk._models.parse_json(smart, body),
    }
    for fn in contenders.values():
        timed(fn)
    result = UnionResult(len(items), len(body), interleaved(contenders, rounds))
    print(
        f"{result.items} in-progress runs with an agent_config union ({result.body_bytes / 1e6:.1f} MB): "
        + ", ".join(f"{name} {ms(median(values))}" for name, values in result.times.items()),
        flush=True,
    )
    return result


def describe(result: ParsingResult) -> str:
    lines = [
        f"list page of {PAGE_SIZE} jobs ({result.body_bytes / 1e6:.1f} MB; "
        f"{result.unknown_body_bytes / 1e6:.1f} MB with unknown enum values):"
    ]
    ours = result.seconds("ours")
    for name, values in result.times.items():
        seconds = median(values)
        lines.append(
            f"  {name:40s} {ms(seconds):>9s}  (range {spread(values)} ms)  ours / this = {ratio(ours / seconds)}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    save((benchmark(args.rounds), union_heavy(args.rounds)), args.save)


if __name__ == "__main__":
    from bench import parsing  # the same code as a named module: its results pickle as bench.parsing.*

    parsing.main()
