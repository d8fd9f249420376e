"""``build``: the SDK project as an sdist and a wheel in its ``dist/`` folder, checked by twine."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.commands.options import add_config_options, described
from generator.errors import GeneratorError
from generator.publish import build
from generator.settings import Settings

EXAMPLES = """\
examples:
  python -m generator build                         # the configured output (generated/ here)
  python -m generator build -o acme_sdk             # another SDK project

Runs `python -m build` (sdist and wheel into OUT/dist/), then `twine check --strict`.
Needs the release tools: pip install 'sdkgen[release]'.
Exit codes: 0 built and checked, 2 no project, conflict markers left, or a failed build or check."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``build`` command."""
    parser = described(subparsers, "build", "build the SDK's sdist and wheel and check them with twine", EXAMPLES)
    add_output_options(parser)
    parser.add_argument(
        "--no-isolation",
        action="store_true",
        help="build with the installed hatchling (offline) instead of a fresh one",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """The SDK project folder, and the config file that may name it."""
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="the SDK project (default: the configured output)"
    )
    add_config_options(parser)


def project_folder(settings: Settings) -> Path:
    """The SDK project folder of the settings, which must exist."""
    if settings.output is None:
        raise GeneratorError("no SDK project given: pass -o OUT, or set `output` under [tool.sdkgen] in pyproject.toml")
    if not settings.output.is_dir():
        raise GeneratorError(f"{settings.output} does not exist: run `sdkgen generate` first")
    return settings.output


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Build and check; prints the files."""
    started = time.perf_counter()
    built = build(project_folder(settings), isolation=not args.no_isolation)
    for path in built:
        print(path)
    print(f"built and checked {len(built)} file(s) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
