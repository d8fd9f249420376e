"""Benchmark 1: generating an SDK, whole process, this generator vs openapi-python-client.

Each run is a fresh child process writing into a new temporary directory; wall time is
measured around it. Peak memory is measured two ways, both sampled every 10 ms over the child
and its subprocesses (ruff): the largest resident high-water mark (``VmHWM``) of one process,
and the peak of their summed resident sets (what the machine holds meanwhile).
Ours runs cold (an empty model cache of its own) and warm (the cache filled by an earlier
run on the same document). One untimed warm-up round per document comes first (disk cache,
``.pyc`` files, Jinja's bytecode cache, and the warm model cache), then ``runs`` rounds of
one run of each contender; medians are reported, and ratios are the median of the
per-round ratios. The synthetic documents (``bench/synthetic.py``) get fewer rounds and the
peer a time limit: openapi-python-client's time grows much faster than the document there.

``python -m bench.generation [--runs N]`` prints the figures;
``python -m bench.generation --profile SPEC [--warm]`` prints where one generation spends its time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import synthetic
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
# The big documents of issue 15: fewer rounds (each takes seconds); the values are openapi-python-client's
# config (it refuses Stripe's enums without literal_enums).
BIG_DOCUMENTS = {
    "GitHub (github-api.github.com-3.0.json)": ("specs-big/github-api.github.com-3.0.json", ""),
    "Stripe (stripe-spec3-3.0.yaml)": ("specs-big/stripe-spec3-3.0.yaml", "literal_enums: true\n"),
    "OpenAI (openai-openapi-3.1.yaml)": ("specs-big/openai-openapi-3.1.yaml", ""),
}
SYNTHETIC_OPERATIONS, SYNTHETIC_SCHEMAS = 2000, 5000
SYNTHETIC = f"synthetic: {SYNTHETIC_OPERATIONS:,} operations, {SYNTHETIC_SCHEMAS:,} schemas"
# Time against the number of schemas: synthetic documents with 2 operations per 5 schemas.
SCALE = (500, 1000, 2000, 5000)

# Documents whose generation is profiled stage by stage: the smallest, a large one, the synthetic one.
PROFILED = ("benchmark_jobs.yaml (ours)", "twilio-api-v2010-3.0.json", SYNTHETIC)


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    exit_code: int
    error: str
    tree_peak_mb: float = 0.0
    timed_out: bool = False


@dataclass
class ToolResult:
    runs: list[Run] = field(default_factory=list)

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if r.exit_code != 0 and not r.timed_out), None)

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    @property
    def seconds(self) -> float:
        return median([r.seconds for r in self.runs])

    @property
    def max_rss_mb(self) -> float:
        return median([r.max_rss_mb for r in self.runs])

    @property
    def tree_peak_mb(self) -> float:
        return median([r.tree_peak_mb for r in self.runs])


@dataclass
class DocumentResult:
    label: str
    path: Path
    cold: ToolResult
    warm: ToolResult
    peer: ToolResult
    size_bytes: int = 0
    schemas: int = 0
    operations: int = 0

    def time_ratio(self, ours: ToolResult) -> float:
        """Ours over the peer: the median of the per-round ratios (a lower bound if the peer timed out)."""
        return paired_ratio([r.seconds for r in ours.runs], [r.seconds for r in self.peer.runs])

    def memory_ratio(self, ours: ToolResult, *, tree: bool = False) -> float:
        def mb(run: Run) -> float:
            return run.tree_peak_mb if tree else run.max_rss_mb

        return paired_ratio([mb(r) for r in ours.runs], [mb(r) for r in self.peer.runs])

    @property
    def compared(self) -> bool:
        """Both ran to the end (or the peer ran out of time, which still bounds the ratio)."""
        return not self.cold.failed and not self.warm.failed and not self.peer.failed


def _environment() -> dict[str, str]:
    # Both tools find ruff (and each other's console scripts) in this interpreter's bin/.
    bin_dir = str(Path(sys.executable).parent)
    return dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))


def _tree_memory_mb(pid: int) -> tuple[float, float]:
    """(summed resident set, largest resident high-water mark) of ``pid`` and its descendants, in MB.

    The high-water mark (``VmHWM``) counts from the process's ``exec``: unlike ``ru_maxrss``
    from ``wait4``, it does not include the benchmark's own pages, which a child shares
    between ``fork`` and ``exec`` (hundreds of MB once the benchmark has read a big document).
    """
    page = os.sysconf("SC_PAGE_SIZE")
    total, largest, stack = 0, 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    largest = max(largest, int(line.split()[1]) * 1024)
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total / 1024 / 1024, largest / 1024 / 1024


def run_child(command: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> Run:
    """Run ``command`` to completion; its wall time, peak RSS (largest process, summed tree), exit code, stderr tail.

    Past ``timeout`` seconds the child and its descendants are killed and the run is marked timed out.
    """
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env or _environment(),
            cwd=REPO,
            start_new_session=True,
        )
        peak = [0.0, 0.0]  # summed tree, largest process
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.01):
                summed, largest = _tree_memory_mb(process.pid)
                peak[0], peak[1] = max(peak[0], summed), max(peak[1], largest)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        timer = None
        if timeout is not None:

            def kill() -> None:
                nonlocal timed_out
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)  # the child is not reaped yet: its group is ours

            timer = threading.Timer(timeout, kill)
            timer.start()
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
        elapsed = time.perf_counter() - start
        if timer is not None:
            timer.cancel()
            timer.join()  # a kill, if any, happened before the reaping below
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        tail = stderr.read().decode("utf-8", "replace").strip().splitlines()[-4:]
    return Run(elapsed, peak[1] or usage.ru_maxrss / 1024, process.returncode, "\n".join(tail), peak[0], timed_out)


def our_command(spec: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(out)]


def _peer_command(spec: Path, out: Path, config: str = "") -> list[str]:
    script = Path(sys.executable).parent / "openapi-python-client"
    command = [str(script), "generate", "--path", str(spec), "--output-path", str(out), "--overwrite"]
    if config:
        path = out.parent / "peer-config.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(config)
        command += ["--config", str(path)]
    return command


def _once(spec: Path, command: Any, cache: Path | None = None, timeout: float | None = None) -> Run:
    """One run in a scratch folder; ours with its model cache in ``cache`` (else an empty one)."""
    scratch = Path(tempfile.mkdtemp(prefix="sdkgen-bench-"))
    try:
        env = dict(_environment(), SDKGEN_CACHE_DIR=str(cache or scratch / "empty-cache"))
        return run_child(command(spec, scratch / "out"), env, timeout)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(
    spec: Path, runs: int, *, peer_timeout: float | None = None, warm_up_peer: bool = True, peer_config: str = ""
) -> tuple[ToolResult, ToolResult, ToolResult]:
    """Ours cold, ours warm and the peer on ``spec``: a warm-up round, then ``runs`` rounds.

    A contender that fails is reported with its failure and not run again; so is a peer
    that ran out of time (its time is then a lower bound).
    """
    cold, warm, peer = ToolResult(), ToolResult(), ToolResult()

    def peer_command(spec: Path, out: Path) -> list[str]:
        return _peer_command(spec, out, peer_config)

    with tempfile.TemporaryDirectory(prefix="sdkgen-bench-cache-") as warm_cache:
        cache = Path(warm_cache)
        _once(spec, our_command, cache)  # warm-up, and it fills the warm cache
        if warm_up_peer:
            warm_up = _once(spec, peer_command, timeout=peer_timeout)
            if warm_up.exit_code != 0:
                peer.runs.append(warm_up)
        for _ in range(runs):
            if not cold.failed:
                cold.runs.append(_once(spec, our_command))
            if not warm.failed:
                warm.runs.append(_once(spec, our_command, cache))
            if not (peer.failed or peer.timed_out):
                peer.runs.append(_once(spec, peer_command, timeout=peer_timeout))
    return cold, warm, peer


def documents() -> list[tuple[str, Path]]:
    shared = shared_dir()
    found = []
    for label, relative in DOCUMENTS:
        path = REPO / "spec" / "benchmark_jobs.yaml" if relative is None else shared / relative
        if not path.is_file():
            raise SystemExit(f"missing {path}: set SDKGEN_SHARED_DIR to the shared folder")
        found.append((label, path))
    return found


def synthetic_documents(folder: Path) -> dict[int, Path]:
    """The synthetic documents of ``SCALE`` (the last is the 2,000-operation, 5,000-schema one)."""
    paths = {}
    for schemas in SCALE:
        operations = SYNTHETIC_OPERATIONS if schemas == SYNTHETIC_SCHEMAS else schemas * 2 // 5
        paths[schemas] = synthetic.write(folder / f"synthetic-{schemas}.json", operations, schemas)
    return paths


def _shape(path: Path) -> tuple[int, int]:
    """(schemas, operations) of a JSON or YAML document."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        document = json.loads(text)
    else:
        import yaml

        document = yaml.safe_load(text)
    schemas = len(((document.get("components") or {}).get("schemas")) or {})
    methods = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
    operations = sum(len(methods & set(item)) for item in (document.get("paths") or {}).values())
    return schemas, operations


