"""Format rendered files and write them atomically; compare trees for ``check`` and golden tests."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError
from generator.format_cache import FormatCache, tree_key
from generator.merge import SNAPSHOT, has_conflict_markers, load_snapshot, merge_edit, read_snapshot, write_snapshot

MANIFEST = ".sdkgen-manifest.json"
LINE_LENGTH = 88  # black's default, so `black --check` agrees with the output


def write_tree(files: dict[str, str], root: Path) -> None:
    """Write ``files`` (relative path → text) below ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if relative.endswith(".py"):
            text = parenthesize_long_annotations(text)
        path.write_text(text, encoding="utf-8", newline="\n")


_ANNOTATED_LINE = re.compile(r"^(?P<head>\s*(?:[A-Za-z_]\w*: |\) -> ))(?P<rest>.*)$")


def parenthesize_long_annotations(source: str) -> str:
    """Wrap a too-long one-line ``A | B`` annotation in parentheses.

    That is the one shape black and ruff format differently when left bare; parenthesized,
    both produce the same output, so black need not run at all.
    """
    lines = source.split("\n")
    for index, line in enumerate(lines):
        if len(line) <= LINE_LENGTH or " | " not in line:
            continue
        match = _ANNOTATED_LINE.match(line)
        if match is None:
            continue
        annotation, tail = _split_annotation(match["rest"])
        if annotation and _has_top_level_union(annotation) and not annotation.startswith("("):
            lines[index] = f"{match['head']}({annotation}){tail}"
    return "\n".join(lines)


def _split_annotation(rest: str) -> tuple[str, str]:
    """``A | B = x,`` → (``A | B``, `` = x,``); ``A | B:`` → (``A | B``, ``:``)."""
    depth, quote = 0, ""
    for position, char in enumerate(rest):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and (rest.startswith(" = ", position) or char in ":,"):
            return rest[:position], rest[position:]
    return (rest, "") if depth == 0 and not quote else ("", rest)


def _has_top_level_union(annotation: str) -> bool:
    depth, quote = 0, ""
    for position, char in enumerate(annotation):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and annotation.startswith(" | ", position):
            return True
    return False


# ruff and black agree except on one shape: a long ``A | B | C`` annotation, which ruff splits
# bare and black wraps in parentheses. ``parenthesize_long_annotations`` prevents it; any file
# where it still happens is passed to black as a safety net.
_BARE_ANNOTATION_SPLIT = re.compile(r"^\s*(?:[A-Za-z_]\w*: |\) -> )[^\n(]*\n\s+\| ", re.MULTILINE)


def format_tree(root: Path, package: str, formatter: str = "ruff") -> None:
    """Lint-fix and format the tree so that ruff and black both accept it.

    ruff (two subprocess runs over the whole tree) fixes imports, sorts ``__all__`` and
    formats; black then reformats only the files where ruff's style differs from black's.
    With ``formatter="black"``, black formats every file instead, after ruff's lint fixes.
    """
    ruff = _ruff_command()
    common = ["--isolated", f"--line-length={LINE_LENGTH}", "--target-version=py311"]
    steps = [
        [*ruff, "check", *common, "--fix", "--extend-select=I,F401", "--exit-zero",
         f"--config=lint.isort.known-first-party=['{package}']", str(root)],
    ]  # fmt: skip
    if formatter == "ruff":
        steps.append([*ruff, "format", *common, str(root)])
    elif markdown := sorted(str(p) for p in root.rglob("*.md")):
        # black formats the Python; ruff still lays out the Python examples in the Markdown.
        steps.append([*ruff, "format", *common, *markdown])
    for command in steps:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise GeneratorError(f"ruff failed on the generated code:\n{result.stderr or result.stdout}")
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if formatter == "black" or _BARE_ANNOTATION_SPLIT.search(source):
            path.write_text(_black(source, path.relative_to(root)), encoding="utf-8", newline="\n")


def _ruff_command() -> list[str]:
    """The ruff binary itself: ``python -m ruff`` starts an interpreter only to exec it."""
    try:
        from ruff import find_ruff_bin  # type: ignore[import-untyped]

        return [find_ruff_bin()]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "ruff"]


def _black(source: str, name: Path) -> str:
    import black
    from black.mode import Mode, TargetVersion
    from black.report import NothingChanged

    mode = Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)
    try:
        return black.format_file_contents(source, fast=True, mode=mode)
    except NothingChanged:
        return source
    except Exception as exc:  # black reports invalid code as a plain exception
        raise GeneratorError(f"generated file {name} is not valid Python: {exc}") from exc


