"""A content-addressed store of texts in the user cache folder, shared by sdkgen's caches.

The folder is the user cache folder (``SDKGEN_CACHE_DIR`` overrides it). Writers put an entry in
place with an atomic rename, so concurrent runs see either a whole entry or none; each entry
carries a checksum of its text, and one that fails it is treated as a miss. After a write the
folder is pruned, least recently used first, to ``SDKGEN_CACHE_MAX_MB`` (default 256 MB).
Entries are named by a SHA-256 key that covers everything they depend on, so a stale entry is
never found, only left to age out.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from generator import TEMPLATES

# Every kind of entry the folder holds: pruned together.
_SUFFIXES = (".tree", ".generation")
_DEFAULT_MAX_MB = 256


def cache_dir() -> Path:
    """The cache folder: ``SDKGEN_CACHE_DIR``, else ``<user cache folder>/sdkgen/generation``."""
    override = os.environ.get("SDKGEN_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("sdkgen")) / "generation"


def _max_bytes() -> int:
    try:
        return int(float(os.environ.get("SDKGEN_CACHE_MAX_MB", _DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return _DEFAULT_MAX_MB * 1024 * 1024


class TextCache:
    """Texts by key in one folder (see the module docstring)."""

    def __init__(self, suffix: str, root: Path | None = None, max_bytes: int | None = None) -> None:
        self.root = root if root is not None else cache_dir()
        self.max_bytes = max_bytes if max_bytes is not None else _max_bytes()
        self.suffix = suffix

    def _path(self, key: str) -> Path:
        return self.root / f"{key}{self.suffix}"

    def get(self, key: str) -> str | None:
        """The source stored under ``key``, or None (absent, unreadable or corrupt)."""
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        text = _decode(blob)
        if text is None:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return text

    def put(self, key: str, text: str) -> None:
        """Store ``text`` under ``key`` (atomically), then prune; a cache that cannot be written is skipped."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=self.suffix, dir=self.root)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(_encode(text))
                os.replace(temporary, self._path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            return
        self.prune()

    def prune(self) -> None:
        """Delete least recently used entries until the folder holds at most ``max_bytes``."""
        entries: list[tuple[float, int, Path]] = []
        try:
            with os.scandir(self.root) as scan:
                for entry in scan:
                    if entry.name.endswith(_SUFFIXES) and not entry.name.startswith(".tmp-"):
                        with contextlib.suppress(OSError):
                            stat = entry.stat()
                            entries.append((stat.st_mtime, stat.st_size, Path(entry.path)))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):  # another run may have removed it first
                path.unlink()
            total -= size


# An entry: magic line, SHA-256 of the text, then the zlib-compressed UTF-8 text.
_MAGIC = b"sdkgen-cache 1\n"


def _encode(text: str) -> bytes:
    raw = text.encode("utf-8")
    # Level 1: a quarter of the time of 6 on the megabytes of a big SDK, for entries half again as big.
    return _MAGIC + hashlib.sha256(raw).hexdigest().encode() + b"\n" + zlib.compress(raw, 1)


def _decode(blob: bytes) -> str | None:
    if not blob.startswith(_MAGIC):
        return None
    header_end = blob.find(b"\n", len(_MAGIC))
    if header_end < 0:
        return None
    try:
        raw = zlib.decompress(blob[header_end + 1 :])
    except zlib.error:
        return None
    if hashlib.sha256(raw).hexdigest().encode() != blob[len(_MAGIC) : header_end]:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


# -- whole generations ---------------------------------------------------------------------

_GENERATOR = Path(__file__).resolve().parent


@functools.cache
def generator_fingerprint() -> str:
    """A digest of everything besides the inputs that shapes a generation: this generator's
    source and templates, and the versions of Python and of the tools it runs."""
    digest = hashlib.sha256(f"python {sys.version_info[:2]}\n".encode())
    for name in ("ruff", "black", "jinja2", "pyyaml"):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name} {version}\n".encode())
    for root in (_GENERATOR, TEMPLATES):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_digest(folder: Path | None) -> str:
    """A digest of every file below ``folder`` (a user's templates), "" for none."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes ("" when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass(frozen=True)
class Generation:
    """A finished generation: the formatted files and what the run reported."""

    tree: dict[str, str]  # relative path → formatted text (the manifest included)
    warnings: tuple[str, ...]
    operations: int
    models: int
    package: str


class GenerationCache:
    """Whole generations by their inputs: a rerun on unchanged files skips loading, building and formatting.

    The key covers the spec file (its path and bytes), the settings (names, formatter, the user's
    templates) and :func:`generator_fingerprint`. Files the spec refers to (a multi-file spec)
    are listed in the entry with their digests and checked on every hit.
    """

    def __init__(self) -> None:
        self._texts = TextCache(".generation")

    def key(self, spec: Path, settings: str) -> str:
        """The key of a generation of ``spec`` with ``settings`` (every option that shapes the output)."""
        digest = hashlib.sha256(generator_fingerprint().encode())
        digest.update(f"{spec.resolve()}\n{settings}\n{file_digest(spec)}".encode())
        return digest.hexdigest()

    def get(self, key: str) -> Generation | None:
        """The generation stored under ``key``, if every file it read is unchanged."""
        text = self._texts.get(key)
        if text is None:
            return None
        try:
            entry = json.loads(text)
            if any(file_digest(Path(path)) != digest for path, digest in entry["dependencies"]):
                return None
            return Generation(
                entry["tree"], tuple(entry["warnings"]), entry["operations"], entry["models"], entry["package"]
            )
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, generation: Generation, dependencies: list[Path]) -> None:
        """Store ``generation`` under ``key``; ``dependencies`` are the other files it read."""
        entry = {
            "dependencies": [[str(path), file_digest(path)] for path in dependencies],
            "warnings": list(generation.warnings),
            "operations": generation.operations,
            "models": generation.models,
            "package": generation.package,
            "tree": generation.tree,
        }
        self._texts.put(key, json.dumps(entry, ensure_ascii=False))
