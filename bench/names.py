"""How closely our default names agree with an official SDK's: ``python -m bench.names``.

Builds the IR of a spec (no configuration), reads an official SDK's ``api.md`` (Stainless lists every
method as ``<code title="get /path">client.a.b.<a ...>method</a>``), matches the operations by HTTP method
and path (path parameter names ignored), and prints the agreement on the method name and on the
resource just above the method plus the method (``completions.create``). Operations the official SDK
lists twice (an alias) agree when ours matches either name.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.common import REPO, shared_dir

# One method of a Stainless api.md: <code title="get /chat/completions">client.chat.<a href=...>list</a>
_METHOD = re.compile(r'<code title="(\w+) ([^"]+)">client\.([\w.]*?)\.?<a [^>]*>(\w+)</a>')
_PARAM = re.compile(r"\{[^}]*\}")


def operation_key(http_method: str, path: str) -> tuple[str, str]:
    """The key operations are matched by: the method and the path with its parameter names dropped."""
    return http_method.lower(), _PARAM.sub("{}", path.rstrip("/") or "/")


def official_names(api_md: Path) -> dict[tuple[str, str], list[str]]:
    """Every method of an official ``api.md``: key → dotted names (``chat.completions.create``)."""
    names: dict[tuple[str, str], list[str]] = {}
    for http_method, path, resource, method in _METHOD.findall(api_md.read_text(encoding="utf-8")):
        dotted = f"{resource.rstrip('.')}.{method}" if resource.strip(".") else method
        names.setdefault(operation_key(http_method, path), []).append(dotted)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.names", description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=shared_dir() / "specs-big" / "openai-openapi-3.1.yaml")
    parser.add_argument("--api-md", type=Path, default=shared_dir() / "names" / "openai-python-api.md")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every operation whose names differ")
    args = parser.parse_args(argv)
    official = official_names(args.api_md)
    ours = our_names(args.spec)
    common = sorted(set(official) & set(ours))
    if not common:
        print("no operation in common")
        return 1
    method_ok = tail_ok = 0
    for key in common:
        theirs = official[key]
        same_method = any(tail(ours[key], 1) == tail(t, 1) for t in theirs)
        same_tail = any(tail(ours[key], 2) == tail(t, 2) for t in theirs)
        method_ok += same_method
        tail_ok += same_tail
        if args.verbose and not (same_method and same_tail):
            print(f"{key[0]:6} {key[1]:70} ours {ours[key]:55} official {' | '.join(theirs)}")
    print(f"operations in common: {len(common)} (official {len(official)}, ours {len(ours)})")
    print(f"method name:                  {method_ok}/{len(common)} = {100 * method_ok / len(common):.0f} %")
    print(f"resource just above + method: {tail_ok}/{len(common)} = {100 * tail_ok / len(common):.0f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