def render_to_directory(
    files: dict[str, str],
    root: Path,
    package: str,
    formatter: str = "ruff",
    *,
    use_cache: bool = True,
    release: dict[str, str] | None = None,
) -> None:
    """Write and format ``files`` into the (new, empty) directory ``root``.

    The manifest lists the files and ``release``, the last release's record, if any. A tree
    formatted before from the same files is restored from the cache instead.
    """
    manifest: dict[str, object] = {"generator": "sdkgen", "files": sorted(files)}
    if release is not None:
        manifest["release"] = release
    tree = {**files, MANIFEST: json.dumps(manifest, indent=2) + "\n"}
    cache = FormatCache() if use_cache else None
    key = tree_key(tree, package, formatter) if cache else ""
    if cache and cache.restore(key, root):
        return
    write_tree(tree, root)
    format_tree(root, package, formatter)
    if cache:
        cache.store(key, root, sorted(tree))


@dataclass(frozen=True)
class WriteSummary:
    """What a generation did to the output directory, by relative path."""

    written: tuple[str, ...]  # new or changed files
    unchanged: tuple[str, ...]
    kept: tuple[str, ...]  # files the generator did not write, left as they were
    removed: tuple[str, ...]  # files an earlier generation wrote that are no longer generated
    edited: tuple[str, ...] = ()  # generated files with hand edits, replayed onto the new generation
    conflicts: tuple[str, ...] = ()  # edited files left with conflict markers (some of ``edited``)
    discarded: tuple[str, ...] = ()  # hand edits dropped by --discard-edits
    orphaned: tuple[str, ...] = ()  # edited files no longer generated: kept as the user's own
    no_base: bool = False  # an earlier generation left no base snapshot: edits could not be told apart


def manifest_files(out: Path) -> set[str] | None:
    """The files an earlier generation wrote into ``out`` (None: no manifest)."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    return {str(name) for name in listed} | {MANIFEST, SNAPSHOT} if isinstance(listed, list) else None


# Bytecode of files we rewrite: stale after regeneration, and Python rebuilds it.
_DROPPED_DIRS = {"__pycache__"}


def user_files(out: Path) -> list[str]:
    """Files (and symlinks) below ``out`` that the generator did not write, by relative path."""
    written = manifest_files(out) or set()
    found: list[str] = []
    for folder, dirs, names in os.walk(out):
        dirs[:] = sorted(d for d in dirs if d not in _DROPPED_DIRS or os.path.islink(os.path.join(folder, d)))
        base = Path(folder).relative_to(out)
        for name in sorted(names) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            relative = (base / name).as_posix()
            if relative not in written:
                found.append(relative)
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    return found


def _collisions(generated: set[str], kept: list[str]) -> list[str]:
    """User files at a path the generator now writes, or in the way of one of its folders."""
    folders = {parent.as_posix() for name in generated for parent in Path(name).parents}
    kept_folders = {parent.as_posix() for name in kept for parent in Path(name).parents}
    return sorted(
        {name for name in kept if name in generated or name in folders}
        | {name for name in generated if name in kept_folders}
    )


def _keep(relative: str, source_root: Path, target_root: Path) -> None:
    """Put a user's file into the new tree: a hard link (instant, same data), else a copy."""
    source, target = source_root / relative, target_root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def replace_directory(
    files: dict[str, str],
    out: Path,
    package: str,
    *,
    force: bool = False,
    formatter: str = "ruff",
    use_cache: bool = True,
    discard_edits: bool = False,
    release: dict[str, str] | None = None,
) -> WriteSummary:
    """Generate into a temporary sibling of ``out``, then swap it in: never half-written.

    Files in ``out`` that the previous generation did not write (its manifest says which)
    are carried over untouched; a generated file that would land on one is an error. A
    generated file the user edited since the last generation (it differs from the base
    snapshot) gets the new generation with the edit merged in, unless ``discard_edits``.
    """
    out = out.resolve()
    has_manifest = (out / MANIFEST).exists()
    if out.exists() and not force:
        if not out.is_dir():
            raise GeneratorError(f"output path {out} exists and is not a directory")
        if any(out.iterdir()) and not has_manifest:
            raise GeneratorError(
                f"output directory {out} is not empty and was not made by this generator; "
                "choose another -o or pass --force to replace it"
            )
    kept = user_files(out) if out.is_dir() and has_manifest else []
    generated = {*files, MANIFEST, SNAPSHOT}
    clashes = _collisions(generated, kept)
    if clashes:
        raise GeneratorError(
            f"{len(clashes)} file(s) in {out} that sdkgen did not write are where it now writes: "
            + ", ".join(clashes[:10])
            + "; move or rename them (nothing was written)"
        )
    previous = manifest_files(out) if has_manifest else set()
    base = _base_of(out, discard_edits) if has_manifest else None
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    backup = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        render_to_directory(files, staging, package, formatter, use_cache=use_cache, release=release)
        write_snapshot(staging, sorted(files), out / SNAPSHOT)
        edits = _replay_edits(out, staging, sorted(files), base, previous or set(), discard_edits)
        written: list[str] = []
        unchanged: list[str] = []
        for name in sorted(generated):
            old = out / name
            same = old.is_file() and not old.is_symlink() and old.read_bytes() == (staging / name).read_bytes()
            (unchanged if same else written).append(name)
        for name in [*kept, *edits.orphaned]:
            _keep(name, out, staging)
        if out.exists():
            out.rename(backup)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if backup.exists() and not out.exists():
            backup.rename(out)
        raise
    shutil.rmtree(backup, ignore_errors=True)
    removed = sorted((previous or set()) - generated - set(edits.orphaned))
    return WriteSummary(
        tuple(written),
        tuple(unchanged),
        tuple(kept),
        tuple(removed),
        edited=edits.edited,
        conflicts=edits.conflicts,
        discarded=edits.discarded,
        orphaned=edits.orphaned,
        no_base=has_manifest and base is None and not discard_edits,
    )


