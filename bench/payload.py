"""Realistic Benchmark Jobs response bodies, built deterministically (no randomness between runs)."""

from __future__ import annotations

import json
from typing import Any

_STATES = ("completed", "running", "failed", "queued", "cancelled")
_SCENARIO_STATES = ("COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "TIMEOUT")
_SOURCES = ("benchmark", "scenarios", "harbor")


def job(index: int, *, unknown_enums: bool = False) -> dict[str, Any]:
    """One BenchmarkJobView: a job_spec with 2 agent configs, 2 benchmark outcomes of 10
    scenario outcomes each, and one run in progress (about 5 KB of JSON).

    With ``unknown_enums``, every 10th job has a state, scenario states and a run state that
    this SDK does not know (a newer server), which must parse like known values.
    """
    job_id = f"bmj_{index:08d}"
    scenario_ids = [f"scd_{index:06d}_{n:02d}" for n in range(10)]
    agents = [
        {
            "type": "job_agent",
            "name": f"agent-{a}",
            "agent_id": f"agt_{index:06d}_{a}",
            "model_name": ("claude-sonnet-4-5", "gpt-5")[a],
            "timeout_seconds": 1800,
            "kwargs": {"temperature": "0.2", "max_turns": "50"},
            "agent_environment": {
                "environment_variables": {"LOG_LEVEL": "info", "REGION": "us-east-1"},
                "secrets": {"API_KEY": f"sec_{index:06d}_{a}"},
            },
        }
        for a in range(2)
    ]
    odd = unknown_enums and index % 10 == 0
    outcomes = []
    for a in range(2):
        scenarios = []
        for n in range(10):
            state = "PAUSED" if odd and n == 0 else _SCENARIO_STATES[(index + n) % len(_SCENARIO_STATES)]
            scenario: dict[str, Any] = {
                "scenario_run_id": f"scr_{index:06d}_{a}_{n:02d}",
                "scenario_definition_id": scenario_ids[n],
                "scenario_name": f"django__django-{11000 + index % 5000 + n}",
                "state": state,
                "duration_ms": 60_000 + 137 * n + index % 997,
            }
            if state == "COMPLETED":
                scenario["score"] = ((index + n) % 11) / 10
            else:
                scenario["failure_reason"] = {
                    "exception_type": "AgentTimeoutError",
                    "exception_message": "Agent timed out",
                }
            scenarios.append(scenario)
        outcomes.append(
            {
                "benchmark_run_id": f"bmr_{index:06d}_{a}",
                "agent_name": f"agent-{a}",
                "model_name": agents[a]["model_name"],
                "n_completed": sum(s["state"] == "COMPLETED" for s in scenarios),
                "n_failed": sum(s["state"] == "FAILED" for s in scenarios),
                "n_timeout": sum(s["state"] == "TIMEOUT" for s in scenarios),
                "average_score": 0.55,
                "duration_ms": 1_234_567 + index,
                "scenario_outcomes": scenarios,
            }
        )
    source_kind = _SOURCES[index % len(_SOURCES)]
    if source_kind == "benchmark":
        source: dict[str, Any] = {
            "type": "benchmark",
            "benchmark_id": f"bmd_{index % 50:04d}",
            "benchmark_name": "swe-bench-lite",
        }
    elif source_kind == "scenarios":
        source = {"type": "scenarios", "scenario_ids": scenario_ids}
    else:
        source = {"type": "harbor", "inline_yaml": "jobs:\n  - name: example\n    agents: [claude-code]\n"}
    return {
        "id": job_id,
        "name": f"swe-bench-nightly-{index}",
        "state": "paused" if odd else _STATES[index % len(_STATES)],
        "create_time_ms": 1_700_000_000_000 + index * 1000,
        "job_source": source,
        "job_spec": {
            "scenario_ids": scenario_ids,
            "agent_configs": agents,
            "orchestrator_config": {
                "n_concurrent_trials": 4,
                "n_attempts": 1,
                "timeout_multiplier": 1.5,
                "quiet": True,
            },
        },
        "benchmark_outcomes": outcomes,
        "in_progress_runs": [
            {
                "benchmark_run_id": f"bmr_{index:06d}_9",
                "state": "suspended" if odd else "running",
                "start_time_ms": 1_700_000_000_000 + index * 1000 + 500,
                "duration_ms": 42_000,
                "agent_config": agents[0],
            }
        ],
    }


def page(start: int, count: int, *, total: int | None = None, unknown_enums: bool = False) -> dict[str, Any]:
    """A list page of ``count`` jobs starting at index ``start`` (of ``total`` in all)."""
    total = start + count if total is None else total
    return {
        "jobs": [job(i, unknown_enums=unknown_enums) for i in range(start, start + count)],
        "has_more": start + count < total,
        "total_count": total,
        "remaining_count": max(total - start - count, 0),
    }


def page_bytes(count: int, *, unknown_enums: bool = False) -> bytes:
    """The JSON body of one list page of ``count`` jobs."""
    return json.dumps(page(0, count, unknown_enums=unknown_enums), separators=(",", ":")).encode()
