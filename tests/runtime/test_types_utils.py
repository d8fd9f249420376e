from __future__ import annotations

import datetime
import pickle

import pytest
from sdkruntime._base_client import make_request_options
from sdkruntime._logging import (
    REDACTED,
    is_sensitive_name,
    redact_headers,
    redact_secrets,
    redact_url,
)
from sdkruntime._types import NOT_GIVEN, NotGiven, omit
from sdkruntime._utils import build_query, optional_body, path_template, strip_not_given, to_jsonable

from tests.runtime.fakesdk import JobState, JobView, Priority


def test_not_given_is_a_falsy_singleton_distinct_from_none() -> None:
    assert not NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
    assert NotGiven() is NOT_GIVEN
    assert NOT_GIVEN is not None
    assert pickle.loads(pickle.dumps(NOT_GIVEN)) is NOT_GIVEN


def test_omit_is_falsy() -> None:
    assert not omit
    assert repr(omit) == "omit"


def test_path_template_encodes_each_value_as_one_segment() -> None:
    assert path_template("/v1/jobs/{id}", id="job_1") == "/v1/jobs/job_1"
    assert path_template("/v1/jobs/{id}/runs/{n}", id="a/b c", n=3) == "/v1/jobs/a%2Fb%20c/runs/3"
    assert path_template("/v1/{x}", x="..?#") == "/v1/..%3F%23"


@pytest.mark.parametrize("value", ["", None])
def test_path_template_rejects_empty_values(value: object) -> None:
    with pytest.raises(ValueError, match="Expected a non-empty value for `id` but received") as info:
        path_template("/v1/jobs/{id}", id=value)
    assert str(info.value) == f"Expected a non-empty value for `id` but received {value!r}"


def test_strip_not_given() -> None:
    assert strip_not_given({"a": 1, "b": NOT_GIVEN, "c": None}) == {"a": 1, "c": None}
    assert strip_not_given(None) == {}


def test_build_query_encodings() -> None:
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    pairs = build_query(
        {
            "skip": NOT_GIVEN,
            "none": None,
            "flag": True,
            "off": False,
            "limit": 10,
            "state": [JobState.running, JobState.done],
            "filter": {"name": "x", "tags": ["a", "b"], "deep": {"k": 1}},
            "since": when,
            "priority": Priority.high,
        }
    )
    assert pairs == [
        ("flag", "true"),
        ("off", "false"),
        ("limit", "10"),
        ("state", "running"),
        ("state", "done"),
        ("filter[name]", "x"),
        ("filter[tags]", "a"),
        ("filter[tags]", "b"),
        ("filter[deep][k]", "1"),
        ("since", "2024-01-02T03:04:05+00:00"),
        ("priority", "2"),
    ]


def test_to_jsonable_converts_models_enums_dates_and_drops_not_given() -> None:
    model = JobView(id="j", name="n", state=JobState.done, modelName="m")
    value = {
        "job": model,
        "state": JobState.running,
        "day": datetime.date(2024, 5, 6),
        "items": (1, JobState.done, [Priority.low]),
        "gone": NOT_GIVEN,
        "nested": {"gone": NOT_GIVEN, "kept": None},
    }
    assert to_jsonable(value) == {
        "job": {"id": "j", "name": "n", "state": "done", "modelName": "m"},
        "state": "running",
        "day": "2024-05-06",
        "items": [1, "done", [1]],
        "nested": {"kept": None},
    }


def test_make_request_options_keeps_only_given_values() -> None:
    assert make_request_options() == {}
    options = make_request_options(
        extra_headers={"X": "1"},
        extra_query={"q": 1},
        extra_body={"b": 2},
        timeout=None,
        max_retries=0,
        idempotency_key="k",
    )
    assert options == {
        "headers": {"X": "1"},
        "query": {"q": 1},
        "extra_body": {"b": 2},
        "timeout": None,
        "max_retries": 0,
        "idempotency_key": "k",
    }


def test_redaction_helpers() -> None:
    assert is_sensitive_name("Authorization")
    assert is_sensitive_name("X-API-Key")
    assert is_sensitive_name("Cookie")
    assert is_sensitive_name("x-custom", extra={"X-Custom"})
    assert not is_sensitive_name("Idempotency-Key")
    assert not is_sensitive_name("author")
    assert redact_headers([("Authorization", "Bearer s"), ("Accept", "a")]) == {
        "Authorization": REDACTED,
        "Accept": "a",
    }
    assert (
        redact_url("https://user:pw@h.test/p?api_key=s&q=a%20b&token=t")
        == f"https://h.test/p?api_key={REDACTED}&q=a%20b&token={REDACTED}"
    )


def test_redact_secrets() -> None:
    text = "bad Bearer sk-123456 (key sk-123456), Unknown field"
    assert redact_secrets(text, {"Bearer sk-123456", "sk-123456"}) == f"bad {REDACTED} (key {REDACTED}), Unknown field"
    # Values too short to be credentials would garble the text: left alone.
    assert redact_secrets(text, {"k", "", "n"}) == text


def test_optional_body_is_not_given_when_no_field_is() -> None:
    assert optional_body({"a": NOT_GIVEN, "b": NOT_GIVEN}) is NOT_GIVEN
    assert optional_body({"a": NOT_GIVEN, "b": None}) == {"b": None}
    assert optional_body({"a": 0}) == {"a": 0}
