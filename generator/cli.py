"""Command line: ``python -m generator generate|check|diff`` (also the ``sdkgen`` console script)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import yaml

from generator import __version__
from generator.build_ir import build_ir
from generator.config import FORMATTERS, GeneratorConfig, ToolSettings, find_pyproject, load_settings, validate_config
from generator.diff import LEVELS, Change, diff_apis, report_github, report_json, report_markdown
from generator.errors import GeneratorError, SourceLocation, SpecError
from generator.ir import ApiIR
from generator.loader import read_document
from generator.models import ModelRenderer
from generator.output import diff_trees, render_to_directory, replace_directory, user_files
from generator.render import render_package

_GENERATE_EXAMPLES = """\
examples:
  python -m generator generate                      # uses [tool.sdkgen] of ./pyproject.toml
  python -m generator generate api.yaml -o acme_sdk --package-name acme --client-class Acme
  python -m generator generate --strict             # in CI: any warning fails the run (exit 2)

Files in the output directory that sdkgen did not write (a CHANGELOG.md, a helpers.py) are kept.
Exit codes: 0 generated, 2 bad input (the output is left untouched), 3 internal error."""

_CHECK_EXAMPLES = """\
examples:
  python -m generator check                         # in CI: is generated/ up to date?
  python -m generator check api.yaml -o acme_sdk

Exit codes: 0 up to date, 1 stale (a multi-file diff is printed), 2 bad input."""

_DIFF_EXAMPLES = """\
examples:
  python -m generator diff main:spec/benchmark_jobs.yaml spec/benchmark_jobs.yaml
  python -m generator diff old.yaml new.yaml --format json
  python -m generator diff origin/main:api/openapi.yaml api/openapi.yaml --format github --fail-on-breaking

OLD and NEW are files or git revisions REV:path (a multi-file spec resolves its $refs at the same
revision). Changes are compared by what SDK users see: methods, arguments, models, attributes.
Exit codes: 1 when a change at or above --fail-on is found, 0 otherwise, 2 bad input."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdkgen" if Path(sys.argv[0]).name == "sdkgen" else "python -m generator",
        description="Generate a typed Python SDK from an OpenAPI 3.0/3.1 spec, check it, or diff two specs.",
        epilog="run `python -m generator COMMAND --help` for each command's options and examples",
    )
    parser.add_argument("--version", action="version", version=f"sdkgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text, examples in (
        ("generate", "generate an SDK project from a spec", _GENERATE_EXAMPLES),
        ("check", "exit 1 if the output directory is stale (differs from a fresh generation)", _CHECK_EXAMPLES),
    ):
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            epilog=examples,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("spec", nargs="?", type=Path, default=None, help="OpenAPI file (YAML or JSON)")
        sub.add_argument("-o", "--output", type=Path, default=None, help="output directory of the SDK project")
        _config_options(sub)
        sub.add_argument("--package-name", help="import name of the package, e.g. acme_sdk")
        sub.add_argument("--distribution-name", help="name on PyPI, e.g. acme-sdk")
        sub.add_argument("--client-class", help="name of the client class, e.g. Acme")
        sub.add_argument("--env-prefix", help="prefix of environment variables, e.g. ACME")
        sub.add_argument("--api-key-env-var", help="environment variable of the API key (default: PREFIX_API_KEY)")
        sub.add_argument("--base-url-env-var", help="environment variable of the base URL (default: PREFIX_BASE_URL)")
        sub.add_argument("--log-env-var", help="environment variable of the log level (default: PREFIX_LOG)")
        sub.add_argument("--base-url", help="default base URL")
        sub.add_argument("--package-version", dest="version", help="package version (default: info.version)")
        sub.add_argument("--formatter", choices=FORMATTERS, default=None, help="code formatter (default: ruff)")
        sub.add_argument("--templates", type=Path, default=None, help="folder of templates overriding ours by name")
        sub.add_argument("--strict", action="store_true", help="fail (exit 2) when the spec gives any warning")
        if name == "generate":
            sub.add_argument("--force", action="store_true", help="replace an output directory this tool did not make")
        sub.add_argument("-q", "--quiet", action="store_true", help="print only errors (no warnings, no summary)")
        sub.add_argument(
            "--no-cache",
            action="store_true",
            help="render and format afresh (neither read nor write the model and format caches)",
        )
    diff = commands.add_parser(
        "diff",
        help="list what changed between two spec versions, by what it breaks for SDK users",
        description="Compare two versions of a spec by the surface SDK users see; each change has a rule id, "
        "a level (breaking, warning, compatible) and its location in the NEW spec.",
        epilog=_DIFF_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("old", help="the old spec: a file or REV:path")
    diff.add_argument("new", help="the new spec: a file or REV:path")
    diff.add_argument("--format", choices=("markdown", "json", "github"), default="markdown", help="report format")
    diff.add_argument("--fail-on", choices=("breaking", "warning"), default=None, help="exit 1 at this level or above")
    diff.add_argument("--fail-on-breaking", action="store_true", help="shorthand for --fail-on breaking")
    _config_options(diff)
    return parser


def _config_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--allow-ref-outside", action="append", type=Path, default=[], metavar="DIR",
        help="also read $ref'd files below DIR (by default only the spec's own folder); repeatable",
    )  # fmt: skip
    sub.add_argument(
        "--config",
        type=Path,
        default=None,
        help="config file: YAML, or TOML with [tool.sdkgen] (default: ./pyproject.toml's [tool.sdkgen], "
        "then <spec>.sdk.yaml beside the spec)",
    )


