"""``generate``: the SDK project of a spec, written atomically into the output folder."""

from __future__ import annotations

import argparse
import sys
import time

from generator.commands.options import add_spec_options, described
from generator.errors import GeneratorError
from generator.feedback import Progress
from generator.ir import ApiIR
from generator.models import ModelRenderer
from generator.output import replace_directory
from generator.render import render_package
from generator.settings import Settings

EXAMPLES = """\
examples:
  python -m generator generate                      # uses [tool.sdkgen] of ./pyproject.toml
  python -m generator generate api.yaml -o acme_sdk --package-name acme --client-class Acme
  python -m generator generate --strict             # in CI: any warning fails the run (exit 2)

Files in the output directory that sdkgen did not write (a CHANGELOG.md, a helpers.py) are kept.
Exit codes: 0 generated, 2 bad input (the output is left untouched), 3 internal error."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``generate`` command."""
    parser = described(subparsers, "generate", "generate an SDK project from a spec", EXAMPLES)
    add_spec_options(parser)
    parser.add_argument("--force", action="store_true", help="replace an output directory this tool did not make")


def render(settings: Settings, models: ModelRenderer, progress: Progress) -> tuple[ApiIR, dict[str, str]] | None:
    """The IR and the rendered files of the configured spec; None when ``--strict`` refuses its warnings."""
    if settings.spec is None:
        raise GeneratorError(
            "no spec given: pass the OpenAPI file, or set `spec` under [tool.sdkgen] in pyproject.toml"
        )
    progress.step(f"reading {settings.spec}")
    api = settings.build()
    if not settings.quiet or settings.strict:
        for warning in api.warnings:
            progress.message(warning)
    if settings.strict and api.warnings:
        print(f"error: {len(api.warnings)} warning(s) and --strict: nothing written", file=sys.stderr)
        return None
    progress.step("rendering")
    return api, render_package(api, settings.templates, models)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Generate the SDK; prints a one-line summary."""
    started = time.perf_counter()
    # Its worker starts importing datamodel-code-generator now, while the spec loads.
    models = ModelRenderer(use_cache=settings.use_cache, remember=args.remember_hints)
    try:
        with Progress(sys.stderr, enabled=not settings.quiet) as progress:
            rendered = render(settings, models, progress)
            if rendered is None:
                return 2
            api, files = rendered
            progress.step("formatting and writing")
            assert settings.output is not None  # resolved with the spec
            summary = replace_directory(
                files,
                settings.output,
                api.config.package_name,
                force=settings.force,
                formatter=settings.formatter,
                use_cache=settings.use_cache,
            )
    finally:
        models.close()
    if not settings.quiet:
        operations = sum(1 for _ in api.operations())
        kept = ""
        if summary.kept:
            shown = ", ".join(summary.kept[:5]) + (", …" if len(summary.kept) > 5 else "")
            kept = f" ({shown})"
        removed = f", {len(summary.removed)} removed" if summary.removed else ""
        print(f"generated {api.config.package_name} in {settings.output}: {operations} operations, "
              f"{len(api.schemas)} models; {len(summary.written)} files written, {len(summary.unchanged)} unchanged, "
              f"{len(summary.kept)} kept{kept}{removed}; {len(api.warnings)} warnings; "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip
    return 0
