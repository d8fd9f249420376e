"""Write docs/COVERAGE.md: what the conformance suite finds, per document (``python -m tests.conformance.report``).

Runs the same generation and calls as ``tests/conformance`` (see runner.py), then times the
generation of the biggest documents (best of three) against the baseline recorded before the
issue-8 fixes. Options: ``--mypy`` also runs ``mypy --strict`` on every SDK (minutes), ``-o`` the
output file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.config import GeneratorConfig, derive_names
from tests.conformance.directory import existing_section
from tests.conformance.runner import DocumentRun, generate
from tests.conformance.spec import Document, SpecOperation, SpecTree, documents, media_kind, success_media
from tests.helpers import REPO

BASELINE_COMMIT = "af1c422"  # main before the issue-8 fixes: the generation time that must not regress
TIMED = ("specs/box-openapi-3.0.json", "specs/twilio-api-v2010-3.0.json")
MAX_PROBLEM = 240


def is_list_operation(tree: SpecTree, op: SpecOperation) -> bool:
    """A GET whose JSON success body is an array, or an object holding an array at its top level."""
    if op.method != "get":
        return False
    media = success_media(tree, op)
    if media is None or media_kind(media[0]) != "json":
        return False
    schema = tree.deref(media[1])
    if not isinstance(schema.value, dict):
        return False
    if schema.value.get("type") == "array":
        return True
    parts = [schema, *(tree.child(schema, "allOf", i) for i in range(len(schema.value.get("allOf") or [])))]
    for part in parts:
        for name in (part.value.get("properties") or {}) if isinstance(part.value, dict) else ():
            prop = tree.child(part, "properties", name).value
            if isinstance(prop, dict) and prop.get("type") == "array":
                return True
    return False


_TIMER = """
import os, sys, tempfile
from pathlib import Path
from generator.cli import main
sys.setrecursionlimit(10_000)
best = float("inf")
for _ in range(int(sys.argv[2])):
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SDKGEN_CACHE_DIR"] = str(Path(folder) / "cache")  # cold: the generation cache is empty
        start = sum(os.times()[:4])  # CPU of this process and of its children (ruff)
        code = main(["generate", sys.argv[1], "-o", str(Path(folder) / "out"), "-q", "--base-url", "https://x"])
        best = min(best, sum(os.times()[:4]) - start if code == 0 else float("inf"))