# ---- configuration -----------------------------------------------------------------------


def _settings(args: argparse.Namespace) -> ToolSettings:
    """The config file's settings: --config, else the nearest pyproject.toml's [tool.sdkgen]."""
    if args.config is not None:
        return load_settings(args.config)
    pyproject = find_pyproject(Path.cwd())
    return load_settings(pyproject) if pyproject else ToolSettings()


def _beside(args: argparse.Namespace, spec: Path) -> ToolSettings:
    """``<spec>.sdk.yaml`` beside the spec, read when no --config is given."""
    beside = spec.with_name(spec.name.split(".")[0] + ".sdk.yaml")
    if args.config is not None or not beside.exists():
        return ToolSettings()
    settings = load_settings(beside)
    if settings.spec is not None or settings.output is not None:
        raise GeneratorError(
            f"{beside}: `spec` and `output` cannot be set beside the spec; "
            "set them in pyproject.toml's [tool.sdkgen] or a --config file"
        )
    return settings


def _names(args: argparse.Namespace, settings: ToolSettings, spec: Path) -> GeneratorConfig:
    """Package names: ``<spec>.sdk.yaml`` beside the spec < the config file < CLI flags."""
    config = _beside(args, spec).config.merged(**{k: v for k, v in vars(settings.config).items()})
    flags = ("package_name", "distribution_name", "client_class", "env_prefix", "api_key_env_var",
             "base_url_env_var", "log_env_var", "base_url", "version")  # fmt: skip
    config = config.merged(**{k: getattr(args, k, None) for k in flags})
    validate_config(config)
    return config


