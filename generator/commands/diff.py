"""``diff OLD NEW``: what changed between two versions of a spec, by what it breaks for SDK users."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from generator.commands.options import add_config_options
from generator.diff import LEVELS, Change, Located, diff_apis, report_github, report_json, report_markdown
from generator.errors import GeneratorError, SourceLocation, SpecError
from generator.ir import ApiIR
from generator.loader import read_document
from generator.revisions import SpecSource, allowed_folders, shown_location, spec_source
from generator.settings import Settings

EXAMPLES = """\
examples:
  python -m generator diff main:spec/benchmark_jobs.yaml spec/benchmark_jobs.yaml
  python -m generator diff old.yaml new.yaml --format json
  python -m generator diff origin/main:api/openapi.yaml api/openapi.yaml --format github --fail-on-breaking

OLD and NEW are files or git revisions REV:path (a multi-file spec resolves its $refs at the same
revision). Changes are compared by what SDK users see: methods, arguments, models, attributes.
Exit codes: 1 when a change at or above --fail-on is found, 0 otherwise, 2 bad input."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``diff`` command."""
    parser = subparsers.add_parser(
        "diff",
        help="list what changed between two spec versions, by what it breaks for SDK users",
        description="Compare two versions of a spec by the surface SDK users see; each change has a rule id, "
        "a level (breaking, warning, compatible) and its location in the NEW spec.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", help="the old spec: a file or REV:path")
    parser.add_argument("new", help="the new spec: a file or REV:path")
    parser.add_argument("--format", choices=("markdown", "json", "github"), default="markdown", help="report format")
    parser.add_argument(
        "--fail-on", choices=("breaking", "warning"), default=None, help="exit 1 at this level or above"
    )
    parser.add_argument("--fail-on-breaking", action="store_true", help="shorthand for --fail-on breaking")
    parser.add_argument(
        "--date", type=iso_date, default=None, metavar="YYYY-MM-DD",
        help="judge sunset dates as of this day (default: today)",
    )  # fmt: skip
    add_config_options(parser)


def iso_date(text: str) -> dt.date:
    """An ``argparse`` type: a YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-31") from None


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Print the report of ``args.old`` → ``args.new``; exit 1 at ``--fail-on`` or above."""
    fail_on = "breaking" if args.fail_on_breaking else args.fail_on
    located = compare(args.old, args.new, settings, args.date)
    changes = [change for change, _ in located]
    title = f"SDK API diff of {args.new}"
    report = {"markdown": lambda: report_markdown(located, title), "json": lambda: report_json(located),
              "github": lambda: report_github(located)}[args.format]()  # fmt: skip
    sys.stdout.write(report)
    if fail_on is not None:
        limit = LEVELS.index(fail_on)
        if any(LEVELS.index(c.level) <= limit for c in changes):
            return 1
    return 0


def compare(old_spec: str, new_spec: str, settings: Settings, today: dt.date | None = None) -> list[Located]:
    """The changes from ``old_spec`` to ``new_spec`` (files or ``REV:path``), each located in the new one.

    Breaking first; within a level, in the order of the spec, so related changes sit together.
    """
    with tempfile.TemporaryDirectory(prefix="sdkgen-diff-") as scratch:
        old = spec_source(old_spec, Path(scratch) / "old")
        new = spec_source(new_spec, Path(scratch) / "new")
        changes = diff_apis(build_side(old, settings), build_side(new, settings), today)
        documents: dict[Path, yaml.Node | None] = {}
        located = [(change, locate(change, new, documents)) for change in changes]
    located.sort(key=lambda item: (LEVELS.index(item[0].level), item[1].file, item[1].line or 0))
    return located


def build_side(side: SpecSource, settings: Settings) -> ApiIR:
    """The IR of one side, named by its own ``.sdk.yaml`` plus the shared settings; errors name the side."""
    side_settings = settings.for_spec(side.path)
    # --allow-ref-outside folders, moved into the side's checkout for a revision.
    side_settings = replace(side_settings, allow_ref_outside=allowed_folders(settings.allow_ref_outside, side))
    try:
        return side_settings.build()
    except SpecError as exc:
        if side.shown_root is not None and exc.location is not None:
            exc = SpecError(exc.message, shown_location(exc.location, side), exc.hint)
        raise GeneratorError(f"{side.label}: {exc}") from None


def locate(change: Change, side: SpecSource, documents: dict[Path, yaml.Node | None]) -> SourceLocation:
    """``file:line`` of the change in the NEW spec: its pointer, or the nearest ancestor there."""
    path = Path(change.source_file) if change.source_file else side.path
    key = path.resolve()
    if key not in documents:
        try:
            # YAML rejects JSON's surrogate-pair escapes; a same-length stand-in keeps every position.
            text = _SURROGATE_ESCAPE.sub(r"\\u003f", read_document(path).text)
            documents[key] = yaml.compose(text, Loader=_ComposeLoader)
        except (GeneratorError, yaml.YAMLError):
            documents[key] = None
    line, column = _key_position(documents[key], change.pointer)
    location = SourceLocation(_display(path, side), change.pointer, line, column)
    return shown_location(location, side) if side.shown_root is not None else location


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_ComposeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _key_position(root: yaml.Node | None, pointer: str) -> tuple[int | None, int | None]:
    """Line and column of the key (or item) the pointer ends at, else of its nearest ancestor."""
    node, mark = root, root.start_mark if root is not None else None
    for raw in pointer.split("/")[1:] if pointer else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if str(k.value) == token), None)
            if pair is None:
                break
            mark, node = pair[0].start_mark, pair[1]
        elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
            node = node.value[int(token)]
            mark = node.start_mark
        else:
            break
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _display(path: Path, side: SpecSource) -> str:
    """A working-tree file relative to the current folder when it is below it (as CI annotations want)."""
    if side.shown_root is not None:
        return str(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
