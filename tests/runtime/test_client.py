from __future__ import annotations

import datetime
import json
import logging
import sys

import httpx
import pytest
from sdkruntime import _exceptions as errors
from sdkruntime._response import RAW_RESPONSE_HEADER
from sdkruntime._types import omit

from tests.runtime.fakesdk import API_KEY, FakeSDK, JobState, JobView, Priority
from tests.runtime.helpers import MockAPI, job


def ok(payload: object | None = None) -> httpx.Response:
    return httpx.Response(200, json=job("a") if payload is None else payload)


def timeouts(request: httpx.Request) -> dict[str, float | None]:
    return dict(request.extensions["timeout"])


# -- headers and query ---------------------------------------------------------------


def test_default_headers(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok())
    client.jobs.retrieve("a")
    headers = api.requests[0].headers
    assert headers["Accept"] == "application/json"
    major, minor = sys.version_info[:2]
    assert headers["User-Agent"] == f"fakesdk/1.2.3 python/{major}.{minor} httpx/{httpx.__version__}"
    assert headers["Authorization"] == f"Bearer {API_KEY}"
    assert "Content-Type" not in headers


def test_header_layers_and_omit(api: MockAPI) -> None:
    sdk = FakeSDK(
        api_key=API_KEY,
        default_headers={"X-Team": "core", "Accept": "application/vnd+json"},
        http_client=httpx.Client(transport=httpx.MockTransport(api)),
    )
    api.add(ok(), ok())
    sdk.jobs.retrieve("a", extra_headers={"X-Team": "other", "User-Agent": omit, "X-New": "1"})
    sdk.jobs.retrieve("a")
    first, second = api.requests
    assert first.headers["X-Team"] == "other"
    assert first.headers["X-New"] == "1"
    assert first.headers["Accept"] == "application/vnd+json"
    assert "User-Agent" not in first.headers
    assert second.headers["X-Team"] == "core"
    assert "fakesdk/" in second.headers["User-Agent"]


def test_query_layers(api: MockAPI) -> None:
    sdk = FakeSDK(
        api_key=API_KEY,
        default_query={"region": "eu", "limit": 1},
        http_client=httpx.Client(transport=httpx.MockTransport(api)),
    )
    api.add(ok({"jobs": [], "has_more": False}))
    sdk.jobs.list(limit=5)
    assert api.requests[0].url.params.multi_items() == [
        ("region", "eu"),
        ("limit", "5"),
    ]
    api.add(ok())
    sdk.jobs.retrieve("a", extra_query={"region": "us", "flag": True, "ids": ["1", "2"]})
    assert api.requests[1].url.params.multi_items() == [
        ("region", "us"),
        ("limit", "1"),
        ("flag", "true"),
        ("ids", "1"),
        ("ids", "2"),
    ]


def test_path_params_are_encoded(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok())
    client.jobs.retrieve("a/b?c")
    assert api.requests[0].url.raw_path == b"/v1/jobs/a%2Fb%3Fc"
    with pytest.raises(ValueError, match="non-empty value for `job_id`"):
        client.jobs.retrieve("")


def test_base_url_with_a_path_prefix(api: MockAPI) -> None:
    for base_url in ("https://proxy.test/api", "https://proxy.test/api/"):
        sdk = FakeSDK(
            api_key=API_KEY,
            base_url=base_url,
            http_client=httpx.Client(transport=httpx.MockTransport(api)),
        )
        api.add(ok())
        sdk.jobs.retrieve("a")
        assert str(api.requests[-1].url) == "https://proxy.test/api/v1/jobs/a"


# -- bodies --------------------------------------------------------------------------


def test_json_body_with_extra_body(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok(), ok())
    client.jobs.create(name="a")
    client.jobs.create(name="b", priority=Priority.high, extra_body={"debug": True, "name": "c"})
    first, second = api.requests
    assert first.headers["Content-Type"] == "application/json"
    assert json.loads(first.content) == {"name": "a"}
    assert json.loads(second.content) == {"name": "c", "priority": 2, "debug": True}


def test_body_values_pass_through_to_jsonable(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok())
    when = datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)
    model = JobView(id="x", name="y", state=JobState.done, modelName="m")
    client.request(
        "POST",
        "/v1/raw",
        cast_to=object,
        json_body={"when": when, "job": model, "state": JobState.running},
    )
    assert json.loads(api.requests[0].content) == {
        "when": "2024-01-02T00:00:00+00:00",
        "job": {"id": "x", "name": "y", "state": "done", "modelName": "m"},
        "state": "running",
    }


