from __future__ import annotations

import gc
import json
import threading
import warnings
from typing import Any

import pydantic
import pytest
from sdkruntime._models import (
    BaseModel,
    IntOpenEnum,
    StrOpenEnum,
    find_schema_violations,
    find_unknowns,
    is_known_member,
    parse_json,
)

from tests.runtime.fakesdk import (
    FileSource,
    GitSource,
    JobListView,
    JobState,
    JobView,
    Priority,
    SourceUnknown,
)


def parse_job(payload: dict[str, Any]) -> JobView:
    result = parse_json(JobView, json.dumps(payload).encode())
    assert isinstance(result, JobView)
    return result


# -- open enums ----------------------------------------------------------------------


def test_unknown_str_enum_value_is_kept() -> None:
    job = parse_job({"id": "a", "name": "n", "state": "paused"})
    assert isinstance(job.state, JobState)
    assert job.state.value == "paused"
    assert job.state == "paused"
    assert str(job.state) == "paused"
    assert not is_known_member(job.state)
    assert job.model_dump(mode="json")["state"] == "paused"
    assert json.loads(job.model_dump_json())["state"] == "paused"


def test_unknown_int_enum_value_is_kept() -> None:
    job = parse_job({"id": "a", "name": "n", "state": "running", "priority": 7})
    assert isinstance(job.priority, Priority)
    assert job.priority.value == 7
    assert job.priority == 7
    assert not is_known_member(job.priority)


def test_known_members_are_the_declared_ones() -> None:
    job = parse_job({"id": "a", "name": "n", "state": "running", "priority": 2})
    assert job.state is JobState.running
    assert job.priority is Priority.high
    assert is_known_member(job.state)
    assert str(JobState.running) == "running"
    assert f"{JobState.done}" == "done"


def test_pseudo_members_are_cached_per_class() -> None:
    first = parse_job({"id": "a", "name": "n", "state": "archived"}).state
    second = parse_job({"id": "b", "name": "n", "state": "archived"}).state
    assert first is second is JobState("archived")
    assert hash(first) == hash("archived")
    assert "archived" not in JobState.__members__
    assert "unknown" in repr(first)


def test_pseudo_member_creation_is_thread_safe() -> None:
    results: list[JobState] = []
    barrier = threading.Barrier(8)

    def make() -> None:
        barrier.wait()
        results.append(JobState("concurrent-value"))

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(member) for member in results}) == 1


def test_wrong_type_for_an_enum_is_still_an_error() -> None:
    with pytest.raises(pydantic.ValidationError):
        parse_job({"id": "a", "name": "n", "state": 5})
    with pytest.raises(pydantic.ValidationError):
        parse_job({"id": "a", "name": "n", "state": "running", "priority": "high"})


def test_str_and_int_open_enum_bases() -> None:
    class Color(StrOpenEnum):
        red = "red"

    class Level(IntOpenEnum):
        one = 1

    assert Color("blue") == "blue"
    assert not is_known_member(Color("blue"))
    assert Color.red == "red"
    assert str(Color.red) == "red"
    assert Level(5) == 5
    assert is_known_member(Level(1))

    class Holder(BaseModel):
        color: Color
        level: Level

    holder = Holder.model_validate_json(b'{"color": "green", "level": 9}')
    assert (holder.color.value, holder.level.value) == ("green", 9)
    assert holder.model_dump(mode="json") == {"color": "green", "level": 9}


# -- unions, extra fields ------------------------------------------------------------


def test_known_union_variants_are_chosen() -> None:
    assert isinstance(parse_job({**_job(), "source": {"type": "git", "repo": "r"}}).source, GitSource)
    assert isinstance(
        parse_job({**_job(), "source": {"type": "file", "path": "p"}}).source,
        FileSource,
    )


def test_unknown_union_variant_falls_back_and_keeps_its_data() -> None:
    job = parse_job({**_job(), "source": {"type": "s3", "bucket": "b", "region": "eu"}})
    assert isinstance(job.source, SourceUnknown)
    assert job.source.type == "s3"
    assert job.source.model_dump() == {"type": "s3", "bucket": "b", "region": "eu"}


