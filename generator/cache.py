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
import hashlib
import os
import tempfile
import zlib
from pathlib import Path

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
    return _MAGIC + hashlib.sha256(raw).hexdigest().encode() + b"\n" + zlib.compress(raw, 6)


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
