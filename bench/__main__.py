"""Run every benchmark, print the figures and write docs/PERFORMANCE.md.

``bash bench/run`` sets up .venv (with the ``bench`` extra) and runs this;
``python -m bench --quick`` takes fewer samples; ``--only parsing`` runs one benchmark
(the report is then not written). Each benchmark runs in a fresh process of its own, so
that none inherits the heap or the imports another left behind.
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, machine
from bench.report import Results, write_report

BENCHMARKS = {
    "generation": (
        "1. generation (child processes, alternating runs)",
        ["--runs", "5"],
        ["--runs", "2", "--peer-timeout", "60", "--big-runs", "1"],
    ),
    "parsing": ("2. parsing a list page", ["--rounds", "7"], ["--rounds", "3"]),
    "overhead": ("3. per-call overhead", ["--rounds", "9"], ["--rounds", "5"]),
    "pagination": ("4. pagination", [], []),
    "imports": ("5. import weight of big-API SDKs", ["--rounds", "7"], ["--rounds", "3"]),
}


def run(name: str, quick: bool) -> Any:
    """``python -m bench.NAME`` in a fresh process; its figures printed, its results returned."""
    title, full, fewer = BENCHMARKS[name]
    print(f"== {title}", flush=True)
    with tempfile.TemporaryDirectory(prefix="sdkgen-bench-") as scratch:
        saved = Path(scratch) / "result.pickle"
        command = [sys.executable, "-m", f"bench.{name}", *(fewer if quick else full), "--save", str(saved)]
        subprocess.run(command, cwd=REPO, check=True)
        return pickle.loads(saved.read_bytes())  # written by our own child process just now


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and rounds (rougher figures)")
    parser.add_argument(
        "--only", choices=list(BENCHMARKS), action="append", help="run only this benchmark (repeatable)"
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=REPO / "docs" / "PERFORMANCE.md",
        help="where to write the report (default docs/PERFORMANCE.md; not written with --only)",
    )
    parser.add_argument("--keep-results", type=Path, help="also pickle the figures to this file")
    parser.add_argument(
        "--from-results", type=Path, help="write the report from figures kept with --keep-results (no benchmark runs)"
    )
    args = parser.parse_args()
    if args.from_results:
        write_report(pickle.loads(args.from_results.read_bytes()), args.report)  # our own file
        return
    selected = args.only or list(BENCHMARKS)
    results = Results(machine=machine(), quick=args.quick)
    started = time.perf_counter()
    if "generation" in selected:
        results.generation = run("generation", args.quick)
    if "parsing" in selected:
        results.parsing, results.unions = run("parsing", args.quick)
    if "overhead" in selected:
        results.overhead = run("overhead", args.quick)
    if "pagination" in selected:
        results.pagination = run("pagination", args.quick)
    if "imports" in selected:
        results.imports = run("imports", args.quick)
    results.seconds = time.perf_counter() - started
    if args.keep_results:
        args.keep_results.write_bytes(pickle.dumps(results))
    if args.only:
        return
    write_report(results, args.report)
    print(f"wrote {args.report.relative_to(REPO) if args.report.is_relative_to(REPO) else args.report}")


if __name__ == "__main__":
    main()
