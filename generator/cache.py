"""The generation cache: whole generations by their inputs, in the user cache folder.

The folder is the user cache folder (``SDKGEN_CACHE_DIR`` overrides it). Writers put an entry in
place with an atomic rename, so concurrent runs see either a whole entry or none; each entry
carries a checksum of its bytes, and one that fails it is treated as a miss. After a write the
folder is pruned, least recently used first, to ``SDKGEN_CACHE_MAX_MB`` (default 256 MB).
Entries are named by a SHA-256 key that covers everything they depend on, so a stale entry is
never found, only left to age out.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import itertools
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


class EntryCache:
    """Entries by key in one folder (see the module docstring), written and read as a stream of bytes."""

    def __init__(self, suffix: str, root: Path | None = None, max_bytes: int | None = None) -> None:
        self.root = root if root is not None else cache_dir()
        self.max_bytes = max_bytes if max_bytes is not None else _max_bytes()
        self.suffix = suffix

    def _path(self, key: str) -> Path:
        return self.root / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        """The bytes stored under ``key``, or None (absent, unreadable or corrupt)."""
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        raw = _decode(blob)
        if raw is None:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return raw

    def put(self, key: str, chunks: Iterable[bytes]) -> None:
        """Store the bytes of ``chunks`` under ``key`` (atomically), then prune.

        The chunks are compressed as they come: a big entry is never held whole in memory.
        A cache that cannot be written is skipped.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=self.suffix, dir=self.root)
            try:
                with os.fdopen(handle, "wb") as stream:
                    _encode(chunks, stream)
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


# An entry: magic line, the zlib-compressed bytes, then a newline and the SHA-256 of the bytes.
_MAGIC = b"sdkgen-cache 2\n"
_TRAILER = 65  # b"\n" + 64 hex digits


def _encode(chunks: Iterable[bytes], stream: BinaryIO) -> None:
    # Level 1: a quarter of the time of 6 on the megabytes of a big SDK, for entries half again as big.
    compressor = zlib.compressobj(1)
    digest = hashlib.sha256()
    stream.write(_MAGIC)
    for chunk in chunks:
        digest.update(chunk)
        stream.write(compressor.compress(chunk))
    stream.write(compressor.flush())
    stream.write(b"\n" + digest.hexdigest().encode())


def _decode(blob: bytes) -> bytes | None:
    if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _TRAILER:
        return None
    try:
        raw = zlib.decompress(blob[len(_MAGIC) : -_TRAILER])
    except zlib.error:
        return None
    return raw if hashlib.sha256(raw).hexdigest().encode() == blob[-_TRAILER + 1 :] else None


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
    are listed in the entry with their digests and checked on every hit. An entry is a line of
    JSON (the report, and each file's name and size) followed by the files' bytes.
    """

    def __init__(self) -> None:
        self._entries = EntryCache(".generation")

    def key(self, spec: Path, settings: str) -> str:
        """The key of a generation of ``spec`` with ``settings`` (every option that shapes the output)."""
        digest = hashlib.sha256(generator_fingerprint().encode())
        digest.update(f"{spec.resolve()}\n{settings}\n{file_digest(spec)}".encode())
        return digest.hexdigest()

    def get(self, key: str) -> Generation | None:
        """The generation stored under ``key``, if every file it read is unchanged."""
        raw = self._entries.get(key)
        if raw is None:
            return None
        try:
            header_end = raw.index(b"\n")
            entry = json.loads(raw[:header_end])
            if any(file_digest(Path(path)) != digest for path, digest in entry["dependencies"]):
                return None
            tree: dict[str, str] = {}
            position = header_end + 1
            for name, size in entry["files"]:
                tree[name] = raw[position : position + size].decode("utf-8")
                position += size
            return Generation(tree, tuple(entry["warnings"]), entry["operations"], entry["models"], entry["package"])
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return None

    def put(self, key: str, generation: Generation, dependencies: list[Path]) -> None:
        """Store ``generation`` under ``key``; ``dependencies`` are the other files it read."""
        tree = generation.tree
        header = {
            "dependencies": [[str(path), file_digest(path)] for path in dependencies],
            "warnings": list(generation.warnings),
            "operations": generation.operations,
            "models": generation.models,
            "package": generation.package,
            "files": [[name, len(text.encode("utf-8"))] for name, text in tree.items()],
        }
        header_line = json.dumps(header, ensure_ascii=False).encode() + b"\n"
        # Each file encoded as it is written: the entry is never held whole in memory.
        self._entries.put(key, itertools.chain([header_line], (text.encode("utf-8") for text in tree.values())))
