"""OAuth2 access tokens: the client credentials grant run by the SDK, or a caller's provider.

A :class:`ClientCredentials` source fetches a token on first use, keeps it until it
expires (less a margin) and then fetches a new one. However many threads or tasks need
a token at once, one fetch runs and the others wait for it ("single flight"). The
grant's wire format (the form body, the token response and its errors) is handled by
``oauthlib``, imported only when a token is fetched; the HTTP goes through the client's
own httpx client, so its transport, proxies and timeout apply.

The client secret and the tokens never appear in messages, ``repr``\\s or logs.
"""

from __future__ import annotations

import base64
import importlib
import inspect
import json
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast
from urllib.parse import quote

import httpx

from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    MissingCredentialsError,
)
from ._logging import redact_secrets

if TYPE_CHECKING:
    import asyncio

__all__ = [
    "AsyncTokenProvider",
    "ClientCredentials",
    "ProviderTokenSource",
    "TokenAuthMethod",
    "TokenProvider",
    "TokenSource",
    "make_token_source",
]

TokenAuthMethod: TypeAlias = Literal["client_secret_basic", "client_secret_post"]
TokenProvider: TypeAlias = Callable[[], str]
"""A caller's function returning the current access token (it does its own caching)."""
AsyncTokenProvider: TypeAlias = Callable[[], str | Awaitable[str]]
"""Like :data:`TokenProvider`; the async client also accepts a coroutine function."""

# A token is refreshed this long before it expires, at most (and at most a tenth of its lifetime).
EXPIRY_MARGIN_SECONDS = 30.0


class TokenSource:
    """Where a client gets the bearer token of its OAuth2 scheme."""

    def token(
        self,
        http: httpx.Client,
        *,
        stale: str | None = None,
        timeout: httpx.Timeout | float | None = None,
    ) -> str:
        """A valid token; ``stale`` is one the API just refused (it is not returned again)."""
        raise NotImplementedError

    async def atoken(
        self,
        http: httpx.AsyncClient,
        *,
        stale: str | None = None,
        timeout: httpx.Timeout | float | None = None,
    ) -> str:
        """:meth:`token` for the async client."""
        raise NotImplementedError

    def secrets(self) -> set[str]:
        """Values that must be redacted wherever the SDK shows text."""
        return set()


class ProviderTokenSource(TokenSource):
    """Tokens from the caller's ``token_provider``, called before each request."""

    def __init__(self, provider: AsyncTokenProvider) -> None:
        self._provider = provider
        self._last: str | None = None

    def token(
        self,
        http: httpx.Client,
        *,
        stale: str | None = None,
        timeout: httpx.Timeout | float | None = None,
    ) -> str:
        result = self._provider()
        if inspect.isawaitable(result):
            if inspect.iscoroutine(result):
                result.close()  # never awaited: close it so Python does not warn
            raise TypeError(
                "token_provider returned an awaitable: use the async client for an "
                "async token provider"
            )
        return self._remember(result)

    async def atoken(
        self,
        http: httpx.AsyncClient,
        *,
        stale: str | None = None,
        timeout: httpx.Timeout | float | None = None,
    ) -> str:
        result = self._provider()
        if inspect.isawaitable(result):
            result = await result
        return self._remember(result)

    def _remember(self, token: object) -> str:
        if not isinstance(token, str) or not token:
            raise TypeError(
                f"token_provider must return a non-empty str, got {type(token).__name__}"
            )
        self._last = token
        return token

    def secrets(self) -> set[str]:
        return {self._last} if self._last else set()

    def __repr__(self) -> str:
        return f"ProviderTokenSource({self._provider!r})"


