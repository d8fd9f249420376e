"""Contract tests for the hand-written Benchmark Jobs spec in `spec/benchmark_jobs.yaml`.

The seed documentation page (in the shared folder, outside the repo) carries the API's own
response example; these tests check that our spec both accepts it and embeds it unchanged.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "benchmark_jobs.yaml"
SEED_NAME = "000_b6de788cb6411db7.txt"
# The JSON example follows this line of the page's JS snippet, on the same line.
SEED_MARKER = "console.log(benchmarkJobListView.has_more);"


def _shared_dir() -> Path:
    override = os.environ.get("SDKGEN_SHARED_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def seed_example() -> dict[str, Any]:
    seed_path = _shared_dir() / "seed" / SEED_NAME
    if not seed_path.is_file():
        reason = f"seed page {seed_path} not found; set SDKGEN_SHARED_DIR to the shared folder"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    text = seed_path.read_text(encoding="utf-8")
    marker_at = text.find(SEED_MARKER)
    assert marker_at != -1, f"{seed_path}: marker {SEED_MARKER!r} not found"
    example, _ = json.JSONDecoder().raw_decode(text, marker_at + len(SEED_MARKER))
    assert isinstance(example, dict), f"{seed_path}: expected a JSON object after the marker"
    return example


def _list_view_validator(spec: dict[str, Any]) -> jsonschema.Draft202012Validator:
    schema = {
        "$ref": "#/components/schemas/BenchmarkJobListView",
        "components": spec["components"],
    }
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_seed_example_matches_list_view_schema(spec: dict[str, Any], seed_example: dict[str, Any]) -> None:
    errors = sorted(_list_view_validator(spec).iter_errors(seed_example), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_schema_rejects_missing_has_more(spec: dict[str, Any], seed_example: dict[str, Any]) -> None:
    broken = copy.deepcopy(seed_example)
    del broken["has_more"]
    assert not _list_view_validator(spec).is_valid(broken)


def test_schema_rejects_non_string_job_state(spec: dict[str, Any], seed_example: dict[str, Any]) -> None:
    broken = copy.deepcopy(seed_example)
    broken["jobs"][0]["state"] = 3
    assert not _list_view_validator(spec).is_valid(broken)


def test_embedded_list_example_equals_seed_example(spec: dict[str, Any], seed_example: dict[str, Any]) -> None:
    operation = spec["paths"]["/v1/benchmark_jobs"]["get"]
    embedded = operation["responses"]["200"]["content"]["application/json"]["example"]
    assert embedded == seed_example


def test_create_example_matches_request_schema(spec: dict[str, Any]) -> None:
    body = spec["paths"]["/v1/benchmark_jobs"]["post"]["requestBody"]["content"]["application/json"]
    schema = {"$ref": body["schema"]["$ref"], "components": spec["components"]}
    jsonschema.Draft202012Validator(schema).validate(body["example"])


def _undocumented(schema: dict[str, Any], pointer: str) -> list[str]:
    """Pointers of schemas and properties under `schema` that lack a description."""
    missing = [] if schema.get("description") else [pointer]
    for name, prop in schema.get("properties", {}).items():
        missing += _undocumented(prop, f"{pointer}/properties/{name}")
    return missing


def test_every_schema_property_and_parameter_is_documented(
    spec: dict[str, Any],
) -> None:
    missing: list[str] = []
    for name, schema in spec["components"]["schemas"].items():
        missing += _undocumented(schema, f"#/components/schemas/{name}")
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for param in operation.get("parameters", []):
                if not param.get("description"):
                    missing.append(f"{method.upper()} {path} parameter {param['name']}")
    assert not missing, "missing descriptions:\n" + "\n".join(missing)