def _same_file(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and a.resolve() == b.resolve()


# ---- feedback ------------------------------------------------------------------------------


class Progress:
    """A one-line progress indication on a terminal, shown once a run takes ``after`` seconds."""

    def __init__(self, stream: TextIO, *, enabled: bool, after: float = 2.0, every: float = 0.5) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.after, self.every = after, every
        self.stage = "starting"
        self.started = time.perf_counter()
        self.shown = False
        self._stop = threading.Event()
        self._lock = threading.Lock()  # the progress line and messages never interleave
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def step(self, stage: str) -> None:
        """Name what is being done now."""
        self.stage = stage

    def message(self, text: str) -> None:
        """Print a line of its own (a warning), clearing the progress line first."""
        with self._lock:
            if self.shown:
                self.stream.write("\r\033[K")
            print(text, file=self.stream)

    def _run(self) -> None:
        if self._stop.wait(self.after):
            return
        while not self._stop.is_set():
            with self._lock:
                self.shown = True
                self.stream.write(f"\r\033[K{self.stage}… {time.perf_counter() - self.started:.0f} s")
                self.stream.flush()
            self._stop.wait(self.every)


# ---- commands ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))  # deeply nested real-world schemas
    args = _parser().parse_args(argv)
    if args.command == "diff":
        return _guarded(lambda: _diff(args), args.new)
    # Its worker starts importing datamodel-code-generator now, while the spec loads.
    models = ModelRenderer(use_cache=not args.no_cache, remember=argv is None)
    try:
        return _guarded(lambda: _generate(args, models), str(args.spec or "the spec"))
    finally:
        models.close()


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


def _generate(args: argparse.Namespace, models: ModelRenderer) -> int:
    started = time.perf_counter()
    settings = _settings(args)
    spec = args.spec or settings.spec
    if spec is None:
        raise GeneratorError(
            "no spec given: pass the OpenAPI file, or set `spec` under [tool.sdkgen] in pyproject.toml"
        )
    out = args.output
    if out is None:
        # The configured output belongs to the configured spec, never to another one.
        use_configured = settings.output is not None and (args.spec is None or _same_file(spec, settings.spec))
        out = settings.output if use_configured else Path(spec.stem.replace(".", "_") + "_sdk")
    beside = _beside(args, spec)
    formatter = args.formatter or settings.formatter or beside.formatter or "ruff"
    templates = args.templates or settings.templates or beside.templates
    with Progress(sys.stderr, enabled=not args.quiet) as progress:
        progress.step(f"reading {spec}")
        api = build_ir(spec, _names(args, settings, spec), allow_ref_outside=tuple(args.allow_ref_outside))
        if not args.quiet or args.strict:
            for warning in api.warnings:
                progress.message(warning)
        if args.strict and api.warnings:
            print(f"error: {len(api.warnings)} warning(s) and --strict: nothing written", file=sys.stderr)
            return 2
        progress.step("rendering")
        files = render_package(api, templates, models)
        progress.step("formatting and writing")
        if args.command == "check":
            return _check(files, out, api.config.package_name, formatter, quiet=args.quiet, use_cache=not args.no_cache)
        summary = replace_directory(
            files, out, api.config.package_name, force=args.force, formatter=formatter, use_cache=not args.no_cache
        )
    if not args.quiet:
        operations = sum(1 for _ in api.operations())
        kept = ""
        if summary.kept:
            shown = ", ".join(summary.kept[:5]) + (", …" if len(summary.kept) > 5 else "")
            kept = f" ({shown})"
        removed = f", {len(summary.removed)} removed" if summary.removed else ""
        print(f"generated {api.config.package_name} in {out}: {operations} operations, {len(api.schemas)} models; "
              f"{len(summary.written)} files written, {len(summary.unchanged)} unchanged, "
              f"{len(summary.kept)} kept{kept}{removed}; {len(api.warnings)} warnings; "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip
    return 0


def _check(
    files: dict[str, str], out: Path, package: str, formatter: str, *, quiet: bool, use_cache: bool = True
) -> int:
    staging = Path(tempfile.mkdtemp(prefix="sdkgen-check-"))
    try:
        render_to_directory(files, staging / "out", package, formatter, use_cache=use_cache)
        if not out.is_dir():
            print(f"stale: {out} does not exist; run `python -m generator generate`", file=sys.stderr)
            return 1
        # A user's own files in the output are not staleness.
        ignore = frozenset(user_files(out)) if (out / ".sdkgen-manifest.json").exists() else frozenset()
        diff = diff_trees(staging / "out", out, ignore=ignore)  # expected: a fresh generation; actual: on disk
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if diff:
        print(f"stale: {out} differs from what the spec and templates generate:\n{diff}", file=sys.stderr)
        print("run `python -m generator generate` to update it", file=sys.stderr)
        return 1
    if not quiet:
        print(f"up to date: {out}", file=sys.stderr)
    return 0


# ---- diff ----------------------------------------------------------------------------------


@dataclass
class _Side:
    """One side of a diff: where its spec was read from and how to name its files."""

    label: str  # as the user wrote it
    path: Path  # the file to load (inside a temporary checkout for a revision)
    shown_root: Path | None = None  # a temporary checkout: its paths are shown relative to it


def _diff(args: argparse.Namespace) -> int:
    settings = _settings(args)
    fail_on = "breaking" if args.fail_on_breaking else args.fail_on
    with tempfile.TemporaryDirectory(prefix="sdkgen-diff-") as scratch:
        old = _side(args.old, Path(scratch) / "old")
        new = _side(args.new, Path(scratch) / "new")
        old_api = _build_side(old, args, settings)
        new_api = _build_side(new, args, settings)
        changes = diff_apis(old_api, new_api)
        documents: dict[Path, yaml.Node | None] = {}
        located = [(change, _locate(change, new, documents)) for change in changes]
    # Breaking first; within a level, in the order of the spec, so related changes sit together.
    located.sort(key=lambda item: (LEVELS.index(item[0].level), item[1].file, item[1].line or 0))
    title = f"SDK API diff of {args.new}"
    report = {"markdown": lambda: report_markdown(located, title), "json": lambda: report_json(located),
              "github": lambda: report_github(located)}[args.format]()  # fmt: skip
    sys.stdout.write(report)
    if fail_on is not None:
        limit = LEVELS.index(fail_on)
        if any(LEVELS.index(c.level) <= limit for c in changes):
            return 1
    return 0


def _build_side(side: _Side, args: argparse.Namespace, settings: ToolSettings) -> ApiIR:
    try:
        return build_ir(side.path, _names(args, settings, side.path), allow_ref_outside=_allowed(args, side))
    except SpecError as exc:
        if side.shown_root is not None and exc.location is not None:
            exc = SpecError(exc.message, _shown(exc.location, side), exc.hint)
        raise GeneratorError(f"{side.label}: {exc}") from None


def _allowed(args: argparse.Namespace, side: _Side) -> tuple[Path, ...]:
    """--allow-ref-outside folders; for a revision, their counterparts in its checkout."""
    folders: list[Path] = list(args.allow_ref_outside)
    if side.shown_root is not None:
        top = Path(_git("rev-parse", "--show-toplevel").strip()).resolve()
        folders = [
            side.shown_root / folder.resolve().relative_to(top) if folder.resolve().is_relative_to(top) else folder
            for folder in folders
        ]
    return tuple(folders)


def _side(argument: str, scratch: Path) -> _Side:
    """A spec file, or ``REV:path`` checked out (the spec's tree, at that revision) in ``scratch``."""
    as_path = Path(argument)
    revision, sep, inner = argument.partition(":")
    if as_path.exists() or not sep or not revision or len(revision) == 1:  # a file (or C:\\ on Windows)
        if not as_path.is_file():
            raise GeneratorError(f"spec file not found: {argument}")
        return _Side(argument, as_path)
    top = _git("rev-parse", "--show-toplevel").strip()
    if not inner:
        raise GeneratorError(f"{argument}: give the spec's path after the revision, e.g. main:spec/api.yaml")
    if revision.startswith("-") or not _git_ok("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"):
        raise GeneratorError(f"{argument}: {revision!r} is not a git revision here")
    # A path as git sees it from the repository's top, so that `main:spec/x.yaml` works from any folder.
    relative = _relative_to_top(Path(inner), top) if inner.startswith(("./", "../")) else inner
    if not _git_ok("cat-file", "-e", f"{revision}:{relative}"):
        raise GeneratorError(f"{argument}: {relative} does not exist at {revision}")
    scratch.mkdir(parents=True)
    _extract(revision, scratch)
    return _Side(argument, scratch / relative, scratch)


def _relative_to_top(path: Path, top: str) -> str:
    try:
        return (Path.cwd() / path).resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        raise GeneratorError(f"{path} is outside the git repository {top}") from None


def _git_binary() -> str:
    git = shutil.which("git")
    if git is None:
        raise GeneratorError("git is needed to read a spec at a revision (REV:path)")
    return git


def _git(*args: str) -> str:
    result = subprocess.run([_git_binary(), *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GeneratorError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def _git_ok(*args: str) -> bool:
    return subprocess.run([_git_binary(), *args], capture_output=True, check=False).returncode == 0


_SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def _extract(revision: str, target: Path) -> None:
    """The spec-like files of ``revision`` (YAML and JSON, where ``$ref``s point) into ``target``."""
    top = _git("rev-parse", "--show-toplevel").strip()
    listing = _git("-C", top, "ls-tree", "-r", "-z", "--full-tree", revision)
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split("\0")):
        meta, _, name = entry.partition("\t")
        mode, kind, sha = meta.split()
        if kind == "blob" and mode != "120000" and name.lower().endswith(_SPEC_SUFFIXES):
            blobs.append((sha, name))
    # One `git cat-file --batch` for all files: one process however many files there are.
    batch = subprocess.run(
        [_git_binary(), "-C", top, "cat-file", "--batch"],
        input="".join(f"{sha}\n" for sha, _ in blobs).encode(),
        capture_output=True,
        check=False,
    )
    if batch.returncode != 0:
        raise GeneratorError(f"git cat-file: {batch.stderr.decode(errors='replace').strip()}")
    data, offset = batch.stdout, 0
    root = target.resolve()
    for _, name in blobs:
        header_end = data.index(b"\n", offset)
        size = int(data[offset:header_end].split()[2])
        content = data[header_end + 1 : header_end + 1 + size]
        offset = header_end + 2 + size
        path = (target / name).resolve()
        if not path.is_relative_to(root):  # git never stores such a path; refuse it all the same
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _shown(location: SourceLocation, side: _Side) -> SourceLocation:
    """A location in a temporary checkout, shown by its repository-relative path."""
    if side.shown_root is None:
        return location
    try:
        relative = Path(location.file).resolve().relative_to(side.shown_root.resolve()).as_posix()
    except ValueError:
        return location
    return SourceLocation(relative, location.pointer, location.line, location.column)


def _locate(change: Change, side: _Side, documents: dict[Path, yaml.Node | None]) -> SourceLocation:
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
    return _shown(location, side) if side.shown_root is not None else location


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


def _display(path: Path, side: _Side) -> str:
    """A working-tree file relative to the current folder when it is below it (as CI annotations want)."""
    if side.shown_root is not None:
        return str(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