@dataclass
class GenerationResults:
    documents: list[DocumentResult]
    scale: list[DocumentResult]
    profiles: dict[str, dict[str, dict[str, float]]]  # label -> "cold"/"warm" -> phases
    scale_profiles: dict[int, dict[str, float]]
    peer_timeout: float
    big: list[DocumentResult] = field(default_factory=list)  # the big documents of issue 15
    big_profiles: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)


def _result(label: str, path: Path, contenders: tuple[ToolResult, ToolResult, ToolResult]) -> DocumentResult:
    schemas, operations = _shape(path)
    return DocumentResult(label, path, *contenders, path.stat().st_size, schemas, operations)


def benchmark(
    runs: int = 5, synthetic_runs: int = 1, peer_timeout: float = 180.0, big_runs: int = 3
) -> GenerationResults:
    results = []
    for label, path in documents():
        results.append(_result(label, path, measure(path, runs)))
        print(format_row(results[-1]), flush=True)
    big = []
    for label, (relative, peer_config) in BIG_DOCUMENTS.items():
        path = shared_dir() / relative
        big.append(_result(label, path, measure(path, big_runs, peer_config=peer_config)))
        print(format_row(big[-1]), flush=True)
    big_profiles = {label: {"cold": profile(r.path), "warm": profile(r.path, warm=True)} for label, r in
                    zip(BIG_DOCUMENTS, big, strict=True)}  # fmt: skip
    profiles: dict[str, dict[str, dict[str, float]]] = {}
    scale_profiles: dict[int, dict[str, float]] = {}
    scale = []
    with tempfile.TemporaryDirectory(prefix="sdkgen-bench-synthetic-") as folder:
        paths = synthetic_documents(Path(folder))
        for schemas, path in paths.items():
            label = SYNTHETIC if schemas == SYNTHETIC_SCHEMAS else f"synthetic: {schemas:,} schemas"
            result = _result(label, path, measure(path, synthetic_runs, peer_timeout=peer_timeout, warm_up_peer=False))
            scale.append(result)
            print(format_row(result), flush=True)
            scale_profiles[schemas] = profile(path)
            if schemas == SYNTHETIC_SCHEMAS:
                results.append(result)
                profiles[SYNTHETIC] = {"cold": scale_profiles[schemas], "warm": profile(path, warm=True)}
    for label, path in documents():
        if label in PROFILED:
            profiles[label] = {"cold": profile(path), "warm": profile(path, warm=True)}
    return GenerationResults(
        results, scale, {k: profiles[k] for k in PROFILED}, scale_profiles, peer_timeout, big, big_profiles
    )