def _base_of(out: Path, discard_edits: bool) -> dict[str, bytes] | None:
    """The base snapshot in ``out``; with ``discard_edits`` a damaged one does not matter."""
    try:
        return load_snapshot(out)
    except GeneratorError:
        if discard_edits:
            return None
        raise


@dataclass(frozen=True)
class _Edits:
    edited: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    discarded: tuple[str, ...] = ()
    orphaned: tuple[str, ...] = ()


def hand_edited(out: Path, base: dict[str, bytes], names: set[str] | list[str]) -> list[str]:
    """The files of ``names`` in ``out`` that differ from their base (a deleted file is no edit)."""
    found = []
    for name in sorted(names):
        path = out / name
        if name in base and path.is_file() and not path.is_symlink() and path.read_bytes() != base[name]:
            found.append(name)
    return found


def _replay_edits(
    out: Path, staging: Path, names: list[str], base: dict[str, bytes] | None, previous: set[str], discard: bool
) -> _Edits:
    """Merge each hand-edited generated file into its new generation in ``staging``."""
    if base is None:
        return _Edits()
    if discard:
        return _Edits(discarded=tuple(hand_edited(out, base, previous)))
    edited, conflicts = [], []
    for name in hand_edited(out, base, names):
        ours, theirs = (out / name).read_bytes(), (staging / name).read_bytes()
        if theirs == base[name]:
            result = ours  # the generation did not change: the edit stands as it is
        else:
            result = merge_edit(name, ours, base[name], theirs).data
        (staging / name).write_bytes(result)
        edited.append(name)
        if has_conflict_markers(result):
            conflicts.append(name)
    # A file no longer generated that carries an edit is the user's now: kept, with a warning.
    gone = previous - set(names) - {MANIFEST, SNAPSHOT}
    orphaned = tuple(hand_edited(out, base, gone))
    return _Edits(tuple(edited), tuple(conflicts), (), orphaned)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (skipping caches), by relative POSIX path."""
    skip = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"}
    tree: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and not skip.intersection(path.relative_to(root).parts)
            and not path.name.endswith(".egg-info")
        ):
            if any(part.endswith(".egg-info") for part in path.relative_to(root).parts):
                continue
            tree[path.relative_to(root).as_posix()] = path.read_bytes()
    return tree


def diff_trees(expected: Path, actual: Path, *, max_lines: int = 400, ignore: frozenset[str] = frozenset()) -> str:
    """A readable multi-file diff: missing, extra and changed files ("" when identical).

    Paths in ``ignore`` (a user's own files in the output) are left out.
    """
    have = {name: data for name, data in read_tree(actual).items() if name not in ignore}
    return diff_file_maps(read_tree(expected), have, max_lines=max_lines)


def diff_file_maps(want: dict[str, bytes], have: dict[str, bytes], *, max_lines: int = 400) -> str:
    """:func:`diff_trees` of two ``{relative path: content}`` maps; base snapshots compare by their files."""
    report: list[str] = []
    for name in sorted(set(want) - set(have)):
        report.append(f"missing file: {name}")
    for name in sorted(set(have) - set(want)):
        report.append(f"extra file: {name}")
    for name in sorted(set(want) & set(have)):
        if name.endswith(SNAPSHOT) and want[name] != have[name]:
            report.extend(_snapshot_difference(name, want[name], have[name]))
        elif want[name] != have[name]:
            report.append(f"changed file: {name}")
            a = want[name].decode("utf-8", "replace").splitlines(keepends=True)
            b = have[name].decode("utf-8", "replace").splitlines(keepends=True)
            report.extend(
                line.rstrip("\n") for line in difflib.unified_diff(a, b, f"expected/{name}", f"actual/{name}", n=2)
            )
    if len(report) > max_lines:
        report = [*report[:max_lines], f"... ({len(report) - max_lines} more lines)"]
    return "\n".join(report)


def _snapshot_difference(name: str, want: bytes, have: bytes) -> list[str]:
    """Base snapshots are equal when their files are (zlib builds may compress differently)."""
    try:
        a, b = read_snapshot(want), read_snapshot(have)
    except GeneratorError:
        return [f"changed file: {name} (damaged)"]
    differing = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    return [f"changed file: {name} (its copies of {', '.join(differing)})"] if differing else []
