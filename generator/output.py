"""Format rendered files and write them atomically; compare trees for ``check`` and golden tests."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.errors import GeneratorError

MANIFEST = ".sdkgen-manifest.json"
LINE_LENGTH = 88  # black's default, so `black --check` agrees with the output


def write_tree(files: dict[str, str], root: Path) -> None:
    """Write ``files`` (relative path → text) below ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def format_tree(root: Path, package: str) -> None:
    """Remove unused imports, sort imports and format, with ruff (black-compatible output)."""
    ruff = [sys.executable, "-m", "ruff"]
    common = ["--isolated", f"--line-length={LINE_LENGTH}", "--target-version=py311"]
    steps = [
        [*ruff, "check", *common, "--fix", "--select=F401,I", "--quiet", "--exit-zero",
         f"--config=lint.isort.known-first-party=['{package}']", "--config=lint.isort.combine-as-imports=true", str(root)],
        [*ruff, "format", *common, "--quiet", str(root)],
    ]  # fmt: skip
    for command in steps:
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise GeneratorError(f"formatting failed ({' '.join(command[2:4])}):\n{result.stderr or result.stdout}")


def render_to_directory(files: dict[str, str], root: Path, package: str) -> None:
    """Write and format ``files`` into the (new, empty) directory ``root``."""
    manifest = {"generator": "sdkgen", "files": sorted(files)}
    write_tree({**files, MANIFEST: json.dumps(manifest, indent=2) + "\n"}, root)
    format_tree(root, package)


def replace_directory(files: dict[str, str], out: Path, package: str, *, force: bool = False) -> None:
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
        render_to_directory(files, staging, package)
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
        if path.is_file() and not skip.intersection(path.relative_to(root).parts) and not path.name.endswith(".egg-info"):
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
            report.extend(line.rstrip("\n") for line in difflib.unified_diff(a, b, f"expected/{name}", f"actual/{name}", n=2))
    if len(report) > max_lines:
        report = [*report[:max_lines], f"... ({len(report) - max_lines} more lines)"]
    return "\n".join(report)
