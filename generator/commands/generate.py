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
from generator.output import WriteSummary, replace_directory
from generator.release import ReleaseRecord, read_release
from generator.render import render_package
from generator.settings import Settings

EXAMPLES = """\
examples:
  python -m generator generate                      # uses [tool.sdkgen] of ./pyproject.toml
  python -m generator generate api.yaml -o acme_sdk --package-name acme --client-class Acme
  python -m generator generate --strict             # in CI: any warning fails the run (exit 2)

Files in the output directory that sdkgen did not write (a CHANGELOG.md, a helpers.py) are kept.
Edits to generated files are merged into the new generation (the base is .sdkgen-base.tar.gz);
a conflict leaves <<<<<<< markers in the file. --discard-edits takes the new generation as it is.
Exit codes: 0 generated, 1 generated with merge conflicts (listed), 2 bad input (the output is
left untouched), 3 internal error."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``generate`` command."""
    parser = described(subparsers, "generate", "generate an SDK project from a spec", EXAMPLES)
    add_spec_options(parser)
    parser.add_argument("--force", action="store_true", help="replace an output directory this tool did not make")
    parser.add_argument(
        "--discard-edits", action="store_true", help="drop hand edits to generated files: take the new generation"
    )


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
    """Generate the SDK; prints a one-line summary (exit 1 when a merge left conflicts)."""
    return generate(settings, remember_hints=args.remember_hints, discard_edits=args.discard_edits)


def generate(
    settings: Settings,
    *,
    remember_hints: bool = False,
    discard_edits: bool = False,
    release: ReleaseRecord | None = None,
) -> int:
    """Generate the SDK of ``settings`` into its output folder, hand edits merged; the exit code.

    ``release`` is recorded in the manifest (default: the release recorded there already).
    """
    started = time.perf_counter()
    # Its worker starts importing datamodel-code-generator now, while the spec loads.
    models = ModelRenderer(use_cache=settings.use_cache, remember=remember_hints)
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
                discard_edits=discard_edits,
                release=record.as_json() if (record := release or read_release(settings.output)) else None,
            )
    finally:
        models.close()
    _report_edits(summary, settings)
    if not settings.quiet:
        operations = sum(1 for _ in api.operations())
        kept = ""
        if summary.kept:
            shown = ", ".join(summary.kept[:5]) + (", …" if len(summary.kept) > 5 else "")
            kept = f" ({shown})"
        removed = f", {len(summary.removed)} removed" if summary.removed else ""
        edited = f", {len(summary.edited)} with hand edits merged" if summary.edited else ""
        conflicts = f" ({len(summary.conflicts)} in conflict)" if summary.conflicts else ""
        print(f"generated {api.config.package_name} in {settings.output}: {operations} operations, "
              f"{len(api.schemas)} models; {len(summary.written)} files written, {len(summary.unchanged)} unchanged, "
              f"{len(summary.kept)} kept{kept}{removed}{edited}{conflicts}; {len(api.warnings)} warnings; "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip
    return 1 if summary.conflicts else 0


def _report_edits(summary: WriteSummary, settings: Settings) -> None:
    """Conflicts always; the rest unless --quiet."""
    for name in summary.conflicts:
        print(f"conflict: {settings.output}/{name}: your edit and the new generation change the same lines; "
              "resolve the <<<<<<< markers (or regenerate with --discard-edits)", file=sys.stderr)  # fmt: skip
    if settings.quiet:
        return
    for name in summary.orphaned:
        print(f"warning: {settings.output}/{name} is no longer generated but carries your edits: kept as your "
              "own file (delete it if it is not needed)", file=sys.stderr)  # fmt: skip
    if summary.discarded:
        print(f"discarded hand edits in {len(summary.discarded)} file(s): {', '.join(summary.discarded)}",
              file=sys.stderr)  # fmt: skip
    if summary.no_base:
        print(f"note: {settings.output} has no base snapshot (made by an older sdkgen): hand edits could not be "
              "told from spec changes and were replaced; from now on they are kept", file=sys.stderr)  # fmt: skip
