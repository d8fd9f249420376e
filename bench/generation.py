"""Benchmark 1: generating an SDK, whole process, this generator vs openapi-python-client.

Each run is a fresh child process writing into a new temporary directory; wall time is
measured around it and peak memory is the child's ``ru_maxrss`` from ``wait4`` (the
largest resident set of the process or of any subprocess it waited for, e.g. ruff).
One untimed warm-up run per tool and document comes first (disk cache, ``.pyc`` files,
Jinja's bytecode cache), then ``runs`` rounds of one run of each tool; medians are reported,
and ratios are the median of the per-round ratios.

``python -m bench.generation [--runs N]`` prints the figures;
``python -m bench.generation --profile SPEC`` prints where one generation spends its time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import REPO, median, paired_ratio, save, shared_dir

# (label, path relative to the shared folder, or None for our own spec)
DOCUMENTS = [
    ("benchmark_jobs.yaml (ours)", None),
    ("peer-opc baseline_openapi_3.0.json", "specs/peer-opc/baseline_openapi_3.0.json"),
    ("spotify-web-api-fixed-3.0.yaml", "specs/spotify-web-api-fixed-3.0.yaml"),
    ("kubernetes-1.35-apiextensions-v1-3.0.json", "specs/kubernetes-1.35-apiextensions-v1-3.0.json"),
    ("box-openapi-3.0.json", "specs/box-openapi-3.0.json"),
    ("twilio-api-v2010-3.0.json", "specs/twilio-api-v2010-3.0.json"),
]

# Documents whose generation is profiled stage by stage: the smallest and a large one.
PROFILED = ("benchmark_jobs.yaml (ours)", "twilio-api-v2010-3.0.json")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    exit_code: int
    error: str


@dataclass
class ToolResult:
    runs: list[Run] = field(default_factory=list)

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if r.exit_code != 0), None)

    @property
    def seconds(self) -> float:
        return median([r.seconds for r in self.runs])

    @property
    def max_rss_mb(self) -> float:
        return median([r.max_rss_mb for r in self.runs])


@dataclass
class DocumentResult:
    label: str
    path: Path
    ours: ToolResult
    peer: ToolResult

    @property
    def time_ratio(self) -> float:
        """Ours over the peer: the median of the per-round ratios."""
        return paired_ratio([r.seconds for r in self.ours.runs], [r.seconds for r in self.peer.runs])

    @property
    def memory_ratio(self) -> float:
        return paired_ratio([r.max_rss_mb for r in self.ours.runs], [r.max_rss_mb for r in self.peer.runs])


def _environment() -> dict[str, str]:
    # Both tools find ruff (and each other's console scripts) in this interpreter's bin/.
    bin_dir = str(Path(sys.executable).parent)
    return dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))


def run_child(command: list[str]) -> Run:
    """Run ``command`` to completion; its wall time, peak RSS, exit code and stderr tail."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=_environment(), cwd=REPO)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        tail = stderr.read().decode("utf-8", "replace").strip().splitlines()[-4:]
    return Run(elapsed, usage.ru_maxrss / 1024, process.returncode, "\n".join(tail))


def our_command(spec: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(out)]


def peer_command(spec: Path, out: Path) -> list[str]:
    script = Path(sys.executable).parent / "openapi-python-client"
    return [str(script), "generate", "--path", str(spec), "--output-path", str(out), "--overwrite"]


