"""How closely our default names agree with official SDKs': ``python -m bench.names``.

Builds the IR of a spec (no configuration), reads the names an official SDK gives the same API,
matches the operations by HTTP method and path (path parameter names ignored), and prints the
agreement on the method name and on the resource just above the method plus the method
(``completions.create``). Operations an official SDK lists twice (an alias) agree when ours matches
either name. Three references:

* ``openai``: ``openai-python``'s ``api.md`` (Stainless lists every method as
  ``<code title="get /path">client.a.b.<a ...>method</a>``), in ``../shared/names``.
* ``stripe``: ``stripe`` 16.x's ``StripeClient`` services (``client.v1.charges.capture``), read from
  its installed sources: each service module's ``_subservices`` map gives the tree, and each method's
  ``self._request("post", "/v1/charges/{charge}/capture"...)`` call the operation.
* ``github``: ``githubkit`` 0.16's REST namespace (``github.rest.repos.add_collaborator``), read from
  the installed ``githubkit_schemas``: ``RestNamespace``'s properties give each namespace's module,
  and each method's ``url = f"..."`` and ``self._github.request("PUT", url, ...)`` the operation.

The peers are read as source (``ast``), never imported, and never a dependency of ours: install
them in a scratch environment (``python -m venv /tmp/names-peers && /tmp/names-peers/bin/pip install
stripe==16.1.0 githubkit==0.16.1 githubkit-schemas-2022-11-28``) and pass ``--peers /tmp/names-peers``.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.common import REPO, shared_dir

# One method of a Stainless api.md: <code title="get /chat/completions">client.chat.<a href=...>list</a>
_METHOD = re.compile(r'<code title="(\w+) ([^"]+)">client\.([\w.]*?)\.?<a [^>]*>(\w+)</a>')
_PARAM = re.compile(r"\{[^}]*\}")
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})
# The GitHub REST description our spec is (Octokit's, dated 2022-11-28): githubkit's module for it.
GITHUBKIT_VERSION = "v2022_11_28"

Names = dict[tuple[str, str], list[str]]


def operation_key(http_method: str, path: str) -> tuple[str, str]:
    """The key operations are matched by: the method and the path with its parameter names dropped."""
    return http_method.lower(), _PARAM.sub("{}", path.rstrip("/") or "/")


def official_names(api_md: Path) -> Names:
    """Every method of an official ``api.md``: key → dotted names (``chat.completions.create``)."""
    names: Names = {}
    for http_method, path, resource, method in _METHOD.findall(api_md.read_text(encoding="utf-8")):
        dotted = f"{resource.rstrip('.')}.{method}" if resource.strip(".") else method
        names.setdefault(operation_key(http_method, path), []).append(dotted)
    return names


def _module_file(site: Path, module: str) -> Path:
    """The source file of a dotted module below ``site`` (a package's ``__init__.py`` or a ``.py``)."""
    base = site.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _classes(file: Path) -> dict[str, ast.ClassDef]:
    tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _string(node: ast.expr) -> str | None:
    """A literal string, a ``"...".format(...)`` of one, or an f-string (``{name}`` for each value)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _string(node.func.value)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue):
                parts.append("{" + ast.unparse(value.value) + "}")
        return "".join(parts)
    return None


def _methods(cls: ast.ClassDef) -> Iterator[ast.FunctionDef]:
    """The public synchronous methods of a class (``*_async`` and ``async_*`` twins left out)."""
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and not node.name.endswith("_async"):
            yield node


def stripe_names(site: Path) -> Names:
    """Every method of ``StripeClient``'s ``v1`` and ``v2`` services: key → ``v1.charges.capture``."""
    names: Names = {}
    seen: set[tuple[str, str]] = set()

    def walk(module: str, class_name: str, prefix: str) -> None:
        if (module, class_name) in seen:  # a service reachable twice is read once
            return
        seen.add((module, class_name))
        file = _module_file(site, module)
        tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        for node in tree.body:  # _subservices = {"charges": ["stripe._charge_service", "ChargeService"], ...}
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "_subservices" for t in node.targets
            ):
                for attr, target in ast.literal_eval(node.value).items():
                    walk(target[0], target[1], f"{prefix}.{attr}")
        cls = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name), None)
        for method in _methods(cls) if cls else ():
            for call in ast.walk(method):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr in ("_request", "_request_stream")
                    and len(call.args) >= 2
                ):
                    http_method, path = _string(call.args[0]), _string(call.args[1])
                    if http_method and path:
                        names.setdefault(operation_key(http_method, path), []).append(f"{prefix}.{method.name}")

    for version in ("v1", "v2"):
        walk(f"stripe._{version}_services", f"{version.upper()}Services", version)
    return names