def test_extra_fields_survive_dumps() -> None:
    job = parse_job({**_job(), "new_field": {"x": [1, 2]}, "modelName": "m"})
    assert job.model_extra == {"new_field": {"x": [1, 2]}}
    assert job.model_dump()["new_field"] == {"x": [1, 2]}
    assert job.to_dict()["new_field"] == {"x": [1, 2]}
    assert json.loads(job.model_dump_json())["new_field"] == {"x": [1, 2]}
    assert job.model_name == "m"


def test_fields_can_be_set_by_name_or_alias() -> None:
    # Type checkers only know the alias as a keyword; at runtime both work.
    by_name = JobView(id="a", name="n", state=JobState.done, model_name="m")  # type: ignore[call-arg]
    by_alias = JobView.model_validate({"id": "a", "name": "n", "state": "done", "modelName": "m"})
    assert by_name == by_alias
    assert by_name.model_dump()["model_name"] == "m"  # pydantic's default: Python names


def test_protected_namespace_names_give_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")

        class Model(BaseModel):
            model_name: str
            model_version: int

    assert Model(model_name="x", model_version=1).model_name == "x"


def test_to_dict_uses_wire_names_and_leaves_out_unset_fields() -> None:
    job = JobView(id="a", name="n", state=JobState.done, modelName="m")
    assert job.to_dict() == {
        "id": "a",
        "name": "n",
        "state": JobState.done,
        "modelName": "m",
    }
    assert job.to_dict(mode="json")["state"] == "done"
    assert job.to_dict(by_alias=False, exclude_unset=False)["model_name"] == "m"
    assert job.to_dict(exclude_unset=False)["priority"] is None


def test_to_json_is_indented_wire_json() -> None:
    job = parse_job({**_job(), "created_at": "2024-01-02T03:04:05Z", "modelName": "m"})
    text = job.to_json()
    assert text.startswith("{\n  ")
    assert json.loads(text) == {
        "id": "job_1",
        "name": "n",
        "state": "running",
        "created_at": "2024-01-02T03:04:05Z",
        "modelName": "m",
    }
    assert "\n" not in job.to_json(indent=None)


# -- find_unknowns -------------------------------------------------------------------


def test_find_unknowns_lists_every_kind_of_unknown_data() -> None:
    page = parse_json(
        JobListView,
        json.dumps(
            {
                "jobs": [
                    _job(),
                    {
                        **_job(),
                        "state": "paused",
                        "source": {"type": "s3"},
                        "color": "red",
                    },
                ],
                "has_more": False,
                "cursor": "x",
            }
        ).encode(),
    )
    found = find_unknowns(page)
    assert len(found) == 4
    assert any(f.startswith("/jobs/1/state:") and "'paused'" in f for f in found)
    assert any(f.startswith("/jobs/1/source:") and "unknown variant" in f for f in found)
    assert any(f.startswith("/jobs/1/color:") and "unknown field" in f for f in found)
    assert any(f.startswith("/cursor:") for f in found)


def test_find_schema_violations_allows_extra_fields_of_open_schemas() -> None:
    body = {
        "jobs": [
            {**_job(), "color": "red", "source": {"type": "git", "repo": "r", "x": 1}},
            {**_job(), "state": "paused", "source": {"type": "file", "path": "p", "x": 1}},
            {**_job(), "source": {"type": "s3"}},
        ],
        "has_more": False,
        "cursor": "x",
    }
    page = parse_json(JobListView, json.dumps(body).encode())
    found = find_schema_violations(page)
    assert len(found) == 3, found
    assert found[0].startswith("/jobs/1/state:") and "'paused'" in found[0]
    assert found[1].startswith("/jobs/1/source/x: unknown field of FileSource")
    assert "allows no other fields" in found[1]
    assert found[2].startswith("/jobs/2/source:") and "unknown variant" in found[2]
    # find_unknowns also lists the fields the schemas allow.
    assert len(find_unknowns(page)) == 6


def test_find_unknowns_is_empty_for_known_data() -> None:
    job = parse_job({**_job(), "source": {"type": "git", "repo": "r"}, "modelName": "m"})
    assert find_unknowns(job) == []
    assert find_unknowns([job, {"k": job}]) == []


# -- parse_json ----------------------------------------------------------------------


