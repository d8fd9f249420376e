"""Benchmark 5: how heavy a big API's SDK is to start, ours against the official SDKs.

Each sample is a fresh process. The **weight** scenario: import the package, build the client,
read the resource of one operation and (ours) build the validator of that method's return
type; the **first call** scenario then makes that one call over an ``httpx.MockTransport``
answering a minimal valid body, and reports, from inside the process, how long the call took.
The **floor** process imports httpx and pydantic, builds an ``httpx.Client`` and validates one
small model. Wall time is measured around the child.
Peak memory is the child's ``VmHWM`` (its resident high-water mark since ``exec``; ``ru_maxrss``
would also count the benchmark's own pages copied at ``fork``). Contenders alternate within
each round; medians; ratios are the median of per-round ratios.

The official SDKs (githubkit 0.16.1 with hishel<2, stripe 16.1.0, openai 3.63.0) live in a
virtual environment of their own, ``bench/.peers`` (made on first use, git-ignored), with the
httpx and pydantic versions of ``.venv``; every contender, ours included, runs with its
interpreter, so all import the same httpx and pydantic. Ours are generated from
``shared/specs-big/`` into a scratch folder (package ``sdk_<api>``).

``python -m bench.imports [--rounds N]`` prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import REPO, median, paired_ratio, save, shared_dir
from generator.build_ir.common import named_types
from generator.pytypes import output_annotation

PEERS = REPO / "bench" / ".peers"
PEER_PACKAGES = ["githubkit==0.16.1", "hishel>=1.3,<2", "stripe==16.1.0", "openai==3.63.0"]


@dataclass(frozen=True)
class Api:
    """One big API: its document, the operation the scenarios use, and its official SDK's code."""

    name: str
    document: str  # below shared/specs-big
    method: str
    path: str
    arguments: str  # Python source of our call's arguments
    peer: str  # the official SDK's distribution
    peer_setup: str  # builds `client` and reads the operation's resource into `resource`
    peer_call: str  # the call, on `resource`
    peer_mocked: str  # builds `client` over `transport` (an httpx.MockTransport) and `resource` again


APIS = [
    Api(
        "github", "github-api.github.com-3.0.json", "get", "/repos/{owner}/{repo}", '"hello-world", owner="octocat"',
        "githubkit",
        "from githubkit import GitHub\nclient = GitHub('ghp_token')\nresource = client.rest.repos",
        "resource.get('octocat', 'hello-world')",
        "from githubkit import GitHub\nclient = GitHub('ghp_token', transport=transport)\nresource = client.rest.repos",
    ),
    Api(
        "stripe", "stripe-spec3-3.0.yaml", "get", "/v1/customers/{customer}", '"cus_123"',
        "stripe",
        "import stripe\nclient = stripe.StripeClient('sk_test_123')\nresource = client.v1.customers",
        "resource.retrieve('cus_123')",
        "import stripe, httpx\nhttp = stripe.HTTPXClient(allow_sync_methods=True)\n"
        "http._client = httpx.Client(transport=transport)\n"
        "client = stripe.StripeClient('sk_test_123', http_client=http)\nresource = client.v1.customers",
    ),
    Api(
        "openai", "openai-openapi-3.1.yaml", "post", "/chat/completions",
        'model="gpt-4o", messages=[{"role": "user", "content": "Hello"}]',
        "openai",
        "import openai\nclient = openai.OpenAI(api_key='sk-123')\nresource = client.chat.completions",
        "resource.create(model='gpt-4o', messages=[{'role': 'user', 'content': 'Hello'}])",
        "import openai, httpx\nclient = openai.OpenAI(api_key='sk-123', http_client=httpx.Client(transport=transport))\n"
        "resource = client.chat.completions",
    ),
]  # fmt: skip

FLOOR = """
import httpx, pydantic
client = httpx.Client()
class Item(pydantic.BaseModel):
    id: int
    name: str
Item.model_validate({"id": 1, "name": "n"})
"""

# Run in each child: the scenario's code, timed from inside; prints one JSON line.
CHILD = """
import json, sys, time
started = time.perf_counter()
{setup}
ready = time.perf_counter()
{validator}
built = time.perf_counter()
call = 0.0
if {call!r}:
    import httpx
    body = json.loads({body!r})
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    {mocked}
    before = time.perf_counter()
    {call_code}
    call = time.perf_counter() - before
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({{"setup": ready - started, "validator": built - ready, "call": call, "modules": len(sys.modules),
                  "peak_kb": peak}}))
"""


@dataclass
class Sample:
    seconds: float  # wall time of the whole process
    max_rss_mb: float
    inner: dict[str, float] = field(default_factory=dict)  # what the child timed itself


@dataclass
class Contender:
    label: str
    weight: list[Sample] = field(default_factory=list)
    first_call: list[Sample] = field(default_factory=list)
    error: str = ""

    @property
    def seconds(self) -> float:
        return median([s.seconds for s in self.weight])

    @property
    def max_rss_mb(self) -> float:
        return median([s.max_rss_mb for s in self.weight])

    def inner(self, key: str, scenario: str = "weight") -> float:
        samples = self.weight if scenario == "weight" else self.first_call
        return median([s.inner.get(key, 0.0) for s in samples])


