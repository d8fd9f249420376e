"""Command line: ``python -m generator COMMAND`` (also the ``sdkgen`` console script).

It parses the flags, resolves the settings once (:func:`generator.settings.resolve_settings`)
and hands them to the command's module in :mod:`generator.commands`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from generator import __version__
from generator.commands import build, check, diff, generate, publish, release
from generator.errors import GeneratorError
from generator.settings import resolve_settings

COMMANDS: dict[str, ModuleType] = {
    "generate": generate,
    "check": check,
    "diff": diff,
    "release": release,
    "build": build,
    "publish": publish,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdkgen" if Path(sys.argv[0]).name == "sdkgen" else "python -m generator",
        description="Generate a typed Python SDK from an OpenAPI 3.0/3.1 spec, check it, diff two specs, "
        "release, build and publish it.",
        epilog="run `python -m generator COMMAND --help` for each command's options and examples",
    )
    parser.add_argument("--version", action="version", version=f"sdkgen {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS.values():
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))  # deeply nested real-world schemas
    args = _parser().parse_args(argv)
    args.remember_hints = argv is None  # only a real command line leaves hints for the next run
    what = getattr(args, "new", None) or str(getattr(args, "spec", None) or "the spec")
    return _guarded(lambda: COMMANDS[args.command].run(resolve_settings(args), args), what)


def _guarded(run: Callable[[], int], what: str) -> int:
    """Run a command; user errors exit 2, our bugs 3 (with the traceback on request)."""
    try:
        return run()
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"error: {what}: schemas nest too deeply to generate", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug of ours: say so briefly, with the traceback on request
        if os.environ.get("SDKGEN_DEBUG"):
            raise
        print(f"error: internal error while processing {what}: {type(exc).__name__}: {exc}\n"
              "  set SDKGEN_DEBUG=1 for the traceback and please report it", file=sys.stderr)  # fmt: skip
        return 3