class ClientCredentials(TokenSource):
    """The OAuth2 client credentials grant (RFC 6749 §4.4), cached and single-flight.

    ``auth_method`` is how the client authenticates at the token endpoint:
    ``client_secret_basic`` (HTTP Basic, the default) or ``client_secret_post`` (in the
    form body).
    """

    def __init__(
        self,
        *,
        token_url: str,
        client_id: str,
        client_secret: str,
        scopes: Sequence[str] = (),
        auth_method: TokenAuthMethod = "client_secret_basic",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if auth_method not in ("client_secret_basic", "client_secret_post"):
            raise ValueError(f"unknown token endpoint auth method {auth_method!r}")
        self.token_url = token_url
        self.client_id = client_id
        self._client_secret = client_secret
        self.scopes = tuple(scopes)
        self.auth_method: TokenAuthMethod = auth_method
        self._clock = clock
        self._token: str | None = None
        self._refresh_at = 0.0
        # Guards the cached token; sync callers hold it while they fetch.
        self._lock = threading.Lock()
        # One asyncio lock per event loop (a lock cannot be shared between loops).
        self._async_locks: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Lock
        ] = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        return (
            f"ClientCredentials(token_url={self.token_url!r}, client_id="
            f"{self.client_id!r}, scopes={self.scopes!r}, auth_method={self.auth_method!r})"
        )

    def secrets(self) -> set[str]:
        values = {self._client_secret, quote(self._client_secret, safe="")}
        if self._token:
            values.add(self._token)
        return values

    def _valid(self, stale: str | None) -> str | None:
        token = self._token
        if token is None or token == stale or self._clock() >= self._refresh_at:
            return None
        return token

    def token(
        self,
        http: httpx.Client,
        *,
        stale: str | None = None,
        timeout: httpx.Timeout | float | None = None,
    ) -> str:
        current = self._valid(stale)
        if current is not None:
            return current
        with self._lock:
            current = self._valid(stale)  # another thread may have fetched it meanwhile
            if current is not None:
                return current
            request = self._build_request(http, timeout)
            try:
                response = http.send(request)
                response.read()
            except httpx.TransportError as exc:
                raise self._transport_error(request, exc) from None
            return self._store(response)

    async def atoken(
        self,
        http: httpx.AsyncClient,
        *,
        stale: str | None = None,
        timeout: httpx.Timeout | float | None = None,
    ) -> str:
        current = self._valid(stale)
        if current is not None:
            return current
        import asyncio  # only async clients need it: not imported with the SDK

        loop = asyncio.get_running_loop()
        lock = self._async_locks.get(loop)
        if lock is None:
            lock = self._async_locks[loop] = asyncio.Lock()
        async with lock:
            current = self._valid(stale)  # another task may have fetched it meanwhile
            if current is not None:
                return current
            request = self._build_request(http, timeout)
            try:
                response = await http.send(request)
                await response.aread()
            except httpx.TransportError as exc:
                raise self._transport_error(request, exc) from None
            with self._lock:
                return self._store(response)

    # -- the grant's wire format -----------------------------------------------------

    def _build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        timeout: httpx.Timeout | float | None,
    ) -> httpx.Request:
        parameters = _oauthlib("parameters")
        extra: dict[str, str] = {}
        if self.scopes:
            extra["scope"] = " ".join(self.scopes)
        headers = {
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        if self.auth_method == "client_secret_post":
            extra["client_id"] = self.client_id
            extra["client_secret"] = self._client_secret
        else:
            # RFC 6749 §2.3.1: both parts are form-encoded before the Basic encoding.
            pair = f"{quote(self.client_id, safe='')}:{quote(self._client_secret, safe='')}"
            headers["Authorization"] = (
                "Basic " + base64.b64encode(pair.encode()).decode()
            )
        prepare = cast("Callable[..., str]", parameters.prepare_token_request)
        body = prepare(
            "client_credentials",
            include_client_id=self.auth_method == "client_secret_post",
            **extra,
        )
        return http.build_request(
            "POST",
            self.token_url,
            content=body.encode(),
            headers=headers,
            timeout=timeout if timeout is not None else http.timeout,
        )

    def _store(self, response: httpx.Response) -> str:
        secrets = self.secrets()
        text = redact_secrets(response.text, secrets)
        described = f"POST {self.token_url}"
        if response.is_error:
            body = _json_or_text(text)
            raise AuthenticationError(
                f"Token request {described} failed: {response.status_code} "
                f"{response.reason_phrase}{_oauth_detail(body)}",
                response=response,
                body=body,
            )
        errors = _oauthlib("errors")
        oauth_error = cast("type[Exception]", errors.OAuth2Error)
        parse = cast(
            "Callable[[str], dict[str, Any]]",
            _oauthlib("parameters").parse_token_response,
        )
        try:
            token = parse(response.text)
        except (oauth_error, ValueError) as exc:
            detail = getattr(exc, "description", None) or getattr(exc, "error", "")
            raise AuthenticationError(
                f"Token request {described} gave no usable token: "
                f"{redact_secrets(str(detail), secrets) or type(exc).__name__}",
                response=response,
                body=_json_or_text(text),
            ) from None
        access_token = token.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise AuthenticationError(
                f"Token request {described} gave no access_token",
                response=response,
                body=_json_or_text(text),
            )
        expires_in = token.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, (int, float)) else None
        self._token = access_token
        self._refresh_at = (
            float("inf")
            if lifetime is None
            else self._clock() + lifetime - min(EXPIRY_MARGIN_SECONDS, lifetime / 10)
        )
        return access_token

    def _transport_error(
        self, request: httpx.Request, error: httpx.TransportError
    ) -> APIConnectionError:
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(request)
        return APIConnectionError(
            request,
            message=f"Connection error: POST {self.token_url} ({type(error).__name__})",
        )


def make_token_source(
    *,
    token_provider: AsyncTokenProvider | None,
    token_url: str,
    client_id: str | None,
    client_secret: str | None,
    scopes: Sequence[str],
    base_url: str | httpx.URL,
    auth_method: TokenAuthMethod = "client_secret_basic",
) -> TokenSource | None:
    """The token source a generated client's OAuth2 arguments ask for (None: none given).

    A ``token_provider`` wins over client credentials; a relative ``token_url`` is
    resolved against the base URL.
    """
    if token_provider is not None:
        return ProviderTokenSource(token_provider)
    if client_id is None and client_secret is None:
        return None
    if client_id is None or client_secret is None:
        missing = "client_id" if client_id is None else "client_secret"
        raise MissingCredentialsError(
            f"The {missing} client option must be set together with the other one"
        )
    url = str(httpx.URL(str(base_url).rstrip("/") + "/").join(token_url))
    return ClientCredentials(
        token_url=url,
        client_id=client_id,
        client_secret=client_secret,
        scopes=scopes,
        auth_method=auth_method,
    )


def _oauthlib(module: Literal["parameters", "errors"]) -> Any:
    """A module of oauthlib's RFC 6749 package, imported on first use."""
    try:
        return importlib.import_module(f"oauthlib.oauth2.rfc6749.{module}")
    except ImportError as exc:
        raise ImportError(
            "OAuth2 client credentials need the oauthlib package: pip install oauthlib"
        ) from exc


def _json_or_text(text: str) -> object:
    try:
        return cast("object", json.loads(text))
    except ValueError:
        return text or None


def _oauth_detail(body: object) -> str:
    """``: invalid_client (description)`` from an RFC 6749 error body."""
    if not isinstance(body, dict):
        return ""
    fields = cast("dict[str, object]", body)
    error, description = fields.get("error"), fields.get("error_description")
    if not isinstance(error, str):
        return ""
    detail = f": {error[:100]}"
    if isinstance(description, str) and description:
        detail += f" ({description[:300]})"
    return detail