@dataclass
class ImportResults:
    floor: Contender
    contenders: dict[str, Contender]  # "ours github", "githubkit", ...
    apis: list[Api]
    versions: dict[str, str]
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # ours: where the time goes

    def ratio(self, label: str, what: str = "seconds") -> float:
        def values(c: Contender) -> list[float]:
            return [s.seconds if what == "seconds" else s.max_rss_mb for s in c.weight]

        return paired_ratio(values(self.contenders[label]), values(self.floor))


def ensure_peers() -> Path:
    """The interpreter of bench/.peers, made (and the peers installed) on first use."""
    python = PEERS / "bin" / "python"
    marker = PEERS / ".installed"
    wanted = "\n".join([*PEER_PACKAGES, *_our_pins()])
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(PEERS)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *PEER_PACKAGES, *_our_pins()], check=True)
    marker.write_text(wanted)
    return python


def _our_pins() -> list[str]:
    """The httpx, pydantic and pydantic-core of this environment, for the peers' environment too."""
    import importlib.metadata

    return [f"{name}=={importlib.metadata.version(name)}" for name in ("httpx", "pydantic", "pydantic-core")]


def generate_ours(folder: Path) -> dict[str, tuple[Path, Any]]:
    """Our SDK of each API in ``folder``: name → (project folder, the IR)."""
    from generator.build_ir import build_ir
    from generator.config import GeneratorConfig

    built = {}
    for api in APIS:
        spec = shared_dir() / "specs-big" / api.document
        out = folder / api.name
        command = [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(out), "-q",
                   "--package-name", f"sdk_{api.name}", "--client-class", "Client"]  # fmt: skip
        subprocess.run(command, cwd=REPO, check=True)
        built[api.name] = (out, build_ir(spec, GeneratorConfig(package_name=f"sdk_{api.name}", client_class="Client")))
    return built


def _operation(ir: Any, api: Api) -> tuple[str, Any]:
    """(``client.a.b.method`` path, the operation) of ``api``'s operation in our SDK."""

    def walk(resources: Any, prefix: str) -> Any:
        for resource in resources:
            for op in resource.operations:
                if op.http_method == api.method and op.path == api.path:
                    return f"{prefix}{resource.attr_name}", op
            found = walk(getattr(resource, "children", ()), f"{prefix}{resource.attr_name}.")
            if found:
                return found
        return None

    found: tuple[str, Any] | None = walk(ir.resources, "")
    if found is None:
        raise SystemExit(f"{api.name}: no method for {api.method.upper()} {api.path}")
    return found


def example_json(type_: Any, schemas: dict[str, Any], depth: int = 0) -> Any:
    """A minimal valid JSON value of an IR type: required fields only."""
    from generator.ir import (
        AliasSchema,
        ArrayType,
        EnumSchema,
        LiteralType,
        MapType,
        NamedType,
        ObjectSchema,
        PrimitiveType,
        UnionType,
    )

    if isinstance(type_, NamedType):
        schema = schemas[type_.name]
        if isinstance(schema, EnumSchema):
            return schema.values[0]
        if isinstance(schema, AliasSchema):
            return example_json(schema.target, schemas, depth + 1)
        if isinstance(schema, ObjectSchema):
            if depth > 30:
                return {}
            return {
                f.wire_name: example_json(f.type, schemas, depth + 1)
                for f in schema.fields
                if f.required and not f.write_only
            }
    if isinstance(type_, UnionType):
        variants = [v for v in type_.variants if v != PrimitiveType("none")]
        return example_json(variants[0], schemas, depth + 1) if variants else None
    if isinstance(type_, LiteralType):
        return type_.value
    if isinstance(type_, ArrayType):
        return []
    if isinstance(type_, MapType):
        return {}
    if isinstance(type_, PrimitiveType):
        if type_.name == "str":
            return {"date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01"}.get(type_.format or "", "x")
        return {"int": 1, "float": 1.0, "bool": True, "any": {}, "none": None, "bytes": "x"}[type_.name]
    return None


def _child_code(setup: str, validator: str, call_code: str, mocked: str, body: Any, *, call: bool) -> str:
    return CHILD.format(
        setup=setup,
        validator=validator or "pass",
        call=call,
        body=json.dumps(body),
        mocked=textwrap.indent(mocked, "    ").strip(),
        call_code=call_code,
    )


