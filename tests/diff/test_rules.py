"""One test per diff rule: a one-place change to tests/diff/jobs.yaml reports that rule at its level.

Each case edits the parsed spec (``new``; optionally ``old`` too) and runs ``diff --format json``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.diff import RULES

BASE = Path(__file__).with_name("jobs.yaml")
Spec = dict[str, Any]
Edit = Callable[[Spec], None]


def op(spec: Spec, path: str, method: str) -> dict[str, Any]:
    return spec["paths"][path][method]


def param(spec: Spec, path: str, method: str, name: str) -> dict[str, Any]:
    return next(p for p in op(spec, path, method)["parameters"] if p["name"] == name)


def schema(spec: Spec, name: str) -> dict[str, Any]:
    return spec["components"]["schemas"][name]


def prop(spec: Spec, name: str, field: str) -> dict[str, Any]:
    return schema(spec, name)["properties"][field]


def rename_schema(spec: Spec, old: str, new: str) -> None:
    schemas = spec["components"]["schemas"]
    schemas[new] = schemas.pop(old)
    text = json.dumps(spec).replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    spec.clear()
    spec.update(json.loads(text))


def _remove_param(name: str, path: str = "/jobs", method: str = "get") -> Edit:
    return lambda s: op(s, path, method)["parameters"].remove(param(s, path, method, name))


def _add_param(value: dict[str, Any], path: str = "/jobs", method: str = "get") -> Edit:
    return lambda s: op(s, path, method)["parameters"].append(value)


def _set(getter: Callable[[Spec], dict[str, Any]], **values: Any) -> Edit:
    return lambda s: getter(s).update(values)


def _all(*edits: Edit) -> Edit:
    def run(s: Spec) -> None:
        for edit in edits:
            edit(s)

    return run


def _rename_op(s: Spec) -> None:
    op(s, "/jobs/{job_id}/cancel", "post")["operationId"] = "abortJob"


def _move_param_to_path(s: Spec) -> None:
    item = s["paths"].pop("/jobs/{job_id}/cancel")
    s["paths"]["/jobs/{job_id}/cancel/{reason}"] = item
    param(s, "/jobs/{job_id}/cancel/{reason}", "post", "reason").update(in_="path")
    p = param(s, "/jobs/{job_id}/cancel/{reason}", "post", "reason")
    p.pop("in_")
    p.update({"in": "path", "required": True})


def _required(name: str, field: str) -> Edit:
    return lambda s: schema(s, name).setdefault("required", []).append(field)


def _not_required(name: str, field: str) -> Edit:
    return lambda s: schema(s, name)["required"].remove(field)


def _no_pagination(s: Spec) -> None:
    del op(s, "/jobs", "get")["x-pagination"]
    _not_required("JobList", "has_more")(s)
    del prop(s, "JobList", "has_more")["type"]
    schema(s, "JobList")["properties"].pop("has_more")


def _api_key_scheme(s: Spec) -> None:
    s["components"]["securitySchemes"]["apiKey"] = {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    op(s, "/jobs/{job_id}/cancel", "post")["security"] = [{"bearerAuth": []}, {"apiKey": []}]


def _drop(getter: Callable[[Spec], dict[str, Any]], key: str) -> Edit:
    return lambda s: getter(s).pop(key)


CANCEL_BODY = lambda s: op(s, "/jobs/{job_id}/cancel", "post")["requestBody"]  # noqa: E731
CANCEL_RESPONSE = lambda s: op(s, "/jobs/{job_id}/cancel", "post")["responses"]["200"]  # noqa: E731
TAGS_BODY_ITEMS = lambda s: op(s, "/jobs/{job_id}/tags", "put")["requestBody"]["content"]["application/json"][  # noqa: E731
    "schema"
]["items"]
RERUN_BODY = lambda s: op(s, "/jobs/{job_id}/rerun", "post")["requestBody"]["content"]["application/json"][  # noqa: E731
    "schema"
]
CANCEL = ("/jobs/{job_id}/cancel", "post")
TAGS = ("/jobs/{job_id}/tags", "put")
# Sunsets are judged as of TODAY (passed as --date), never the real today.
TODAY, EARLIER, LATER = "2026-06-01", "2026-01-15", "2026-12-31"


def _sunset_header(date: str, where: tuple[str, str] = CANCEL) -> Edit:
    """The operation documents a ``Sunset`` header (RFC 8594) on its success response."""

    def edit(s: Spec) -> None:
        response = next(iter(op(s, *where)["responses"].values()))
        response["headers"] = {"Sunset": {"schema": {"type": "string"}, "example": date}}

    return edit


# rule id → (edit of the new spec, edit of the old spec or None, a text the message mentions)
def _waiter(success: list[str]) -> Edit:
    return _set(
        lambda s: op(s, "/jobs/{job_id}", "get"), **{"x-sdk-waiters": {"done": {"path": "state", "success": success}}}
    )


CASES: dict[str, tuple[Edit, Edit | None, str]] = {
    "sdk-package-renamed": (lambda s: s["info"].update(title="Batch API"), None, "import batch"),
    "sdk-client-renamed": (lambda s: s["info"].update(title="Batch API"), None, "`Batch`"),
    "sdk-env-var-renamed": (lambda s: s["info"].update(title="Batch API"), None, "BATCH_BASE_URL"),
    "sdk-method-renamed": (
        _set(lambda s: op(s, *CANCEL), **{"x-sdk-method": "abort_job"}),
        None,
        "`client.jobs.cancel()` becomes `client.jobs.abort_job()`",
    ),
    # A path change that moves the operation under another resource (paired by its operationId).
    "sdk-method-moved": (
        lambda s: s["paths"].update({"/admin/jobs/{job_id}/cancel": s["paths"].pop(CANCEL[0])}),
        None,
        "`client.jobs.cancel()` becomes `client.admin.jobs.cancel()`",
    ),
    "sdk-parameter-renamed": (
        _all(_remove_param("limit"), _add_param({"name": "x_trace", "in": "query", "schema": {"type": "string"}})),
        None,
        "becomes `x_trace2` (wire name `X-Trace`)",
    ),
    "sdk-parameter-renamed/path": (
        lambda s: (
            s["paths"].update(
                {
                    "/jobs/{id}": {
                        "get": {
                            **op(s, "/jobs/{job_id}", "get"),
                            "parameters": [
                                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                            ],
                        }
                    }
                }
            )
            or s["paths"].pop("/jobs/{job_id}")
        ),
        None,
        "`job_id` of `client.jobs.retrieve` becomes `id` (renamed in the path; positional calls keep working)",
    ),
    "sdk-property-renamed": (
        # A new `state_name` claims the Python name that `state-name` had.
        lambda s: schema(s, "Job").update(
            properties={
                "state_name": {"type": "string"},
                "state-name": {"type": "string"},
                **schema(s, "Job")["properties"],
            }
        ),
        lambda s: schema(s, "Job")["properties"].update({"state-name": {"type": "string"}}),
        "wire name `state-name`",
    ),
    "sdk-model-renamed": (lambda s: rename_schema(s, "Job", "BenchmarkJob"), None, "`Job` becomes `BenchmarkJob`"),
    "sdk-inline-model-renamed": (_rename_op, None, "`CancelJobResponse` becomes `AbortJobResponse`"),
    "operation-removed": (lambda s: s["paths"].pop("/jobs/{job_id}/tags"), None, "client.jobs.tags.update()"),
    "operation-added": (lambda s: None, lambda s: s["paths"].pop("/jobs/{job_id}/tags"), "client.jobs.tags.update()"),
    "sdk-waiter-removed": (lambda s: None, _waiter(["done"]), "client.jobs.wait_until_done()"),
    "sdk-waiter-added": (_waiter(["done"]), None, "client.jobs.wait_until_done()"),
    "sdk-waiter-changed": (_waiter(["done", "failed"]), _waiter(["done"]), "client.jobs.wait_until_done()"),
    "operation-path-changed": (
        lambda s: s["paths"].update({"/v2/jobs/{job_id}/tags": s["paths"].pop("/jobs/{job_id}/tags")}),
        None,
        "/v2/jobs/{job_id}/tags",
    ),
    "operation-deprecated": (_set(lambda s: op(s, *CANCEL), deprecated=True), None, "is deprecated"),
    "operation-deprecated/x-sunset": (
        _set(lambda s: op(s, *CANCEL), **{"x-sunset": LATER}),
        None,
        f"is deprecated (sunset {LATER})",
    ),
    "operation-deprecated/sunset-header": (_sunset_header(LATER), None, f"is deprecated (sunset {LATER})"),
    "operation-removed-before-sunset": (
        lambda s: s["paths"].pop("/jobs/{job_id}/tags"),
        _set(lambda s: op(s, *TAGS), deprecated=True, **{"x-sunset": LATER}),
        f"before its sunset date {LATER}",
    ),
    "operation-removed-after-sunset": (
        lambda s: s["paths"].pop("/jobs/{job_id}/tags"),
        _set(lambda s: op(s, *TAGS), deprecated=True, **{"x-sunset": TODAY}),
        f"sunset {TODAY}: as announced",
    ),
    "operation-removed-after-sunset/sunset-header": (
        lambda s: s["paths"].pop("/jobs/{job_id}/tags"),
        _sunset_header("Fri, 01 May 2026 00:00:00 GMT", TAGS),
        "sunset 2026-05-01: as announced",
    ),
    "operation-removed/deprecated-without-sunset": (
        lambda s: s["paths"].pop("/jobs/{job_id}/tags"),
        _set(lambda s: op(s, *TAGS), deprecated=True),
        "with no sunset date",
    ),
    "sunset-changed": (
        _set(lambda s: op(s, *CANCEL), deprecated=True, **{"x-sunset": LATER}),
        _set(lambda s: op(s, *CANCEL), deprecated=True, **{"x-sunset": TODAY}),
        f"changes from {TODAY} to {LATER}",
    ),
    "sunset-changed/property": (
        _set(lambda s: prop(s, "Job", "score"), **{"x-sunset": LATER}),
        _set(lambda s: prop(s, "Job", "score"), **{"x-sunset": TODAY}),
        "`Job.score`",
    ),
    "operation-security-changed": (_set(lambda s: op(s, *CANCEL), security=[]), None, "no credentials"),
    "operation-server-changed": (
        _set(lambda s: op(s, *CANCEL), servers=[{"url": "https://admin.example.com"}]),
        None,
        "https://admin.example.com",
    ),
    "parameter-removed": (_remove_param("status"), None, "`status`"),
    "parameter-added-required": (
        _add_param({"name": "team", "in": "query", "required": True, "schema": {"type": "string"}}),
        None,
        "required query parameter `team`",
    ),
    "parameter-added-optional": (
        _add_param({"name": "team", "in": "query", "schema": {"type": "string"}}),
        None,
        "optional query parameter `team`",
    ),
    "parameter-became-required": (_set(lambda s: param(s, "/jobs", "get", "limit"), required=True), None, "`limit`"),
    "parameter-became-optional": (
        lambda s: None,
        _set(lambda s: param(s, "/jobs", "get", "limit"), required=True),
        "`limit`",
    ),
    "parameter-default-changed": (
        lambda s: param(s, "/jobs", "get", "limit")["schema"].update(default=50),
        None,
        "from `20` to `50`",
    ),
    "parameter-location-changed": (_move_param_to_path, None, "from query to path"),
    "parameter-deprecated": (_set(lambda s: param(s, "/jobs", "get", "limit"), deprecated=True), None, "`limit`"),
    "parameter-removed-before-sunset": (
        _remove_param("limit"),
        _set(lambda s: param(s, "/jobs", "get", "limit"), deprecated=True, **{"x-sunset": LATER + "T12:00:00Z"}),
        f"`limit` before its sunset date {LATER}",
    ),
    "parameter-removed-after-sunset": (
        _remove_param("limit"),
        _set(lambda s: param(s, "/jobs", "get", "limit"), deprecated=True, **{"x-sunset": EARLIER}),
        f"sunset {EARLIER}: as announced",
    ),
    "parameter-type-changed": (
        lambda s: param(s, "/jobs", "get", "limit").update(schema={"type": "string"}),
        None,
        "from `int` to `str`",
    ),
    "parameter-enum-value-removed": (
        lambda s: param(s, "/jobs", "get", "status")["schema"].update(enum=["queued", "running"]),
        None,
        "'done'",
    ),
    "parameter-enum-value-added": (
        lambda s: param(s, "/jobs", "get", "status")["schema"]["enum"].append("failed"),
        None,
        "'failed'",
    ),
    "parameter-union-variant-removed": (
        lambda s: param(s, "/jobs", "get", "since")["schema"]["oneOf"].pop(),
        None,
        "`str`",
    ),
    "parameter-union-variant-added": (
        lambda s: param(s, "/jobs", "get", "since")["schema"]["oneOf"].append({"type": "boolean"}),
        None,
        "`bool`",
    ),
    "request-body-removed": (lambda s: op(s, *CANCEL).pop("requestBody"), None, "no longer takes"),
    "request-body-added": (lambda s: None, lambda s: op(s, *CANCEL).pop("requestBody"), "gains a request body"),
    "request-body-added-required": (
        _set(CANCEL_BODY, required=True),
        lambda s: op(s, *CANCEL).pop("requestBody"),
        "gains a required request body",
    ),
    "request-body-became-required": (_set(CANCEL_BODY, required=True), None, "becomes required"),
    "request-media-type-removed": (
        lambda s: CANCEL_BODY(s).update(
            content={"application/x-www-form-urlencoded": CANCEL_BODY(s)["content"]["application/json"]}
        ),
        None,
        "no longer accepts `application/json`",
    ),
    "request-body-type-changed": (
        lambda s: TAGS_BODY_ITEMS(s).clear() or TAGS_BODY_ITEMS(s).update(type="integer"),
        None,
        "to `int`",
    ),
    "request-body-type-changed/arguments": (
        _set(lambda s: schema(s, "JobCreate"), additionalProperties={"type": "string"}),
        None,
        "as one `body` argument instead of keyword arguments",
    ),
    "request-body-enum-value-removed": (lambda s: TAGS_BODY_ITEMS(s)["enum"].remove("blue"), None, "'blue'"),
    "request-body-enum-value-added": (lambda s: TAGS_BODY_ITEMS(s)["enum"].append("pink"), None, "'pink'"),
    "request-body-union-variant-removed": (lambda s: RERUN_BODY(s)["oneOf"].pop(1), None, "`RerunLater`"),
    "request-body-union-variant-added": (
        lambda s: RERUN_BODY(s)["oneOf"].append({"type": "integer"}),
        None,
        "`int`",
    ),
    "request-property-removed": (lambda s: schema(s, "JobCreate")["properties"].pop("mode"), None, "mode="),
    "request-property-added-required": (
        _all(
            lambda s: schema(s, "JobCreate")["properties"].update(team={"type": "string"}),
            _required("JobCreate", "team"),
        ),
        None,
        "team=",
    ),
    "request-property-added-optional": (
        lambda s: schema(s, "JobCreate")["properties"].update(team={"type": "string"}),
        None,
        "team=",
    ),
    "request-property-became-required": (_required("JobCreate", "priority"), None, "priority="),
    "request-property-became-optional": (lambda s: None, _required("JobCreate", "priority"), "priority="),
    "request-property-became-non-nullable": (
        lambda s: prop(s, "JobCreate", "labels").update(type="array"),
        None,
        "labels=",
    ),
    "request-property-became-nullable": (
        lambda s: None,
        lambda s: prop(s, "JobCreate", "labels").update(type="array"),
        "labels=",
    ),
    "request-property-default-changed": (
        _set(lambda s: prop(s, "JobCreate", "priority"), default=5),
        None,
        "from `1` to `5`",
    ),
    "request-property-type-changed": (
        _set(lambda s: prop(s, "JobCreate", "priority"), type="string", default="1"),
        None,
        "priority=",
    ),
    "request-property-enum-value-removed": (lambda s: prop(s, "JobCreate", "mode")["enum"].pop(), None, "'auto'"),
    "request-property-enum-value-added": (
        lambda s: prop(s, "JobCreate", "mode")["enum"].append("turbo"),
        None,
        "'turbo'",
    ),
    "request-property-union-variant-removed": (
        lambda s: prop(s, "JobCreate", "target")["oneOf"].pop(),
        None,
        "`str`",
    ),
    "request-property-union-variant-added": (
        lambda s: prop(s, "JobCreate", "target")["oneOf"].append({"type": "boolean"}),
        None,
        "`bool`",
    ),
    "response-success-status-removed": (
        lambda s: (
            CANCEL_RESPONSE(s) and op(s, *CANCEL)["responses"].update({"201": op(s, *CANCEL)["responses"].pop("200")})
        ),
        None,
        "201 instead of 200",
    ),
    "response-body-removed": (
        lambda s: op(s, *CANCEL).update(responses={"204": {"description": "Done."}}),
        None,
        "no longer returns a value",
    ),
    "response-body-added": (
        lambda s: None,
        lambda s: op(s, *CANCEL).update(responses={"204": {"description": "Done."}}),
        "now returns a value",
    ),
    "response-body-type-changed": (
        lambda s: CANCEL_RESPONSE(s).update(content={"text/plain": {"schema": {"type": "string"}}}),
        None,
        "returns text instead of json",
    ),
    "response-body-enum-value-removed": (lambda s: schema(s, "Color")["enum"].remove("blue"), None, "'blue'"),
    "response-body-enum-value-added": (lambda s: schema(s, "Color")["enum"].append("pink"), None, "'pink'"),
    "response-body-union-variant-removed": (lambda s: schema(s, "Result")["oneOf"].pop(), None, "`Failure`"),
    "response-body-union-variant-added": (
        lambda s: schema(s, "Result")["oneOf"].append({"type": "string"}),
        None,
        "`str`",
    ),
    "response-property-removed": (lambda s: schema(s, "Job")["properties"].pop("score"), None, "Job.score"),
    "response-property-added": (
        lambda s: schema(s, "Job")["properties"].update(team={"type": "string"}),
        None,
        "Job.team",
    ),
    "response-property-became-optional": (_not_required("Job", "name"), None, "Job.name"),
    "response-property-became-required": (lambda s: None, _not_required("Job", "name"), "Job.name"),
    "response-property-became-nullable": (
        _set(lambda s: prop(s, "Job", "score"), type=["number", "null"]),
        None,
        "Job.score",
    ),
    "response-property-became-non-nullable": (
        _set(lambda s: prop(s, "Job", "owner"), type="string"),
        None,
        "Job.owner",
    ),
    "response-property-type-changed": (
        _set(lambda s: prop(s, "Job", "score"), type="string"),
        None,
        "from `float` to `str`",
    ),
    "response-property-type-changed/format": (
        _set(lambda s: prop(s, "Job", "owner"), format="date-time"),
        None,
        "from `str` to `str (date-time)`",
    ),
    "response-property-enum-value-removed": (lambda s: schema(s, "JobState")["enum"].pop(), None, "'done'"),
    "response-property-enum-value-added": (
        lambda s: schema(s, "JobState")["enum"].append("failed"),
        None,
        "'failed'",
    ),
    "response-property-union-variant-removed": (lambda s: prop(s, "Job", "payload")["oneOf"].pop(), None, "`str`"),
    "response-property-union-variant-added": (
        lambda s: prop(s, "Job", "payload")["oneOf"].append({"type": "boolean"}),
        None,
        "`bool`",
    ),
    "model-removed": (lambda s: s["components"]["schemas"].pop("Unused"), None, "`Unused`"),
    "model-added": (
        lambda s: s["components"]["schemas"].update(Spare={"type": "object", "properties": {"y": {"type": "integer"}}}),
        None,
        "`Spare`",
    ),
    "model-kind-changed": (
        lambda s: s["components"]["schemas"].update(
            JobState={"type": "object", "properties": {"v": {"type": "string"}}}
        ),
        None,
        "from an enum to an object",
    ),
    "property-deprecated": (_set(lambda s: prop(s, "Job", "score"), deprecated=True), None, "Job.score"),
    "property-deprecated/x-sunset": (
        _set(lambda s: prop(s, "Job", "score"), **{"x-sunset": LATER}),
        None,
        f"deprecated (sunset {LATER})",
    ),
    "property-removed-before-sunset": (
        lambda s: schema(s, "Job")["properties"].pop("score"),
        _set(lambda s: prop(s, "Job", "score"), deprecated=True, **{"x-sunset": LATER}),
        f"`Job.score` is removed before its sunset date {LATER}",
    ),
    "property-removed-after-sunset": (
        lambda s: schema(s, "Job")["properties"].pop("score"),
        _set(lambda s: prop(s, "Job", "score"), deprecated=True, **{"x-sunset": EARLIER}),
        f"`Job.score` is removed (deprecated, sunset {EARLIER}: as announced)",
    ),
    "security-scheme-added": (_api_key_scheme, None, "`apiKey`"),
    "security-scheme-removed": (lambda s: None, _api_key_scheme, "`apiKey`"),
    "security-scheme-changed": (
        lambda s: s["components"]["securitySchemes"].update(
            bearerAuth={"type": "apiKey", "in": "header", "name": "X-Key"}
        ),
        None,
        "to api_key in header `X-Key`",
    ),
    "server-url-changed": (lambda s: s.update(servers=[{"url": "https://eu.example.com"}]), None, "eu.example.com"),
    "pagination-added": (lambda s: None, _no_pagination, "pages"),
    "pagination-removed": (_no_pagination, None, "pages"),
    "pagination-changed": (
        lambda s: op(s, "/jobs", "get")["x-pagination"].update(cursor_field="name"),
        None,
        "cursor_field `'id'` → `'name'`",
    ),
}


def write(spec: Spec, path: Path) -> Path:
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def run_diff(old: Path, new: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["diff", str(old), str(new), "--format", "json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def test_the_readme_documents_every_rule_with_its_level() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    for rule in RULES.values():
        assert f"| `{rule.id}` | {rule.level} | {rule.explanation} |" in readme, rule.id


def test_every_rule_has_a_case() -> None:
    rules = {case.split("/")[0] for case in CASES}
    assert set(RULES) - rules == set(), "rules without a test case"
    assert rules - set(RULES) == set(), "cases of unknown rules"


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule(rule: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_new, edit_old, mention = CASES[rule]
    rule = rule.split("/")[0]  # "rule/variant": another way to trigger the same rule
    base = yaml.safe_load(BASE.read_text())
    old_spec, new_spec = copy.deepcopy(base), copy.deepcopy(base)
    if edit_old is not None:
        edit_old(old_spec)
    edit_new(new_spec)
    code, report = run_diff(
        write(old_spec, tmp_path / "old.yaml"), write(new_spec, tmp_path / "new.yaml"), capsys, "--date", TODAY
    )
    assert code == 0  # without --fail-on the diff only reports
    found = [c for c in report["changes"] if c["id"] == rule]
    assert found, f"{rule} not reported; got {[c['id'] for c in report['changes']]}"
    change = next((c for c in found if mention in f"{c['message']} {c['old']} {c['new']}"), None)
    assert change is not None, f"no {rule} change mentions {mention!r}: {found}"
    assert change["level"] == RULES[rule].level
    assert change["location"]["file"].endswith("new.yaml") and change["location"]["line"] >= 1
    for other in report["changes"]:
        assert other["id"] in RULES


def test_identical_specs_have_no_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_diff(BASE, BASE, capsys)
    assert code == 0 and report["changes"] == [] and report["summary"] == "no API changes"
