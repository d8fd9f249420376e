"""Timeouts and per-call options of every generated method, over a mock transport."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.sdk.conftest import job

LIST_BODY = {"jobs": [job()], "has_more": False}


def _respond(request: httpx.Request) -> httpx.Response:
    if request.method == "GET" and request.url.path == "/v1/benchmark_jobs":
        return httpx.Response(200, json=LIST_BODY)
    return httpx.Response(200, json=job())


# Each method with its required arguments.
METHODS = {
    "list": ((), {"limit": 5}),
    "create": ((), {"name": "n"}),
    "retrieve": (("bmj_1",), {}),
}


def _timeouts(seconds: float | None, connect: float | None = None) -> dict[str, float | None]:
    return {"connect": seconds if connect is None else connect, "read": seconds, "write": seconds, "pool": seconds}


def _call(client: Any, method: str, **options: Any) -> Any:
    args, kwargs = METHODS[method]
    return getattr(client.benchmark_jobs, method)(*args, **kwargs, **options)


async def _acall(client: Any, method: str, **options: Any) -> Any:
    return await _call(client, method, **options)


# -- timeouts ----------------------------------------------------------------------------


def test_default_timeout_is_60_seconds(make_client: Any, sdk: Any) -> None:
    client, server = make_client(_respond)
    assert isinstance(client.timeout, httpx.Timeout) and client.timeout.read == 60.0
    client.benchmark_jobs.retrieve("bmj_1")
    timeout = server.last.extensions["timeout"]
    assert timeout["read"] == timeout["write"] == timeout["pool"] == 60.0
    assert sdk.Runloop(api_key="k").timeout.read == 60.0  # also without an http_client


@pytest.mark.parametrize("method", METHODS)
def test_timeout_on_client_with_options_and_per_call(make_client: Any, method: str) -> None:
    client, server = make_client(_respond, timeout=10.0)
    _call(client, method)
    assert server.last.extensions["timeout"] == _timeouts(10.0)

    _call(client.with_options(timeout=httpx.Timeout(3.0, connect=1.0)), method)
    assert server.last.extensions["timeout"] == _timeouts(3.0, connect=1.0)

    _call(client, method, timeout=2.5)
    assert server.last.extensions["timeout"] == _timeouts(2.5)

    # None means "no timeout", unlike not passing it at all.
    _call(client, method, timeout=None)
    assert server.last.extensions["timeout"] == _timeouts(None)
    _call(client, method)
    assert server.last.extensions["timeout"] == _timeouts(10.0)


@pytest.mark.asyncio
@pytest.mark.parametrize("method", METHODS)
async def test_async_timeouts(make_client: Any, method: str) -> None:
    client, server = make_client(_respond, use_async=True)
    await _acall(client, method)
    assert server.last.extensions["timeout"]["read"] == 60.0
    await _acall(client.with_options(timeout=7.0), method)
    assert server.last.extensions["timeout"] == _timeouts(7.0)
    await _acall(client, method, timeout=httpx.Timeout(1.0))
    assert server.last.extensions["timeout"] == _timeouts(1.0)
    await _acall(client, method, timeout=None)
    assert server.last.extensions["timeout"] == _timeouts(None)


def test_timeout_is_retried_per_attempt(make_client: Any, sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[dict[str, Any]] = []

    def respond(request: httpx.Request) -> httpx.Response:
        attempts.append(request.extensions["timeout"])
        raise httpx.ReadTimeout("slow", request=request)

    client, _ = make_client(respond)
    monkeypatch.setattr(client, "_sleep", lambda seconds: None)
    with pytest.raises(sdk.APITimeoutError):
        client.benchmark_jobs.retrieve("bmj_1", timeout=0.5)
    assert attempts == [_timeouts(0.5)] * 3


# -- extra_headers / extra_query / extra_body ------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_extra_headers_query_and_body(make_client: Any, method: str) -> None:
    client, server = make_client(_respond)
    _call(
        client,
        method,
        extra_headers={"X-Trace": "t-1", "Accept": "application/vnd.runloop+json"},
        extra_query={"debug": "true", "limit": 9},
        extra_body={"dry_run": True},
    )
    request = server.last
    assert request.headers["X-Trace"] == "t-1"
    assert request.headers["Accept"] == "application/vnd.runloop+json"  # overrides the default
    assert request.url.params["debug"] == "true"
    assert request.url.params.get_list("limit") == ["9"]  # extra_query wins over the argument
    assert json.loads(request.content)["dry_run"] is True
    assert request.headers["content-type"] == "application/json"


def test_extra_body_is_merged_into_the_create_body(make_client: Any) -> None:
    client, server = make_client(_respond)
    client.benchmark_jobs.create(name="n", spec={"type": "harbor", "inline_yaml": "x"}, extra_body={"priority": 3})
    assert json.loads(server.last.content) == {
        "name": "n",
        "spec": {"type": "harbor", "inline_yaml": "x"},
        "priority": 3,
    }


def test_extra_headers_can_omit_a_default_header(make_client: Any, sdk: Any) -> None:
    client, server = make_client(_respond)
    client.benchmark_jobs.retrieve("bmj_1", extra_headers={"User-Agent": sdk.omit})
    assert "User-Agent" not in server.last.headers


def test_options_without_extras_send_nothing_extra(make_client: Any) -> None:
    client, server = make_client(_respond)
    client.benchmark_jobs.retrieve("bmj_1")
    assert server.last.content == b"" and server.last.url.query == b""
    assert "content-type" not in server.last.headers


@pytest.mark.asyncio
@pytest.mark.parametrize("method", METHODS)
async def test_async_extra_headers_query_and_body(make_client: Any, method: str) -> None:
    client, server = make_client(_respond, use_async=True)
    await _acall(
        client, method, extra_headers={"X-Trace": "t-2"}, extra_query={"debug": 1}, extra_body={"dry_run": False}
    )
    assert server.last.headers["X-Trace"] == "t-2"
    assert server.last.url.params["debug"] == "1"
    assert json.loads(server.last.content)["dry_run"] is False


# -- "not given" is not None -------------------------------------------------------------


def test_not_given_differs_from_none_in_the_body(make_client: Any, sdk: Any) -> None:
    client, server = make_client(_respond)
    client.benchmark_jobs.create()
    assert json.loads(server.last.content) == {}
    client.benchmark_jobs.create(name=sdk.NOT_GIVEN)
    assert json.loads(server.last.content) == {}
    client.benchmark_jobs.create(name=None)  # type: ignore[arg-type]
    assert json.loads(server.last.content) == {"name": None}


def test_not_given_query_parameters_are_left_out(make_client: Any, sdk: Any) -> None:
    client, server = make_client(_respond)
    client.benchmark_jobs.list(limit=3, name=sdk.NOT_GIVEN, include_total_count=False)
    assert dict(server.last.url.params) == {"limit": "3", "include_total_count": "false"}


def test_not_given_sentinel(sdk: Any) -> None:
    assert sdk.NOT_GIVEN is sdk.NotGiven() and not sdk.NOT_GIVEN and repr(sdk.NOT_GIVEN) == "NOT_GIVEN"
    assert sdk.NOT_GIVEN is not None


# -- path parameters ---------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", None])
def test_empty_path_parameter_is_refused_before_any_request(make_client: Any, bad: Any) -> None:
    client, server = make_client(_respond)
    with pytest.raises(ValueError, match="id"):
        client.benchmark_jobs.retrieve(bad)
    with pytest.raises(ValueError, match="id"):
        client.benchmark_jobs.with_raw_response.retrieve(bad)
    assert server.requests == []


@pytest.mark.parametrize(
    ("job_id", "raw_path"),
    [
        ("a/b c", b"/v1/benchmark_jobs/a%2Fb%20c"),
        ("../admin", b"/v1/benchmark_jobs/..%2Fadmin"),
        ("x?y=1#z", b"/v1/benchmark_jobs/x%3Fy%3D1%23z"),
        ("bmj_\u00e9", b"/v1/benchmark_jobs/bmj_%C3%A9"),
    ],
)
def test_path_segments_are_url_encoded(make_client: Any, job_id: str, raw_path: bytes) -> None:
    client, server = make_client(_respond)
    client.benchmark_jobs.retrieve(job_id)
    assert server.last.url.raw_path == raw_path
    assert server.last.url.query == b""


@pytest.mark.asyncio
async def test_async_path_parameters(make_client: Any) -> None:
    client, server = make_client(_respond, use_async=True)
    with pytest.raises(ValueError):
        await client.benchmark_jobs.retrieve("")
    assert server.requests == []
    await client.benchmark_jobs.retrieve("a/b c")
    assert server.last.url.raw_path == b"/v1/benchmark_jobs/a%2Fb%20c"
