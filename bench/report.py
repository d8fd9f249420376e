"""docs/PERFORMANCE.md from the figures of one ``python -m bench`` run."""

from __future__ import annotations

import datetime
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import REPO, median, versions
from bench.generation import DocumentResult, GenerationResults, ToolResult
from bench.imports import ImportResults
from bench.overhead import BARE, OverheadResult
from bench.pagination import PaginationResult
from bench.parsing import PAGE_SIZE, UNKNOWN, ParsingResult, UnionResult

GENERATION_TIME_TARGET = 0.5  # at most this fraction of openapi-python-client's time
GENERATION_MEMORY_TARGET = 1.0
WARM_TIME_TARGET = 0.2  # a cache hit: at most this fraction of openapi-python-client's time
IMPORT_TARGET = 1.25  # import weight: at most this multiple of the floor process, time and peak memory
FIRST_CALL_TARGET = 0.050  # seconds the first mocked call may add
SPEEDUP_TARGET = 5.0  # list page: at least this many times faster than runloop-api-client
JSON_LOADS_TARGET = 1.3  # list page: at most this multiple of json.loads
OVERHEAD_TARGET = 1.3  # per call: at most this multiple of bare httpx
UNKNOWN_ENUM_TOLERANCE = 1.10  # "not slower": within run-to-run noise
MIB = 1024 * 1024


@dataclass
class Results:
    machine: dict[str, str]
    quick: bool = False
    generation: GenerationResults | None = None
    parsing: ParsingResult | None = None
    unions: UnionResult | None = None
    overhead: OverheadResult | None = None
    pagination: PaginationResult | None = None
    imports: ImportResults | None = None
    seconds: float = 0.0


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return commit + (" with uncommitted changes" if dirty else "")


def write_report(results: Results, path: Path) -> None:
    sections = [
        _header(results),
        _summary(results),
        _machine(results),
        _generation(results),
        _parsing(results),
        _overhead(results),
        _pagination(results),
        _imports(results),
        CHANGES,
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(s.strip("\n") for s in sections) + "\n", encoding="utf-8")


def _header(results: Results) -> str:
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    quick = " with `--quick` (fewer samples)" if results.quick else ""
    return f"""# Performance

Written by `bash bench/run` (the scripts in `bench/`){quick} on {today}, commit {_commit()},
in {results.seconds / 60:.0f} minutes. Every figure is set against a peer measured in the same
run on the same machine, the contenders interleaved so that changes in machine load hit them
alike. Times are medians; a ratio between two contenders timed in the same rounds is the median
of the per-round ratios (a burst of load slows both samples of a round and cancels out); best
and worst samples show the spread. Run it again to refresh
this file: `bash bench/run` (or `.venv/bin/python -m bench`, `--quick` for fewer samples,
`--only NAME` to print one benchmark without writing this file)."""


# -- summary -------------------------------------------------------------------------


def _generation_compared(results: Results) -> list[DocumentResult]:
    return [r for r in results.generation.documents if r.compared] if results.generation else []


def _bound(result: DocumentResult) -> str:
    """ "<" before a ratio over a peer that ran out of time (the true ratio is smaller)."""
    return "<" if result.peer.timed_out else ""


def _ratio_range(compared: list[DocumentResult], ratio: Any) -> tuple[str, DocumentResult, float]:
    values = [(ratio(r), r) for r in compared]
    worst_value, worst = max(values, key=lambda pair: pair[0])
    low = min(v for v, _ in values)
    return f"{low:.2f}×–{worst_value:.2f}×", worst, worst_value