def test_model_body_with_extra_body(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok())
    model = JobView(id="x", name="y", state=JobState.done)
    client.request(
        "PUT",
        "/v1/jobs/x",
        cast_to=object,
        json_body=model,
        options={"extra_body": {"note": "n"}},
    )
    assert json.loads(api.requests[0].content) == {
        "id": "x",
        "name": "y",
        "state": "done",
        "note": "n",
    }
    with pytest.raises(TypeError, match="extra_body"):
        client.request(
            "PUT",
            "/v1/x",
            cast_to=object,
            json_body=[1],
            options={"extra_body": {"a": 1}},
        )


def test_multipart_upload(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok())
    client.jobs.upload(
        file=("notes.txt", b"hello file", "text/plain"),
        description="d",
        tags=["x", "y"],
    )
    request = api.requests[0]
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    body = request.content
    assert b'name="file"; filename="notes.txt"' in body
    assert b"hello file" in body
    assert b'name="description"\r\n\r\nd' in body
    assert body.count(b'name="tags"') == 2


def test_form_and_binary_bodies(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok(), ok())
    client.request("POST", "/v1/form", cast_to=object, form_body={"a": 1, "b": True, "skip": None})
    client.request("PUT", "/v1/blob", cast_to=object, content=b"\x00\x01")
    form, blob = api.requests
    assert form.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form.content == b"a=1&b=true"
    assert blob.headers["Content-Type"] == "application/octet-stream"
    assert blob.content == b"\x00\x01"


# -- results -------------------------------------------------------------------------


def test_cast_to_none_str_bytes_and_response(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(204),
        httpx.Response(200, text="line 1\nline 2"),
        httpx.Response(200, content=b"\x00bin"),
        httpx.Response(200, text="raw"),
    )
    assert client.request("DELETE", "/v1/jobs/a", cast_to=None) is None
    assert client.jobs.logs("a") == "line 1\nline 2"
    assert client.request("GET", "/bin", cast_to=bytes) == b"\x00bin"
    response = client.request("GET", "/resp", cast_to=httpx.Response)
    assert isinstance(response, httpx.Response)
    assert response.text == "raw"


# -- timeouts ------------------------------------------------------------------------


def test_timeouts(api: MockAPI) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api))
    sdk = FakeSDK(api_key=API_KEY, http_client=http)
    api.add(*(ok() for _ in range(5)))
    sdk.jobs.retrieve("a")
    assert timeouts(api.requests[-1]) == {
        "connect": 5.0,
        "read": 60.0,
        "write": 60.0,
        "pool": 60.0,
    }
    sdk.jobs.retrieve("a", timeout=3)
    assert set(timeouts(api.requests[-1]).values()) == {3}
    sdk.jobs.retrieve("a", timeout=None)
    assert set(timeouts(api.requests[-1]).values()) == {None}
    sdk.with_options(timeout=httpx.Timeout(7, connect=1)).jobs.retrieve("a")
    assert timeouts(api.requests[-1]) == {
        "connect": 1,
        "read": 7,
        "write": 7,
        "pool": 7,
    }
    FakeSDK(api_key=API_KEY, http_client=http, timeout=20).jobs.retrieve("a")
    assert set(timeouts(api.requests[-1]).values()) == {20}


def test_timeout_configured_on_a_user_http_client_is_respected(api: MockAPI) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api), timeout=12)
    api.add(ok())
    FakeSDK(api_key=API_KEY, http_client=http).jobs.retrieve("a")
    assert set(timeouts(api.requests[-1]).values()) == {12}


# -- copies and closing --------------------------------------------------------------


def test_with_options_shares_the_pool_and_rebinds_resources(client: FakeSDK, api: MockAPI) -> None:
    resource = client.jobs
    copy = client.with_options(default_headers={"X-Extra": "1"}, max_retries=0)
    assert type(copy) is FakeSDK
    assert copy._http is client._http
    assert copy.jobs is not resource
    assert copy.jobs._client is copy
    assert client.jobs is resource
    assert client.copy(max_retries=1).max_retries == 1
    api.add(ok(), ok())
    copy.jobs.retrieve("a")
    client.jobs.retrieve("a")
    assert api.requests[0].headers["X-Extra"] == "1"
    assert "X-Extra" not in api.requests[1].headers
    assert api.requests[0].headers["Authorization"] == f"Bearer {API_KEY}"


def test_only_the_creator_of_a_pool_closes_it() -> None:
    sdk = FakeSDK(api_key=API_KEY)
    copy = sdk.with_options(max_retries=0)
    copy.close()
    assert not sdk.is_closed()
    with sdk:
        pass
    assert sdk.is_closed()


