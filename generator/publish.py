"""Build an SDK project into an sdist and a wheel, check them, and upload them to a package index.

The work is done by the standard tools, run with this interpreter: ``python -m build`` (the
PyPA build frontend), ``twine check`` and ``twine upload``. Credentials are twine's own:
``TWINE_USERNAME``/``TWINE_PASSWORD`` in the environment, or the system keyring; they are never
put on a command line, and any that shows up in twine's output is masked before it is printed.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from packaging.utils import canonicalize_name
from packaging.version import Version

from generator.errors import GeneratorError
from generator.merge import has_conflict_markers
from generator.output import MANIFEST, manifest_files

DIST = "dist"
INSTALL_HINT = "install sdkgen's release tools: pip install 'sdkgen[release]' (build and twine)"


@dataclass(frozen=True)
class Project:
    """The name and version of an SDK project, from its pyproject.toml."""

    root: Path
    name: str
    version: str

    def artifacts(self) -> list[Path]:
        """The sdist and wheels of this name and version in ``root/dist``."""
        prefix = re.sub(r"[-_.]+", "_", canonicalize_name(self.name)) + f"-{Version(self.version)}"
        folder = self.root / DIST
        found = [p for p in folder.glob("*") if p.name.startswith((prefix + "-", prefix + ".tar.gz"))]
        return sorted(p for p in found if p.name.endswith((".whl", ".tar.gz")))


def read_project(root: Path) -> Project:
    """The SDK project in ``root`` (its pyproject.toml's name and version)."""
    pyproject = root / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        return Project(root, str(project["name"]), str(project["version"]))
    except FileNotFoundError:
        raise GeneratorError(f"{root} holds no SDK project (no pyproject.toml): run `sdkgen generate` first") from None
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise GeneratorError(f"{pyproject}: no [project] name and version ({exc})") from None


def _require(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise GeneratorError(f"`{module}` is not installed; {INSTALL_HINT}")


def _conflicted(root: Path) -> list[str]:
    """Generated files that still hold merge conflict markers."""
    names = sorted((manifest_files(root) or set()) - {MANIFEST})
    return [n for n in names if (root / n).is_file() and has_conflict_markers((root / n).read_bytes())]


def build(root: Path, *, isolation: bool = True) -> list[Path]:
    """``python -m build`` (sdist and wheel) into ``root/dist``, then ``twine check --strict``; the files."""
    _require("build")
    _require("twine")
    project = read_project(root)
    conflicted = _conflicted(root)
    if conflicted:
        raise GeneratorError(f"{len(conflicted)} generated file(s) still hold conflict markers: "
                             f"{', '.join(conflicted)}; resolve them before building")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="sdkgen-build-") as scratch:
        command = [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", scratch, str(root)]
        if not isolation:
            command.insert(3, "--no-isolation")
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-25:])
            raise GeneratorError(f"python -m build failed for {root}:\n{tail}")
        (root / DIST).mkdir(exist_ok=True)
        built = []
        for path in sorted(Path(scratch).iterdir()):
            target = root / DIST / path.name
            shutil.move(path, target)  # replaces an earlier build of the same version
            built.append(target)
    expected = project.artifacts()
    check = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, built)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    if check.returncode != 0:
        raise GeneratorError(f"twine check failed:\n{(check.stdout + check.stderr).strip()}")
    if sorted(built) != expected:
        raise GeneratorError(f"python -m build made {[p.name for p in built]}, not the files of "
                             f"{project.name} {project.version}")  # fmt: skip
    return built


@dataclass(frozen=True)
class UploadResult:
    """What ``twine upload`` said, with secrets masked."""

    ok: bool
    output: str
    already_exists: bool  # the index refused a version it already has


def redacted_url(url: str) -> str:
    """``url`` without a password in it (``https://user:***@host/``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def mask(text: str, secrets: list[str]) -> str:
    """``text`` with every secret (longer than 3 characters) replaced by ``***``."""
    for secret in sorted((s for s in secrets if len(s) > 3), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


# Index servers say so in their own words: PyPI 400 "File already exists", pypiserver 409.
_EXISTS = re.compile(r"\b409\b|already\s+exists", re.IGNORECASE)


def upload(project: Project, repository_url: str | None) -> UploadResult:
    """``twine upload`` of ``project``'s built files; credentials come from the environment or keyring."""
    _require("twine")
    files = project.artifacts()
    if not files:
        raise GeneratorError(f"nothing built for {project.name} {project.version} in {project.root / DIST}; "
                             "run `sdkgen build` first")  # fmt: skip
    # --verbose: an index that refuses says why in the response body (PyPI in the status line).
    command = [sys.executable, "-m", "twine", "--no-color", "upload", "--non-interactive", "--disable-progress-bar",
               "--verbose"]  # fmt: skip
    if repository_url:
        command += ["--repository-url", repository_url]
    env = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}  # wide: rich wraps messages
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, env=env, check=False)
    secrets = [os.environ.get("TWINE_PASSWORD", ""), urlsplit(repository_url or "").password or ""]
    output = mask(result.stdout + result.stderr, secrets)
    if repository_url:
        output = output.replace(repository_url, redacted_url(repository_url))
    return UploadResult(result.returncode == 0, output.strip(), result.returncode != 0 and bool(_EXISTS.search(output)))
