"""The HTTP clients every generated SDK client extends: requests, retries, parsing.

A call goes: arguments -> :class:`~._request.APICall` -> ``httpx.Request`` -> send
(with retries) -> status check -> parse into ``cast_to`` (or hand back an
:class:`~._response.APIResponse` for the raw / streamed wrappers).
"""

from __future__ import annotations

import functools
import logging
import time
import uuid
from collections.abc import Mapping, Sequence
from copy import copy as shallow_copy
from types import TracebackType
from typing import Any, Self, TypeVar, cast, overload

import httpx

from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    SDKError,
    make_status_error,
)
from ._hooks import ErrorHook, Hooks, RequestHook, ResponseHook, run_async, run_sync
from ._logging import redact_headers, redact_url, setup_logging
from ._oauth import TokenSource
from ._pagination import AsyncPage, AsyncPaginator, SyncPage
from ._parsing import parse_response
from ._request import APICall, RawMode, body_arguments, extract_raw_mode, merge_headers
from ._response import APIResponse, AsyncAPIResponse
from ._retry import retry_delay, should_retry
from ._streaming import is_stream_type, make_stream
from ._telemetry import RETRY_COUNT_HEADER, telemetry_headers, user_agent
from ._types import (
    NOT_GIVEN,
    Body,
    FileTypes,
    Headers,
    NotGiven,
    Omit,
    Query,
    RequestOptions,
    TimeoutTypes,
)
from ._utils import build_query

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "SyncAPIClient",
    "SyncAPIResource",
    "make_request_options",
]