def test_parse_json_strict_does_not_coerce() -> None:
    body = json.dumps({**_job(), "priority": "1"}).encode()
    lenient = parse_json(JobView, body)
    assert isinstance(lenient, JobView) and lenient.priority == Priority.low
    with pytest.raises(pydantic.ValidationError, match="priority"):
        parse_json(JobView, body, strict=True)
    with pytest.raises(pydantic.ValidationError):
        parse_json(list[int], b'["1"]', strict=True)
    assert parse_json(list[float], b"[1, 2.5]", strict=True) == [1, 2.5]
    # Unknown enum values still parse: refusing them is find_schema_violations' job.
    job = parse_json(JobView, json.dumps({**_job(), "state": "paused"}).encode(), strict=True)
    assert isinstance(job, JobView) and job.state.value == "paused"


def test_parse_json_handles_any_annotation() -> None:
    assert parse_json(list[int], b"[1, 2]") == [1, 2]
    jobs = parse_json(dict[str, JobView], json.dumps({"a": _job()}).encode())
    assert isinstance(jobs, dict)
    assert isinstance(jobs["a"], JobView)
    assert parse_json(object, b'{"a": [1]}') == {"a": [1]}
    assert isinstance(parse_json(GitSource | FileSource, b'{"type":"file","path":"p"}'), FileSource)


def test_parse_json_raises_validation_errors() -> None:
    with pytest.raises(pydantic.ValidationError):
        parse_json(JobView, b'{"id": "a"}')
    with pytest.raises(pydantic.ValidationError):
        parse_json(JobView, b"not json")


class GcProbe(BaseModel):
    value: int

    @pydantic.field_validator("value")
    @classmethod
    def record_gc_state(cls, value: int) -> int:
        GC_STATES.append(gc.isenabled())
        return value


GC_STATES: list[bool] = []


def _probes(count: int) -> bytes:
    return ("[" + ", ".join(['{"value": 1}'] * count) + "]").encode()


def test_parse_json_pauses_the_gc_and_restores_it() -> None:
    GC_STATES.clear()
    assert gc.isenabled()
    body = _probes(200)
    assert len(body) >= 2048  # the size from which the GC is paused
    parse_json(list[GcProbe], body)
    assert GC_STATES == [False] * 200
    assert gc.isenabled()
    with pytest.raises(pydantic.ValidationError):
        parse_json(list[GcProbe], body.replace(b"1}]", b'"x"}]'))
    assert gc.isenabled()
    gc.disable()
    try:
        parse_json(list[GcProbe], body)
        assert not gc.isenabled()  # a disabled GC stays disabled
    finally:
        gc.enable()


def test_parse_json_of_a_small_body_leaves_the_gc_running() -> None:
    # A small body makes too few objects for a collection to start: no pause, no lock.
    GC_STATES.clear()
    parse_json(list[GcProbe], _probes(2))
    assert GC_STATES == [True, True]
    with pytest.raises(pydantic.ValidationError):
        parse_json(GcProbe, b'{"value": "x"}')
    assert gc.isenabled()


def test_parse_json_of_a_large_body_leaves_the_gc_as_it_was() -> None:
    # Large bodies are built with the GC paused and then promoted to the oldest
    # generation (gc.freeze + gc.unfreeze): objects a program froze stay frozen.
    payload = json.dumps({"jobs": [_job(f"job_{n}") for n in range(6000)], "has_more": False}).encode()
    assert len(payload) > 256 * 1024
    assert gc.isenabled()
    page = parse_json(JobListView, payload)
    assert isinstance(page, JobListView) and len(page.jobs) == 6000
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    frozen = [object() for _ in range(10)]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        parse_json(JobListView, payload)
        assert gc.get_freeze_count() == count
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    del frozen


def test_parse_json_validates_bytes_without_python_json_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The hot path stays in pydantic-core: no json.loads, no Python-side construction.
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("json.loads must not be used")

    monkeypatch.setattr(json, "loads", forbidden)
    payload = b'{"jobs": [{"id": "a", "name": "n", "state": "done"}], "has_more": false}'
    page = parse_json(JobListView, payload)
    assert isinstance(page, JobListView)
    assert page.jobs[0].state is JobState.done
    assert parse_json(list[JobView], b'[{"id": "a", "name": "n", "state": "done"}]')


def _job(job_id: str = "job_1") -> dict[str, Any]:
    return {"id": job_id, "name": "n", "state": "running"}
