"""Generate one document's SDK and call every method of it against the mock server.

Shared by the tests (``tests/conformance/test_conformance.py``) and the report
(``python -m tests.conformance.report``), so both count the same things.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import io
import json
import re
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx
import pydantic

from generator.build_ir import build_ir
from generator.cli import main as generator_main
from generator.config import GeneratorConfig
from generator.ir import ApiIR, OperationIR, ResourceIR
from tests.conformance.mock import MockServer
from tests.conformance.spec import (
    Document,
    Node,
    SpecOperation,
    SpecProblem,
    SpecTree,
    SpecWebhook,
    media_kind,
    operations,
    webhooks,
)
from tests.conformance.synth import (
    InstanceSynthesizer,
    call_arguments,
    client_credentials,
    hollow,
    mismatch,
    type_hints,
)
from tests.helpers import import_fresh, reach

BASE_URL = "https://api.example.com"
_LOCATED = re.compile(r"\(at #([^)]*)\)")


@dataclass
class CallOutcome:
    """One call of one generated method (sync or async)."""

    operation: SpecOperation
    method: str  # "resource.method"
    mode: str  # "sync", "async", or "sync-every" (every optional argument given too)
    problems: list[str]

    @property
    def ok(self) -> bool:
        """Whether the call did what the spec says."""
        return not self.problems


@dataclass
class Skip:
    """A spec operation with no method, and the generator warning that says why."""

    operation: SpecOperation
    warning: str


@dataclass
class DocumentRun:
    """Everything the suite learns about one document, computed once."""

    document: Document
    out: Path
    exit_code: int = -1
    output: str = ""  # what the generator printed
    seconds: float = 0.0
    api: ApiIR | None = None
    spec_ops: list[SpecOperation] = field(default_factory=list)
    spec_error: str = ""
    matched: list[tuple[SpecOperation, ResourceIR, OperationIR]] = field(default_factory=list)
    unmatched_methods: list[str] = field(default_factory=list)  # IR operations no spec operation explains
    skips: list[Skip] = field(default_factory=list)
    missing: list[SpecOperation] = field(default_factory=list)  # dropped without a warning located at them

    @property
    def package(self) -> str:
        """The generated package's import name (the generator's default one when no name was given)."""
        return self.api.config.package_name if self.api is not None else self.document.package

    @property
    def warnings(self) -> tuple[str, ...]:
        """The generator's warnings."""
        return self.api.warnings if self.api is not None else ()

    def warnings_at(self, op: SpecOperation) -> list[str]:
        """The warnings located inside ``op``."""
        return [w for w in self.warnings if any(p.startswith(op.pointer) for p in _LOCATED.findall(w))]

    @cached_property
    def calls(self) -> list[CallOutcome]:
        """Every matched method called sync and async with its required arguments, and sync with all of them."""
        if self.exit_code != 0 or self.api is None:
            return []
        module = import_fresh(self.package, self.out)
        tree = SpecTree(self.document.path)
        server = MockServer(tree)
        sync_class = getattr(module, self.api.config.client_class)
        async_class = getattr(module, self.api.config.async_client_class)
        options: dict[str, Any] = {"base_url": BASE_URL, "max_retries": 0, "strict_response_validation": True}
        outcomes: list[CallOutcome] = []
        client = sync_class(
            http_client=httpx.Client(transport=httpx.MockTransport(server)), **client_credentials(sync_class), **options
        )
        for every in (False, True):
            for spec_op, resource, op in self.matched:
                method = getattr(reach(client, resource.dotted), op.method_name)
                name = f"{resource.dotted}.{op.method_name}"
                outcomes.append(_call_sync(server, spec_op, method, name, every=every))

        async def call_all() -> None:
            transport = httpx.MockTransport(server)
            aclient = async_class(
                http_client=httpx.AsyncClient(transport=transport), **client_credentials(async_class), **options
            )
            for spec_op, resource, op in self.matched:
                method = getattr(reach(aclient, resource.dotted), op.method_name)
                name = f"{resource.dotted}.{op.method_name}"
                outcomes.append(await _call_async(server, spec_op, method, name))

        asyncio.run(call_all())
        return outcomes

    @cached_property
    def webhook_outcomes(self) -> list[tuple[SpecWebhook, list[str]]]:
        """Each webhook's synthesized delivery through ``client.webhooks.unwrap(body, headers)``: its problems."""
        if self.exit_code != 0 or self.api is None:
            return []
        tree = SpecTree(self.document.path)
        hooks = webhooks(tree)
        if not hooks:
            return []
        module = import_fresh(self.package, self.out)
        client_class = getattr(module, self.api.config.client_class)
        client = client_class(base_url=BASE_URL, **client_credentials(client_class))
        synth = InstanceSynthesizer(tree, for_response=False)
        outcomes = []
        for hook in hooks:
            if hook.payload is None:
                continue
            body = json.dumps(synth.instance(hook.payload))
            try:
                value = client.webhooks.unwrap(body, {"content-type": "application/json"})
            except Exception as exc:
                outcomes.append((hook, [f"{type(exc).__name__}: {str(exc)[:300]}"]))
                continue
            problem = hollow(value, tree, hook.payload)
            outcomes.append((hook, [problem] if problem else []))
        return outcomes

    def import_check(self) -> subprocess.CompletedProcess[str]:
        """``python -W error -c 'import <package>'`` in the output directory."""
        return subprocess.run(
            [sys.executable, "-W", "error", "-c", f"import {self.package}"],
            cwd=self.out,
            capture_output=True,
            text=True,
            check=False,
        )

    def mypy_check(self) -> subprocess.CompletedProcess[str]:
        """``mypy --strict <package>`` in the output directory."""
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(self.out / ".mypy_cache"), self.package],
            cwd=self.out,
            capture_output=True,
            text=True,
            check=False,
        )


