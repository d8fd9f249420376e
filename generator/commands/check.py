"""``check``: is the output folder what the spec and templates generate now?"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from generator.commands.generate import render
from generator.commands.options import add_spec_options, described
from generator.feedback import Progress
from generator.merge import SNAPSHOT, has_conflict_markers, load_snapshot
from generator.models import ModelRenderer
from generator.output import MANIFEST, diff_file_maps, hand_edited, read_tree, render_to_directory, user_files
from generator.release import read_release
from generator.settings import Settings

EXAMPLES = """\
examples:
  python -m generator check                         # in CI: is generated/ up to date?
  python -m generator check api.yaml -o acme_sdk

Hand edits to generated files (kept by `generate`, which merges them) are listed, not staleness;
a file still holding conflict markers is.
Exit codes: 0 up to date, 1 stale or unresolved conflicts (a multi-file diff is printed), 2 bad input."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` command."""
    parser = described(
        subparsers, "check", "exit 1 if the output directory is stale (differs from a fresh generation)", EXAMPLES
    )
    add_spec_options(parser)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Render afresh into a scratch folder and compare it with the output folder."""
    models = ModelRenderer(use_cache=settings.use_cache, remember=args.remember_hints)
    try:
        with Progress(sys.stderr, enabled=not settings.quiet) as progress:
            rendered = render(settings, models, progress)
            if rendered is None:
                return 2
            api, files = rendered
            progress.step("formatting and comparing")
            assert settings.output is not None  # resolved with the spec
            return _compare(files, settings.output, api.config.package_name, settings)
    finally:
        models.close()


def _compare(files: dict[str, str], out: Path, package: str, settings: Settings) -> int:
    staging = Path(tempfile.mkdtemp(prefix="sdkgen-check-"))
    try:
        release = read_release(out)
        render_to_directory(files, staging / "out", package, settings.formatter, use_cache=settings.use_cache,
                            release=release.as_json() if release else None)  # fmt: skip
        fresh = read_tree(staging / "out")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not out.is_dir():
        print(f"stale: {out} does not exist; run `python -m generator generate`", file=sys.stderr)
        return 1
    has_manifest = (out / MANIFEST).exists()
    # A user's own files in the output are not staleness.
    ignore = {*user_files(out), SNAPSHOT} if has_manifest else set()
    disk = {name: data for name, data in read_tree(out).items() if name not in ignore}
    base = load_snapshot(out) if has_manifest else None
    edited = hand_edited(out, base, set(fresh)) if base is not None else []
    # Staleness is the last generation (the base, for edited files) against a fresh one: an edit is not.
    recorded = {**disk, **{name: base[name] for name in edited}} if base is not None else disk
    diff = diff_file_maps(fresh, recorded)
    conflicted = [name for name in sorted(fresh) if name in disk and has_conflict_markers(disk[name])]
    if edited and not settings.quiet:
        print(f"hand edits in {len(edited)} generated file(s), kept by `generate` (not staleness): "
              + ", ".join(edited), file=sys.stderr)  # fmt: skip
    if has_manifest and base is None and not settings.quiet:
        print(f"note: {out} has no {SNAPSHOT} (made by an older sdkgen): an edit shows as staleness until "
              "the next `generate`", file=sys.stderr)  # fmt: skip
    for name in conflicted:
        print(f"conflict: {out}/{name} still holds <<<<<<< conflict markers; resolve them", file=sys.stderr)
    if diff:
        print(f"stale: {out} differs from what the spec and templates generate:\n{diff}", file=sys.stderr)
        print("run `python -m generator generate` to update it", file=sys.stderr)
        return 1
    if conflicted:
        return 1
    if not settings.quiet:
        print(f"up to date: {out}", file=sys.stderr)
    return 0
