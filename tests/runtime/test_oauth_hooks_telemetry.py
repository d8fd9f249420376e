"""The runtime's OAuth2 token sources, hooks and telemetry headers, as source (over MockTransport;
the SDK-level tests run them against real local servers)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from sdkruntime._exceptions import AuthenticationError, MissingCredentialsError
from sdkruntime._hooks import Hooks, run_async, run_sync
from sdkruntime._oauth import ClientCredentials, ProviderTokenSource, make_token_source
from sdkruntime._telemetry import telemetry_headers

SECRET = "the-client-secret/+="


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def token_endpoint(*bodies: Any, status: int = 200) -> tuple[httpx.Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    remaining = list(bodies)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = remaining.pop(0)
        return httpx.Response(status, content=body if isinstance(body, bytes) else json.dumps(body).encode())

    return httpx.Client(transport=httpx.MockTransport(handler)), seen


def credentials(clock: Clock | None = None, **options: Any) -> ClientCredentials:
    return ClientCredentials(
        token_url="https://auth.test/token",
        client_id="app",
        client_secret=SECRET,
        scopes=("read",),
        clock=clock or Clock(),
        **options,
    )


def test_a_token_is_kept_until_its_lifetime_less_the_margin() -> None:
    clock = Clock()
    http, seen = token_endpoint(
        {"access_token": "t1", "token_type": "bearer", "expires_in": 600},
        {"access_token": "t2", "token_type": "bearer", "expires_in": 600},
    )
    source = credentials(clock)
    assert source.token(http) == "t1"
    clock.now += 569  # refreshed 30 s (the margin) before the 600 s are over
    assert source.token(http) == "t1"
    clock.now += 1
    assert source.token(http) == "t2"
    assert len(seen) == 2


def test_a_short_lived_token_keeps_nine_tenths_of_its_lifetime() -> None:
    clock = Clock()
    http, _ = token_endpoint({"access_token": "t1", "expires_in": 10}, {"access_token": "t2", "expires_in": 10})
    source = credentials(clock)
    assert source.token(http) == "t1"
    clock.now += 8.9
    assert source.token(http) == "t1"
    clock.now += 0.2
    assert source.token(http) == "t2"


def test_a_stale_token_is_replaced_and_a_token_without_expiry_is_kept() -> None:
    http, seen = token_endpoint({"access_token": "t1"}, {"access_token": "t2"})
    source = credentials()
    assert source.token(http) == "t1"
    assert source.token(http) == "t1"
    assert source.token(http, stale="t1") == "t2"
    assert source.token(http, stale="t1") == "t2"  # someone else already replaced it
    assert len(seen) == 2


def test_client_secret_basic_form_encodes_before_base64() -> None:
    http, seen = token_endpoint({"access_token": "t1"})
    credentials().token(http)
    (request,) = seen
    assert request.headers["authorization"] == httpx.BasicAuth("app", "the-client-secret%2F%2B%3D")._auth_header
    assert request.content == b"grant_type=client_credentials&scope=read"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"error": "invalid_client", "error_description": f"bad {SECRET}"}, 401, "invalid_client"),
        ({"error": "invalid_scope"}, 200, "invalid_scope"),  # an error in a 200, as oauthlib reads it
        ({"token_type": "bearer"}, 200, "no usable token"),
        (b"<html>oops</html>", 200, "no usable token"),
    ],
)
def test_a_failed_token_request_is_an_authentication_error_without_the_secret(
    body: Any, status: int, detail: str
) -> None:
    http, _ = token_endpoint(body, status=status)
    source = credentials()
    with pytest.raises(AuthenticationError, match=detail) as caught:
        source.token(http)
    assert SECRET not in str(caught.value) + repr(caught.value) + json.dumps(caught.value.body)
    assert SECRET not in repr(source)


def test_async_tokens_come_from_one_fetch() -> None:
    fetches: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        fetches.append(request)
        await asyncio.sleep(0.05)
        return httpx.Response(200, json={"access_token": "t1", "expires_in": 600})

    async def run() -> list[str]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            source = credentials()
            return list(await asyncio.gather(*(source.atoken(http) for _ in range(10))))

    assert asyncio.run(run()) == ["t1"] * 10 and len(fetches) == 1


def test_make_token_source() -> None:
    assert make_token_source(token_provider=None, token_url="/t", client_id=None, client_secret=None, scopes=(),
                             base_url="https://api.test/v1") is None  # fmt: skip
    source = make_token_source(token_provider=None, token_url="oauth/token", client_id="a", client_secret="b",
                               scopes=("x",), base_url="https://api.test/v1")  # fmt: skip
    assert isinstance(source, ClientCredentials) and source.token_url == "https://api.test/v1/oauth/token"
    provider = make_token_source(token_provider=lambda: "p", token_url="/t", client_id="a", client_secret="b",
                                 scopes=(), base_url="https://api.test")  # fmt: skip
    assert isinstance(provider, ProviderTokenSource)
    with pytest.raises(MissingCredentialsError, match="client_secret"):
        make_token_source(token_provider=None, token_url="/t", client_id="a", client_secret=None, scopes=(),
                          base_url="https://api.test")  # fmt: skip


def test_a_provider_must_return_a_token() -> None:
    http = httpx.Client()
    with pytest.raises(TypeError, match="non-empty str"):
        ProviderTokenSource(lambda: "").token(http)


def test_hooks_take_one_function_or_several_and_chain() -> None:
    def a(value: object) -> None: ...
    def b(value: object) -> None: ...

    hooks = Hooks.of(a, [a, b], None)
    assert hooks.before_request == (a,) and hooks.after_response == (a, b) and hooks.on_error == ()
    assert hooks.then(Hooks.of(on_error=b)).on_error == (b,) and not Hooks()


def test_async_hooks_are_awaited_and_refused_by_the_sync_runner() -> None:
    calls: list[str] = []

    async def coroutine_hook(value: str) -> None:
        calls.append(f"async {value}")

    def plain_hook(value: str) -> None:
        calls.append(f"plain {value}")

    asyncio.run(run_async([coroutine_hook, plain_hook], "x"))
    run_sync([plain_hook], "y")
    with pytest.raises(TypeError, match="async client"):
        run_sync([coroutine_hook], "z")
    assert calls == ["async x", "plain x", "plain y"]


def test_telemetry_values_are_structured_field_tokens_and_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    import platform
    from types import SimpleNamespace

    monkeypatch.setattr(platform, "uname", lambda: SimpleNamespace(system='Weird OS", evil=1', machine="AMD64"))
    headers = telemetry_headers("pkg", '1.0"\r\nX-Injected: 1', is_async=False)
    value = headers["X-SDK-Platform"]
    assert "\r" not in value and "\n" not in value
    assert "os=weirdosevil1" in value and "arch=x64" in value
    assert 'package-version="1.0\\"X-Injected: 1"' in value
