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
from generator.models import ModelRenderer
from generator.output import MANIFEST, diff_trees, render_to_directory, user_files
from generator.settings import Settings

EXAMPLES = """\
examples:
  python -m generator check                         # in CI: is generated/ up to date?
  python -m generator check api.yaml -o acme_sdk

Exit codes: 0 up to date, 1 stale (a multi-file diff is printed), 2 bad input."""


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
        render_to_directory(files, staging / "out", package, settings.formatter, use_cache=settings.use_cache)
        if not out.is_dir():
            print(f"stale: {out} does not exist; run `python -m generator generate`", file=sys.stderr)
            return 1
        # A user's own files in the output are not staleness.
        ignore = frozenset(user_files(out)) if (out / MANIFEST).exists() else frozenset()
        diff = diff_trees(staging / "out", out, ignore=ignore)  # expected: a fresh generation; actual: on disk
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if diff:
        print(f"stale: {out} differs from what the spec and templates generate:\n{diff}", file=sys.stderr)
        print("run `python -m generator generate` to update it", file=sys.stderr)
        return 1
    if not settings.quiet:
        print(f"up to date: {out}", file=sys.stderr)
    return 0
