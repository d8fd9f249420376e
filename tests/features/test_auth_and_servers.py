"""Security schemes send their credentials; servers with variables and per-operation servers are honoured."""

from __future__ import annotations

import base64
import inspect
from typing import Any

import httpx
import pytest

from tests.helpers import generate_sdk, mock_client

SPEC = """
openapi: 3.1.0
info: {title: Vault, version: 1.0.0}
servers:
  - url: https://{region}.vault.example.com/{version}
    variables:
      region: {default: us, enum: [us, eu], description: Data residency.}
      version: {default: v2}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    basic: {type: http, scheme: basic}
    headerKey: {type: apiKey, in: header, name: X-API-Key}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: vault_session}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {read: read}}}
security: [{bearer: []}, {basic: []}, {headerKey: []}, {queryKey: []}, {cookieKey: []}, {oauth: [read]}]
paths:
  /secrets:
    get:
      operationId: listSecrets
      responses: {'204': {description: none}}
  /uploads:
    servers: [{url: 'https://uploads.vault.example.com/{v}', variables: {v: {default: u1}}}]
    post:
      operationId: upload
      responses: {'204': {description: none}}
  /status:
    get:
      operationId: status
      servers: [{url: 'https://status.vault.example.com'}]
      responses: {'204': {description: none}}
  /public:
    get:
      operationId: public
      security: []
      responses: {'204': {description: none}}
  /keyed:
    get:
      operationId: keyed
      security: [{headerKey: []}, {queryKey: [], cookieKey: []}]
      responses: {'204': {description: none}}
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("vault"), SPEC, "vault")


def send(sdk: Any, **options: Any) -> httpx.Request:
    sent: list[httpx.Request] = []
    client = mock_client(sdk, lambda r: sent.append(r) or httpx.Response(204), **options)
    client.secrets.retrieve()
    return sent[0]


@pytest.fixture(autouse=True)
def no_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("VAULT_BEARER_TOKEN", "VAULT_USERNAME", "VAULT_PASSWORD", "VAULT_BASE_URL", "VAULT_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)


def test_constructor_takes_one_credential_per_scheme(sdk: Any) -> None:
    names = set(inspect.signature(sdk.Client).parameters)
    assert {"bearer_token", "username", "password", "header_key", "query_key", "cookie_key"} <= names
    assert {"client_id", "client_secret", "scopes", "token_provider"} <= names  # the OAuth2 client credentials


def test_http_bearer(sdk: Any) -> None:
    assert send(sdk, bearer_token="tok").headers["authorization"] == "Bearer tok"


def test_http_basic(sdk: Any) -> None:
    expected = "Basic " + base64.b64encode(b"ann:pw").decode()
    assert send(sdk, username="ann", password="pw").headers["authorization"] == expected


def test_api_key_in_header(sdk: Any) -> None:
    request = send(sdk, header_key="k1")
    assert request.headers["x-api-key"] == "k1" and "authorization" not in request.headers


def test_api_key_in_query(sdk: Any) -> None:
    assert send(sdk, query_key="k2").url.params["api_key"] == "k2"


def test_api_key_in_cookie(sdk: Any) -> None:
    assert send(sdk, cookie_key="k3").headers["cookie"] == "vault_session=k3"


def test_oauth2_token_from_a_provider_is_a_bearer_token(sdk: Any) -> None:
    assert send(sdk, token_provider=lambda: "at").headers["authorization"] == "Bearer at"


def test_server_variables_default_and_can_be_chosen(sdk: Any) -> None:
    assert str(send(sdk).url) == "https://us.vault.example.com/v2/secrets"
    assert str(send(sdk, region="eu", version="v3").url) == "https://eu.vault.example.com/v3/secrets"
    assert sdk._client.server_url(region="eu") == "https://eu.vault.example.com/v2"
    assert str(send(sdk, base_url="https://proxy.local").url) == "https://proxy.local/secrets"


def test_path_and_operation_servers(sdk: Any) -> None:
    sent: list[httpx.Request] = []
    client = mock_client(sdk, lambda r: sent.append(r) or httpx.Response(204))
    client.uploads.create()
    client.status.retrieve()
    assert [str(r.url) for r in sent] == [
        "https://uploads.vault.example.com/u1/uploads",
        "https://status.vault.example.com/status",
    ]


def test_each_operation_sends_only_the_credentials_of_its_security(sdk: Any) -> None:
    sent: list[httpx.Request] = []
    credentials = {"bearer_token": "tok", "header_key": "k1", "query_key": "k2", "cookie_key": "k3"}
    client = mock_client(sdk, lambda r: sent.append(r) or httpx.Response(204), **credentials)
    client.public.retrieve()
    client.keyed.retrieve()
    client.secrets.retrieve()
    public, keyed, secrets = sent
    assert not {"authorization", "x-api-key", "cookie"} & set(public.headers) and "api_key" not in public.url.params
    assert "authorization" not in keyed.headers
    assert (keyed.headers["x-api-key"], keyed.url.params["api_key"], keyed.headers["cookie"]) == (
        "k1",
        "k2",
        "vault_session=k3",
    )
    assert secrets.headers["authorization"] == "Bearer tok" and secrets.headers["x-api-key"] == "k1"