def format_row(result: DocumentResult) -> str:
    cold, warm, peer = result.cold, result.warm, result.peer
    line = f"{result.label:44s} cold {cold.seconds:6.2f} s {cold.max_rss_mb:5.0f} MB, warm {warm.seconds:6.2f} s"
    for name, ours in (("cold", cold), ("warm", warm)):
        if ours.failed:
            line += f" ({name} FAILED: {ours.failed.error.splitlines()[-1] if ours.failed.error else ours.failed.exit_code})"
    if peer.failed:
        return line + f" | openapi-python-client FAILED (exit {peer.failed.exit_code})"
    bound = ">" if peer.timed_out else ""
    return (
        line + f" | openapi-python-client {bound}{peer.seconds:6.2f} s {peer.max_rss_mb:5.0f} MB"
        f" | cold {result.time_ratio(cold):.2f}×, warm {result.time_ratio(warm):.2f}×,"
        f" memory {result.memory_ratio(cold):.2f}× (tree {result.memory_ratio(cold, tree=True):.2f}×)"
    )


# -- where our time goes -------------------------------------------------------------


def profile(spec: Path, *, warm: bool = False) -> dict[str, float]:
    """Phases of one generation of ``spec`` in a fresh child process (seconds).

    Cold: an empty model cache. Warm: the cache filled by a run just before, in a process of its own.
    """
    with tempfile.TemporaryDirectory(prefix="sdkgen-profile-cache-") as cache:
        env = dict(_environment(), SDKGEN_CACHE_DIR=cache)
        if warm:
            with tempfile.TemporaryDirectory(prefix="sdkgen-profile-") as out:
                subprocess.run([*our_command(spec, Path(out) / "out"), "-q"], env=env, cwd=REPO, check=True)
        start = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-m", "bench.generation", "--profile", str(spec)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=REPO,
        ).stdout
        wall = time.perf_counter() - start
    phases: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    main_total = sum(phases.values())
    phases["interpreter start and exit (rest)"] = max(wall - main_total, 0.0)
    return phases


