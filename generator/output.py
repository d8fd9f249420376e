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
from pathlib import Path

from generator.errors import GeneratorError
from generator.format_cache import FormatCache, tree_key

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


def format_tree(root: Path, package: str) -> None:
    """Lint-fix and format the tree so that ruff and black both accept it.

    ruff (two subprocess runs over the whole tree) fixes imports, sorts ``__all__`` and
    formats; black then reformats only the files where ruff's style differs from black's.
    """
    ruff = _ruff_command()
    common = ["--isolated", f"--line-length={LINE_LENGTH}", "--target-version=py311"]
    steps = [
        [*ruff, "check", *common, "--fix", "--extend-select=I,F401", "--exit-zero",
         f"--config=lint.isort.known-first-party=['{package}']", str(root)],
        [*ruff, "format", *common, str(root)],
    ]  # fmt: skip
    for command in steps:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise GeneratorError(f"ruff failed on the generated code:\n{result.stderr or result.stdout}")
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if _BARE_ANNOTATION_SPLIT.search(source):
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


def render_to_directory(files: dict[str, str], root: Path, package: str, *, use_cache: bool = True) -> None:
    """Write and format ``files`` into the (new, empty) directory ``root``.

    A tree formatted before from the same files is restored from the cache instead.
    """
    manifest = {"generator": "sdkgen", "files": sorted(files)}
    tree = {**files, MANIFEST: json.dumps(manifest, indent=2) + "\n"}
    cache = FormatCache() if use_cache else None
    key = tree_key(tree, package) if cache else ""
    if cache and cache.restore(key, root):
        return
    write_tree(tree, root)
    format_tree(root, package)
    if cache:
        cache.store(key, root, sorted(tree))


def replace_directory(
    files: dict[str, str], out: Path, package: str, *, force: bool = False, use_cache: bool = True
) -> None:
    """Generate into a temporary sibling of ``out``, then swap it in: never half-written."""
    out = out.resolve()
    if out.exists() and not force:
        if not out.is_dir():
            raise GeneratorError(f"output path {out} exists and is not a directory")
        if any(out.iterdir()) and not (out / MANIFEST).exists():
            raise GeneratorError(
                f"output directory {out} is not empty and was not made by this generator; "
                "choose another -o or pass --force to replace it"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    backup = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        render_to_directory(files, staging, package, use_cache=use_cache)
        if out.exists():
            out.rename(backup)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if backup.exists() and not out.exists():
            backup.rename(out)
        raise
    shutil.rmtree(backup, ignore_errors=True)


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


def diff_trees(expected: Path, actual: Path, *, max_lines: int = 400) -> str:
    """A readable multi-file diff: missing, extra and changed files ("" when identical)."""
    want, have = read_tree(expected), read_tree(actual)
    report: list[str] = []
    for name in sorted(set(want) - set(have)):
        report.append(f"missing file: {name}")
    for name in sorted(set(have) - set(want)):
        report.append(f"extra file: {name}")
    for name in sorted(set(want) & set(have)):
        if want[name] != have[name]:
            report.append(f"changed file: {name}")
            a = want[name].decode("utf-8", "replace").splitlines(keepends=True)
            b = have[name].decode("utf-8", "replace").splitlines(keepends=True)
            report.extend(
                line.rstrip("\n") for line in difflib.unified_diff(a, b, f"expected/{name}", f"actual/{name}", n=2)
            )
    if len(report) > max_lines:
        report = [*report[:max_lines], f"... ({len(report) - max_lines} more lines)"]
    return "\n".join(report)