def generate(document: Document, out_root: Path, *, default_names: bool = False) -> DocumentRun:
    """Generate ``document``'s SDK under ``out_root`` (through the CLI) and match its methods to the spec.

    ``default_names``: let the generator name the package and client from the spec, as a user who
    gives no option gets them (else the package is ``document.package``, unique per document).
    """
    out = out_root / document.package
    run = DocumentRun(document, out)
    names = [] if default_names else ["--package-name", document.package]
    args = ["generate", str(document.path), "-o", str(out), *names, "--base-url", BASE_URL]
    printed = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(printed):
        run.exit_code = generator_main(args)
    run.seconds = time.perf_counter() - start
    run.output = printed.getvalue()
    if run.exit_code != 0:
        return run
    config = GeneratorConfig(base_url=BASE_URL, package_name=None if default_names else document.package)
    run.api = build_ir(document.path, config)
    try:
        run.spec_ops = operations(SpecTree(document.path))
    except SpecProblem as exc:
        run.spec_error = str(exc)
        return run
    match_operations(run)
    return run


def match_operations(run: DocumentRun) -> None:
    """Pair each IR operation with its spec operation; a spec operation left over is a skip or missing."""
    assert run.api is not None
    by_pointer = {op.pointer: op for op in run.spec_ops}
    taken: set[str] = set()
    for resource, op in run.api.operations():
        spec_op = by_pointer.get(op.source)
        if spec_op is None:  # fall back to method and path, when that names one operation
            candidates = [s for s in run.spec_ops if s.method == op.http_method and s.path == op.path]
            spec_op = candidates[0] if len(candidates) == 1 else None
        if spec_op is None or spec_op.pointer in taken:
            run.unmatched_methods.append(f"{resource.dotted}.{op.method_name} ({op.source})")
            continue
        taken.add(spec_op.pointer)
        run.matched.append((spec_op, resource, op))
    for spec_op in run.spec_ops:
        if spec_op.pointer in taken:
            continue
        item_pointer = spec_op.pointer.rsplit("/", 1)[0]
        reason = next(
            (
                w
                for w in run.warnings
                if "skip" in w and any(p.startswith(spec_op.pointer) or p == item_pointer for p in _LOCATED.findall(w))
            ),
            None,
        )
        if reason is None:
            run.missing.append(spec_op)
        else:
            run.skips.append(Skip(spec_op, reason))


