"""``release``: the next version of the SDK from what changed in the spec since the last release."""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from generator.commands.diff import compare, iso_date
from generator.commands.generate import generate, render
from generator.commands.options import add_spec_options, described
from generator.diff import summary_line
from generator.errors import GeneratorError
from generator.feedback import Progress
from generator.models import ModelRenderer
from generator.output import render_to_directory
from generator.release import (
    CHANGELOG,
    ReleaseRecord,
    bump_kind,
    changelog_entry,
    next_version,
    parse_version,
    prepend_entry,
    read_release,
)
from generator.revisions import git, git_ok
from generator.settings import Settings

EXAMPLES = """\
examples:
  python -m generator release --dry-run             # what the next release would be, writing nothing
  python -m generator release                       # version, pyproject.toml, _version.py, CHANGELOG.md
  python -m generator release --since v1.2.0:spec/api.yaml --version 2.0.0

The last release is the version in the output's .sdkgen-manifest.json; its spec is read at the
git tag PREFIX+VERSION (--tag-prefix, default v), or from --since. Without a recorded release the
newest such tag is the last release, and without one either this is the first release
(info.version).
Exit codes: 0 released, 1 released with merge conflicts in hand-edited files, 2 bad input."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``release`` command."""
    parser = described(
        subparsers, "release", "bump the SDK's version from the spec changes since the last release", EXAMPLES
    )
    add_spec_options(parser)
    parser.add_argument("--version", dest="release_version", metavar="VERSION", help="release this version instead")
    parser.add_argument("--since", metavar="OLD", help="the spec of the last release: a file or REV:path")
    parser.add_argument("--tag-prefix", default="v", help="git tags of releases are PREFIX+VERSION (default: v)")
    parser.add_argument(
        "--date", type=iso_date, default=None, metavar="YYYY-MM-DD", help="release date, also for sunsets (today)"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the version, changelog and file changes only")


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Work out the next version and changelog entry; write them (or print them with ``--dry-run``)."""
    started = time.perf_counter()
    if settings.spec is None or settings.output is None:
        raise GeneratorError(
            "no spec given: pass the OpenAPI file, or set `spec` under [tool.sdkgen] in pyproject.toml"
        )
    if settings.names.version:
        raise GeneratorError(
            f"the version is pinned to {settings.names.version!r} by the settings (`version` in the config file, or "
            "--package-version); remove it: a release records its version in .sdkgen-manifest.json"
        )
    date = args.date.isoformat() if args.date else time.strftime("%Y-%m-%d")
    last, old_spec = _last_release(settings, args)
    current = settings.build()
    if old_spec is not None:
        located = compare(old_spec, str(settings.spec), settings, args.date)
        changes = [change for change, _ in located]
    else:
        changes = []
    package = current.config.distribution_name
    if last is None and old_spec is not None:
        last = current.config.version  # --since without a recorded release: bump the version the SDK has
    if last is None:
        version = args.release_version or current.config.version
        kind, why = "first", "the first release"
    else:
        previous = parse_version(last, "the last release")
        kind = bump_kind(changes, previous)
        version = args.release_version or next_version(previous, kind)
        why = f"{kind}: {summary_line(changes)} since {last}"
        if parse_version(version, "--version") <= previous:
            raise GeneratorError(f"--version {version} is not after the last release {last}")
    parse_version(version, "--version")
    entry = changelog_entry(version, date, changes, first=last is None)
    record = ReleaseRecord(version, date)
    released = replace(settings, released=version)
    changelog = settings.output / CHANGELOG
    if args.dry_run:
        print(f"would release {package} {version} ({why})\n")
        print(f"--- {CHANGELOG}: new entry ---\n{entry}")
        print(_version_files_diff(released, record, args))
        return 0
    code = generate(released, remember_hints=args.remember_hints, release=record)
    if code not in (0, 1):
        return code
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else None
    _write_atomically(changelog, prepend_entry(text, entry))
    print(f"released {package} {version} ({why}) in {settings.output}: pyproject.toml, _version.py, {CHANGELOG}; "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip
    tag = f"{args.tag_prefix}{version}"
    print(f"next: commit, `git tag {tag}`, then `sdkgen build` and `sdkgen publish`", file=sys.stderr)
    return code


def _last_release(settings: Settings, args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The last release's version and the spec to compare with (a file or REV:path), or (None, None)."""
    assert settings.spec is not None
    record = read_release(settings.output)
    if args.since:
        return (record.version if record else None), args.since
    in_git = shutil.which("git") is not None and git_ok("rev-parse", "--git-dir")
    if record is not None:
        tag = f"{args.tag_prefix}{record.version}"
        if not in_git or not git_ok("rev-parse", "--verify", "--quiet", f"refs/tags/{tag}"):
            raise GeneratorError(
                f"the last release, {record.version}, has no git tag {tag} to read its spec from: tag the commit of "
                f"that release (`git tag {tag} COMMIT`) or pass --since OLD (its spec file or REV:path)"
            )
        return record.version, f"{tag}:{_from_cwd(settings.spec)}"
    if in_git:
        tags = git("tag", "--list", f"{args.tag_prefix}*", "--sort=-v:refname").split()
        for tag in tags:
            version = tag.removeprefix(args.tag_prefix)
            try:
                parse_version(version, tag)
            except GeneratorError:
                continue
            return version, f"{tag}:{_from_cwd(settings.spec)}"
    return None, None


def _from_cwd(spec: Path) -> str:
    """The spec's path as ``REV:path`` reads it from the current folder (``./x`` or ``../x``)."""
    relative = os.path.relpath(spec.resolve(), Path.cwd().resolve())
    return relative if relative.startswith("..") else f"./{relative}"


def _version_files_diff(settings: Settings, record: ReleaseRecord, args: argparse.Namespace) -> str:
    """The changes the release makes to pyproject.toml and _version.py, as a unified diff."""
    assert settings.output is not None
    models = ModelRenderer(use_cache=settings.use_cache, remember=args.remember_hints)
    try:
        with Progress(sys.stderr, enabled=not settings.quiet) as progress:
            rendered = render(settings, models, progress)
    finally:
        models.close()
    if rendered is None:
        raise GeneratorError("--strict: the spec gives warnings")
    api, files = rendered
    names = ["pyproject.toml", f"{api.config.package_name}/_version.py"]
    with tempfile.TemporaryDirectory(prefix="sdkgen-release-") as scratch:
        render_to_directory(files, Path(scratch), api.config.package_name, settings.formatter,
                            use_cache=settings.use_cache, release=record.as_json())  # fmt: skip
        report: list[str] = []
        for name in names:
            old_path = settings.output / name
            before = old_path.read_text(encoding="utf-8").splitlines(keepends=True) if old_path.exists() else []
            after = (Path(scratch) / name).read_text(encoding="utf-8").splitlines(keepends=True)
            report.extend(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}", n=1))
    return "".join(report) or "(pyproject.toml and _version.py already carry this version)\n"


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary sibling, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
