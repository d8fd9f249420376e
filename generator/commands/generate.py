"""``generate``: the SDK project of a spec, written atomically into the output folder."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import Generation, GenerationCache, file_digest, folder_digest
from generator.commands.options import add_spec_options, described
from generator.errors import GeneratorError
from generator.feedback import Progress
from generator.ir import ApiIR
from generator.output import WriteSummary, replace_directory
from generator.release import ReleaseRecord, read_release
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


@dataclass
class Rendering:
    """A spec's files, rendered now or (``formatted``) found formatted in the generation cache."""

    package: str
    warnings: tuple[str, ...]
    operations: int
    models: int
    files: dict[str, str] = field(default_factory=dict, repr=False)  # unformatted; empty on a cache hit
    formatted: dict[str, str] | None = field(default=None, repr=False)  # on a cache hit
    sources: tuple[str, ...] = ()  # the files the spec was read from
    cache: GenerationCache | None = None
    key: str = ""

    def remember(self, formatted: dict[str, str], spec: Path) -> None:
        """Keep the formatted files for a rerun on the same inputs (if they were rendered now)."""
        if self.cache is not None and self.formatted is None:
            dependencies = [Path(s) for s in self.sources if Path(s).resolve() != spec.resolve()]
            generation = Generation(formatted, self.warnings, self.operations, self.models, self.package)
            self.cache.put(self.key, generation, dependencies)


def render(settings: Settings, progress: Progress) -> Rendering | None:
    """The rendered files of the configured spec; None when ``--strict`` refuses its warnings.

    A generation on the same inputs as an earlier one (the spec and every file it refers to, the
    settings, this generator) comes from the generation cache: the spec is not even loaded.
    """
    if settings.spec is None:
        raise GeneratorError(
            "no spec given: pass the OpenAPI file, or set `spec` under [tool.sdkgen] in pyproject.toml"
        )
    progress.step(f"reading {settings.spec}")
    cache = GenerationCache() if settings.use_cache else None
    key = cache.key(settings.spec, settings_key(settings)) if cache else ""
    cached = cache.get(key) if cache else None
    api: ApiIR | None = None
    if cached is not None:
        rendering = Rendering(cached.package, cached.warnings, cached.operations, cached.models, formatted=cached.tree)
    else:
        api = settings.build()
        operations = sum(1 for _ in api.operations())
        rendering = Rendering(api.config.package_name, api.warnings, operations, len(api.schemas),
                              sources=api.sources, cache=cache, key=key)  # fmt: skip
    if not settings.quiet or settings.strict:
        for warning in rendering.warnings:
            progress.message(warning)
    if settings.strict and rendering.warnings:
        print(f"error: {len(rendering.warnings)} warning(s) and --strict: nothing written", file=sys.stderr)
        return None
    if api is not None:
        from generator.render import render_package  # Jinja and the views: not needed for a cached generation

        progress.step("rendering")
        rendering.files = render_package(api, settings.templates)
    return rendering


def settings_key(settings: Settings) -> str:
    """Every setting that shapes the generated files, as text (the spec's own bytes are keyed apart)."""
    return repr(
        (
            settings.names,
            settings.released,
            settings.formatter,
            folder_digest(settings.templates),
            [(str(path.resolve()), file_digest(path)) for path in settings.overlays],
            sorted(str(path.resolve()) for path in settings.allow_ref_outside),
        )
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Generate the SDK; prints a one-line summary (exit 1 when a merge left conflicts)."""
    return generate(settings, discard_edits=args.discard_edits)


def generate(
    settings: Settings,
    *,
    discard_edits: bool = False,
    release: ReleaseRecord | None = None,
) -> int:
    """Generate the SDK of ``settings`` into its output folder, hand edits merged; the exit code.

    ``release`` is recorded in the manifest (default: the release recorded there already).
    """
    started = time.perf_counter()
    with Progress(sys.stderr, enabled=not settings.quiet) as progress:
        rendering = render(settings, progress)
        if rendering is None:
            return 2
        progress.step("formatting and writing")
        assert settings.output is not None and settings.spec is not None  # resolved with the spec
        summary = replace_directory(
            rendering.files,
            settings.output,
            rendering.package,
            force=settings.force,
            formatter=settings.formatter,
            discard_edits=discard_edits,
            release=record.as_json() if (record := release or read_release(settings.output)) else None,
            formatted=rendering.formatted,
        )
        rendering.remember(summary.tree, settings.spec)
    _report_edits(summary, settings)
    if not settings.quiet:
        kept = ""
        if summary.kept:
            shown = ", ".join(summary.kept[:5]) + (", …" if len(summary.kept) > 5 else "")
            kept = f" ({shown})"
        removed = f", {len(summary.removed)} removed" if summary.removed else ""
        edited = f", {len(summary.edited)} with hand edits merged" if summary.edited else ""
        conflicts = f" ({len(summary.conflicts)} in conflict)" if summary.conflicts else ""
        print(f"generated {rendering.package} in {settings.output}: {rendering.operations} operations, "
              f"{rendering.models} models; {len(summary.written)} files written, {len(summary.unchanged)} unchanged, "
              f"{len(summary.kept)} kept{kept}{removed}{edited}{conflicts}; {len(rendering.warnings)} warnings; "
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
