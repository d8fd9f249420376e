"""Specs read from git: ``REV:path`` arguments, checked out into a scratch folder.

A multi-file spec at a revision resolves its ``$ref``s at that same revision, so the spec-like
files of the whole tree at ``REV`` are written out, and locations in them are shown by their
repository paths.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError, SourceLocation


@dataclass(frozen=True)
class SpecSource:
    """A spec given as a file or ``REV:path``: where it was read from and how to name its files."""

    label: str  # as the user wrote it
    path: Path  # the file to load (inside a temporary checkout for a revision)
    shown_root: Path | None = None  # a temporary checkout: its paths are shown relative to it


def spec_source(argument: str, scratch: Path) -> SpecSource:
    """A spec file, or ``REV:path`` checked out (the spec's tree, at that revision) in ``scratch``."""
    as_path = Path(argument)
    revision, sep, inner = argument.partition(":")
    if as_path.exists() or not sep or not revision or len(revision) == 1:  # a file (or C:\\ on Windows)
        if not as_path.is_file():
            raise GeneratorError(f"spec file not found: {argument}")
        return SpecSource(argument, as_path)
    top = git("rev-parse", "--show-toplevel").strip()
    if not inner:
        raise GeneratorError(f"{argument}: give the spec's path after the revision, e.g. main:spec/api.yaml")
    if revision.startswith("-") or not git_ok("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"):
        raise GeneratorError(f"{argument}: {revision!r} is not a git revision here")
    # A path as git sees it from the repository's top, so that `main:spec/x.yaml` works from any folder.
    relative = _relative_to_top(Path(inner), top) if inner.startswith(("./", "../")) else inner
    if not git_ok("cat-file", "-e", f"{revision}:{relative}"):
        raise GeneratorError(f"{argument}: {relative} does not exist at {revision}")
    scratch.mkdir(parents=True)
    extract_revision(revision, scratch)
    return SpecSource(argument, scratch / relative, scratch)


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


def git(*args: str) -> str:
    """The output of a git command; a failure is a GeneratorError with git's message."""
    result = subprocess.run([_git_binary(), *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GeneratorError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def git_ok(*args: str) -> bool:
    """Whether a git command succeeds."""
    return subprocess.run([_git_binary(), *args], capture_output=True, check=False).returncode == 0


_SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def extract_revision(revision: str, target: Path) -> None:
    """The spec-like files of ``revision`` (YAML and JSON, where ``$ref``s point) into ``target``."""
    top = git("rev-parse", "--show-toplevel").strip()
    listing = git("-C", top, "ls-tree", "-r", "-z", "--full-tree", revision)
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


def shown_location(location: SourceLocation, side: SpecSource) -> SourceLocation:
    """A location in a temporary checkout, shown by its repository-relative path."""
    if side.shown_root is None:
        return location
    try:
        relative = Path(location.file).resolve().relative_to(side.shown_root.resolve()).as_posix()
    except ValueError:
        return location
    return SourceLocation(relative, location.pointer, location.line, location.column)


def allowed_folders(folders: tuple[Path, ...], side: SpecSource) -> tuple[Path, ...]:
    """--allow-ref-outside folders; for a revision, their counterparts in its checkout."""
    if side.shown_root is None:
        return folders
    top = Path(git("rev-parse", "--show-toplevel").strip()).resolve()
    return tuple(
        side.shown_root / folder.resolve().relative_to(top) if folder.resolve().is_relative_to(top) else folder
        for folder in folders
    )
