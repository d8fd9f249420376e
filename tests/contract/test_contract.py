"""Every operation of every document, called through its SDK against Prism.

Prism validates each request against the document: a request it finds in violation of the
spec fails the test with Prism's list of violations. Each response must parse into the
declared type, through a plain call, ``with_raw_response`` and ``with_streaming_response``,
with ``strict_response_validation`` off and on, sync and async; once against static
examples and twice against payloads Prism generates from the schemas (fixed seeds).
"""

from __future__ import annotations

import functools
import itertools
import traceback
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from generator.ir import OperationIR, ResourceIR
from tests.contract.calls import Call, calls_for, operations, parameter_patterns, type_errors
from tests.contract.conftest import DOCUMENTS, MODES, PrismPool, SdkCache, api_of
from tests.contract.prism import PrismServer, describe, violations
from tests.helpers import reach, shared_dir

SECRET = "contract-test-secret"
STYLES = ("plain", "raw", "streaming")
_MAX_ERROR = 700

pytestmark = pytest.mark.slow

_OVERLAP = (
    "AModel's oneOf members overlap (every object matches both FreeFormModel and ModelWithUnionProperty, "
    "`{}` matches anything), so only values this type-driven synthesizer does not pick are valid"
)
# Calls that fail for reasons outside the SDK, by (document, resource.method, argument set or None for
# both). Strict: once one passes, the entry must go.
OUTSIDE_THE_SDK: dict[tuple[str, str, str | None], str] = {
    ("peer_opc_baseline", "tests.json_body.create", None): _OVERLAP,
    ("peer_opc_baseline", "tests.callback", None): _OVERLAP,
    ("peer_opc_baseline", "bodies.refs.create", None): _OVERLAP,
    (
        "peer_opc_baseline",
        "types.unions.duplicate_types.create",
        None,
    ): "the body is oneOf [AModel, AModel]: any value matches both",
    ("peer_opc_baseline", "tests.upload", None): (
        "Prism 5.16 reads every multipart part as text, so the object fields the SDK sends as application/json "
        "parts (OpenAPI's default encoding) fail its 'must be object' check"
    ),
    ("peer_opc_baseline", "tests.list", None): (
        "required query parameters whose only value is null cannot be serialized (a null query value is omitted)"
    ),
    ("peer_opc_baseline", "defaults.create", None): (
        "Prism 5.16 never matches the query parameter named 'string with num' (it looks for "
        "'string%20with%20num' however the space is encoded)"
    ),
    (
        "peer_opc_baseline",
        "config.content_type_override.create",
        None,
    ): "Prism 5.16 answers 500 to the media type openapi/python/client",
}


@dataclass(frozen=True)
class Case:
    """One operation of one document, against one Prism mode, in one client configuration."""

    document: str
    mode: str
    resource: str
    method: str
    sync: bool
    strict: bool
    every_argument: bool


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One case per document, mode, operation, strictness and argument set, grouped by document and mode."""
    if "case" not in metafunc.fixturenames:
        return
    params = []
    for document in DOCUMENTS:
        if not DOCUMENTS[document]().exists():
            # shared_dir() fails in CI and skips locally, with the reason.
            params.append(pytest.param(None, id=f"{document}-missing"))
            continue
        for mode in MODES:
            for resource, op in operations(api_of(document)):
                for sync, strict, every in itertools.product((True, False), repeat=3):
                    case = Case(document, mode, resource.dotted, op.method_name, sync, strict, every)
                    test_id = "-".join(
                        (document, mode, f"{resource.dotted}.{op.method_name}", "sync" if sync else "async",
                         "strict" if strict else "lenient", "every_arg" if every else "required_args")
                    )  # fmt: skip
                    method, arguments = (
                        f"{resource.dotted}.{op.method_name}",
                        "every_arg" if every else "required_args",
                    )
                    reason = OUTSIDE_THE_SDK.get((document, method, None)) or OUTSIDE_THE_SDK.get(
                        (document, method, arguments)
                    )
                    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                    params.append(pytest.param(case, id=test_id, marks=marks))
    metafunc.parametrize("case", params)


class Exchanges:
    """The responses a client received, to read Prism's verdict on each request."""

    def __init__(self) -> None:
        self.responses: list[httpx.Response] = []

    def __call__(self, response: httpx.Response) -> None:
        self.responses.append(response)

    async def async_hook(self, response: httpx.Response) -> None:
        self.responses.append(response)

    def request_violations(self) -> list[dict[str, object]]:
        found = [v for r in self.responses for v in violations(r)]
        return [v for v in found if isinstance(v.get("location"), list) and v["location"][:1] == ["request"]]


@dataclass(eq=False)
class Target:
    """What a case needs: the document's IR and SDK, its operation and its Prism."""

    case: Case
    api: Any
    sdk: Any
    resource: ResourceIR
    operation: OperationIR
    server: PrismServer

    @functools.cached_property
    def calls(self) -> list[Call]:
        """The synthesized calls of this case."""
        patterns = parameter_patterns(DOCUMENTS[self.case.document](), self.operation)
        return calls_for(
            self.api, self.resource, self.operation, every_argument=self.case.every_argument, patterns=patterns
        )


