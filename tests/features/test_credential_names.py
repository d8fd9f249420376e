"""Credentials are named from what they carry: ``api_key`` alone, scheme names when several, basic as
username/password; the generated client reads each from its environment variable."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.build_ir import build_ir
from tests.helpers import generate_sdk, mock_client

OPERATION = "paths: {/things: {get: {operationId: listThings, responses: {'204': {description: none}}}}}"


def credentials(tmp_path: Path, schemes: str, security: str = "") -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    spec = tmp_path / "acme.yaml"
    spec.write_text(
        f"openapi: 3.1.0\ninfo: {{title: Acme, version: '1'}}\n{security}\ncomponents: {{securitySchemes: {schemes}}}\n"
        + OPERATION
    )
    return [(a.name, a.client_args, a.env_vars) for a in build_ir(spec).auth]


@pytest.mark.parametrize(
    "scheme",
    [
        "{type: http, scheme: bearer}",
        "{type: apiKey, in: header, name: X-Token}",
        "{type: apiKey, in: query, name: key}",
    ],
)
def test_one_key_or_bearer_scheme_is_api_key(tmp_path: Path, scheme: str) -> None:
    assert credentials(tmp_path, f"{{BearerToken: {scheme}}}") == [("BearerToken", ("api_key",), ("ACME_API_KEY",))]


def test_several_schemes_are_named_from_their_scheme_names(tmp_path: Path) -> None:
    # OpenAI's two bearer schemes.
    schemes = "{ApiKeyAuth: {type: http, scheme: bearer}, AdminApiKeyAuth: {type: http, scheme: bearer}}"
    assert credentials(tmp_path, schemes) == [
        ("ApiKeyAuth", ("api_key",), ("ACME_API_KEY",)),
        ("AdminApiKeyAuth", ("admin_api_key",), ("ACME_ADMIN_API_KEY",)),
    ]


def test_a_scheme_name_that_says_nothing_gets_what_it_carries(tmp_path: Path) -> None:
    schemes = (
        "{bearerAuth: {type: http, scheme: bearer}, session: {type: apiKey, in: cookie, name: sid},"
        " Auth: {type: apiKey, in: header, name: X-Key}}"
    )
    assert [args for _, args, _ in credentials(tmp_path, schemes)] == [
        ("bearer_token",),
        ("session_key",),
        ("api_key",),
    ]


def test_basic_auth_is_username_and_password_beside_one_api_key(tmp_path: Path) -> None:
    # Stripe: basicAuth and bearerAuth; the bearer key is still the one `api_key`.
    schemes = "{basicAuth: {type: http, scheme: basic}, bearerAuth: {type: http, scheme: bearer}}"
    assert credentials(tmp_path, schemes) == [
        ("basicAuth", ("username", "password"), ("ACME_USERNAME", "ACME_PASSWORD")),
        ("bearerAuth", ("api_key",), ("ACME_API_KEY",)),
    ]


def test_oauth2_without_client_credentials_takes_an_access_token(tmp_path: Path) -> None:
    schemes = "{oauth: {type: oauth2, flows: {authorizationCode: {authorizationUrl: /a, tokenUrl: /t, scopes: {}}}}}"
    assert credentials(tmp_path, schemes) == [("oauth", ("access_token",), ("ACME_ACCESS_TOKEN",))]


def test_oauth2_client_credentials_takes_client_id_and_secret(tmp_path: Path) -> None:
    schemes = "{oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: /token, scopes: {a: A, b: B}}}}}"
    assert credentials(tmp_path, schemes, "security: [{oauth: [b]}]") == [
        ("oauth", ("client_id", "client_secret"), ("ACME_CLIENT_ID", "ACME_CLIENT_SECRET"))
    ]


def test_the_configured_api_key_variable_names_the_api_key(tmp_path: Path) -> None:
    spec = tmp_path / "acme.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Acme, version: '1'}\n"
        "components: {securitySchemes: {k: {type: http, scheme: bearer}}}\n" + OPERATION
    )
    from generator.config import GeneratorConfig

    assert build_ir(spec, GeneratorConfig(api_key_env_var="ACME_TOKEN")).auth[0].env_vars == ("ACME_TOKEN",)


SPEC = """
openapi: 3.1.0
info: {title: Acme, version: '1'}
servers: [{url: 'https://acme.test'}]
components:
  securitySchemes:
    ApiKeyAuth: {type: http, scheme: bearer}
    AdminApiKeyAuth: {type: http, scheme: bearer}
paths:
  /things:
    get:
      operationId: listThings
      security: [{ApiKeyAuth: []}]
      responses: {'204': {description: none}}
  /admin_keys:
    get:
      operationId: listAdminKeys
      security: [{AdminApiKeyAuth: []}]
      responses: {'204': {description: none}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("acme"), SPEC, "acme_names")


def test_the_client_takes_and_sends_each_named_credential(sdk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACME_API_KEY", "from-env")
    monkeypatch.setenv("ACME_ADMIN_API_KEY", "admin-from-env")
    assert {"api_key", "admin_api_key"} <= set(inspect.signature(sdk.Client).parameters)
    sent: list[httpx.Request] = []
    client = mock_client(sdk, lambda r: sent.append(r) or httpx.Response(204))
    client.things.retrieve()
    client.admin_keys.retrieve()
    assert [r.headers["authorization"] for r in sent] == ["Bearer from-env", "Bearer admin-from-env"]
    assert client.api_key == "from-env" and client.admin_api_key == "admin-from-env"


def test_the_client_credentials_scheme_is_run_even_when_another_oauth2_scheme_comes_first(tmp_path: Path) -> None:
    schemes = (
        "{user: {type: oauth2, flows: {authorizationCode: {authorizationUrl: /a, tokenUrl: /t, scopes: {}}}},"
        " service: {type: oauth2, flows: {clientCredentials: {tokenUrl: /token, scopes: {}}}}}"
    )
    assert credentials(tmp_path, schemes) == [
        ("user", ("user_token",), ("ACME_USER_TOKEN",)),
        ("service", ("client_id", "client_secret"), ("ACME_CLIENT_ID", "ACME_CLIENT_SECRET")),
    ]
