"""OAuth2 client credentials run by the SDK, against a real token endpoint on 127.0.0.1.

The server issues numbered tokens, checks the client's credentials (HTTP Basic or in the form
body), and serves the API only to a current token. Each case runs with the sync and the async
client.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import threading
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

import pytest

from tests.helpers import generate_sdk
from tests.sdk.realserver import Exchange, MisbehavingServer

CLIENT_ID = "vault-app"
SECRET = "s3cr3t-VALUE-do-not-show"

SPEC = """
openapi: 3.1.0
info: {title: Vault, version: 1.0.0}
servers: [{url: 'https://vault.example.com'}]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: /oauth/token
          scopes: {'secrets:read': Read secrets., 'secrets:write': Write secrets.}
security: [{oauth: ['secrets:read']}]
paths:
  /secrets:
    get:
      operationId: listSecrets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {token: {type: string}}, required: [token]}
"""

MODES = ["sync", "async"]


class TokenServer:
    """Issues ``tok-1``, ``tok-2`` … to the right client; the API answers only a current token."""

    def __init__(self, *, expires_in: float | None = 3600, delay: float = 0.0, hang: bool = False) -> None:
        self.expires_in = expires_in
        self.delay = delay
        self.hang = hang
        self.token_requests: list[dict[str, Any]] = []
        self.revoked: set[str] = set()
        self.issued: list[str] = []
        self.api_requests: list[str] = []
        self.lock = threading.Lock()
        self.server = MisbehavingServer(self.behaviour)

    def __enter__(self) -> TokenServer:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)

    @property
    def url(self) -> str:
        return self.server.url

    def behaviour(self, exchange: Exchange) -> bool:
        request = exchange.request
        if request.target == "/oauth/token":
            return self.token(exchange)
        authorization = request.headers.get("authorization", "")
        with self.lock:
            self.api_requests.append(authorization)
            current = authorization.removeprefix("Bearer ") in set(self.issued) - self.revoked
        if not current:
            return exchange.respond(401, b'{"message": "invalid token"}')
        return exchange.respond(200, json.dumps({"token": authorization.removeprefix("Bearer ")}).encode())

    def token(self, exchange: Exchange) -> bool:
        request = exchange.request
        form = {k: v[0] for k, v in parse_qs(request.body.decode()).items()}
        basic = request.headers.get("authorization", "")
        with self.lock:
            self.token_requests.append({"form": form, "authorization": basic, "headers": request.headers})
        if self.hang:
            exchange.stall(30)
            return False
        time.sleep(self.delay)
        if basic:
            user, _, password = base64.b64decode(basic.removeprefix("Basic ")).decode().partition(":")
        else:
            user, password = form.get("client_id", ""), form.get("client_secret", "")
        if form.get("grant_type") != "client_credentials" or (user, password) != (CLIENT_ID, SECRET):
            # Like some real servers, it echoes what it was given.
            body = {"error": "invalid_client", "error_description": f"unknown client {user}:{password}"}
            return exchange.respond(401, json.dumps(body).encode())
        with self.lock:
            token = f"tok-{len(self.issued) + 1}"
            self.issued.append(token)
        body = {"access_token": token, "token_type": "Bearer", "scope": form.get("scope", "")}
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return exchange.respond(200, json.dumps(body).encode())


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_sdk(tmp_path_factory.mktemp("oauth"), SPEC, "vault_oauth")


@pytest.fixture(autouse=True)
def no_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("VAULT_CLIENT_ID", "VAULT_CLIENT_SECRET", "VAULT_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def make_client(sdk: Any, mode: str, url: str, **options: Any) -> Any:
    options.setdefault("client_id", CLIENT_ID)
    options.setdefault("client_secret", SECRET)
    cls = sdk.Client if mode == "sync" else sdk.AsyncClient
    return cls(base_url=url, max_retries=0, **options)


def calls(sdk: Any, mode: str, url: str, count: int, *, between: float = 0.0, **options: Any) -> list[str]:
    """``count`` calls one after another on one client; the token each call used."""
    client = make_client(sdk, mode, url, **options)
    if mode == "sync":
        with client:
            results = []
            for _ in range(count):
                results.append(client.secrets.retrieve().token)
                time.sleep(between)
            return results

    async def run() -> list[str]:
        async with client:
            results = []
            for _ in range(count):
                results.append((await client.secrets.retrieve()).token)
                await asyncio.sleep(between)
            return results

    return asyncio.run(run())


@pytest.fixture
def server() -> Iterator[TokenServer]:
    with TokenServer() as token_server:
        yield token_server


@pytest.mark.parametrize("mode", MODES)
def test_a_token_is_fetched_once_and_reused(sdk: Any, mode: str, server: TokenServer) -> None:
    assert calls(sdk, mode, server.url, 3) == ["tok-1", "tok-1", "tok-1"]
    (fetch,) = server.token_requests
    assert fetch["form"] == {"grant_type": "client_credentials", "scope": "secrets:read"}  # the declared scopes
    expected = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
    assert fetch["authorization"] == f"Basic {expected}"  # client_secret_basic by default


@pytest.mark.parametrize("mode", MODES)
def test_an_expired_token_is_refreshed(sdk: Any, mode: str) -> None:
    with TokenServer(expires_in=1) as server:
        # Refreshed a tenth of its lifetime before it expires: the second call still has it.
        assert calls(sdk, mode, server.url, 3, between=0.5) == ["tok-1", "tok-1", "tok-2"]
        assert len(server.token_requests) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_401_while_the_token_is_valid_refreshes_it_and_retries_once(sdk: Any, mode: str, server: TokenServer) -> None:
    assert calls(sdk, mode, server.url, 1) == ["tok-1"]
    server.revoked.add("tok-1")
    assert calls(sdk, mode, server.url, 1) == ["tok-2"]  # a new client: it fetches tok-2 at once
    # One client: tok-2 is revoked while cached; the call gets a 401, refreshes and succeeds.
    client = make_client(sdk, mode, server.url)

    async def twice_async() -> list[str]:
        first = (await client.secrets.retrieve()).token
        server.revoked.add(first)
        return [first, (await client.secrets.retrieve()).token]

    def twice_sync() -> list[str]:
        first = client.secrets.retrieve().token
        server.revoked.add(first)
        return [first, client.secrets.retrieve().token]

    assert (twice_sync() if mode == "sync" else asyncio.run(twice_async())) == ["tok-3", "tok-4"]
    assert server.api_requests[-3:] == ["Bearer tok-3", "Bearer tok-3", "Bearer tok-4"]


@pytest.mark.parametrize("mode", MODES)
def test_a_token_refused_again_after_the_refresh_raises(sdk: Any, mode: str, server: TokenServer) -> None:
    server.revoked.update(f"tok-{n}" for n in range(1, 10))
    with pytest.raises(sdk.AuthenticationError):
        calls(sdk, mode, server.url, 1)
    assert server.api_requests == ["Bearer tok-1", "Bearer tok-2"]  # one retry, not a loop


def test_twenty_concurrent_threads_cause_exactly_one_fetch(sdk: Any) -> None:
    with TokenServer(delay=0.3) as server, make_client(sdk, "sync", server.url) as client:
        barrier = threading.Barrier(20)

        def call(_: int) -> str:
            barrier.wait()
            return str(client.secrets.retrieve().token)

        with ThreadPoolExecutor(max_workers=20) as pool:
            tokens = list(pool.map(call, range(20)))
        assert tokens == ["tok-1"] * 20
        assert len(server.token_requests) == 1


def test_twenty_concurrent_tasks_cause_exactly_one_fetch(sdk: Any) -> None:
    async def run(url: str) -> list[str]:
        async with make_client(sdk, "async", url) as client:
            results = await asyncio.gather(*(client.secrets.retrieve() for _ in range(20)))
            return [r.token for r in results]

    with TokenServer(delay=0.3) as server:
        assert asyncio.run(run(server.url)) == ["tok-1"] * 20
        assert len(server.token_requests) == 1


def everything_said_about(error: BaseException) -> str:
    parts = ["".join(traceback.format_exception(error))]
    current: BaseException | None = error
    while current is not None:
        parts += [str(current), repr(current), repr(current.args), str(getattr(current, "message", ""))]
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


@pytest.mark.parametrize("mode", MODES)
def test_a_wrong_secret_raises_authentication_error_without_showing_it(
    sdk: Any, mode: str, server: TokenServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAULT_LOG", "debug")
    wrong = "wrong-SECRET-abc123"
    caplog.set_level(logging.DEBUG)
    client = make_client(sdk, mode, server.url, client_secret=wrong)
    with pytest.raises(sdk.AuthenticationError) as caught:
        client.secrets.retrieve() if mode == "sync" else asyncio.run(client.secrets.retrieve())
    error = caught.value
    assert "invalid_client" in str(error) and "/oauth/token" in str(error)
    said = everything_said_about(error) + caplog.text + repr(client) + repr(vars(client).get("_token_source"))
    assert wrong not in said
    assert server.api_requests == []  # the API was never called without a token


@pytest.mark.parametrize("mode", MODES)
def test_a_hanging_token_endpoint_times_out(sdk: Any, mode: str) -> None:
    with TokenServer(hang=True) as server:
        client = make_client(sdk, mode, server.url, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(sdk.APITimeoutError):
            client.secrets.retrieve() if mode == "sync" else asyncio.run(client.secrets.retrieve())
        assert time.monotonic() - started < 5
        assert server.api_requests == []


@pytest.mark.parametrize("mode", MODES)
def test_client_secret_post_sends_the_credentials_in_the_body(sdk: Any, mode: str, server: TokenServer) -> None:
    assert calls(sdk, mode, server.url, 1, token_auth_method="client_secret_post", scopes=["a", "b"]) == ["tok-1"]
    (fetch,) = server.token_requests
    assert fetch["authorization"] == ""
    assert fetch["form"] == {
        "grant_type": "client_credentials",
        "scope": "a b",
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
    }


def test_credentials_come_from_the_environment(sdk: Any, server: TokenServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VAULT_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("VAULT_CLIENT_SECRET", SECRET)
    with sdk.Client(base_url=server.url) as client:
        assert client.secrets.retrieve().token == "tok-1"


def test_without_credentials_the_client_says_what_to_set(sdk: Any) -> None:
    with pytest.raises(sdk.MissingCredentialsError, match=r"VAULT_CLIENT_ID.*token_provider"):
        sdk.Client(base_url="http://127.0.0.1:9")


@pytest.mark.parametrize("mode", MODES)
def test_a_token_provider_gives_the_token(sdk: Any, mode: str, server: TokenServer) -> None:
    server.issued.append("mine")
    given: list[str] = []

    def provider() -> str:
        given.append("mine")
        return "mine"

    async def async_provider() -> str:
        given.append("mine")
        return "mine"

    chosen = provider if mode == "sync" else async_provider
    client = (sdk.Client if mode == "sync" else sdk.AsyncClient)(base_url=server.url, token_provider=chosen)
    result = client.secrets.retrieve() if mode == "sync" else asyncio.run(client.secrets.retrieve())
    assert result.token == "mine" and given == ["mine"]
    assert server.token_requests == []  # the SDK fetched nothing itself


def test_the_sync_client_refuses_an_async_token_provider(sdk: Any, server: TokenServer) -> None:
    async def provider() -> str:
        return "mine"

    with pytest.raises(TypeError, match="async client"):
        sdk.Client(base_url=server.url, token_provider=provider).secrets.retrieve()
