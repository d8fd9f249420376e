"""Default package and client names from ``info.title`` are what a person would pick."""

from __future__ import annotations

import pytest

from generator.config import GeneratorConfig, derive_names


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