def test_a_user_supplied_http_client_is_left_open(api: MockAPI) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api))
    with FakeSDK(api_key=API_KEY, http_client=http) as sdk:
        assert sdk._http is http
    assert not http.is_closed


# -- strict mode ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        (job("a", state="paused"), "/state"),
        (job("a", source={"type": "s3"}), "/source"),
        (job("a", source={"type": "file", "path": "p", "mode": "r"}), "/source/mode"),
        (job("a", priority="1"), "/priority"),
        (job("a", name=7), "/name"),
    ],
    ids=["enum_value", "union_variant", "closed_extra_field", "string_for_int", "int_for_string"],
)
def test_strict_mode_refuses_what_the_schema_does_not_allow(
    client: FakeSDK, api: MockAPI, payload: dict[str, object], where: str
) -> None:
    api.add(ok(payload), ok(payload))
    if payload.get("name") != 7:  # an int for a string fails leniently too
        assert client.jobs.retrieve("a").id == "a"
    else:
        api.add(ok(payload))
        with pytest.raises(errors.APIResponseValidationError, match="/name"):
            client.jobs.retrieve("a")
    with pytest.raises(errors.APIResponseValidationError) as info:
        client.with_options(strict_response_validation=True).jobs.retrieve("a")
    assert where in info.value.message
    assert info.value.body == payload


def test_strict_mode_refuses_a_missing_required_field(client: FakeSDK, api: MockAPI) -> None:
    payload = {"id": "a", "state": "running"}
    api.add(ok(payload))
    with pytest.raises(errors.APIResponseValidationError, match="/name"):
        client.with_options(strict_response_validation=True).jobs.retrieve("a")


def test_strict_mode_keeps_extra_fields_the_schema_allows(client: FakeSDK, api: MockAPI) -> None:
    payload = job("a", color="red", source={"type": "git", "repo": "r", "ref": "main"})
    api.add(ok(payload))
    result = client.with_options(strict_response_validation=True).jobs.retrieve("a")
    assert result.model_extra == {"color": "red"}
    assert result.source is not None and result.source.model_extra == {"ref": "main"}
    assert result.to_dict() == payload


def test_strict_mode_accepts_known_data(api: MockAPI) -> None:
    sdk = FakeSDK(
        api_key=API_KEY,
        strict_response_validation=True,
        http_client=httpx.Client(transport=httpx.MockTransport(api)),
    )
    api.add(ok(job("a", source={"type": "git", "repo": "r"})))
    assert sdk.jobs.retrieve("a").id == "a"


# -- logging -------------------------------------------------------------------------


def test_debug_logging_redacts_credentials(
    api: MockAPI,
    sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("FAKESDK_LOG", "debug")
    logger = logging.getLogger("fakesdk")
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    sdk = FakeSDK(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    FakeSDK(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    assert logger.level == logging.DEBUG
    assert len(logger.handlers) == 1
    monkeypatch.setattr(sdk, "_sleep", sleeps.append)
    api.add(httpx.Response(503), ok())
    with caplog.at_level(logging.DEBUG, logger="fakesdk"):
        sdk.jobs.retrieve("a", extra_headers={"Cookie": "session=abc", "X-Api-Key": "k2"})
    text = caplog.text
    assert "GET https://api.example.test/v1/jobs/a" in text
    assert "503" in text
    assert "Retrying" in text
    assert "200" in text
    assert "'authorization': '<redacted>'" in text
    assert API_KEY not in text
    assert "session=abc" not in text
    assert "k2" not in text


def test_logging_is_off_without_the_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAKESDK_LOG", raising=False)
    logger = logging.getLogger("fakesdk")
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    FakeSDK(api_key=API_KEY)
    assert logger.level == logging.NOTSET
    assert logger.handlers == []


def test_raw_response_marker_is_never_sent(client: FakeSDK, api: MockAPI) -> None:
    api.add(ok())
    client.jobs.with_raw_response.retrieve("a")
    assert RAW_RESPONSE_HEADER not in api.requests[0].headers


def test_multipart_whole_body_sends_files_as_file_parts_and_objects_as_json_parts(
    client: FakeSDK, api: MockAPI
) -> None:
    api.add(ok())
    client.request(
        "POST",
        "/v1/upload",
        cast_to=object,
        form_body={"file": b"raw bytes", "meta": {"size": 2}, "note": "n"},
        content_type="multipart/form-data",
    )
    body = api.requests[0].content
    assert b'name="file"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\nraw bytes' in body
    assert b'name="meta"\r\nContent-Type: application/json\r\n\r\n{"size": 2}' in body
    assert b"meta[size]" not in body
    assert b'name="note"\r\n\r\nn' in body