def _target(case: Case | None, prism_pool: PrismPool, sdks: SdkCache) -> Target:
    if case is None:
        shared_dir()  # fails in CI, skips locally
        pytest.fail("a contract document is missing although the shared folder exists")
    api = api_of(case.document)
    resource, op = next((r, o) for r, o in operations(api) if (r.dotted, o.method_name) == (case.resource, case.method))
    sdk = sdks.get(case.document)
    return Target(case, api, sdk, resource, op, prism_pool.get(case.document, case.mode))


def _client_options(target: Target) -> dict[str, Any]:
    options: dict[str, Any] = {"base_url": target.server.base_url, "max_retries": 0}
    options["strict_response_validation"] = target.case.strict
    for scheme in target.api.auth:
        if scheme.token_url:
            # Prism plays no token endpoint (and an absolute tokenUrl is not ours to call): give the token.
            options[scheme.provider_arg] = lambda: SECRET
            continue
        for arg in scheme.client_args:
            options[arg] = SECRET
    return options


def _problems(target: Target, call: Call, result: object) -> list[str]:
    op = call.operation
    problems = type_errors(result, op.success.type if op.success else None, target.api, target.sdk)
    if op.pagination is not None:
        pages = (
            getattr(target.sdk.pagination, op.pagination.sync_class),
            getattr(target.sdk.pagination, op.pagination.async_class),
        )
        if not isinstance(result, pages):
            problems.append(f"/: expected a {op.pagination.sync_class} page, got {type(result).__name__}")
    return problems


def _failure(call: Call, style: str, exchanges: Exchanges, error: str) -> str:
    found = exchanges.request_violations()
    text = f"{call} via {style}: {error if len(error) <= _MAX_ERROR else error[:_MAX_ERROR] + '...'}"
    if found:
        text += "\n  Prism says the request violates the spec:\n" + describe(found)
    return text


def _error_text(exc: BaseException, sdk: Any) -> str:
    if isinstance(exc, sdk.APIStatusError):
        # Prism's own error for an invalid request lists the violations in its body.
        problems = exc.body.get("validation") if isinstance(exc.body, dict) else None
        if isinstance(problems, list) and problems:
            return f"HTTP {exc.status_code} from Prism, the request is invalid:\n" + describe(problems)
        return f"HTTP {exc.status_code} from Prism: {exc.body!r:.300}"
    return (
        "".join(traceback.format_exception_only(exc)).strip()
        + "\n"
        + "".join(traceback.format_tb(exc.__traceback__)[-2:])
    )


def _check(target: Target, call: Call, style: str, exchanges: Exchanges, outcome: object, failures: list[str]) -> None:
    if exchanges.request_violations():
        failures.append(_failure(call, style, exchanges, "Prism rejected the request"))
        return
    problems = _problems(target, call, outcome)
    if problems:
        failures.append(
            _failure(call, style, exchanges, "result does not have the declared type: " + "; ".join(problems))
        )


def _run_sync(target: Target) -> list[str]:
    exchanges = Exchanges()
    client_class = getattr(target.sdk, target.api.config.client_class)
    http = httpx.Client(event_hooks={"response": [exchanges]})
    calls = target.calls
    failures: list[str] = []
    with client_class(http_client=http, **_client_options(target)) as client:
        resource = reach(client, target.resource.dotted)
        for call in calls:
            for style in STYLES:
                exchanges.responses.clear()
                try:
                    if style == "plain":
                        outcome = getattr(resource, call.method)(**call.kwargs)
                    elif style == "raw":
                        outcome = getattr(resource.with_raw_response, call.method)(**call.kwargs).parse()
                    else:
                        with getattr(resource.with_streaming_response, call.method)(**call.kwargs) as response:
                            outcome = response.parse()
                except Exception as exc:
                    failures.append(_failure(call, style, exchanges, _error_text(exc, target.sdk)))
                    continue
                _check(target, call, style, exchanges, outcome, failures)
    return failures


async def _run_async(target: Target) -> list[str]:
    exchanges = Exchanges()
    client_class = getattr(target.sdk, target.api.config.async_client_class)
    http = httpx.AsyncClient(event_hooks={"response": [exchanges.async_hook]})
    calls = target.calls
    failures: list[str] = []
    async with client_class(http_client=http, **_client_options(target)) as client:
        resource = reach(client, target.resource.dotted)
        for call in calls:
            for style in STYLES:
                exchanges.responses.clear()
                try:
                    if style == "plain":
                        outcome = await getattr(resource, call.method)(**call.kwargs)
                    elif style == "raw":
                        raw = await getattr(resource.with_raw_response, call.method)(**call.kwargs)
                        outcome = await raw.parse()
                    else:
                        async with getattr(resource.with_streaming_response, call.method)(**call.kwargs) as response:
                            outcome = await response.parse()
                except Exception as exc:
                    failures.append(_failure(call, style, exchanges, _error_text(exc, target.sdk)))
                    continue
                _check(target, call, style, exchanges, outcome, failures)
    return failures


@pytest.mark.asyncio
async def test_calls_are_valid_and_parse(case: Case | None, prism_pool: PrismPool, sdks: SdkCache) -> None:
    target = _target(case, prism_pool, sdks)
    failures = _run_sync(target) if target.case.sync else await _run_async(target)
    assert not failures, f"{len(failures)} of {len(target.calls) * len(STYLES)} calls failed:\n\n" + "\n\n".join(
        failures
    )