DEFAULT_TIMEOUT = httpx.Timeout(timeout=60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_CONNECTION_LIMITS = httpx.Limits(
    max_connections=100, max_keepalive_connections=20
)

_T = TypeVar("_T")
AsyncPageT = TypeVar("AsyncPageT", bound=AsyncPage[Any])

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD"})


def make_request_options(
    *,
    extra_headers: Headers | None = None,
    extra_query: Query | None = None,
    extra_body: Body | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
    idempotency_key: str | None = None,
    security: tuple[str, ...] | None = None,
    operation_max_retries: int | None = None,
) -> RequestOptions:
    """Collect the per-call overrides that generated methods accept.

    ``security`` names the security schemes whose credentials the operation takes
    (``()``: none, a public operation); without it every credential set is sent.
    ``operation_max_retries`` is the operation's own retry count (its spec's
    ``x-sdk-retries``): it replaces the client's, and a per-call ``max_retries`` wins.
    """
    options = RequestOptions()
    if extra_headers is not None:
        options["headers"] = extra_headers
    if extra_query is not None:
        options["query"] = extra_query
    if extra_body is not None:
        options["extra_body"] = extra_body
    if not isinstance(timeout, NotGiven):
        options["timeout"] = timeout
    if not isinstance(max_retries, NotGiven):
        options["max_retries"] = max_retries
    if idempotency_key is not None:
        options["idempotency_key"] = idempotency_key
    if security is not None:
        options["security"] = security
    if operation_max_retries is not None:
        options["operation_max_retries"] = operation_max_retries
    return options


class _BaseClient:
    """Configuration and the I/O-free half of request handling."""

    _http: httpx.Client | httpx.AsyncClient

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        version: str,
        sdk_name: str,
        log_env_var: str | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        default_query: Mapping[str, object] | None,
        http_client: httpx.Client | httpx.AsyncClient | None,
        strict_response_validation: bool,
        hooks: Hooks | None = None,
        telemetry: bool = True,
        token_source: TokenSource | None = None,
        token_scheme: str | None = None,
    ) -> None:
        self.base_url = httpx.URL(base_url)
        self._url_prefix: tuple[httpx.URL | None, str] = (None, "")
        self._version = version
        self._sdk_name = sdk_name
        self.max_retries = max_retries
        self.strict_response_validation = strict_response_validation
        self.timeout: TimeoutTypes = _resolve_timeout(timeout, http_client)
        self._custom_headers: dict[str, str | Omit] = dict(default_headers or {})
        self._custom_query: dict[str, object] = dict(default_query or {})
        self._log = setup_logging(sdk_name, log_env_var)
        # Only the client that created the httpx client closes it (copies share it).
        self._owns_http = http_client is None
        self._hooks = hooks or Hooks()
        self.telemetry = telemetry
        self._base_headers = self._make_base_headers()
        # The OAuth2 scheme whose bearer token comes from ``_token_source``.
        self._token_source = token_source
        self._token_scheme = token_scheme

    # -- hooks for generated clients ---------------------------------------------------

    @property
    def auth_headers(self) -> dict[str, str]:
        """Headers carrying credentials; generated clients override this."""
        return {}

    @property
    def auth_query(self) -> dict[str, str]:
        """Query parameters carrying credentials; generated clients override this."""
        return {}

    def _credentials(self, scheme: str) -> tuple[dict[str, str], dict[str, str]]:
        """Headers and query parameters carrying one security scheme's credentials."""
        return {}, {}

    def _auth(
        self, security: tuple[str, ...] | None
    ) -> tuple[Mapping[str, str], Mapping[str, str]]:
        """The credentials a call sends: those of ``security``'s schemes, else all."""
        if security is None:
            return self.auth_headers, self.auth_query
        headers: dict[str, str] = {}
        query: dict[str, str] = {}
        for scheme in security:
            scheme_headers, scheme_query = self._credentials(scheme)
            for name, value in scheme_headers.items():
                cookie = name.lower() == "cookie" and "Cookie" in headers
                headers[name] = f"{headers['Cookie']}; {value}" if cookie else value
            query.update(scheme_query)
        return headers, query

    # -- configuration -----------------------------------------------------------------

    @property
    def user_agent(self) -> str:
        """``{sdk_name}/{version} python/{major}.{minor} httpx/{version}``.

        With telemetry off, only the package name (some APIs refuse requests without
        a ``User-Agent``; ``default_headers={"User-Agent": omit}`` removes it).
        """
        if not self.telemetry:
            return self._sdk_name
        return user_agent(self._sdk_name, self._version)

    def _make_base_headers(self) -> dict[str, str | Omit]:
        if not self.telemetry:
            return {"Accept": "application/json", "User-Agent": self._sdk_name}
        return {
            "Accept": "application/json",
            **telemetry_headers(
                self._sdk_name,
                self._version,
                is_async=isinstance(self, AsyncAPIClient),
            ),
        }

    @property
    def default_headers(self) -> dict[str, str | Omit]:
        """Headers sent with every request, before credentials and per-call headers."""
        return {**self._base_headers, **self._custom_headers}

    @property
    def default_query(self) -> dict[str, object]:
        """Query parameters sent with every request."""
        return dict(self._custom_query)

    def with_options(
        self,
        *,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str | Omit] | NotGiven = NOT_GIVEN,
        default_query: Mapping[str, object] | NotGiven = NOT_GIVEN,
        strict_response_validation: bool | NotGiven = NOT_GIVEN,
        telemetry: bool | NotGiven = NOT_GIVEN,
        before_request: RequestHook | Sequence[RequestHook] | None = None,
        after_response: ResponseHook | Sequence[ResponseHook] | None = None,
        on_error: ErrorHook | Sequence[ErrorHook] | None = None,
    ) -> Self:
        """Return a client with some settings changed, sharing this one's connections.

        ``default_headers`` and ``default_query`` are merged into the current ones
        (an :class:`~._types.Omit` header value removes a header). Hooks are added
        after the client's own (see :mod:`._hooks` for the order they run in).
        """
        new = shallow_copy(self)
        # Resources cached on the instance are bound to the old client: drop them.
        for name in _cached_property_names(type(self)):
            new.__dict__.pop(name, None)
        new._owns_http = False
        new._custom_headers = dict(self._custom_headers)
        new._custom_query = dict(self._custom_query)
        if not isinstance(base_url, NotGiven):
            new.base_url = httpx.URL(base_url)
        if not isinstance(timeout, NotGiven):
            new.timeout = timeout
        if not isinstance(max_retries, NotGiven):
            new.max_retries = max_retries
        if not isinstance(default_headers, NotGiven):
            new._custom_headers.update(default_headers)
        if not isinstance(default_query, NotGiven):
            new._custom_query.update(default_query)
        if not isinstance(strict_response_validation, NotGiven):
            new.strict_response_validation = strict_response_validation
        if not isinstance(telemetry, NotGiven):
            new.telemetry = telemetry
            new._base_headers = new._make_base_headers()
        new._hooks = self._hooks.then(
            Hooks.of(before_request, after_response, on_error)
        )
        return new

    copy = with_options

    # -- building requests -------------------------------------------------------------

    @staticmethod
    def _make_call(
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None,
        json_body: object,
        form_body: object,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None,
        content: bytes | None,
        content_type: str | None,
        options: RequestOptions | None,
    ) -> tuple[APICall, RawMode | None]:
        cleaned, raw_mode = extract_raw_mode(options or RequestOptions())
        call = APICall(
            method=method.upper(),
            path=path,
            query=query or {},
            json_body=json_body,
            form_body=form_body,
            files=files,
            content=content,
            content_type=content_type,
            options=cleaned,
        )
        return call, raw_mode

    def _idempotency_key(self, call: APICall) -> str | None:
        """One key per call, reused by every attempt so the server can deduplicate."""
        explicit = call.options.get("idempotency_key")
        if explicit is not None:
            return explicit
        if call.method in _IDEMPOTENT_METHODS:
            return None
        return f"{self._sdk_name}-retry-{uuid.uuid4()}"

    def _url(self, path: str) -> str:
        """The absolute URL of ``path``, as text: httpx parses it once, in ``build_request``."""
        if path.startswith(("http://", "https://")):
            return path
        base_url, prefix = self._url_prefix
        if base_url is not self.base_url:  # set anew since the last call: join afresh
            prefix = str(self.base_url).rstrip("/") + "/"
            self._url_prefix = (self.base_url, prefix)
        return prefix + path.lstrip("/")

    def _needs_token(self, call: APICall) -> bool:
        """Whether ``call`` sends the OAuth2 scheme's bearer token."""
        if self._token_source is None:
            return False
        security = call.options.get("security")
        return security is None or self._token_scheme in security

    def _build_request(
        self,
        call: APICall,
        idempotency_key: str | None,
        attempt: int = 0,
        token: str | None = None,
    ) -> httpx.Request:
        body_kwargs, content_type = body_arguments(call)
        auth_headers, auth_query = self._auth(call.options.get("security"))
        per_attempt: dict[str, str] = {}
        if token is not None:
            per_attempt["Authorization"] = f"Bearer {token}"
        if content_type:
            per_attempt["Content-Type"] = content_type
        if idempotency_key:
            per_attempt["Idempotency-Key"] = idempotency_key
        if self.telemetry:
            per_attempt[RETRY_COUNT_HEADER] = str(attempt)
        headers = merge_headers(
            self.default_headers,
            auth_headers,
            per_attempt,
            call.options.get("headers"),
        )
        query = {
            **self._custom_query,
            **auth_query,
            # A parameter left out does not hide a credential of the same name (NYT's api-key).
            **{k: v for k, v in call.query.items() if not isinstance(v, NotGiven)},
            **(call.options.get("query") or {}),
        }
        request = self._http.build_request(
            call.method,
            self._url(call.path),
            # None rather than (): an empty merge would re-parse the URL.
            params=cast(
                "list[tuple[str, str | int | float | bool | None]]", build_query(query)
            )
            or None,
            headers={k: v for k, v in headers.items() if not isinstance(v, Omit)},
            timeout=call.options.get("timeout", self.timeout),
            **body_kwargs,
        )
        # Omit also removes headers httpx adds by default (e.g. its User-Agent).
        for name, value in headers.items():
            if isinstance(value, Omit):
                request.headers.pop(name, None)
        return request

    def _max_retries(self, call: APICall) -> int:
        options = call.options
        return options.get(
            "max_retries", options.get("operation_max_retries", self.max_retries)
        )

    # -- retries and errors ------------------------------------------------------------

    def _retry_delay(
        self,
        request: httpx.Request,
        *,
        retries_taken: int,
        max_retries: int,
        response: httpx.Response | None = None,
        error: Exception | None = None,
    ) -> float | None:
        """Seconds to wait before retrying, or ``None`` when the failure is final."""
        remaining = max_retries - retries_taken
        if remaining <= 0 or (response is not None and not should_retry(response)):
            return None
        delay = retry_delay(
            retries_taken, response.headers if response is not None else None
        )
        reason = (
            f"status {response.status_code}" if response is not None else _name(error)
        )
        self._log.info(
            "Retrying %s %s in %.2f s (%s); %d retries left",
            request.method,
            self._redact_url(request.url),
            delay,
            reason,
            remaining - 1,
        )
        return delay

    def _connection_error(
        self, request: httpx.Request, error: Exception
    ) -> APIConnectionError:
        self._log.debug(
            "Request %s %s failed: %s",
            request.method,
            self._redact_url(request.url),
            _name(error),
        )
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(request)
        message = f"Connection error: {request.method} {self._redact_url(request.url)}"
        return APIConnectionError(request, message=f"{message} ({_name(error)})")

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        self._log.debug(
            "Giving up on %s %s: status %d",
            response.request.method,
            self._redact_url(response.request.url),
            response.status_code,
        )
        error = make_status_error(response)
        redact = error._without_secrets  # pyright: ignore[reportPrivateUsage]
        return redact(self._secret_values())

    # -- logging -----------------------------------------------------------------------

    def _secret_names(self) -> set[str]:
        names = set(self.auth_headers) | set(self.auth_query)
        if self._token_source is not None:
            names.add("Authorization")
        return names

    def _secret_values(self) -> set[str]:
        """The credentials sent, e.g. ``"Bearer sk-1"`` and ``"sk-1"``."""
        values: set[str] = set()
        for value in (*self.auth_headers.values(), *self.auth_query.values()):
            values.add(value)
            _, _, credential = value.partition(" ")  # "<scheme> <credential>"
            values.add(credential.strip())
        if self._token_source is not None:
            values.update(self._token_source.secrets())
        return {v for v in values if v}

    def _redact_url(self, url: httpx.URL) -> str:
        return redact_url(url, self._secret_names())

    def _log_request(self, request: httpx.Request, retries_taken: int) -> None:
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug(
                "Request %s %s (retry %d) headers=%s",
                request.method,
                self._redact_url(request.url),
                retries_taken,
                redact_headers(request.headers.items(), self._secret_names()),
            )

    def _log_response(self, response: httpx.Response) -> None:
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug(
                "Response %s %s -> %d %s",
                response.request.method,
                self._redact_url(response.request.url),
                response.status_code,
                response.reason_phrase,
            )

    # -- parsing -----------------------------------------------------------------------

    def _parse_response(
        self, call: APICall, cast_to: Any, response: httpx.Response
    ) -> Any:
        """Turn a successful, fully read response into ``cast_to``.

        Shared by normal calls and :meth:`APIResponse.parse`, so both behave the same.
        """
        if is_stream_type(cast_to):
            return make_stream(cast_to, response)  # events are parsed as they arrive
        try:
            result = parse_response(
                cast_to, response, strict=self.strict_response_validation
            )
        except APIResponseValidationError as exc:
            # Messages quote unknown data, in which the server may echo credentials.
            redact = exc._without_secrets  # pyright: ignore[reportPrivateUsage]
            redact(self._secret_values())
            raise
        self._bind_page(result, call, response)
        return result

    def _bind_page(
        self, result: object, call: APICall, response: httpx.Response
    ) -> None:
        """Give a parsed page what it needs to fetch the next one."""


