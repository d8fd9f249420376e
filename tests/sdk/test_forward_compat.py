"""Forward-compatible parsing, fields named like pydantic internals, and model helpers."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import httpx
import pytest

from tests.helpers import GENERATED
from tests.sdk.conftest import job

RUN = {"benchmark_run_id": "bmr_1", "state": "running", "start_time_ms": 1}
OUTCOME = {
    "benchmark_run_id": "bmr_1",
    "agent_name": "claude",
    "model_name": "sonnet-9",
    "n_completed": 1,
    "n_failed": 0,
    "n_timeout": 0,
    "scenario_outcomes": [
        {"scenario_definition_id": "scd_1", "scenario_name": "s", "state": "COMPLETED", "score": 1.0}
    ],
}

# Bodies with data this SDK version does not know, and where it is.
UNKNOWNS = {
    "enum": (job(state="paused"), "/state"),
    "nested_enum": (job(in_progress_runs=[{**RUN, "state": "suspended"}]), "/in_progress_runs/0/state"),
    "union_variant": (job(job_source={"type": "new_kind", "dataset": "swe-x", "size": 3}), "/job_source"),
    "nested_union_variant": (
        job(in_progress_runs=[{**RUN, "agent_config": {"type": "webhook", "url": "https://x"}}]),
        "/in_progress_runs/0/agent_config",
    ),
    "field": (job(priority=7), "/priority"),
    "nested_field": (job(job_source={"type": "harbor", "inline_yaml": "y", "checksum": "c1"}), "/job_source/checksum"),
}
# What the schema does not allow: strict mode refuses it. No schema of the spec forbids extra fields.
SCHEMA_VIOLATIONS = {
    **{case: UNKNOWNS[case] for case in ("enum", "nested_enum", "union_variant", "nested_union_variant")},
    "string_for_integer": (job(create_time_ms="1700000000000"), "/create_time_ms"),
    "string_for_number": (
        job(
            job_spec={
                "scenario_ids": [],
                "agent_configs": [{"type": "job_agent", "name": "a", "timeout_seconds": "30"}],
            }
        ),
        "/job_spec/agent_configs/0/timeout_seconds",
    ),
    "string_for_boolean": (
        job(job_spec={"scenario_ids": [], "agent_configs": [], "orchestrator_config": {"quiet": "true"}}),
        "/job_spec/orchestrator_config/quiet",
    ),
}


def _retrieve(make_client: Any, body: dict[str, Any], **options: Any) -> Any:
    client, _ = make_client(lambda r: httpx.Response(200, json=body), **options)
    return client.benchmark_jobs.retrieve("bmj_1")


# -- forward compatibility ---------------------------------------------------------------


def test_unknown_enum_value_parses_and_keeps_its_value(make_client: Any, sdk: Any) -> None:
    result = _retrieve(make_client, UNKNOWNS["enum"][0])
    state = result.state
    assert isinstance(state, sdk.types.BenchmarkJobState)
    assert state.value == "paused" and state == "paused" and str(state) == "paused"
    assert state is not sdk.types.BenchmarkJobState.running
    assert result.to_dict(mode="json")["state"] == "paused"
    # Known values are still the declared members.
    assert _retrieve(make_client, job(state="queued")).state is sdk.types.BenchmarkJobState.queued


def test_unknown_nested_enum_value(make_client: Any, sdk: Any) -> None:
    run = _retrieve(make_client, UNKNOWNS["nested_enum"][0]).in_progress_runs[0]
    assert isinstance(run.state, sdk.types.InProgressRunState) and run.state.value == "suspended"


def test_unknown_union_variant_parses_into_the_fallback(make_client: Any, sdk: Any) -> None:
    source = _retrieve(make_client, UNKNOWNS["union_variant"][0]).job_source
    assert isinstance(source, sdk.types.BenchmarkJobViewJobSourceUnknown)
    assert source.type == "new_kind"
    assert source.model_extra == {"dataset": "swe-x", "size": 3}
    assert source.to_dict() == {"type": "new_kind", "dataset": "swe-x", "size": 3}

    agent = _retrieve(make_client, UNKNOWNS["nested_union_variant"][0]).in_progress_runs[0].agent_config
    assert isinstance(agent, sdk.types.InProgressRunAgentConfigUnknown)
    assert agent.to_dict() == {"type": "webhook", "url": "https://x"}


def test_known_variant_with_a_new_field_stays_the_known_variant(make_client: Any, sdk: Any) -> None:
    source = _retrieve(make_client, UNKNOWNS["nested_field"][0]).job_source
    assert type(source) is sdk.types.HarborJobSource
    assert source.inline_yaml == "y" and source.model_extra == {"checksum": "c1"}


def test_unknown_fields_are_kept_and_survive_dumping(make_client: Any) -> None:
    body = job(
        priority=7, labels={"team": "evals"}, job_source={"type": "harbor", "inline_yaml": "y", "checksum": "c1"}
    )
    result = _retrieve(make_client, body)
    assert result.priority == 7 and result.labels == {"team": "evals"}
    assert result.model_extra == {"priority": 7, "labels": {"team": "evals"}}
    assert result.model_dump()["priority"] == 7
    assert result.model_dump()["job_source"]["checksum"] == "c1"
    assert result.to_dict() == body
    assert json.loads(result.to_json()) == body
    assert json.loads(result.model_dump_json(exclude_unset=True)) == body


def test_everything_unknown_round_trips(make_client: Any) -> None:
    body = job(
        state="paused",
        priority=1,
        job_source={"type": "new_kind", "x": [1, 2]},
        in_progress_runs=[
            {**RUN, "state": "suspended", "agent_config": {"type": "webhook", "url": "u"}, "extra": True}
        ],
    )
    assert _retrieve(make_client, body).to_dict(mode="json") == body


@pytest.mark.parametrize("case", SCHEMA_VIOLATIONS)
def test_strict_response_validation_refuses_what_the_schema_does_not_allow(
    make_client: Any, sdk: Any, case: str
) -> None:
    body, where = SCHEMA_VIOLATIONS[case]
    _retrieve(make_client, body)  # lenient by default
    with pytest.raises(sdk.APIResponseValidationError) as info:
        _retrieve(make_client, body, strict_response_validation=True)
    assert where in str(info.value) and info.value.body == body
    client, _ = make_client(lambda r: httpx.Response(200, json=body))
    with pytest.raises(sdk.APIResponseValidationError):
        client.with_options(strict_response_validation=True).benchmark_jobs.retrieve("bmj_1")


def test_strict_mode_refuses_a_missing_required_field(make_client: Any, sdk: Any) -> None:
    body = {"id": "bmj_1", "name": "n", "state": "running"}
    with pytest.raises(sdk.APIResponseValidationError, match="/create_time_ms"):
        _retrieve(make_client, body, strict_response_validation=True)


@pytest.mark.parametrize("case", ["field", "nested_field"])
def test_strict_mode_keeps_extra_fields_the_schema_allows(make_client: Any, sdk: Any, case: str) -> None:
    body, where = UNKNOWNS[case]
    result = _retrieve(make_client, body, strict_response_validation=True)
    assert result.to_dict() == body
    # Listing them is a separate opt-in.
    assert [found.split(":")[0] for found in sdk.find_unknowns(result)] == [where]


def test_find_unknowns_lists_every_kind_of_unknown_data(make_client: Any, sdk: Any) -> None:
    for body, where in UNKNOWNS.values():
        found = sdk.find_unknowns(_retrieve(make_client, body))
        assert len(found) == 1 and found[0].startswith(where + ":"), found


def test_strict_mode_accepts_known_data(make_client: Any, sdk: Any) -> None:
    body = job(job_source={"type": "benchmark", "benchmark_id": "b"}, benchmark_outcomes=[OUTCOME])
    assert _retrieve(make_client, body, strict_response_validation=True).id == "bmj_1"


def test_strict_mode_applies_to_list_pages(make_client: Any, sdk: Any) -> None:
    client, _ = make_client(
        lambda r: httpx.Response(200, json={"jobs": [job(state="paused")], "has_more": False}),
        strict_response_validation=True,
    )
    with pytest.raises(sdk.APIResponseValidationError, match="/jobs/0/state"):
        client.benchmark_jobs.list()


@pytest.mark.asyncio
async def test_async_forward_compat_and_strict(make_client: Any, sdk: Any) -> None:
    body = UNKNOWNS["union_variant"][0]
    client, _ = make_client(lambda r: httpx.Response(200, json=body), use_async=True)
    result = await client.benchmark_jobs.retrieve("bmj_1")
    assert isinstance(result.job_source, sdk.types.BenchmarkJobViewJobSourceUnknown)
    assert result.to_dict() == body
    with pytest.raises(sdk.APIResponseValidationError):
        await client.with_options(strict_response_validation=True).benchmark_jobs.retrieve("bmj_1")


def test_body_not_matching_the_schema_is_a_validation_error(make_client: Any, sdk: Any) -> None:
    with pytest.raises(sdk.APIResponseValidationError, match="/create_time_ms") as info:
        _retrieve(make_client, {"id": "bmj_1", "name": "n", "state": "running"})
    assert info.value.status_code == 200


# -- fields named like pydantic internals ------------------------------------------------


def test_model_name_in_request_params(make_client: Any, sdk: Any) -> None:
    client, server = make_client(lambda r: httpx.Response(200, json=job()))
    agent = {"type": "job_agent", "name": "claude", "model_name": "sonnet-9"}
    client.benchmark_jobs.create(spec={"type": "scenarios", "scenario_ids": ["s"], "agent_configs": [agent]})
    assert json.loads(server.last.content)["spec"]["agent_configs"] == [agent]

    # Models work as parameters too, and dump by wire name.
    model = sdk.types.JobAgentConfig(type="job_agent", name="claude", model_name="sonnet-9")
    client.benchmark_jobs.create(spec={"type": "benchmark", "benchmark_id": "b", "agent_configs": [model]})
    assert json.loads(server.last.content)["spec"]["agent_configs"] == [agent]


def test_model_name_in_responses(make_client: Any) -> None:
    body = job(
        benchmark_outcomes=[OUTCOME],
        job_spec={"scenario_ids": ["s"], "agent_configs": [{"type": "job_agent", "name": "a", "model_name": "m1"}]},
    )
    result = _retrieve(make_client, body, strict_response_validation=True)
    assert result.benchmark_outcomes[0].model_name == "sonnet-9"
    assert result.job_spec.agent_configs[0].model_name == "m1"
    assert result.to_dict() == body
    assert "model_name" not in (result.benchmark_outcomes[0].model_extra or {})


def test_importing_the_package_prints_no_warning() -> None:
    code = (
        "import runloop_benchmark_jobs as s\n"
        "s.types.JobAgentConfig(type='job_agent', name='a', model_name='m').to_dict()\n"
        "s.types.BenchmarkOutcome.model_validate({'benchmark_run_id': 'r', 'agent_name': 'a', 'model_name': 'm',"
        " 'n_completed': 0, 'n_failed': 0, 'n_timeout': 0, 'scenario_outcomes': []})\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], cwd=GENERATED, capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


# -- model helpers -----------------------------------------------------------------------


def test_to_dict_and_to_json_leave_out_unset_fields(make_client: Any, sdk: Any) -> None:
    body = job(failure_reason=None)
    result = _retrieve(make_client, body)
    assert result.to_dict() == body  # set fields only, None kept when it was sent
    assert "job_spec" not in result.to_dict() and "failure_reason" in result.to_dict()
    assert result.to_dict(exclude_none=True) == job()
    assert json.loads(result.to_json()) == body
    assert "\n" in result.to_json() and "\n" not in result.to_json(indent=None)
    python_state = result.to_dict()["state"]
    assert python_state is sdk.types.BenchmarkJobState.running
    assert result.to_dict(mode="json")["state"] == "running" and type(result.to_dict(mode="json")["state"]) is str


def test_model_dump_behaves_like_pydantic(make_client: Any, sdk: Any) -> None:
    result = _retrieve(make_client, job())
    dumped = result.model_dump()
    assert set(dumped) == set(sdk.types.BenchmarkJobView.model_fields)  # unset fields included, as None
    assert dumped["job_spec"] is None and dumped["in_progress_runs"] is None
    assert result.model_dump(exclude_unset=True) == job()
    assert json.loads(result.model_dump_json())["state"] == "running"
    assert sdk.types.BenchmarkJobView.model_validate(result.model_dump()) == result
    assert sdk.types.BenchmarkJobView(**job()).to_dict() == job()
    assert isinstance(result, sdk.BaseModel)
