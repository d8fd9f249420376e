"""What every benchmark shares: paths, timing, statistics and a description of the machine."""

from __future__ import annotations

import gc
import importlib.metadata
import os
import pickle
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GENERATED = REPO / "generated"
API_KEY = "rl_bench_key"
BASE_URL = "https://api.runloop.ai"


def shared_dir() -> Path:
    """The shared folder of public specs (``SDKGEN_SHARED_DIR`` overrides ``../shared``)."""
    return Path(os.environ.get("SDKGEN_SHARED_DIR", REPO.parent / "shared"))


def import_our_sdk() -> Any:
    """The committed SDK in generated/ (package ``runloop_benchmark_jobs``)."""
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    import runloop_benchmark_jobs

    return runloop_benchmark_jobs


def save(result: object, path: Path | None) -> None:
    """Hand ``result`` to ``python -m bench``, which runs each benchmark in a process of its own."""
    if path is not None:
        path.write_bytes(pickle.dumps(result))


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes, its result dropped afterwards (outside the timing).

    A full collection runs first so that garbage left by the previous call is not
    collected during this one; the GC itself stays as it is (enabled), as in a program.
    """
    gc.collect()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def interleaved(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Time each contender once per round, alternating, so drifts in machine load hit all alike."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            times[name].append(timed(fn))
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratio(numerator: list[float], denominator: list[float]) -> float:
    """Median of the per-round ratios of two contenders timed in the same interleaved rounds.

    Each round runs the contenders back to back, so a burst of load on the machine slows
    both samples of a round alike and cancels out of their ratio.
    """
    return median([a / b for a, b in zip(numerator, denominator, strict=True)])


def spread(values: list[float]) -> str:
    """``min–max`` of a list of seconds, as milliseconds."""
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def ratio(value: float) -> str:
    return f"{value:.2f}×"


def versions(*names: str) -> dict[str, str]:
    found = {}
    for name in names:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def machine() -> dict[str, str]:
    """CPU, memory, OS and Python of this run."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                break
    except OSError:
        pass
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    return {
        "cpu": f"{cpu} ({os.cpu_count()} logical cores)",
        "memory": memory or "unknown",
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "load average at start (1, 5, 15 min)": load,
    }
