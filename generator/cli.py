"""Command line: ``python -m generator generate|check``."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator import __version__
from generator.build_ir import build_ir
from generator.config import GeneratorConfig, load_config, validate_config
from generator.errors import GeneratorError
from generator.models import ModelRenderer
from generator.output import diff_trees, render_to_directory, replace_directory
from generator.render import ROOT, render_package

DEFAULT_SPEC = ROOT / "spec" / "benchmark_jobs.yaml"
DEFAULT_OUT = ROOT / "generated"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Generate a typed Python SDK from an OpenAPI 3.0/3.1 spec."
    )
    parser.add_argument("--version", action="version", version=f"sdkgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("generate", "generate an SDK project (default: spec/benchmark_jobs.yaml into generated/)"),
        ("check", "exit 1 if the output directory is stale (differs from a fresh generation)"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("spec", nargs="?", type=Path, default=None, help="OpenAPI file (YAML or JSON)")
        sub.add_argument("-o", "--output", type=Path, default=None, help="output directory of the SDK project")
        sub.add_argument(
            "--config", type=Path, default=None, help="YAML config (default: <spec>.sdk.yaml beside the spec, if any)"
        )
        sub.add_argument("--package-name", help="import name of the package, e.g. acme_sdk")
        sub.add_argument("--distribution-name", help="name on PyPI, e.g. acme-sdk")
        sub.add_argument("--client-class", help="name of the client class, e.g. Acme")
        sub.add_argument("--env-prefix", help="prefix of environment variables, e.g. ACME")
        sub.add_argument("--base-url", help="default base URL")
        sub.add_argument("--package-version", dest="version", help="package version (default: info.version)")
        if name == "generate":
            sub.add_argument("--force", action="store_true", help="replace an output directory this tool did not make")
        sub.add_argument(
            "--allow-ref-outside", action="append", type=Path, default=[], metavar="DIR",
            help="also read $ref'd files below DIR (by default only the spec's own folder); repeatable",
        )  # fmt: skip
        sub.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
        sub.add_argument(
            "--no-cache",
            action="store_true",
            help="render and format afresh (neither read nor write the model and format caches)",
        )
    return parser


def _config(args: argparse.Namespace, spec: Path) -> GeneratorConfig:
    config_path = args.config
    if config_path is None:
        candidate = spec.with_name(spec.name.split(".")[0] + ".sdk.yaml")
        config_path = candidate if candidate.exists() else None
    config = load_config(config_path) if config_path else GeneratorConfig()
    config = config.merged(
        package_name=args.package_name,
        distribution_name=args.distribution_name,
        client_class=args.client_class,
        env_prefix=args.env_prefix,
        base_url=args.base_url,
        version=args.version,
    )
    validate_config(config)
    return config


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))  # deeply nested real-world schemas
    args = _parser().parse_args(argv)
    spec = args.spec or DEFAULT_SPEC
    out = args.output or (DEFAULT_OUT if args.spec is None else Path(spec.stem.replace(".", "_") + "_sdk"))
    models = ModelRenderer(use_cache=not args.no_cache, remember=argv is None)  # its worker starts importing now
    try:
        api = build_ir(spec, _config(args, spec), allow_ref_outside=tuple(args.allow_ref_outside))
        if not args.quiet:
            for warning in api.warnings:
                print(warning, file=sys.stderr)
        files = render_package(api, models)
        if args.command == "check":
            return _check(files, out, api.config.package_name, use_cache=not args.no_cache)
        replace_directory(files, out, api.config.package_name, force=args.force, use_cache=not args.no_cache)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"error: {spec}: schemas nest too deeply to generate", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug of ours: say so briefly, with the traceback on request
        if os.environ.get("SDKGEN_DEBUG"):
            raise
        print(f"error: internal error while generating {spec}: {type(exc).__name__}: {exc}\n"
              "  set SDKGEN_DEBUG=1 for the traceback and please report it", file=sys.stderr)  # fmt: skip
        return 3
    finally:
        models.close()
    print(f"generated {api.config.package_name} ({len(files)} files) in {out}", file=sys.stderr)
    return 0


def _check(files: dict[str, str], out: Path, package: str, *, use_cache: bool = True) -> int:
    staging = Path(tempfile.mkdtemp(prefix="sdkgen-check-"))
    try:
        render_to_directory(files, staging / "out", package, use_cache=use_cache)
        if not out.is_dir():
            print(f"stale: {out} does not exist; run `python -m generator generate`", file=sys.stderr)
            return 1
        diff = diff_trees(staging / "out", out)  # expected: a fresh generation; actual: on disk
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if diff:
        print(f"stale: {out} differs from what the spec and templates generate:\n{diff}", file=sys.stderr)
        print("run `python -m generator generate` to update it", file=sys.stderr)
        return 1
    print(f"up to date: {out}", file=sys.stderr)
    return 0
