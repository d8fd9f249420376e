"""The generated Runloop SDK sends the right requests and parses into the right types."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import API_KEY, job, seed_example


def _json(request: httpx.Request) -> Any:
    return json.loads(request.content)


CREATE_SPECS = [
    {"type": "harbor", "inline_yaml": "jobs: []"},
    {
        "type": "benchmark",
        "benchmark_id": "bmd_1",
        "agent_configs": [{"type": "job_agent", "name": "claude", "model_name": "sonnet", "kwargs": {"a": "b"}}],
        "orchestrator_config": {"n_concurrent_trials": 4, "quiet": True},
    },
    {
        "type": "scenarios",
        "scenario_ids": ["scn_1", "scn_2"],
        "agent_configs": [{"type": "job_agent", "name": "a", "agent_environment": {"secrets": {"TOKEN": "sec_1"}}}],
    },
]


class TestSync:
    def test_list_sends_query_and_auth_and_parses_seed_example(self, make_client: Any, sdk: Any) -> None:
        example = seed_example()
        client, server = make_client(lambda r: httpx.Response(200, json=example))
        page = client.benchmark_jobs.list(limit=50, name="nightly", include_total_count=False)
        request = server.last
        assert request.method == "GET"
        assert request.url.path == "/v1/benchmark_jobs"
        assert dict(request.url.params) == {"limit": "50", "name": "nightly", "include_total_count": "false"}
        assert request.headers["Authorization"] == f"Bearer {API_KEY}"
        assert request.url.host == "api.runloop.ai"
        assert isinstance(page, sdk.types.BenchmarkJobListView)
        assert page.has_more is True and page.total_count == 123 and page.remaining_count == 123
        first = page.jobs[0]
        assert isinstance(first, sdk.types.BenchmarkJobView)
        assert first.state == "initializing" and first.state is sdk.types.BenchmarkJobState.initializing
        assert isinstance(first.job_source, sdk.types.HarborJobSource)
        assert isinstance(first.job_spec.agent_configs[0], sdk.types.JobAgentConfig)
        assert first.job_spec.agent_configs[0].model_name == "<string>"
        assert isinstance(first.job_spec.orchestrator_config, sdk.types.OrchestratorConfig)
        outcome = first.benchmark_outcomes[0].scenario_outcomes[0]
        assert outcome.state is sdk.types.ScenarioOutcomeState.COMPLETED
        assert isinstance(outcome.failure_reason, sdk.types.ScenarioFailureReason)
        run = first.in_progress_runs[0]
        assert isinstance(run.agent_config, sdk.types.ExternalApiAgentConfig) and run.agent_config.info == "<string>"
        assert page.to_dict() == example

    def test_list_without_arguments_sends_no_query(self, make_client: Any) -> None:
        client, server = make_client(lambda r: httpx.Response(200, json={"jobs": [], "has_more": False}))
        client.benchmark_jobs.list()
        assert server.last.url.query == b""

    def test_retrieve(self, make_client: Any, sdk: Any) -> None:
        client, server = make_client(lambda r: httpx.Response(200, json=job("bmj_123")))
        result = client.benchmark_jobs.retrieve("bmj_123")
        assert server.last.method == "GET" and server.last.url.path == "/v1/benchmark_jobs/bmj_123"
        assert isinstance(result, sdk.types.BenchmarkJobView) and result.id == "bmj_123"

    def test_retrieve_unknown_is_not_found(self, make_client: Any, sdk: Any) -> None:
        client, _ = make_client(lambda r: httpx.Response(404, json={"message": "no such job"}))
        with pytest.raises(sdk.NotFoundError) as info:
            client.benchmark_jobs.retrieve("bmj_missing")
        assert info.value.status_code == 404

    @pytest.mark.parametrize("spec", CREATE_SPECS, ids=lambda s: s["type"])
    def test_create_sends_json_body(self, make_client: Any, sdk: Any, spec: dict[str, Any]) -> None:
        client, server = make_client(lambda r: httpx.Response(200, json=job("bmj_new", name="n")))
        result = client.benchmark_jobs.create(name="n", spec=spec)
        request = server.last
        assert request.method == "POST" and request.url.path == "/v1/benchmark_jobs"
        assert request.headers["content-type"] == "application/json"
        assert _json(request) == {"name": "n", "spec": spec}
        assert isinstance(result, sdk.types.BenchmarkJobView) and result.id == "bmj_new"

    def test_create_omits_arguments_not_given(self, make_client: Any) -> None:
        client, server = make_client(lambda r: httpx.Response(200, json=job()))
        client.benchmark_jobs.create()
        assert _json(server.last) == {}

    @pytest.mark.parametrize(
        ("source", "class_name"),
        [
            ({"type": "harbor", "inline_yaml": "x"}, "HarborJobSource"),
            ({"type": "benchmark", "benchmark_id": "bmd_1", "benchmark_name": "swe"}, "BenchmarkJobSource"),
            ({"type": "scenarios", "scenario_ids": ["s1"]}, "ScenariosJobSource"),
        ],
    )
    def test_every_job_source_variant(
        self, make_client: Any, sdk: Any, source: dict[str, Any], class_name: str
    ) -> None:
        client, _ = make_client(lambda r: httpx.Response(200, json=job(job_source=source)))
        parsed = client.benchmark_jobs.retrieve("bmj_1").job_source
        assert type(parsed) is getattr(sdk.types, class_name)
        assert parsed.to_dict() == source

    @pytest.mark.parametrize(
        ("agent", "class_name"),
        [
            ({"type": "external_api", "info": "remote"}, "ExternalApiAgentConfig"),
            ({"type": "job_agent", "name": "claude", "timeout_seconds": 30}, "JobAgentConfig"),
        ],
    )
    def test_every_agent_config_variant(
        self, make_client: Any, sdk: Any, agent: dict[str, Any], class_name: str
    ) -> None:
        run = {"benchmark_run_id": "bmr_1", "state": "running", "start_time_ms": 1, "agent_config": agent}
        client, _ = make_client(lambda r: httpx.Response(200, json=job(in_progress_runs=[run])))
        parsed = client.benchmark_jobs.retrieve("bmj_1").in_progress_runs[0].agent_config
        assert type(parsed) is getattr(sdk.types, class_name)

    def test_key_from_environment(self, monkeypatch: pytest.MonkeyPatch, sdk: Any) -> None:
        monkeypatch.setenv("RUNLOOP_API_KEY", "from-env")
        monkeypatch.setenv("RUNLOOP_BASE_URL", "https://staging.example.com")
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(200, json=job())

        client = sdk.Runloop(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
        client.benchmark_jobs.retrieve("bmj_1")
        assert seen[0].headers["Authorization"] == "Bearer from-env"
        assert seen[0].url.host == "staging.example.com"

    def test_missing_key_is_a_clear_error_at_construction(self, monkeypatch: pytest.MonkeyPatch, sdk: Any) -> None:
        monkeypatch.delenv("RUNLOOP_API_KEY", raising=False)
        with pytest.raises(sdk.MissingCredentialsError, match="RUNLOOP_API_KEY"):
            sdk.Runloop()
        with pytest.raises(sdk.MissingCredentialsError, match="api_key"):
            sdk.AsyncRunloop()

    def test_base_url_argument(self, make_client: Any) -> None:
        client, server = make_client(lambda r: httpx.Response(200, json=job()), base_url="http://localhost:8080/api")
        client.benchmark_jobs.retrieve("bmj_1")
        assert str(server.last.url) == "http://localhost:8080/api/v1/benchmark_jobs/bmj_1"


class TestAsync:
    @pytest.mark.asyncio
    async def test_list(self, make_client: Any, sdk: Any) -> None:
        example = seed_example()
        client, server = make_client(lambda r: httpx.Response(200, json=example), use_async=True)
        page = await client.benchmark_jobs.list(limit=50, name="nightly")
        assert server.last.method == "GET" and dict(server.last.url.params) == {"limit": "50", "name": "nightly"}
        assert server.last.headers["Authorization"] == f"Bearer {API_KEY}"
        assert isinstance(page, sdk.types.BenchmarkJobListView)
        assert isinstance(page.jobs[0].job_source, sdk.types.HarborJobSource)
        assert page.to_dict() == example

    @pytest.mark.asyncio
    async def test_retrieve(self, make_client: Any, sdk: Any) -> None:
        client, server = make_client(lambda r: httpx.Response(200, json=job("bmj_9")), use_async=True)
        result = await client.benchmark_jobs.retrieve("bmj_9")
        assert server.last.url.path == "/v1/benchmark_jobs/bmj_9"
        assert isinstance(result, sdk.types.BenchmarkJobView)

    @pytest.mark.asyncio
    @pytest.mark.parametrize("spec", CREATE_SPECS, ids=lambda s: s["type"])
    async def test_create(self, make_client: Any, sdk: Any, spec: dict[str, Any]) -> None:
        client, server = make_client(lambda r: httpx.Response(200, json=job()), use_async=True)
        result = await client.benchmark_jobs.create(name="n", spec=spec)
        assert server.last.method == "POST" and _json(server.last) == {"name": "n", "spec": spec}
        assert server.last.headers["Authorization"] == f"Bearer {API_KEY}"
        assert isinstance(result, sdk.types.BenchmarkJobView)

    @pytest.mark.asyncio
    async def test_not_found(self, make_client: Any, sdk: Any) -> None:
        client, _ = make_client(lambda r: httpx.Response(404, json={"message": "gone"}), use_async=True)
        with pytest.raises(sdk.NotFoundError):
            await client.benchmark_jobs.retrieve("bmj_x")