def _check_result(server: MockServer, value: Any, declared: Any) -> list[str]:
    problems = []
    if (problem := mismatch(value, declared)) is not None:
        problems.append(problem)
    tree, media = server.tree, server.answered
    unknowns = _find_unknowns(value)
    if unknowns:  # the answer holds only declared properties: an unknown one is a property the SDK lost
        problems.append("data the spec declares but the SDK does not: " + "; ".join(unknowns[:8]))
    if media is None:
        return problems
    media_type, schema = media
    kind = media_kind(media_type)
    if kind == "binary" and _textual(tree, schema):
        kind = "text-or-binary"  # an unknown media type whose schema is a plain string: either reading is fair
    config = getattr(value, "_page_config", None)
    if config is not None and getattr(config, "bare_array", False):
        value = value.page_items()  # a page of a bare JSON array: its items are the array
    if kind == "json":
        if value is None:
            problems.append(f"returned None, but the spec answers {media_type}")
        elif (problem := hollow(value, tree, schema)) is not None:
            problems.append(problem)
    elif kind == "text-or-binary" and not isinstance(value, (str, bytes)):
        problems.append(f"returned {type(value).__name__} for a {media_type} response; str or bytes expected")
    elif kind == "binary" and not isinstance(value, bytes):
        problems.append(f"returned {type(value).__name__} for a {media_type} response; bytes expected")
    elif kind == "text" and not isinstance(value, str):
        problems.append(f"returned {type(value).__name__} for a {media_type} response; str expected")
    return problems


def _find_unknowns(value: Any) -> list[str]:
    """The generated runtime's report of every field it does not declare (all extras, whatever strict says)."""
    if not isinstance(value, pydantic.BaseModel):
        return []
    runtime = importlib.import_module(type(value).__module__.split(".")[0] + "._models")
    found: list[str] = runtime.find_unknowns(value)
    return found


def _textual(tree: SpecTree, schema: Node) -> bool:
    value = tree.deref(schema).value
    return isinstance(value, dict) and value.get("type") == "string" and value.get("format") not in ("binary", "byte")


def _prepare(
    server: MockServer, op: SpecOperation, method: Any, every: bool = False
) -> tuple[list[Any], dict[str, Any], Any]:
    server.expect(op)
    args, kwargs = call_arguments(method, every=every)
    return args, kwargs, type_hints(method).get("return", Any)


def _failure(server: MockServer, exc: BaseException) -> list[str]:
    return [*server.problems, f"{type(exc).__name__}: {str(exc)[:500]}"]


def _call_sync(server: MockServer, op: SpecOperation, method: Any, name: str, *, every: bool) -> CallOutcome:
    mode = "sync-every" if every else "sync"
    try:
        args, kwargs, declared = _prepare(server, op, method, every)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            value = method(*args, **kwargs)
            problems = _check_result(server, value, declared)
            if media_kind((server.answered or ("",))[0]) == "event-stream" and value is not None:
                problems += [] if list(value) else ["the event stream yielded no event"]
    except Exception as exc:
        return CallOutcome(op, name, mode, _failure(server, exc))
    if server.requests == 0:
        problems.append("no request was sent")
    return CallOutcome(op, name, mode, [*server.problems, *problems])


async def _call_async(server: MockServer, op: SpecOperation, method: Any, name: str) -> CallOutcome:
    try:
        args, kwargs, declared = _prepare(server, op, method)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            raw = method(*args, **kwargs)
            problems = [] if inspect.iscoroutine(raw) else [p for p in [mismatch(raw, declared)] if p]
            value = await raw if inspect.isawaitable(raw) else raw
            if inspect.iscoroutine(raw):
                problems += _check_result(server, value, declared)
            else:
                problems += _check_result(server, value, Any)
            if media_kind((server.answered or ("",))[0]) == "event-stream" and value is not None:
                problems += [] if [event async for event in value] else ["the event stream yielded no event"]
    except Exception as exc:
        return CallOutcome(op, name, "async", _failure(server, exc))
    if server.requests == 0:
        problems.append("no request was sent")
    return CallOutcome(op, name, "async", [*server.problems, *problems])