def githubkit_names(site: Path, version: str = GITHUBKIT_VERSION) -> Names:
    """Every method of githubkit's REST namespace: key → ``rest.repos.add_collaborator``."""
    package = f"githubkit_schemas.{version}.rest"
    namespace = _classes(_module_file(site, package))["RestNamespace"]
    names: Names = {}
    for prop in namespace.body:
        if not isinstance(prop, ast.FunctionDef):
            continue
        # @cached_property def repos(self): from .repos import ReposClient; return ReposClient(...)
        imports = [n for n in ast.walk(prop) if isinstance(n, ast.ImportFrom)]
        if not imports or not imports[0].module:
            continue
        client = _classes(_module_file(site, f"{package}.{imports[0].module}"))[imports[0].names[0].name]
        for method in _methods(client):
            url = next(
                (_string(n.value) for n in ast.walk(method)
                 if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "url" for t in n.targets)),
                None,
            )  # fmt: skip
            verbs = [
                _string(n.args[0])
                for n in ast.walk(method)
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "request" and n.args
            ]
            if url and verbs and verbs[0]:
                names.setdefault(operation_key(verbs[0], url), []).append(f"rest.{prop.name}.{method.name}")
    return names


def our_names(spec: Path) -> dict[tuple[str, str], str]:
    """Every method of the SDK we generate from ``spec`` with no configuration: key → dotted name."""
    sys.path.insert(0, str(REPO))
    from generator.build_ir import build_ir

    api = build_ir(spec)
    names: dict[tuple[str, str], str] = {}

    def walk(resources: tuple[object, ...], prefix: tuple[str, ...]) -> Iterator[tuple[str, object]]:
        for resource in resources:
            here = (*prefix, resource.attr_name)  # type: ignore[attr-defined]
            for op in resource.operations:  # type: ignore[attr-defined]
                yield ".".join(here), op
            yield from walk(getattr(resource, "children", ()), here)

    for resource_path, op in walk(api.resources, ()):
        names[operation_key(op.http_method, op.path)] = f"{resource_path}.{op.method_name}"  # type: ignore[attr-defined]
    return names


def tail(dotted: str, parts: int) -> str:
    """The last ``parts`` components of a dotted name."""
    return ".".join(dotted.split(".")[-parts:])


def agreement(official: Names, ours: dict[tuple[str, str], str]) -> tuple[int, int, int, list[str]]:
    """(operations in common, same method, same resource-just-above + method, a line per disagreement)."""
    common = sorted(set(official) & set(ours))
    method_ok = tail_ok = 0
    differing = []
    for key in common:
        theirs = official[key]
        same_method = any(tail(ours[key], 1) == tail(t, 1) for t in theirs)
        same_tail = any(tail(ours[key], 2) == tail(t, 2) for t in theirs)
        method_ok += same_method
        tail_ok += same_tail
        if not (same_method and same_tail):
            differing.append(f"{key[0]:6} {key[1]:70} ours {ours[key]:55} official {' | '.join(theirs)}")
    return len(common), method_ok, tail_ok, differing


def site_packages(venv: Path) -> Path:
    """The ``site-packages`` folder of a virtual environment (or ``venv`` itself when it is one)."""
    found = sorted(venv.glob("lib/python*/site-packages"))
    return found[-1] if found else venv


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.names", description=__doc__.splitlines()[0])
    parser.add_argument("api", nargs="*", choices=["openai", "stripe", "github"], default=["openai"],
                        help="the APIs to measure (default: openai, which needs no peer installed)")  # fmt: skip
    parser.add_argument(
        "--peers", type=Path, help="a virtual environment (or site-packages) holding stripe and githubkit"
    )
    parser.add_argument("--api-md", type=Path, default=shared_dir() / "names" / "openai-python-api.md")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every operation whose names differ")
    args = parser.parse_args(argv)
    specs = shared_dir() / "specs-big"
    references: dict[str, tuple[Path, Callable[[], Names], str]] = {
        "openai": (specs / "openai-openapi-3.1.yaml", lambda: official_names(args.api_md), "openai-python api.md"),
        "stripe": (specs / "stripe-spec3-3.0.yaml", lambda: stripe_names(site_packages(args.peers)), "stripe 16.x"),
        "github": (specs / "github-api.github.com-3.0.json", lambda: githubkit_names(site_packages(args.peers)),
                   "githubkit"),
    }  # fmt: skip
    status = 0
    for api in dict.fromkeys(args.api):
        spec, read_reference, label = references[api]
        if api != "openai" and args.peers is None:
            print(f"{api}: needs --peers (a virtual environment with stripe==16.1.0, githubkit==0.16.1)")
            status = 1
            continue
        official = read_reference()
        ours = our_names(spec)
        common, method_ok, tail_ok, differing = agreement(official, ours)
        print(f"{api} (against {label}): operations in common: {common} (official {len(official)}, ours {len(ours)})")
        if not common:
            status = 1
            continue
        if args.verbose:
            print("\n".join(differing))
        print(f"  method name:                  {method_ok}/{common} = {100 * method_ok / common:.0f} %")
        print(f"  resource just above + method: {tail_ok}/{common} = {100 * tail_ok / common:.0f} %")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
