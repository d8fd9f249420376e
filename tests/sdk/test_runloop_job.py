"""Jobs shaped like the ones Runloop's API returns parse, also in strict mode.

Runloop's API types ``timeout_seconds`` (and scores) as numbers, sends ``null`` for optional
fields that have no value, and uses every value of its state enums.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import seed_example

JOB_STATES = ["initializing", "queued", "running", "completed", "failed", "cancelled", "timeout"]
SCENARIO_STATES = ["COMPLETED", "FAILED", "TIMEOUT", "CANCELED"]
RUN_STATES = ["running", "canceled", "completed", "failed"]

AGENT = {
    "type": "job_agent",
    "name": "claude-code",
    "agent_id": "agt_4kQ8mZ2p",
    "model_name": "claude-sonnet-4-5",
    "timeout_seconds": 1800.5,
    "kwargs": {"temperature": "0.2"},
    "agent_environment": {"environment_variables": {"LOG_LEVEL": "info"}, "secrets": {"API_KEY": "sec_9fT3"}},
}
BARE_AGENT = {
    "type": "job_agent",
    "name": "codex",
    "agent_id": None,
    "model_name": None,
    "timeout_seconds": None,
    "kwargs": None,
    "agent_environment": {"environment_variables": None, "secrets": None},
}


def _outcome(index: int, state: str) -> dict[str, Any]:
    finished = state == "COMPLETED"
    return {
        "scenario_run_id": f"scr_{index}" if index % 2 else None,
        "scenario_definition_id": f"scd_{index}",
        "scenario_name": f"django__django-1109{index}",
        "state": state,
        "score": 0.875 if finished else None,
        "duration_ms": 93_512 if finished else None,
        "failure_reason": None
        if finished
        else {"exception_type": "AgentTimeoutError", "exception_message": "Agent did not finish within 1800.5 s"},
    }


def _job(index: int, state: str) -> dict[str, Any]:
    """A job in ``state``; even jobs carry every optional field, odd ones ``null`` in each."""
    full = index % 2 == 0
    sources = [
        {"type": "harbor", "inline_yaml": "jobs:\n  - name: example\n"},
        {"type": "benchmark", "benchmark_id": "bmd_2xYz9Qk4LmN8", "benchmark_name": None},
        {"type": "scenarios", "scenario_ids": ["scd_0", "scd_1"]},
    ]
    return {
        "id": f"bmj_{index}",
        "name": f"swe-bench-lite-{state}",
        "state": state,
        "create_time_ms": 1_735_689_600_000 + index,
        "failure_reason": "Benchmark definition has no scenarios" if state == "failed" else None,
        "job_source": sources[index % 3] if full else None,
        "job_spec": {
            "scenario_ids": ["scd_0", "scd_1", "scd_2", "scd_3"],
            "agent_configs": [AGENT, BARE_AGENT],
            "orchestrator_config": {"n_concurrent_trials": 4, "n_attempts": 1, "timeout_multiplier": 1.5, "quiet": None}
            if full
            else None,
        }
        if full
        else None,
        "benchmark_outcomes": [
            {
                "benchmark_run_id": f"bmr_{index}",
                "agent_name": "claude-code",
                "model_name": "claude-sonnet-4-5" if full else None,
                "n_completed": 1,
                "n_failed": 1,
                "n_timeout": 1,
                "scenario_outcomes": [_outcome(i, s) for i, s in enumerate(SCENARIO_STATES)],
                "average_score": 0.72 if full else None,
                "duration_ms": 3_601_250 if full else None,
            }
        ]
        if full
        else None,
        "in_progress_runs": [
            {
                "benchmark_run_id": f"bmr_{index}_{run_state}",
                "state": run_state,
                "start_time_ms": 1_735_689_660_000,
                "duration_ms": None if run_state == "running" else 12_000,
                "agent_config": [{"type": "external_api", "info": None}, AGENT, None][i % 3],
            }
            for i, run_state in enumerate(RUN_STATES)
        ]
        if full
        else None,
    }


PAGE = {
    "jobs": [_job(i, state) for i, state in enumerate(JOB_STATES + JOB_STATES)],
    "has_more": False,
    "total_count": None,
    "remaining_count": None,
}


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_a_realistic_page_of_runloop_jobs_parses(make_client: Any, sdk: Any, strict: bool) -> None:
    client, _ = make_client(lambda r: httpx.Response(200, json=PAGE), strict_response_validation=strict)
    page = client.benchmark_jobs.list()
    assert [job.state for job in page.jobs] == JOB_STATES + JOB_STATES
    assert all(sdk.types.BenchmarkJobState(s) is job.state for s, job in zip(JOB_STATES * 2, page.jobs, strict=True))
    full, bare = page.jobs[0], page.jobs[1]
    agent = full.job_spec.agent_configs[0]
    assert agent.timeout_seconds == 1800.5 and isinstance(agent.timeout_seconds, float)
    assert full.job_spec.agent_configs[1].timeout_seconds is None
    outcomes = full.benchmark_outcomes[0].scenario_outcomes
    assert [o.state for o in outcomes] == [sdk.types.ScenarioOutcomeState(s) for s in SCENARIO_STATES]
    assert outcomes[0].score == 0.875 and outcomes[1].score is None
    runs = full.in_progress_runs
    assert [r.state.value for r in runs] == RUN_STATES
    assert isinstance(runs[0].agent_config, sdk.types.ExternalApiAgentConfig)
    assert isinstance(runs[1].agent_config, sdk.types.JobAgentConfig) and runs[2].agent_config is None
    assert {type(job.job_source).__name__ for job in page.jobs if job.job_source} == {
        "HarborJobSource",
        "BenchmarkJobSource",
        "ScenariosJobSource",
    }
    for field in ("failure_reason", "job_source", "job_spec", "benchmark_outcomes", "in_progress_runs"):
        assert getattr(bare, field) is None
    assert page.total_count is None
    # Nothing is lost: the page dumps back to what the server sent.
    assert json.loads(page.to_json()) == PAGE


def test_the_seed_pages_example_parses_strictly(make_client: Any, sdk: Any) -> None:
    body = seed_example()
    client, _ = make_client(lambda r: httpx.Response(200, json=body), strict_response_validation=True)
    page = client.benchmark_jobs.list()
    assert page.to_dict() == body


def test_a_fractional_agent_timeout_and_nulls_are_sent(make_client: Any, sdk: Any) -> None:
    client, server = make_client(lambda r: httpx.Response(200, json=PAGE["jobs"][0]))
    spec = {"type": "scenarios", "scenario_ids": ["scd_0"], "agent_configs": [AGENT, BARE_AGENT]}
    job = client.benchmark_jobs.create(name=None, spec={**spec, "orchestrator_config": None})
    assert json.loads(server.last.content) == {"name": None, "spec": {**spec, "orchestrator_config": None}}
    assert isinstance(job, sdk.types.BenchmarkJobView)
