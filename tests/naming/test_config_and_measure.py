"""Naming settings from the config files, and the agreement of our names with an official SDK's."""

from __future__ import annotations

from pathlib import Path

from bench.names import official_names, operation_key, our_names, tail
from tests.helpers import generate, import_fresh, shared_dir

SPEC = """
openapi: 3.1.0
info: {title: Jobs, version: '1'}
servers: [{url: https://jobs.example}]
paths:
  /v1/jobs:
    get:
      operationId: listJobs
      tags: [Queue]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
  /v1/jobs/{id}/cancel:
    post:
      operationId: cancelJob
      tags: [Queue]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: cancelled}}
"""


def test_sdk_yaml_operations_and_naming_reach_the_sdk(tmp_path: Path) -> None:
    (tmp_path / "jobs.yaml").write_text(SPEC)
    (tmp_path / "jobs.sdk.yaml").write_text(
        "operations:\n  listJobs: {method: all}\n  'post /v1/jobs/{job_id}/cancel': {resource: admin.jobs, method: stop}\n"
    )
    assert generate(tmp_path / "jobs.yaml", tmp_path / "out") == 0
    jobs = import_fresh("jobs", tmp_path / "out")
    client = jobs.Jobs(base_url="http://x")  # type: ignore[attr-defined]
    assert callable(client.jobs.all) and callable(client.admin.jobs.stop)
    (tmp_path / "jobs.sdk.yaml").write_text("naming: tags\n")
    assert generate(tmp_path / "jobs.yaml", tmp_path / "out2") == 0
    client = import_fresh("jobs", tmp_path / "out2").Jobs(base_url="http://x")  # type: ignore[attr-defined]
    assert callable(client.queue.list) and callable(client.queue.cancel)


def test_openai_names_agree_with_openai_python_on_at_least_nine_in_ten() -> None:
    shared = shared_dir()
    official = official_names(shared / "names" / "openai-python-api.md")
    ours = our_names(shared / "specs-big" / "openai-openapi-3.1.yaml")
    common = set(official) & set(ours)
    assert len(common) >= 250
    same_method = sum(any(tail(ours[k], 1) == tail(t, 1) for t in official[k]) for k in common)
    same_tail = sum(any(tail(ours[k], 2) == tail(t, 2) for t in official[k]) for k in common)
    assert same_method / len(common) >= 0.9 and same_tail / len(common) >= 0.9, (same_method, same_tail, len(common))
    assert ours[operation_key("get", "/chat/completions/{id}/messages")] == "chat.completions.messages.list"
    assert ours[operation_key("delete", "/containers/{c}/files/{f}")] == "containers.files.delete"
