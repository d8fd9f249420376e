from __future__ import annotations

from functools import cached_property

import httpx
import pytest
from sdkruntime import _exceptions as errors

from tests.runtime.fakesdk import API_KEY, FakeSDK, Jobs
from tests.runtime.helpers import MockAPI, TrackingStream


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (500, errors.InternalServerError),
        (503, errors.InternalServerError),
        (418, errors.APIStatusError),
    ],
)
def test_status_errors(client: FakeSDK, api: MockAPI, status: int, error_class: type[errors.APIStatusError]) -> None:
    api.add(httpx.Response(status, json={"message": "something is wrong", "code": "E1"}))
    with pytest.raises(error_class) as info:
        client.jobs.retrieve("job_1", max_retries=0)
    error = info.value
    assert type(error) is error_class
    assert isinstance(error, errors.APIError)
    assert error.status_code == status
    assert error.response.status_code == status
    assert error.body == {"message": "something is wrong", "code": "E1"}
    assert error.request.url == "https://api.example.test/v1/jobs/job_1"
    assert str(status) in error.message
    assert "GET https://api.example.test/v1/jobs/job_1" in error.message
    assert error.message.endswith(": something is wrong")
    assert API_KEY not in str(error)
    assert API_KEY not in repr(error)


def test_error_body_shapes(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(400, json={"error": {"message": "bad name", "type": "invalid"}}),
        httpx.Response(400, text="plain failure"),
        httpx.Response(400),
    )
    with pytest.raises(errors.BadRequestError, match=r"bad name$"):
        client.jobs.retrieve("a")
    with pytest.raises(errors.BadRequestError) as info:
        client.jobs.retrieve("a")
    assert info.value.body == "plain failure"
    assert info.value.message.endswith(": plain failure")
    with pytest.raises(errors.BadRequestError) as info:
        client.jobs.retrieve("a")
    assert info.value.body is None
    assert info.value.message == "400 Bad Request for GET https://api.example.test/v1/jobs/a"


def test_no_secret_in_errors_even_when_the_server_echoes_headers(api: MockAPI) -> None:
    class QueryKeySDK(FakeSDK):
        """A variant sending its key in the query string."""

        @property
        def auth_headers(self) -> dict[str, str]:
            return {}

        @property
        def auth_query(self) -> dict[str, str]:
            return {"api_key": self.api_key}

        @cached_property
        def jobs(self) -> Jobs:
            return Jobs(self)

    sdk = QueryKeySDK(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    api.add(httpx.Response(401, json={"message": "denied"}), httpx.ConnectError("refused"))
    with pytest.raises(errors.AuthenticationError) as info:
        sdk.jobs.retrieve("a")
    assert api.requests[0].url.params["api_key"] == API_KEY
    for text in (str(info.value), repr(info.value), info.value.message):
        assert API_KEY not in text
        assert "api_key=<redacted>" in text
    with pytest.raises(errors.APIConnectionError) as conn:
        sdk.jobs.retrieve("a", max_retries=0)
    assert API_KEY not in str(conn.value)
    assert API_KEY not in repr(conn.value)


def test_connection_error_after_retries(client: FakeSDK, api: MockAPI, sleeps: list[float]) -> None:
    api.add(*(httpx.ConnectError("connection refused") for _ in range(3)))
    with pytest.raises(errors.APIConnectionError) as info:
        client.jobs.retrieve("a")
    assert type(info.value) is errors.APIConnectionError
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert info.value.body is None
    assert len(api.requests) == 3
    assert len(sleeps) == 2
    assert "GET https://api.example.test/v1/jobs/a" in str(info.value)


def test_timeout_error_after_retries(client: FakeSDK, api: MockAPI) -> None:
    api.add(*(httpx.ReadTimeout("too slow") for _ in range(3)))
    with pytest.raises(errors.APITimeoutError) as info:
        client.jobs.retrieve("a")
    assert isinstance(info.value, errors.APIConnectionError)
    assert len(api.requests) == 3


def test_missing_required_field_is_a_validation_error(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, json={"id": "a"}))
    with pytest.raises(errors.APIResponseValidationError) as info:
        client.jobs.retrieve("a")
    assert info.value.status_code == 200
    assert info.value.body == {"id": "a"}
    assert "/name" in info.value.message
    assert "/state" in info.value.message
    assert isinstance(info.value.__cause__, Exception)


def test_non_json_or_empty_body_for_a_model_is_a_validation_error(client: FakeSDK, api: MockAPI) -> None:
    api.add(
        httpx.Response(200, html="<html>gateway</html>"),
        httpx.Response(200, headers={"content-type": "application/json"}),
        httpx.Response(200, content=b'{"id": "a", "name": "n", "state": "done"}'),
    )
    with pytest.raises(errors.APIResponseValidationError, match="text/html"):
        client.jobs.retrieve("a")
    with pytest.raises(errors.APIResponseValidationError, match="empty"):
        client.jobs.retrieve("a")
    # No content type at all: parsed anyway.
    assert client.jobs.retrieve("a").state == "done"


def test_invalid_json_is_a_validation_error(client: FakeSDK, api: MockAPI) -> None:
    api.add(httpx.Response(200, content=b"{oops", headers={"content-type": "application/json"}))
    with pytest.raises(errors.APIResponseValidationError) as info:
        client.jobs.retrieve("a")
    assert info.value.body == "{oops"


def test_missing_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAKESDK_API_KEY", raising=False)
    with pytest.raises(errors.MissingCredentialsError) as info:
        FakeSDK()
    assert "api_key" in str(info.value)
    assert "FAKESDK_API_KEY" in str(info.value)
    assert isinstance(info.value, errors.SDKError)
    monkeypatch.setenv("FAKESDK_API_KEY", "from-env")
    assert FakeSDK().auth_headers == {"Authorization": "Bearer from-env"}


def test_retried_error_bodies_are_closed(client: FakeSDK, api: MockAPI) -> None:
    first, last = TrackingStream(b'{"message": "busy"}'), TrackingStream(b'{"message": "no"}')
    api.add(httpx.Response(503, stream=first), httpx.Response(500, stream=last))
    with pytest.raises(errors.InternalServerError) as info:
        client.jobs.retrieve("a", max_retries=1)
    assert first.closed
    assert last.closed
    assert info.value.body == {"message": "no"}
