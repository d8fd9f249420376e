"""Default package and client names from ``info.title`` are what a person would pick."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import GeneratorConfig, derive_names
from tests.helpers import generate, import_in_subprocess


@pytest.mark.parametrize(
    ("title", "package", "client", "env_prefix"),
    [
        ("GitHub's official OpenAPI spec + Octokit extension", "github", "GitHub", "GITHUB"),
        ("Spotify Web API with fixes and improvements from sonallux", "spotify", "Spotify", "SPOTIFY"),
        ("Swagger Petstore", "petstore", "Petstore", "PETSTORE"),
        ("Twilio - Api", "twilio", "Twilio", "TWILIO"),
        ("The Stripe REST API", "stripe", "Stripe", "STRIPE"),
        ("OpenAI API", "openai", "OpenAI", "OPENAI"),
        ("Box Platform API", "box", "Box", "BOX"),
        ("USPTO Data Set API", "uspto_data_set", "USPTODataSet", "USPTO_DATA_SET"),
        ("Runloop Benchmark Jobs API", "runloop_benchmark_jobs", "RunloopBenchmarkJobs", "RUNLOOP_BENCHMARK_JOBS"),
        ("Users' Service API v2", "users", "Users", "USERS"),
        ("Redocly Cafe", "redocly_cafe", "RedoclyCafe", "REDOCLY_CAFE"),
        ("Café Crème (beta)", "cafe_creme", "CafeCreme", "CAFE_CREME"),
        ("OpenAPI Spec", "api", "Api", "API"),
        ("Calendar API", "calendar_sdk", "Calendar", "CALENDAR"),  # a standard-library module
        ("Numbers", "numbers_sdk", "Numbers", "NUMBERS"),
        ("HTTPX", "httpx_sdk", "HTTPX", "HTTPX"),  # a dependency of the SDK
    ],
)
def test_default_names_from_the_title(title: str, package: str, client: str, env_prefix: str) -> None:
    names = derive_names(title, GeneratorConfig())
    assert (names["package_name"], names["client_class"], names["env_prefix"]) == (package, client, env_prefix)
    assert names["distribution_name"] == package.replace("_", "-")
    assert names["async_client_class"] == "Async" + client


def test_a_long_title_keeps_three_words() -> None:
    names = derive_names("Acme Widget Inventory Management Console", GeneratorConfig())
    assert names["package_name"] == "acme_widget_inventory" and names["client_class"] == "AcmeWidgetInventory"


def test_explicit_names_win() -> None:
    config = GeneratorConfig(package_name="octo", client_class="Octo", env_prefix="OCTO")
    names = derive_names("GitHub's official OpenAPI spec", config)
    assert (names["package_name"], names["client_class"], names["env_prefix"]) == ("octo", "Octo", "OCTO")


def test_a_package_named_after_a_standard_module_imports_and_shadows_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "calendar.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: Calendar API, version: '1'}\npaths:\n  /events:\n    get:\n"
        "      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}\n"
    )
    assert generate(spec, tmp_path / "out") == 0
    check = "import calendar; assert calendar.timegm((1970, 1, 1, 0, 0, 0)) == 0; print(calendar_sdk.Calendar)"
    result = import_in_subprocess("calendar_sdk", tmp_path / "out", check)
    assert result.returncode == 0, result.stderr