print(best)
"""


def generation_seconds(source: Path, document: Document, repeats: int = 3) -> float:
    """Best CPU time of ``repeats`` in-process generations of ``document`` by the generator at ``source``.

    CPU time of the generating process and its children (ruff), not wall time: on a shared
    machine wall time mostly measures the other processes.
    """
    result = subprocess.run(
        [sys.executable, "-c", _TIMER, str(document.path), str(repeats)],
        cwd=source,
        env={**os.environ, "PYTHONPATH": str(source)},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def _compare(baseline: Path, document: Document, rounds: int = 3) -> tuple[float, float]:
    """Best times of this checkout and of ``baseline``, alternating so both see the same load."""
    now = then = float("inf")
    for _ in range(rounds):
        now = min(now, generation_seconds(REPO, document, repeats=2))
        then = min(then, generation_seconds(baseline, document, repeats=2))
    return now, then


def baseline_checkout(commit: str, into: Path) -> Path:
    """The generator and templates of ``commit``, extracted with ``git archive`` (no worktree is touched)."""
    archive = subprocess.run(["git", "archive", commit, "generator", "templates", "pyproject.toml"], cwd=REPO,
                             capture_output=True, check=True)  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def _row(run: DocumentRun, mypy: str) -> str:
    tree = SpecTree(run.document.path)
    version = tree.root.get("openapi", "?") if isinstance(tree.root, dict) else "?"
    if run.exit_code != 0 or run.api is None:
        return f"| {run.document.id} | {version} | {len(run.spec_ops)} | generation failed (exit {run.exit_code}) |||||||||||"
    ops = len(run.spec_ops)
    sync_ok = sum(c.ok for c in run.calls if c.mode == "sync")
    async_ok = sum(c.ok for c in run.calls if c.mode == "async")
    every_ok = sum(c.ok for c in run.calls if c.mode == "sync-every")
    lists = [op for op in run.spec_ops if is_list_operation(tree, op)]
    paged = {spec.pointer for spec, _, op in run.matched if op.pagination is not None}
    paginated = sum(op.pointer in paged for op in lists)
    return (
        f"| {run.document.id} | {version} | {ops} | {len(run.matched)} | {sync_ok} | {async_ok} | {every_ok} | "
        f"{len(run.api.schemas)} | {len(lists)} | {paginated} | {len(run.skips)} | {len(run.warnings)} | "
        f"{_hooks(run)} | {mypy} | {run.seconds:.2f} |"
    )


def _hooks(run: DocumentRun) -> str:
    outcomes = run.webhook_outcomes
    return f"{sum(not problems for _, problems in outcomes)}/{len(outcomes)}" if outcomes else "—"


def _details(run: DocumentRun) -> list[str]:
    lines: list[str] = []
    if run.exit_code != 0:
        return [f"Generation failed (exit {run.exit_code}):", "", "```", run.output.strip()[-1500:], "```", ""]
    if run.spec_error:
        lines += [f"- the suite could not read the document: {run.spec_error}"]
    lines += [f"- skipped by the generator: {s.operation.label}: {s.warning}" for s in run.skips]
    lines += [f"- **no method and no warning**: {op.label}" for op in run.missing]
    lines += [f"- **method matches no spec operation**: {m}" for m in run.unmatched_methods]
    failures: dict[str, list[str]] = {}
    for call in run.calls:
        if not call.ok:
            failures.setdefault(f"{call.method} ({call.operation.label})", []).append(call.mode)
    for name, modes in failures.items():
        call = next(c for c in run.calls if not c.ok and f"{c.method} ({c.operation.label})" == name)
        problem = "; ".join(call.problems).replace("|", "\\|").replace("\n", " ")
        if len(problem) > MAX_PROBLEM:
            problem = problem[:MAX_PROBLEM] + " …"
        lines.append(f"- **fails** ({'+'.join(modes)}): {name}: {problem}")
    lines += [
        f"- **webhook fails**: {hook.name}: {'; '.join(problems)[:MAX_PROBLEM]}"
        for hook, problems in run.webhook_outcomes
        if problems
    ]
    return lines


def _default_names(document: Document) -> str:
    info = SpecTree(document.path).root.get("info") or {}
    title = str(info.get("title") or document.path.stem)
    names = derive_names(title, GeneratorConfig())
    cell = title.replace("|", "\\|")
    return f"| {document.id} | {cell} | `{names['package_name']}` | `{names['client_class']}` |"


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "templates"], cwd=REPO,
                           capture_output=True, text=True)  # fmt: skip
    return result.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


def build_report(with_mypy: bool) -> str:
    """The Markdown of docs/COVERAGE.md."""
    runs: list[DocumentRun] = []
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sdkgen-coverage-") as folder:
        for document in documents():
            run = generate(document, Path(folder))
            _ = run.calls, run.webhook_outcomes  # computed while the SDK is on disk
            mypy = "—"
            if with_mypy and run.exit_code == 0:
                mypy = "pass" if run.mypy_check().returncode == 0 else "**fail**"
            runs.append(run)
            rows.append(_row(run, mypy))
    with tempfile.TemporaryDirectory(prefix="sdkgen-baseline-") as folder:
        baseline = baseline_checkout(BASELINE_COMMIT, Path(folder))
        # Interleaved, so that both sides see the same load on a shared machine.
        timings = [(d, *_compare(baseline, d)) for d in documents() if d.id in TIMED]
    total_calls = sum(len(r.calls) for r in runs)
    passed = sum(c.ok for r in runs for c in r.calls)
    out = [
        "# Conformance coverage",
        "",
        f"Written by `python -m tests.conformance.report` (do not edit by hand) at commit {_commit()}.",
        "",
        'The suite (`tests/conformance`, README "Conformance") generates each public document, imports',
        "the SDK with `-W error`, runs `mypy --strict` on it, and calls every method three times over",
        "`httpx.MockTransport` (sync and async with the required arguments, sync with every argument).",
        "The mock checks each request against the spec's operation (method, path template, required",
        "parameters and credentials, a required body in a declared media type with its required",
        "properties, an Accept admitting a declared response type) and answers with an instance of the",
        "success response schema; the result must be the declared type, a model and not a dict, with no",
        "field the SDK does not declare.",
        "",
        f"**{passed} of {total_calls} calls pass** over {len(runs)} documents.",
        "",
        "Columns: *ops* operations in the spec; *methods* generated methods matched to them; *sync ok* /",
        "*async ok* calls with the required arguments that pass; *all-args ok* sync calls with every",
        "optional argument given too; *models* named schemas generated; *lists* list operations (a GET",
        "answering an array, or an object holding one); *paged* those the SDK paginates; *skips*",
        "operations the generator left out with a located warning; *warnings* all its warnings;",
        "*webhooks* deliveries that `client.webhooks.unwrap` parses into their payload model;",
        "*mypy* `mypy --strict` on the SDK (`—`: not run; pass `--mypy`); *gen s* generation time.",
        "",
        "| document | OpenAPI | ops | methods | sync ok | async ok | all-args ok | models | lists | paged | skips | warnings"
        " | webhooks | mypy | gen s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "## Generation time of the biggest documents",
        "",
        "Best CPU seconds of six cold in-process generations (`-q`, into a temporary folder, with an empty",
        f"generation cache) of this checkout and of commit {BASELINE_COMMIT} (main before the issue-8 fixes,",
        "extracted with `git archive`), in",
        "alternating rounds on the same machine. It must not regress. CPU time, as wall time on a shared",
        "machine measures its load (on an idle 2-core machine the baseline took 1.56 s wall for box and",
        "1.06 s for twilio). The *gen s* column above is wall time, through the CLI.",
        "",
        "| document | now s | baseline s | change |",
        "|---|---|---|---|",
        *(f"| {d.id} | {now:.2f} | {then:.2f} | {100 * (now / then - 1):+.0f}% |" for d, now, then in timings),
        "",
        "## Default names",
        "",
        "What the generator names the package and client when no option is given (from `info.title`).",
        "",
        "| document | info.title | package | client class |",
        "|---|---|---|---|",
        *(_default_names(run.document) for run in runs),
        "",
        "## Per document: skips and failures",
        "",
    ]
    for run in runs:
        details = _details(run)
        out += [f"### {run.document.id}", "", *(details or ["Every operation has a method and every call passes."]), ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the report; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m tests.conformance.report", description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "COVERAGE.md")
    parser.add_argument("--mypy", action="store_true", help="also run mypy --strict on every SDK (slow)")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    kept = existing_section(args.output)  # the directory's section is written by tests/conformance/directory.py
    args.output.write_text(build_report(args.mypy) + ("\n" + kept if kept else ""), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
