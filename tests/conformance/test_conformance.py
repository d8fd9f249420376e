"""Every public document becomes an SDK whose every method works: generated, imported, type-checked, called.

Each method is called sync and async over ``httpx.MockTransport`` with arguments synthesized from its
own type hints; the mock server checks the request against the spec's operation and answers with an
instance of the success response schema; the result must be the declared type. See
``tests/conformance/runner.py`` for what is checked, and docs/COVERAGE.md for the figures.
"""

from __future__ import annotations

import pytest

from tests.conformance.conftest import Runs
from tests.conformance.runner import DocumentRun
from tests.conformance.spec import Document, documents
from tests.helpers import shared_dir

_DOCUMENTS = documents()
DOCUMENTS = [pytest.param(d, id=d.id, marks=[pytest.mark.slow] if d.slow else []) for d in _DOCUMENTS] or [
    pytest.param(None, id="shared-folder-missing")
]


def _run(runs: Runs, document: Document | None) -> DocumentRun:
    if document is None:
        shared_dir()  # skips with a reason, or fails in CI
        pytest.fail("no documents found in the shared folder")
    run = runs.get(document)
    if run.exit_code != 0:
        pytest.fail(f"generation failed (exit {run.exit_code}):\n{run.output[-3000:]}")
    return run


@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_generates(conformance_runs: Runs, document: Document | None) -> None:
    run = _run(conformance_runs, document)
    assert not run.spec_error, run.spec_error


@pytest.mark.parametrize("document", DOCUMENTS)
def test_sdk_imports_with_warnings_as_errors(conformance_runs: Runs, document: Document | None) -> None:
    result = _run(conformance_runs, document).import_check()
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_sdk_passes_mypy_strict(conformance_runs: Runs, document: Document | None) -> None:
    result = _run(conformance_runs, document).mypy_check()
    assert result.returncode == 0, result.stdout[-5000:]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_operation_has_a_method_or_a_located_skip(
    conformance_runs: Runs, document: Document | None, record_property: pytest.RecordProperty
) -> None:
    run = _run(conformance_runs, document)
    for skip in run.skips:
        record_property("conformance_skip", f"{skip.operation.label}: {skip.warning}")
    problems = [f"{op.label}: no method and no generator warning located at {op.pointer}" for op in run.missing]
    problems += [f"method {m} matches no operation of the spec" for m in run.unmatched_methods]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", ["sync", "async", "sync-every"])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_method_calls_the_operation_and_returns_the_declared_type(
    conformance_runs: Runs, document: Document | None, mode: str
) -> None:
    run = _run(conformance_runs, document)
    failures = [c for c in run.calls if c.mode == mode and not c.ok]
    report = [
        f"{c.method} ({c.operation.label}): " + "; ".join(c.problems)
        + "".join(f"\n    generator warned: {w}" for w in run.warnings_at(c.operation))
        for c in failures
    ]  # fmt: skip
    calls = len([c for c in run.calls if c.mode == mode])
    assert not failures, f"{len(failures)} of {calls} {mode} calls failed:\n" + "\n".join(report)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_webhook_delivery_unwraps_into_its_payload_model(
    conformance_runs: Runs, document: Document | None
) -> None:
    run = _run(conformance_runs, document)
    failures = [
        f"{hook.name} ({hook.pointer}): {'; '.join(problems)}" for hook, problems in run.webhook_outcomes if problems
    ]
    assert not failures, "\n".join(failures)
