"""``client.benchmark_jobs.wait_until_completed(id)``, declared in spec/benchmark_jobs.yaml with
``x-sdk-waiters``: it polls a job through its states until ``completed`` (returned), a failure
state (``WaiterFailedError`` carrying the last job) or the timeout (``WaiterTimeoutError``)."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import job

MODES = ["sync", "async"]


class Job:
    """A mock server answering GET /v1/benchmark_jobs/bmj_1 with the next state each time."""

    def __init__(self, *states: str) -> None:
        self.states = list(states)
        self.polls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert (request.method, request.url.path) == ("GET", "/v1/benchmark_jobs/bmj_1")
        state = self.states[min(self.polls, len(self.states) - 1)]
        self.polls += 1
        return httpx.Response(200, json=job("bmj_1", state=state, failure_reason=f"reason {state}"))


def wait(client: Any, mode: str, **options: Any) -> Any:
    result = client.benchmark_jobs.wait_until_completed("bmj_1", **options)
    return asyncio.run(result) if mode == "async" else result


@pytest.mark.parametrize("mode", MODES)
def test_it_polls_through_the_states_until_completed(make_client: Any, mode: str) -> None:
    states = Job("initializing", "queued", "running", "running", "completed")
    client, _ = make_client(states, use_async=mode == "async")
    finished = wait(client, mode, interval=0.001)
    assert finished.state == "completed" and finished.id == "bmj_1"
    assert states.polls == 5


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("failure", ["failed", "cancelled", "timeout"])
def test_a_failure_state_raises_with_the_last_job(make_client: Any, sdk: Any, mode: str, failure: str) -> None:
    states = Job("queued", "running", failure, "completed")
    client, _ = make_client(states, use_async=mode == "async")
    with pytest.raises(sdk.WaiterFailedError, match=f"state is '{failure}'") as caught:
        wait(client, mode, interval=0.001)
    assert caught.value.value == failure
    assert isinstance(caught.value.last, sdk.types.BenchmarkJobView)
    assert caught.value.last.failure_reason == f"reason {failure}"
    assert states.polls == 3  # it stopped at the failure


@pytest.mark.parametrize("mode", MODES)
def test_running_out_of_time_raises_with_the_last_job(make_client: Any, sdk: Any, mode: str) -> None:
    client, _ = make_client(Job("running"), use_async=mode == "async")
    with pytest.raises(sdk.WaiterTimeoutError, match=r"still 'running' after 0\.05 s") as caught:
        wait(client, mode, timeout=0.05, interval=0.01)
    assert caught.value.last.state == "running" and caught.value.timeout == 0.05
    assert isinstance(caught.value, sdk.WaiterError) and isinstance(caught.value, sdk.SDKError)


@pytest.mark.parametrize("mode", MODES)
def test_an_api_error_while_polling_propagates(make_client: Any, sdk: Any, mode: str) -> None:
    client, _ = make_client(lambda r: httpx.Response(404, json={"message": "no such job"}), use_async=mode == "async")
    with pytest.raises(sdk.NotFoundError):
        wait(client, mode, interval=0.001)


def test_the_waiter_takes_the_polled_methods_arguments_and_its_defaults(sdk: Any) -> None:
    for cls in (sdk.Runloop, sdk.AsyncRunloop):
        resource = cls(api_key="k").benchmark_jobs
        parameters = inspect.signature(resource.wait_until_completed).parameters
        assert list(parameters) == ["id", "timeout", "interval"]
        assert (parameters["timeout"].default, parameters["interval"].default) == (3600.0, 5.0)  # from the spec
    assert inspect.iscoroutinefunction(sdk.AsyncRunloop(api_key="k").benchmark_jobs.wait_until_completed)