def _summary(results: Results) -> str:
    rows = ["| benchmark | target | measured | verdict |", "|---|---|---|---|"]
    compared = _generation_compared(results)
    if compared and results.generation:
        failed = [r.label for r in results.generation.documents if not r.compared]
        note = f"; openapi-python-client failed on {', '.join(failed)}" if failed else ""
        timed_out = [r.label for r in compared if r.peer.timed_out]
        if timed_out:
            note += f"; on {', '.join(timed_out)} it ran out of its {results.generation.peer_timeout:.0f} s (ratio is an upper bound)"
        cold, worst, value = _ratio_range(compared, lambda r: r.time_ratio(r.cold))
        rows.append(
            f"| 1. generation, cold (empty model cache), wall time | ≤ {GENERATION_TIME_TARGET}× openapi-python-client "
            f"on every document | {cold} (worst: {worst.label}){note} | {verdict(value <= GENERATION_TIME_TARGET)} |"
        )
        warm, worst, value = _ratio_range(compared, lambda r: r.time_ratio(r.warm))
        rows.append(
            f"| 1. generation, warm (model cache hit), wall time | ≤ {WARM_TIME_TARGET}× openapi-python-client "
            f"| {warm} (worst: {worst.label}) | {verdict(value <= WARM_TIME_TARGET)} |"
        )
        memory, worst, value = _ratio_range(compared, lambda r: r.memory_ratio(r.cold))
        tree, worst_tree, tree_value = _ratio_range(compared, lambda r: r.memory_ratio(r.cold, tree=True))
        rows.append(
            f"| 1. generation, cold, peak memory | ≤ {GENERATION_MEMORY_TARGET}× openapi-python-client "
            f"| largest process {memory} (worst: {worst.label}); whole process tree summed {tree} "
            f"(worst: {worst_tree.label}) | largest process {verdict(value <= GENERATION_MEMORY_TARGET)}; "
            f"summed {verdict(tree_value <= GENERATION_MEMORY_TARGET)} |"
        )
    big = [r for r in results.generation.big if r.compared] if results.generation else []
    if big:
        cold, worst, value = _ratio_range(big, lambda r: r.time_ratio(r.cold))
        warm, worst_warm, warm_value = _ratio_range(big, lambda r: r.time_ratio(r.warm))
        memory, worst_memory, memory_value = _ratio_range(big, lambda r: r.memory_ratio(r.cold))
        rows.append(
            f"| 1. big documents (GitHub, Stripe, OpenAI), cold, wall time | ≤ {GENERATION_TIME_TARGET}× "
            f"openapi-python-client | {cold} (worst: {worst.label}) | {verdict(value <= GENERATION_TIME_TARGET)} |"
        )
        rows.append(
            f"| 1. big documents, warm (cache hit), wall time | ≤ {WARM_TIME_TARGET}× openapi-python-client "
            f"| {warm} (worst: {worst_warm.label}) | {verdict(warm_value <= WARM_TIME_TARGET)} |"
        )
        rows.append(
            f"| 1. big documents, cold, peak memory (largest process) | ≤ {GENERATION_MEMORY_TARGET}× "
            f"openapi-python-client | {memory} (worst: {worst_memory.label}) "
            f"| {verdict(memory_value <= GENERATION_MEMORY_TARGET)} |"
        )
    if results.imports:
        imp = results.imports
        for api in imp.apis:
            label = f"ours {api.name}"
            if label not in imp.contenders:
                continue
            time_ratio, rss_ratio = imp.ratio(label), imp.ratio(label, "rss")
            call = imp.contenders[label].inner("call", "first_call")
            rows.append(
                f"| 5. import weight, {api.name} | ≤ {IMPORT_TARGET}× the floor, wall time and peak RSS "
                f"| {time_ratio:.2f}× and {rss_ratio:.2f}× ({api.peer}: {imp.ratio(api.peer):.2f}× and "
                f"{imp.ratio(api.peer, 'rss'):.2f}×) | {verdict(time_ratio <= IMPORT_TARGET)} in time; "
                f"{verdict(rss_ratio <= IMPORT_TARGET)} in memory |"
            )
            rows.append(
                f"| 5. first mocked call, {api.name} | adds ≤ {FIRST_CALL_TARGET * 1000:.0f} ms "
                f"| {call * 1000:.1f} ms ({api.peer}: {imp.contenders[api.peer].inner('call', 'first_call') * 1000:.1f} ms) "
                f"| {verdict(call <= FIRST_CALL_TARGET)} |"
            )
    if results.parsing:
        known = results.parsing
        speedup = known.ratio("runloop-api-client", "ours")
        loads = known.ratio("ours", "json.loads")
        floor = known.ratio("ours", "json.loads, GC paused")
        rows.append(
            f"| 2. list page of {PAGE_SIZE} jobs vs runloop-api-client | ≥ {SPEEDUP_TARGET:.0f}× faster "
            f"| {speedup:.1f}× faster | {verdict(speedup >= SPEEDUP_TARGET)} |"
        )
        rows.append(
            f"| 2. list page vs bare `json.loads` of the same bytes | ≤ {JSON_LOADS_TARGET}× "
            f"| {loads:.2f}× (and {floor:.2f}× a `json.loads` with the GC paused, see §2) "
            f"| {verdict(loads <= JSON_LOADS_TARGET)} against bare `json.loads`; "
            f"{verdict(floor <= JSON_LOADS_TARGET)} against the GC-paused floor |"
        )
        unknown = known.ratio("ours" + UNKNOWN, "ours")
        rows.append(
            f"| 2. unknown enum values in the page | not slower | {unknown:.2f}× the page without "
            f"| {verdict(unknown <= UNKNOWN_ENUM_TOLERANCE)} (≤ {UNKNOWN_ENUM_TOLERANCE}×: run-to-run noise) |"
        )
        unknown_speedup = known.ratio("runloop-api-client" + UNKNOWN, "ours" + UNKNOWN)
        rows.append(
            f"| 2. the same page with unknown enum values vs runloop-api-client | ≥ {SPEEDUP_TARGET:.0f}× faster "
            f"| {unknown_speedup:.1f}× faster | {verdict(unknown_speedup >= SPEEDUP_TARGET)} |"
        )
    if results.overhead:
        over = results.overhead.ratio("ours", BARE)
        cpu = results.overhead.cpu_ratio("ours", BARE)
        rows.append(
            f"| 3. per-call overhead | ≤ {OVERHEAD_TARGET}× bare httpx get-and-decode | {cpu:.2f}× in CPU time, "
            f"{over:.2f}× in wall time | {verdict(cpu <= OVERHEAD_TARGET)} in CPU time; "
            f"{verdict(over <= OVERHEAD_TARGET)} in wall time |"
        )
    if results.pagination:
        p = results.pagination
        flat = _flat(p)
        rows.append(
            f"| 4. pagination, {p.items:,} jobs | memory flat (pages not all held) "
            f"| peak {p.peak_ratio:.1f}× one page over {p.pages} pages; in use at every page start "
            f"{min(p.boundary_current) / MIB:.0f}–{max(p.boundary_current) / MIB:.0f} MiB | {verdict(flat)} |"
        )
    return "## Summary\n\n" + "\n".join(rows)