def _once(spec: Path, command: Any) -> Run:
    scratch = Path(tempfile.mkdtemp(prefix="sdkgen-bench-"))
    try:
        return run_child(command(spec, scratch / "out"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(spec: Path, runs: int) -> tuple[ToolResult, ToolResult]:
    """Ours and the peer on ``spec``: a warm-up run each, then ``runs`` rounds of one run each.

    A tool that fails is reported with its failure and not run again.
    """
    ours, peer = ToolResult(), ToolResult()
    tools = [(ours, our_command), (peer, peer_command)]
    for round_index in range(runs + 1):  # round 0 warms up
        for result, command in tools:
            if result.failed:
                continue
            run = _once(spec, command)
            if round_index > 0 or run.exit_code != 0:
                result.runs.append(run)
    return ours, peer


def documents() -> list[tuple[str, Path]]:
    shared = shared_dir()
    found = []
    for label, relative in DOCUMENTS:
        path = REPO / "spec" / "benchmark_jobs.yaml" if relative is None else shared / relative
        if not path.is_file():
            raise SystemExit(f"missing {path}: set SDKGEN_SHARED_DIR to the shared folder")
        found.append((label, path))
    return found


def benchmark(runs: int = 5) -> list[DocumentResult]:
    results = []
    for label, path in documents():
        ours, peer = measure(path, runs)
        results.append(DocumentResult(label, path, ours, peer))
        print(format_row(results[-1]), flush=True)
    return results


def format_row(result: DocumentResult) -> str:
    ours, peer = result.ours, result.peer
    line = f"{result.label:44s} ours {ours.seconds:6.2f} s {ours.max_rss_mb:5.0f} MB"
    if ours.failed:
        line += f" (FAILED: {ours.failed.error.splitlines()[-1] if ours.failed.error else ours.failed.exit_code})"
    if peer.failed:
        return line + f" | openapi-python-client FAILED (exit {peer.failed.exit_code})"
    return (
        line + f" | openapi-python-client {peer.seconds:6.2f} s {peer.max_rss_mb:5.0f} MB"
        f" | time {result.time_ratio:.2f}×, memory {result.memory_ratio:.2f}×"
    )


# -- where our time goes -------------------------------------------------------------


def profile(spec: Path) -> dict[str, float]:
    """Phases of one generation of ``spec`` in a fresh child process (seconds)."""
    start = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-m", "bench.generation", "--profile", str(spec)],
        capture_output=True,
        text=True,
        check=True,
        env=_environment(),
        cwd=REPO,
    ).stdout
    wall = time.perf_counter() - start
    phases: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    phases["interpreter exit"] = max(wall - sum(phases.values()), 0.0)
    return phases


def _profile_in_this_process(spec: Path) -> dict[str, float]:
    """Wrap the generator's stages with timers and run it once (child side of ``profile``)."""
    phases: dict[str, float] = {}

    def add(name: str, seconds: float) -> None:
        phases[name] = phases.get(name, 0.0) + seconds

    import generator.cli as cli
    import generator.output as output
    import generator.render as render

    add("interpreter start and generator imports", _startup_seconds())

    def wrap(module: Any, name: str, label: str) -> None:
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                add(label, time.perf_counter() - start)

        setattr(module, name, timed)

    start = time.perf_counter()
    import datamodel_code_generator
    import datamodel_code_generator.parser.openapi  # noqa: F401 - what generate() imports

    add("datamodel-code-generator: import", time.perf_counter() - start)
    wrap(cli, "build_ir", "load spec and build IR")
    wrap(render, "render_models", "datamodel-code-generator: models")
    wrap(cli, "render_package", "render (Jinja templates, runtime copy)")
    wrap(output, "write_tree", "write files")
    wrap(output, "_black", "black (safety net)")
    original_run = subprocess.run

    def run(command: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original_run(command, *args, **kwargs)
        finally:
            step = next((part for part in command if part in ("check", "format")), "?")
            add(f"ruff {step} (subprocess)", time.perf_counter() - start)

    subprocess.run = run  # type: ignore[assignment]
    scratch = Path(tempfile.mkdtemp(prefix="sdkgen-profile-"))
    try:
        start = time.perf_counter()
        code = cli.main(["generate", str(spec), "-o", str(scratch / "out"), "-q"])
        total = time.perf_counter() - start
        gc.freeze()  # as generator/__main__.py does before exiting
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if code != 0:
        raise SystemExit(code)
    # render_package includes the models: report the Jinja part alone.
    phases["render (Jinja templates, runtime copy)"] -= phases.get("datamodel-code-generator: models", 0.0)
    accounted = sum(v for k, v in phases.items() if not k.startswith("interpreter"))
    phases["other (config, swap into place, ...)"] = max(
        total + phases["datamodel-code-generator: import"] - accounted, 0.0
    )
    return phases


def _startup_seconds() -> float:
    """Seconds from process start to now, as the kernel counts them."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(uptime - start_ticks / ticks, 0.0)
    except (OSError, ValueError, IndexError):
        return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="print the phases of one generation (JSON)")
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    if args.profile:
        print(json.dumps(_profile_in_this_process(args.profile)))
        return
    results = benchmark(args.runs)
    profiles = {label: profile(path) for label, path in documents() if label in PROFILED}
    save((results, profiles), args.save)


if __name__ == "__main__":
    from bench import generation  # the same code as a named module: its results pickle as bench.generation.*

    generation.main()
