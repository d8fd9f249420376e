"""Naming settings from the config files, and the agreement of our names with an official SDK's."""

from __future__ import annotations

from pathlib import Path

from bench.names import agreement, githubkit_names, official_names, operation_key, our_names, stripe_names, tail
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


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_the_stripe_and_githubkit_references_are_read_from_their_sources(tmp_path: Path) -> None:
    # The shapes of stripe 16.x's services and githubkit's REST namespace, in miniature.
    _write(tmp_path, {
        "stripe/_v1_services.py": '_subservices = {"charges": ["stripe._charge_service", "ChargeService"]}\n'
                                  "class V1Services:\n    pass\n",
        "stripe/_v2_services.py": "_subservices = {}\nclass V2Services:\n    pass\n",
        "stripe/_charge_service.py": (
            '_subservices = {"dispute": ["stripe._dispute_service", "DisputeService"]}\n'
            "class ChargeService:\n"
            "    def capture(self, charge, params=None):\n"
            '        return self._request("post", "/v1/charges/{charge}/capture".format(charge=charge), params=params)\n'
            "    async def capture_async(self, charge):\n"
            '        return await self._request_async("post", "/v1/charges/{charge}/capture".format(charge=charge))\n'
            "    def list(self):\n"
            '        return self._request("get", "/v1/charges")\n'
        ),
        "stripe/_dispute_service.py": (
            "class DisputeService:\n"
            "    def close(self, charge):\n"
            '        return self._request("post", "/v1/charges/{charge}/dispute/close".format(charge=charge))\n'
        ),
        "githubkit_schemas/v2022_11_28/rest/__init__.py": (
            "class RestNamespace:\n"
            "    @cached_property\n"
            "    def repos(self):\n"
            "        from .repos import ReposClient\n"
            "        return ReposClient(self._github)\n"
        ),
        "githubkit_schemas/v2022_11_28/rest/repos.py": (
            "class ReposClient:\n"
            "    def add_collaborator(self, owner, repo, username):\n"
            '        url = f"/repos/{owner}/{repo}/collaborators/{username}"\n'
            '        return self._github.request("PUT", url)\n'
            "    async def async_add_collaborator(self, owner, repo, username):\n"
            '        url = f"/repos/{owner}/{repo}/collaborators/{username}"\n'
            '        return await self._github.arequest("PUT", url)\n'
        ),
    })  # fmt: skip
    assert stripe_names(tmp_path) == {
        ("post", "/v1/charges/{}/capture"): ["v1.charges.capture"],
        ("get", "/v1/charges"): ["v1.charges.list"],
        ("post", "/v1/charges/{}/dispute/close"): ["v1.charges.dispute.close"],
    }
    assert githubkit_names(tmp_path) == {("put", "/repos/{}/{}/collaborators/{}"): ["rest.repos.add_collaborator"]}
    ours = {("post", "/v1/charges/{}/capture"): "charges.capture", ("get", "/v1/charges"): "charges.list",
            ("post", "/v1/charges/{}/dispute/close"): "charges.dispute.close.create"}  # fmt: skip
    common, same_method, same_tail, differing = agreement(stripe_names(tmp_path), ours)
    assert (common, same_method, same_tail) == (3, 2, 2)
    assert len(differing) == 1 and "charges.dispute.close.create" in differing[0]