class SyncAPIClient(_BaseClient):
    """Synchronous HTTP client; generated clients subclass it and add resources.

    Example of a per-test sleep patch (no real waiting)::

        client._sleep = lambda seconds: None
    """

    _http: httpx.Client

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        version: str,
        sdk_name: str,
        log_env_var: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        strict_response_validation: bool = False,
        hooks: Hooks | None = None,
        telemetry: bool = True,
        token_source: TokenSource | None = None,
        token_scheme: str | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url,
            version=version,
            sdk_name=sdk_name,
            log_env_var=log_env_var,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
            hooks=hooks,
            telemetry=telemetry,
            token_source=token_source,
            token_scheme=token_scheme,
        )
        http = http_client or httpx.Client(
            timeout=self.timeout,
            follow_redirects=True,
            limits=DEFAULT_CONNECTION_LIMITS,
        )
        self._http = http  # pyright: ignore[reportIncompatibleVariableOverride]

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_T],
        query: Mapping[str, object] | None = None,
        json_body: object | NotGiven = NOT_GIVEN,
        form_body: object = None,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
    ) -> _T: ...

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        query: Mapping[str, object] | None = None,
        json_body: object | NotGiven = NOT_GIVEN,
        form_body: object = None,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
    ) -> Any: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        query: Mapping[str, object] | None = None,
        json_body: object | NotGiven = NOT_GIVEN,
        form_body: object = None,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
    ) -> Any:
        """Send a request, retrying when worthwhile, and parse it as ``cast_to``.

        Raises:
            APIStatusError: the API answered 4xx/5xx (a subclass per status).
            APIConnectionError: the API could not be reached (``APITimeoutError``
                on timeouts).
            APIResponseValidationError: the body does not match ``cast_to``.
        """
        call, raw_mode = self._make_call(
            method,
            path,
            query=query,
            json_body=json_body,
            form_body=form_body,
            files=files,
            content=content,
            content_type=content_type,
            options=options,
        )
        return self._request_call(call, cast_to, raw_mode)

    def get_api_list(
        self,
        path: str,
        *,
        page: type[_T],
        query: Mapping[str, object] | None = None,
        options: RequestOptions | None = None,
    ) -> _T:
        """GET the first page of a list endpoint (iterate it to walk all pages)."""
        return self.request("GET", path, cast_to=page, query=query, options=options)

    def _request_call(
        self, call: APICall, cast_to: Any, raw_mode: RawMode | None = None
    ) -> Any:
        try:
            stream = raw_mode == "stream" or is_stream_type(cast_to)
            response, retries_taken = self._send(call, stream=stream)
            parser = functools.partial(self._parse_response, call, cast_to)
            if raw_mode is not None:
                return APIResponse(
                    raw=response,
                    cast_to=cast_to,
                    parser=parser,
                    retries_taken=retries_taken,
                )
            return parser(response)
        except SDKError as error:
            run_sync(self._hooks.on_error, error)
            raise

    def _token(self, call: APICall, stale: str | None = None) -> str | None:
        if not self._needs_token(call):
            return None
        source = cast("TokenSource", self._token_source)
        return source.token(
            self._http, stale=stale, timeout=call.options.get("timeout", self.timeout)
        )

    def _send(self, call: APICall, *, stream: bool) -> tuple[httpx.Response, int]:
        """Send ``call``, retrying; return a successful response and the retry count."""
        max_retries = self._max_retries(call)
        idempotency_key = self._idempotency_key(call)
        retries_taken = 0
        attempt = 0  # retries plus a re-send with a fresh token after a 401
        token = self._token(call)
        refreshed = False
        while True:
            request = self._build_request(call, idempotency_key, attempt, token)
            run_sync(self._hooks.before_request, request)
            self._log_request(request, attempt)
            attempt += 1
            try:
                response = self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                delay = self._retry_delay(
                    request,
                    retries_taken=retries_taken,
                    max_retries=max_retries,
                    error=exc,
                )
                if delay is None:
                    raise self._connection_error(request, exc) from exc
            # Redirect loops or undecodable bodies: retrying cannot help.
            except httpx.RequestError as exc:
                raise self._connection_error(request, exc) from exc
            else:
                self._log_response(response)
                run_sync(self._hooks.after_response, response)
                if not response.is_error:
                    return response, retries_taken
                if response.status_code == 401 and token is not None and not refreshed:
                    # The API refused a token we thought valid: fetch a new one, once.
                    response.close()
                    token, refreshed = self._token(call, stale=token), True
                    continue
                delay = self._retry_delay(
                    request,
                    retries_taken=retries_taken,
                    max_retries=max_retries,
                    response=response,
                )
                if delay is None:
                    response.read()  # also closes it; the error shows the body
                    raise self._status_error(response)
                response.close()
            self._sleep(delay)
            retries_taken += 1

    def _sleep(self, seconds: float) -> None:
        """Wait between attempts (tests replace this to avoid real waiting)."""
        time.sleep(seconds)

    def _bind_page(
        self, result: object, call: APICall, response: httpx.Response
    ) -> None:
        if isinstance(result, SyncPage):
            result._bind(self, call, response)  # pyright: ignore[reportPrivateUsage]

    def is_closed(self) -> bool:
        """Whether the underlying connection pool is closed."""
        return self._http.is_closed

    def close(self) -> None:
        """Close the connection pool if this client created it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAPIClient(_BaseClient):
    """Asynchronous HTTP client; generated clients subclass it and add resources."""

    _http: httpx.AsyncClient

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        version: str,
        sdk_name: str,
        log_env_var: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        strict_response_validation: bool = False,
        hooks: Hooks | None = None,
        telemetry: bool = True,
        token_source: TokenSource | None = None,
        token_scheme: str | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url,
            version=version,
            sdk_name=sdk_name,
            log_env_var=log_env_var,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
            hooks=hooks,
            telemetry=telemetry,
            token_source=token_source,
            token_scheme=token_scheme,
        )
        http = http_client or httpx.AsyncClient(
            timeout=self.timeout,
            follow_redirects=True,
            limits=DEFAULT_CONNECTION_LIMITS,
        )
        self._http = http  # pyright: ignore[reportIncompatibleVariableOverride]

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_T],
        query: Mapping[str, object] | None = None,
        json_body: object | NotGiven = NOT_GIVEN,
        form_body: object = None,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
    ) -> _T: ...

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        query: Mapping[str, object] | None = None,
        json_body: object | NotGiven = NOT_GIVEN,
        form_body: object = None,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
    ) -> Any: ...

    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        query: Mapping[str, object] | None = None,
        json_body: object | NotGiven = NOT_GIVEN,
        form_body: object = None,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
    ) -> Any:
        """Send a request, retrying when worthwhile, and parse it as ``cast_to``.

        Raises the same errors as :meth:`SyncAPIClient.request`.
        """
        call, raw_mode = self._make_call(
            method,
            path,
            query=query,
            json_body=json_body,
            form_body=form_body,
            files=files,
            content=content,
            content_type=content_type,
            options=options,
        )
        return await self._request_call(call, cast_to, raw_mode)

    def get_api_list(
        self,
        path: str,
        *,
        page: type[AsyncPageT],
        query: Mapping[str, object] | None = None,
        method: str = "GET",
        json_body: object | NotGiven = NOT_GIVEN,
        form_body: object = None,
        files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
    ) -> AsyncPaginator[Any, AsyncPageT]:
        """Return a paginator: await it for the first page, ``async for`` all items.

        A list endpoint reached with another method (``x-pagination`` on a POST)
        sends the same body for every page.
        """
        call, raw_mode = self._make_call(
            method,
            path,
            query=query,
            json_body=json_body,
            form_body=form_body,
            files=files,
            content=content,
            content_type=content_type,
            options=options,
        )
        return AsyncPaginator(self, call, page, raw_mode=raw_mode)

    async def _request_call(
        self, call: APICall, cast_to: Any, raw_mode: RawMode | None = None
    ) -> Any:
        try:
            stream = raw_mode == "stream" or is_stream_type(cast_to)
            response, retries_taken = await self._send(call, stream=stream)
            parser = functools.partial(self._parse_response, call, cast_to)
            if raw_mode is not None:
                return AsyncAPIResponse(
                    raw=response,
                    cast_to=cast_to,
                    parser=parser,
                    retries_taken=retries_taken,
                )
            return parser(response)
        except SDKError as error:
            await run_async(self._hooks.on_error, error)
            raise

    async def _token(self, call: APICall, stale: str | None = None) -> str | None:
        if not self._needs_token(call):
            return None
        source = cast("TokenSource", self._token_source)
        return await source.atoken(
            self._http, stale=stale, timeout=call.options.get("timeout", self.timeout)
        )

    async def _send(self, call: APICall, *, stream: bool) -> tuple[httpx.Response, int]:
        """Send ``call``, retrying; return a successful response and the retry count."""
        max_retries = self._max_retries(call)
        idempotency_key = self._idempotency_key(call)
        retries_taken = 0
        attempt = 0  # retries plus a re-send with a fresh token after a 401
        token = await self._token(call)
        refreshed = False
        while True:
            request = self._build_request(call, idempotency_key, attempt, token)
            if self._hooks.before_request:
                await run_async(self._hooks.before_request, request)
            self._log_request(request, attempt)
            attempt += 1
            try:
                response = await self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                delay = self._retry_delay(
                    request,
                    retries_taken=retries_taken,
                    max_retries=max_retries,
                    error=exc,
                )
                if delay is None:
                    raise self._connection_error(request, exc) from exc
            # Redirect loops or undecodable bodies: retrying cannot help.
            except httpx.RequestError as exc:
                raise self._connection_error(request, exc) from exc
            else:
                self._log_response(response)
                if self._hooks.after_response:
                    await run_async(self._hooks.after_response, response)
                if not response.is_error:
                    return response, retries_taken
                if response.status_code == 401 and token is not None and not refreshed:
                    # The API refused a token we thought valid: fetch a new one, once.
                    await response.aclose()
                    token, refreshed = await self._token(call, stale=token), True
                    continue
                delay = self._retry_delay(
                    request,
                    retries_taken=retries_taken,
                    max_retries=max_retries,
                    response=response,
                )
                if delay is None:
                    await response.aread()  # also closes it; the error shows the body
                    raise self._status_error(response)
                await response.aclose()
            await self._sleep(delay)
            retries_taken += 1

    async def _sleep(self, seconds: float) -> None:
        """Wait between attempts (tests replace this to avoid real waiting)."""
        import asyncio  # only async clients need it: not imported with the SDK

        await asyncio.sleep(seconds)

    def _bind_page(
        self, result: object, call: APICall, response: httpx.Response
    ) -> None:
        if isinstance(result, AsyncPage):
            result._bind(self, call, response)  # pyright: ignore[reportPrivateUsage]

    def is_closed(self) -> bool:
        """Whether the underlying connection pool is closed."""
        return self._http.is_closed

    async def close(self) -> None:
        """Close the connection pool if this client created it."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        await self.close()


class SyncAPIResource:
    """Base of generated synchronous resource classes."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    """Base of generated asynchronous resource classes."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


# -- helpers ---------------------------------------------------------------------------


def _resolve_timeout(
    timeout: TimeoutTypes | NotGiven,
    http_client: httpx.Client | httpx.AsyncClient | None,
) -> TimeoutTypes:
    if not isinstance(timeout, NotGiven):
        return timeout
    # Respect a timeout deliberately configured on a user-supplied httpx client.
    if http_client is not None and http_client.timeout != httpx.Timeout(5.0):
        return http_client.timeout
    return DEFAULT_TIMEOUT


def _cached_property_names(cls: type) -> set[str]:
    return {
        name
        for klass in cls.__mro__
        for name, value in vars(klass).items()
        if isinstance(value, functools.cached_property)
    }


def _name(error: BaseException | None) -> str:
    return type(error).__name__ if error is not None else "unknown error"