def _profile_in_this_process(spec: Path) -> dict[str, float]:
    """Wrap the generator's stages with timers and run it once (child side of ``profile``)."""
    phases: dict[str, float] = {}

    def add(name: str, seconds: float) -> None:
        phases[name] = phases.get(name, 0.0) + seconds

    import generator.cli as cli
    import generator.commands.generate as generate
    import generator.output as output
    import generator.render as render
    import generator.settings as settings

    add("interpreter start and generator imports", _startup_seconds())

    def wrap(owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                add(label, time.perf_counter() - start)

        setattr(owner, name, timed)

    wrap(settings, "build_ir", "load spec and build IR")
    wrap(render, "render_package", "render (views, templates, runtime copy)")
    wrap(generate.Rendering, "remember", "store in the generation cache")
    wrap(output, "write_snapshot", "base snapshot (for hand edits)")
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
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if code != 0:
        raise SystemExit(code)
    accounted = sum(v for k, v in phases.items() if not k.startswith("interpreter"))
    phases["other (config, swap into place, ...)"] = max(total - accounted, 0.0)
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
    parser.add_argument("--synthetic-runs", type=int, default=1)
    parser.add_argument("--big-runs", type=int, default=3, help="rounds on the big documents (shared/specs-big)")
    parser.add_argument("--peer-timeout", type=float, default=180.0, help="seconds, on the synthetic documents")
    parser.add_argument("--profile", type=Path, help="print the phases of one generation (JSON)")
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    if args.profile:
        print(json.dumps(_profile_in_this_process(args.profile)))
        return
    save(benchmark(args.runs, args.synthetic_runs, args.peer_timeout, args.big_runs), args.save)


if __name__ == "__main__":
    from bench import generation  # the same code as a named module: its results pickle as bench.generation.*

    generation.main()