def _flat(p: PaginationResult) -> bool:
    # Flat: the peak stays well below holding every page, and memory in use stops growing.
    steady = p.boundary_current[2:] or p.boundary_current
    return p.peak_ratio < p.pages / 2 and max(steady) <= 1.1 * min(steady)


def _machine(results: Results) -> str:
    lines = ["## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in results.machine.items()]
    packages = versions(
        "pydantic",
        "pydantic-core",
        "httpx",
        "ruff",
        "jinja2",
        "openapi-python-client",
        "runloop-api-client",
    )
    lines.append("| packages | " + ", ".join(f"{k} {v}" for k, v in packages.items()) + " |")
    lines += [
        "",
        "The machine is shared (2 cores here, other jobs may run): single samples vary by 10–20 %,",
        "which is why contenders are interleaved and ratios taken round by round.",
    ]
    return "\n".join(lines)


# -- 1. generation -------------------------------------------------------------------


def _seconds(tool: ToolResult, bound: str = "") -> str:
    if tool.failed:
        message = (tool.failed.error.splitlines() or [f"exit {tool.failed.exit_code}"])[-1]
        return f"failed (exit {tool.failed.exit_code}: `{message.strip()[:80]}`)"
    return f"{bound}{tool.seconds:.2f} s"


def _rows(documents: list[DocumentResult]) -> list[str]:
    rows = [
        "| document | schemas | operations | ours, cold | ours, warm | openapi-python-client | cold ÷ peer "
        "| warm ÷ peer | ours cold, largest process | ours cold, summed tree | ours warm, largest | peer, largest "
        "| peer, summed tree | memory ÷ peer (largest, summed) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in documents:
        bound = ">" if r.peer.timed_out else ""
        ratios = (
            f"{_bound(r)}{r.time_ratio(r.cold):.2f}× | {_bound(r)}{r.time_ratio(r.warm):.2f}× "
            f"| {r.cold.max_rss_mb:.0f} MB | {r.cold.tree_peak_mb:.0f} MB | {r.warm.max_rss_mb:.0f} MB "
            f"| {r.peer.max_rss_mb:.0f} MB | {r.peer.tree_peak_mb:.0f} MB "
            f"| {r.memory_ratio(r.cold):.2f}×, {r.memory_ratio(r.cold, tree=True):.2f}×"
            if r.compared
            else f"– | – | {r.cold.max_rss_mb:.0f} MB | {r.cold.tree_peak_mb:.0f} MB | {r.warm.max_rss_mb:.0f} MB | – | – | –"
        )
        rows.append(
            f"| {r.label} | {r.schemas:,} | {r.operations:,} | {_seconds(r.cold)} | {_seconds(r.warm)} "
            f"| {_seconds(r.peer, bound)} | {ratios} |"
        )
    return rows


def _generation(results: Results) -> str:
    g = results.generation
    if g is None or not g.documents:
        return "## 1. Generation\n\nNot run."
    runs = len(g.documents[0].cold.runs)
    big_runs = len(g.big[0].cold.runs) if g.big else 0
    text = f"""## 1. Generation

**Method.** Each run is a fresh child process generating into a new temporary directory:
`python -m generator generate SPEC -o TMP` against
`openapi-python-client generate --path SPEC --output-path TMP --overwrite` (0.29.1, from PyPI,
which formats its output with ruff as we do; with `literal_enums: true` on Stripe, whose enums it
refuses otherwise). Ours runs **cold** (`SDKGEN_CACHE_DIR` an empty folder of its own) and
**warm** (the generation cache filled by an earlier run on the same document: the case of
`check` after `generate`, of a CI rerun). Wall time is measured around the child. Peak memory two
ways, sampled every 10 ms over the child and its subprocesses (ruff): the **largest** resident
high-water mark of one process (`VmHWM`, counted from its `exec`; `ru_maxrss` from `wait4` would
also count the benchmark's own pages a child holds between `fork` and `exec`), and the peak of
their **summed** resident sets. One untimed warm-up round per document (which also fills the
warm cache), then {runs} rounds of one run of each contender, alternating ({big_runs} on the big
documents; the synthetic document: {len(g.scale[-1].cold.runs) if g.scale else 1} round, the peer
stopped after {g.peer_timeout:.0f} s). Documents: our spec, five from `shared/specs/`, the three of
`shared/specs-big/` (`SDKGEN_SHARED_DIR` overrides the folder) and the synthetic document written
by `bench/synthetic.py` (deterministic: a seeded generator; objects with scalar, date-time, enum,
array, map and reference fields, string enums, discriminated unions; CRUD operations).

{chr(10).join(_rows(g.documents))}

**The big documents** (issue 15):

{chr(10).join(_rows(g.big)) if g.big else "Not run."}
"""
    return text + "\n" + _scale(g) + "\n\n" + _generation_profile(results)


def _scale(g: GenerationResults) -> str:
    if not g.scale:
        return ""
    rows = [
        "| schemas | operations | size | ours, cold | ours, warm | openapi-python-client | cold ÷ peer "
        "| load and build IR | per schema | render | per schema |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r, (schemas, phases) in zip(g.scale, g.scale_profiles.items(), strict=True):
        build = phases.get("load spec and build IR", 0.0)
        render = phases.get(RENDER, 0.0)
        bound = ">" if r.peer.timed_out else ""
        ratio = f"{_bound(r)}{r.time_ratio(r.cold):.2f}×" if r.compared else "–"
        rows.append(
            f"| {schemas:,} | {r.operations:,} | {r.size_bytes / 1e6:.1f} MB | {_seconds(r.cold)} | {_seconds(r.warm)} "
            f"| {_seconds(r.peer, bound)} | {ratio} | {build:.2f} s | {build / schemas * 1e3:.3f} ms "
            f"| {render:.2f} s | {render / schemas * 1e3:.3f} ms |"
        )
    first, second = g.scale[0], g.scale[1] if len(g.scale) > 1 else g.scale[0]
    peer_growth = (
        f"{second.peer.seconds / first.peer.seconds:.1f}× as long for {second.schemas / first.schemas:.0f}× the schemas"
        if first.compared and second.compared and first.peer.seconds
        else "longer than its time limit"
    )
    return f"""**Time against the number of schemas.** Synthetic documents of 500 to 5,000 schemas (2
operations per 5 schemas; the last row is the synthetic document above), one round each; the
stage times come from one profiled cold run of each.

{chr(10).join(rows)}

Fitted over 500 to 5,000 schemas, our load and IR build grows as the number of schemas to the
power {_exponent(g, "load spec and build IR"):.2f} and the rendering as the power {_exponent(g, RENDER):.2f}
(1.00 is linear; single samples on this shared machine move by up to 2×, so read it as "about
linear"). openapi-python-client's time grows much faster: from {first.schemas:,} to {second.schemas:,}
schemas it took {peer_growth} (rows marked > ran out of their time limit)."""


RENDER = "render (views, templates, runtime copy)"


def _exponent(g: GenerationResults, phase: str) -> float:
    """The power of the number of schemas that the time of ``phase`` grows as (least squares, log-log)."""
    points = [(math.log(n), math.log(p[phase])) for n, p in g.scale_profiles.items() if p.get(phase, 0.0) > 0]
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def _generation_profile(results: Results) -> str:
    g = results.generation
    if g is None or not (g.profiles or g.big_profiles):
        return ""
    profiles = {**g.profiles, **g.big_profiles}
    columns = [(label, state) for label in profiles for state in ("cold", "warm")]
    phases: list[str] = []
    for by_state in profiles.values():
        for profile in by_state.values():
            phases += [p for p in profile if p not in phases]
    header = "| phase | " + " | ".join(f"{label}, {state}" for label, state in columns) + " |"
    lines = [header, "|---|" + "---:|" * len(columns)]
    for phase in phases:
        cells = []
        for label, state in columns:
            profile = profiles[label][state]
            total = sum(profile.values())
            value = profile.get(phase, 0.0)
            cells.append(f"{value:.2f} s ({value / total:.0%})" if phase in profile and total else "–")
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    totals = [sum(profiles[label][state].values()) for label, state in columns]
    lines.append("| **total (wall)** | " + " | ".join(f"**{t:.2f} s**" for t in totals) + " |")
    return f"""**Where the time goes.** One generation in a fresh process, each stage of the generator
wrapped with a timer (`python -m bench.generation --profile SPEC`), cold and warm (a warm run
reads the spec's bytes, finds the generation in the cache and writes its files: no load, no IR,
no rendering, no ruff):

{chr(10).join(lines)}

{PROFILE_ANALYSIS}"""


PROFILE_ANALYSIS = """**How a cold generation runs now.** The table above has it stage by stage: load the document
and check it, build the IR (the document is freed then), decide the layout and build the views,
render the templates, write the files (thousands on a big API: creating a file on this machine's
ext4 costs ~0.2 ms), ruff (check and format, multi-threaded), then the base snapshot and the cache
entry. Peak memory is the main process's: the parsed document, then the IR and the rendered files.

Before this round (commit 5db7ac8, same machine, profiled in one run each under load): GitHub
cold took 23.9 s wall and 716 MB, Stripe 10.2 s and 379 MB, OpenAI 6.4 s and 225 MB. Where it
went on GitHub: datamodel-code-generator rendered the models in a worker process, ~25 s of CPU
for 6,659 schemas (~3.7 ms each, linear: 1.9 ms each on OpenAI's 2,429), the critical path and
the memory peak (its model tree); composing the whole document into a YAML node tree to locate
11 warnings took ~5–7 s of CPU and ~150 MB (on OpenAI's YAML 0.4 s and 42 MB for 4 warnings);
the model cache's key (pickling the whole JSON-Schema request) 3.5 s; the cyclic garbage
collector, traversing the millions of objects of the document and the IR again and again, about a
quarter of the main process's CPU.

What changed: the models are written from the IR by our own views and one template
(`generator/model_views.py`, `templates/package/types/model_module.py.jinja`), as ruff leaves
them (so it rewrites a fifth of the files, not all): 0.2 s for GitHub's 6,659 schemas against
datamodel-code-generator's 25 s, which no split into parallel workers could have reached on 2
cores (the lower bound would have been ~12 s, more than the whole budget of 0.5×
openapi-python-client's ~10 s). The rest of a generation is sequential (load → IR → views) or
already parallel (ruff), so no worker processes are started: rendering the model modules in a
second process would save at most ~0.1 s on GitHub (their views and templates are 0.25 s of
CPU), less than forking and shipping the text back. Warnings in JSON are located by scanning
the text with the C JSON decoder (each container on the pointer's path read once), in YAML from
the parser's events with every subtree off the path skipped: no node tree. The cyclic GC is
paused while generating (the objects are long-lived and acyclic; the process ends right after).
The generation cache is keyed by the inputs (spec bytes, the files it refers to, settings,
generator source and tool versions), so a warm run skips everything but writing the files."""


# -- 2. parsing ----------------------------------------------------------------------


def _parsing(results: Results) -> str:
    if not results.parsing:
        return "## 2. Parsing a list page\n\nNot run."
    known = results.parsing
    rows = [
        "| contender | median | best | worst | ours ÷ this |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in known.times.items():
        reference = "ours" + UNKNOWN if name.endswith(UNKNOWN) else "ours"
        rows.append(
            f"| {name} | {median(values) * 1000:,.0f} ms | {min(values) * 1000:,.0f} ms | {max(values) * 1000:,.0f} ms "
            f"| {known.ratio(reference, name):.2f}× |"
        )
    # The analysis uses each contender's best sample: on a shared machine the minimum is
    # the least disturbed estimate of a cost, and differences of medians can be noise.
    ours = known.best("ours")
    loads = known.best("json.loads")
    floor = known.best("json.loads, GC paused")
    decode = known.best("pydantic_core.from_json, GC paused")
    parse_only = known.best("ours, parse_json only")
    before = known.best("ours, no promotion after the GC pause")
    ltr = known.best("ours, parse_json of the list model")
    smart = known.best("the same, smart-mode unions")
    return f"""## 2. Parsing a list page

**Method.** A page of {PAGE_SIZE} realistic jobs (each: a job_spec of 2 agent configs, 2
benchmark outcomes of 10 scenario outcomes each, a run in progress, a job source of one of
three kinds; built by `bench/payload.py`), served by an `httpx.MockTransport`. Ours:
`client.benchmark_jobs.list(limit={PAGE_SIZE})`; runloop-api-client 1.32.0:
`client.benchmark_jobs.list(limit={PAGE_SIZE})` (its list call returns the whole
`BenchmarkJobListView`). Both build every nested object eagerly: the official SDK with its
non-validating `construct`, ours with `model_validate_json`. Before timing, the whole result
of each is walked and compared with the body; any nested object left as a dict (built lazily)
would fail the run. `json.loads` is timed bare, with the GC on as in any program; the
"GC paused" rows pause the GC as ours does and are there for the analysis. Each timed call
follows a `gc.collect()`; {len(known.times["ours"])} interleaved rounds. The rows marked
"unknown enum values" get a body ({known.unknown_body_bytes / 1e6:.1f} MB instead of
{known.body_bytes / 1e6:.1f} MB) with an unknown job state, scenario state and run state in
every 10th job (a newer server); their last column compares with ours on that same body.

{chr(10).join(rows)}

**Where the time goes** (known values; best sample of each contender in this run, the least
disturbed by other load on the machine):

- Decoding the bytes into plain Python objects costs {floor * 1000:.0f} ms with `json.loads`
  and {decode * 1000:.0f} ms with pydantic-core's own parser, both with the GC paused.
- `parse_json` alone (pydantic-core: decode, validate, build ~45 model objects per job)
  takes {parse_only * 1000:.0f} ms: building and validating models costs
  {(parse_only - decode) * 1000:.0f} ms more than decoding into dicts. That is pydantic-core's
  price per model instance (instance, `__dict__`, fields-set, extras dict); we measured it
  insensitive to the model options that could matter (`extra="ignore"`, `cache_strings`
  off or keys only, enums as plain strings: all within ±3 %), so it is not ours to remove
  while the SDK returns pydantic models.
- The HTTP layer (request, mock transport, response, status and content-type checks) is a
  fixed ~0.1 ms per call (§3): end to end, ours takes {ours * 1000:.0f} ms against
  {parse_only * 1000:.0f} ms for `parse_json` alone, a difference of
  {abs(ours - parse_only) / parse_only:.0%} that is within what the order of the contenders
  (the allocator's state after the previous one) moves a sample.
- A bare `json.loads` ({loads * 1000:.0f} ms) is {loads / floor:.1f}× its GC-paused self: the
  cyclic GC repeatedly rescans the growing tree. Ours avoids that: the GC is paused while
  the page is built and, for large bodies, the new objects are then handed straight to the
  oldest generation (`gc.freeze()` + `gc.unfreeze()`, two list splices) instead of being
  traversed by the young collection due as soon as the GC is back on. Without that last step
  (the "no promotion" row, the behaviour before this change) the page takes
  {before * 1000:.0f} ms, {before / ours:.2f}× as long. The cost moves nowhere: a later full
  collection examines the page as it would any long-lived data, and a page dropped before then
  is freed by reference counting, never traversed. The trade-off: objects other threads create
  during the pause are promoted unexamined too, so cyclic garbage among them waits for the next
  full collection; the caller's own young objects are collected just before the pause.

So against a bare `json.loads` (the target's baseline) ours is {known.ratio("ours", "json.loads"):.2f}×:
the target is met because the bare call pays for the GC and ours does not. Against the
GC-paused floor it is {known.ratio("ours", "json.loads, GC paused"):.2f}×, and that target is
missed: the difference is the cost of building pydantic models rather than dicts, measured
above.

Union fields with a fallback variant (`HarborJobSource | BenchmarkJobSource |
ScenariosJobSource | …Unknown`) validate `left_to_right` instead of pydantic's smart mode
(which validates every variant, the fallback included, and then picks one): same result,
since every known variant fixes its tag to one literal and the fallback comes last. On this
page there are only two such unions among ~45 objects per job: `parse_json` of the list model
takes {ltr * 1000:.0f} ms with them left to right and {smart * 1000:.0f} ms in smart mode (best
samples, {smart / ltr:.2f}×), a difference within the noise of a run. {_unions(results)}

Unknown enum values cost one Python call each (`OpenEnum._missing_`, memoised
pseudo-members): the page with them takes {_unknown_ratio(results)} the time of the page
without."""


def _unions(results: Results) -> str:
    u = results.unions
    if u is None:
        return ""
    ltr = min(u.times["left to right (generated)"])
    smart = min(u.times["smart"])
    return (
        f"Where unions dominate, it shows: a list of {u.items:,} in-progress runs, each with an "
        f"`agent_config` union ({u.body_bytes / 1e6:.1f} MB), parses in {ltr * 1000:.0f} ms left to "
        f"right and {smart * 1000:.0f} ms in smart mode ({smart / ltr:.2f}×, best samples)."
    )


def _unknown_ratio(results: Results) -> str:
    if results.parsing is None:
        return "(not measured)"
    return f"{results.parsing.ratio('ours' + UNKNOWN, 'ours'):.2f}×"


# -- 3. overhead ---------------------------------------------------------------------


def _overhead(results: Results) -> str:
    o = results.overhead
    if o is None:
        return "## 3. Per-call overhead\n\nNot run."
    rows = ["| contender | per call (median) | range | ÷ bare httpx |", "|---|---:|---:|---:|"]
    for name, values in o.times.items():
        micros = median(values) * 1e6
        rows.append(
            f"| {name} | {micros:.1f} µs | {min(values) * 1e6:.1f}–{max(values) * 1e6:.1f} | {o.ratio(name, BARE):.2f}× |"
        )
    cpu_rows = ["| contender | CPU per call (median) | range | ÷ bare httpx |", "|---|---:|---:|---:|"]
    for name, values in o.cpu_times.items():
        cpu_rows.append(
            f"| {name} | {median(values) * 1e6:.1f} µs | {min(values) * 1e6:.1f}–{max(values) * 1e6:.1f} "
            f"| {o.cpu_ratio(name, BARE):.2f}× |"
        )
    diff_rows = ["| function | ours | bare httpx |", "|---|---:|---:|"]
    diff_rows += [f"| `{n}` | {a:.1f} µs | {b:.1f} µs |" for n, a, b in o.profile_rows]
    runtime_rows = ["| function of the runtime | per call, with callees |", "|---|---:|"]
    runtime_rows += [f"| `{n}` | {t:.1f} µs |" for n, t in o.runtime_rows]
    cpu_ours, cpu_bare = o.cpu_micros("ours"), o.cpu_micros(BARE)
    return f"""## 3. Per-call overhead

**Method.** {o.calls} `retrieve("bmj_123")` calls per round, a small job
(`{{"id", "name", "state", "create_time_ms"}}`) answered by an `httpx.MockTransport`; the bare
baseline is `httpx.Client(base_url=…).get(path, headers={{"Authorization": …}}).json()`.
{len(o.times["ours"])} interleaved rounds after a warm-up round. Each round is timed in wall time
and in the CPU time of the calling thread: the mock transport does no I/O, so a call is pure CPU
work, and its CPU time is what other load on this shared machine disturbs least (wall-time
samples of the same code vary by 2× when other jobs run; that is how an independent run of the
same measurement could read 1.44×).

Wall time:

{chr(10).join(rows)}

CPU time:

{chr(10).join(cpu_rows)}

**Where the time goes.** Ours adds {cpu_ours - cpu_bare:.1f} µs of CPU per call to the bare call's
{cpu_bare:.1f} µs. cProfile of {o.calls} calls of each (CPU-time timer; cProfile's own cost
inflates every figure several times, so they rank, they do not add up), the functions whose own
time differs most:

{chr(10).join(diff_rows)}

and the runtime's functions, with what they call:

{chr(10).join(runtime_rows)}

What is left is the request description and header merging of `_build_request` (per-call
options, auth, the Idempotency-Key rule, `Omit` handling), the JSON content-type and empty-body
checks, pydantic validation of the body (a `dict` for the bare call), and httpx replacing its own
`Accept` and `User-Agent` defaults with ours (a `Headers.update` that pops two entries). Removed in
this round: the URL was joined into a string and parsed by us into an `httpx.URL`, then handled
again by httpx: the base prefix is now kept per client (recomputed only if `base_url` is replaced)
and httpx parses the joined text once; the GC is no longer paused (a lock and two calls) for
bodies under 2 KiB, which build too few objects for a collection to start; path IDs made only of
unreserved characters skip `urllib.parse.quote`. Logging builds no strings when it is off (the
`isEnabledFor` checks were already there), and finding the validator costs a class check (the
model's own `model_validate_json`) or one dict lookup of a cached `TypeAdapter`."""


# -- 4. pagination -------------------------------------------------------------------


def _pagination(results: Results) -> str:
    p = results.pagination
    if p is None:
        return "## 4. Pagination\n\nNot run."
    boundaries = ", ".join(f"{v / MIB:.0f}" for v in p.boundary_current)
    return f"""## 4. Pagination

**Method.** `for job in client.benchmark_jobs.list(limit={PAGE_SIZE})` over {p.items:,} jobs
({p.pages} pages), served by a mock transport from bodies encoded beforehand; the cursor
(`starting_after`) picks the page. tracemalloc records the peak of Python allocations for one
page kept, and for the whole iteration together with the memory in use when each page starts.
Wall time is measured separately, without tracing.

| | |
|---|---:|
| wall time, {p.items:,} jobs | {p.seconds:.2f} s ({p.seconds / p.items * 1e6:.0f} µs per job) |
| traced peak, one page kept | {p.one_page_peak / MIB:.0f} MiB |
| traced peak, whole iteration | {p.iteration_peak / MIB:.0f} MiB ({p.peak_ratio:.2f}× one page) |
| in use at each page start (MiB) | {boundaries} |

Memory is flat: in use at every page start it stays the same from the second page on, and
the peak is a fixed multiple of one page, not {p.pages}×. That multiple is about 3: the first
page stays referenced by the iteration itself (`SyncPage.__iter__` runs on it), the previous
page is still referenced while the next one is fetched and built, plus the page being built.
Dropping the two extra references (iterate from a generator that does not keep `self`, and
compute the next request before releasing the current page) would bring it to about 1× one
page plus the body; `tests/runtime/test_pagination.py` currently pins the first page as kept,
so that is left as a proposal. The time per job is higher than in §2 because each page is also
freed (deallocating ~0.6 million objects) while the iteration runs."""


# -- 5. import weight ------------------------------------------------------------------


def _imports(results: Results) -> str:
    imp = results.imports
    if imp is None:
        return "## 5. Import weight of big-API SDKs\n\nNot run."
    rounds = len(imp.floor.weight)
    rows = [
        "| contender | wall time | ÷ floor | peak RSS | ÷ floor | modules loaded | first call (in the process) |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| floor (httpx + pydantic, one model) | {imp.floor.seconds * 1000:.0f} ms | 1.00× "
        f"| {imp.floor.max_rss_mb:.0f} MB | 1.00× | {imp.floor.inner('modules'):.0f} | – |",
    ]
    for label, c in imp.contenders.items():
        rows.append(
            f"| {label} | {c.seconds * 1000:.0f} ms | {imp.ratio(label):.2f}× | {c.max_rss_mb:.0f} MB "
            f"| {imp.ratio(label, 'rss'):.2f}× | {c.inner('modules'):.0f} | {c.inner('call', 'first_call') * 1000:.1f} ms |"
        )
    operations = "; ".join(f"{a.name}: `{a.method.upper()} {a.path}`" for a in imp.apis)
    profiles = []
    for name, profile in imp.profiles.items():
        kinds = profile["import_seconds_by_kind"]
        parts = ", ".join(
            f"{kind} {kinds[kind] * 1000:.0f} ms ({int(kinds.get(kind + ' (modules)', 0))} modules)"
            for kind in ("runtime and client", "resources", "models (types/)", "page classes")
            if kind in kinds
        )
        inner = profile["inner"]
        profiles.append(
            f"- **{name}**: {profile['files']:,} generated Python files (the largest {profile['largest_file_kb']:,.0f} KB, "
            f"{profile['largest_file_lines']:,} lines). Import time by kind of module (`-X importtime`, "
            f"own and nested, one run): {parts}; import, client and resource {inner.get('setup', 0) * 1000:.0f} ms, "
            f"then the return type's validator {inner.get('validator', 0) * 1000:.0f} ms."
        )
    versions_text = ", ".join(f"{k} {v}" for k, v in imp.versions.items())
    return f"""## 5. Import weight of big-API SDKs

**Method.** Fresh processes, all run by the interpreter of `bench/.peers` ({versions_text}), so
every contender imports the same httpx and pydantic. **Weight**: import the package, build the
client, read the resource of one operation ({operations}) and, ours, build the validator of its
return type (the official SDKs do not validate up front); the **floor** process imports httpx and
pydantic, builds an `httpx.Client` and validates one small model. Wall time around the child;
peak RSS is the child's `VmHWM`. **First call**: a separate process does the same and then calls
the operation once over an `httpx.MockTransport` answering a minimal valid body; the time of
that call is measured inside the process. One warm-up round, then {rounds} rounds, contenders
alternating; medians, ratios per round. Ours are generated from `shared/specs-big/`
(`python -m bench.imports`).

{chr(10).join(rows)}

**Where the weight goes** (ours):

{chr(10).join(profiles)}

`import <package>` loads the client and the runtime: no resource module and no model module.
Reading a resource imports its module (a resource of more than 60 methods, like GitHub's `repos`,
also its part modules, sync and async: GitHub's 52 ms); resource modules import their models for
type checkers only and reach the classes their methods return through modules imported on first
use. Building the return type's validator imports the modules of that type's closure and builds
pydantic's schemas for them (validators are deferred to first use: `defer_build`). Stripe's
`Customer` reaches most of the API through its expandable fields (471 model classes in 273
modules), so importing and validating it is the bulk of Stripe's figure and of its first call;
stripe-python neither types nor validates its responses."""


CHANGES = """## What changed for performance (this round)

- The models are written from the IR (`generator/model_views.py`, templates under
  `templates/package/types/`) instead of by datamodel-code-generator, into modules by resource
  (`generator/layout.py`); the model worker, the model cache and the format cache are gone.
- `types/` and `pagination.py` export their names lazily (runtime `_lazy.py`); resource modules
  import models for type checkers only; validators are built on first use (`defer_build`).
- The generation cache (`generator/cache.py`) is keyed by the inputs: a rerun on unchanged files
  restores the formatted files without loading the spec.
- Warnings are located without composing a YAML node tree (JSON scanned, YAML from parser
  events); the cyclic GC is paused while generating; the base snapshot is compressed at gzip
  level 6 and reuses the formatted text.
- `bench/imports.py`: the import weight and first call of the big APIs' SDKs against githubkit,
  stripe and openai (in `bench/.peers`) and a floor process; `bench/generation.py`: the three big
  documents against openapi-python-client."""