def _run_measured(python: Path, code: str, pythonpath: Path | None) -> Sample:
    """Run ``code`` in a fresh ``python``; wall time and ru_maxrss from wait4."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen([str(python), "-c", code], stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    if process.returncode:
        raise RuntimeError(err.decode("utf-8", "replace")[-2000:])
    lines = out.decode().strip().splitlines()
    inner = json.loads(lines[-1]) if lines else {}
    # The child's own high-water mark since exec (ru_maxrss would count the parent's pages at fork).
    return Sample(elapsed, inner.pop("peak_kb", usage.ru_maxrss) / 1024, inner)


def benchmark(rounds: int = 7) -> ImportResults:
    python = ensure_peers()
    with tempfile.TemporaryDirectory(prefix="sdkgen-bench-imports-") as scratch:
        ours = generate_ours(Path(scratch))
        runs: dict[str, tuple[str, str, Path | None]] = {}  # label → (weight code, first-call code, path)
        floor_code = _child_code(FLOOR, "", "", "", None, call=False)
        for api in APIS:
            out, ir = ours[api.name]
            attribute, op = _operation(ir, api)
            schemas = {s.name: s for s in ir.schemas}
            body = example_json(op.success.type, schemas) if op.success and op.success.type else {}
            returns = output_annotation(op.success.type) if op.success and op.success.type else "None"
            names = sorted(set(named_types(op.success.type)) if op.success else set())
            setup = (
                f"import sdk_{api.name} as sdk\nclient = sdk.Client(base_url='https://api.example.com')\n"
                f"resource = client.{attribute}"
            )
            validator = (
                "import pydantic\n"
                + (f"from sdk_{api.name}.types import {', '.join(names)}\n" if names else "")
                + f"target = {returns}\n"
                "(target.model_rebuild() if isinstance(target, type) and issubclass(target, pydantic.BaseModel) "
                "else pydantic.TypeAdapter(target))"
            )
            mocked = (
                f"client = sdk.Client(base_url='https://api.example.com', "
                f"http_client=httpx.Client(transport=transport))\nresource = client.{attribute}"
            )
            call_code = f"resource.{op.method_name}({api.arguments})"
            runs[f"ours {api.name}"] = (
                _child_code(setup, validator, "", "", body, call=False),
                _child_code(setup, "", call_code, mocked, body, call=True),
                out,
            )
            runs[api.peer] = (
                _child_code(api.peer_setup, "", "", "", body, call=False),
                _child_code(api.peer_setup, "", api.peer_call, api.peer_mocked, body, call=True),
                None,
            )
        floor = Contender("floor")
        contenders = {label: Contender(label) for label in runs}
        for code, _, path in runs.values():  # warm-up: .pyc files and the disk cache
            _run_measured(python, code, path)
        for _ in range(rounds):
            floor.weight.append(_run_measured(python, floor_code, None))
            for label, (weight, _, path) in runs.items():
                contenders[label].weight.append(_run_measured(python, weight, path))
            for label, (_, first_call, path) in runs.items():
                contenders[label].first_call.append(_run_measured(python, first_call, path))
        results = ImportResults(floor, contenders, APIS, _peer_versions(python))
        for api in APIS:
            results.profiles[api.name] = _profile(python, ours[api.name][0], api.name, runs[f"ours {api.name}"][0])
    return results


def _peer_versions(python: Path) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json\n"
        "print(json.dumps({n: m.version(n) for n in ('githubkit', 'hishel', 'stripe', 'openai', 'httpx', 'pydantic')}))"
    )
    return dict(
        json.loads(subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout)
    )


def _profile(python: Path, out: Path, name: str, code: str) -> dict[str, Any]:
    """Where our SDK's weight goes: modules by kind and their import time (-X importtime), in one run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(out)
    result = subprocess.run([str(python), "-X", "importtime", "-c", code], capture_output=True, text=True, env=env)
    package = f"sdk_{name}"
    own: dict[str, float] = {}
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip().startswith(package):
            module = parts[2].strip()
            kind = (
                "models (types/)" if ".types." in module or module.endswith(".types")
                else "resources" if ".resources" in module
                else "page classes" if "._pages" in module or module.endswith(".pagination")
                else "runtime and client"
            )  # fmt: skip
            own[kind] = own.get(kind, 0.0) + int(parts[0].split(":")[1]) / 1e6
            own[f"{kind} (modules)"] = own.get(f"{kind} (modules)", 0) + 1
    inner = json.loads(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else {}
    files = sorted(out.rglob("*.py"))
    return {
        "import_seconds_by_kind": own,
        "inner": inner,
        "files": len(files),
        "largest_file_kb": max(p.stat().st_size for p in files) / 1024,
        "largest_file_lines": max(p.read_text().count("\n") for p in files),
    }


def format_results(results: ImportResults) -> str:
    lines = [f"floor: {results.floor.seconds:.3f} s, {results.floor.max_rss_mb:.0f} MB"]
    for label, c in results.contenders.items():
        lines.append(
            f"{label:14s} {c.seconds:.3f} s ({results.ratio(label):.2f}× floor), {c.max_rss_mb:.0f} MB "
            f"({results.ratio(label, 'rss'):.2f}×); first call {c.inner('call', 'first_call') * 1000:.1f} ms"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    results = benchmark(args.rounds)
    print(format_results(results), flush=True)
    save(results, args.save)


if __name__ == "__main__":
    from bench import imports  # the same code as a named module: its results pickle as bench.imports.*

    imports.main()
