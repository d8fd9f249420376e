"""A content-addressed cache of the models that datamodel-code-generator renders.

An entry's key is the SHA-256 of everything the rendered source depends on: the request handed
to datamodel-code-generator (the JSON-Schema document, aliases, base classes, header; see
``generator.models.model_request``), datamodel-code-generator's version, the model templates
and the source of ``generator/models.py`` (which holds the options). Any change to one of them
is a different key, so a stale entry can never be found, only left to age out.

The cache lives in the user cache folder (``SDKGEN_CACHE_DIR`` overrides it). Writers put an
entry in place with an atomic rename, so concurrent runs see either a whole entry or none; each
entry carries a checksum of its text, and one that fails it is treated as a miss. After a write
the folder is pruned, least recently used first, to ``SDKGEN_CACHE_MAX_MB`` (default 256 MB).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
import tempfile
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from generator import TEMPLATES, __version__

_HERE = Path(__file__).resolve().parent
_MODEL_TEMPLATES = TEMPLATES / "models"
_SUFFIX = ".models"
# Every kind of entry the folder holds (see generator/format_cache.py): pruned together.
_SUFFIXES = (".models", ".tree")
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


@cache
def renderer_fingerprint() -> str:
    """A digest of what renders the models besides the request: versions, templates, options."""
    digest = hashlib.sha256()
    digest.update(f"sdkgen {__version__}\n".encode())
    digest.update(f"datamodel-code-generator {_dcg_version()}\n".encode())
    sources = [("generator/models.py", _HERE / "models.py")]
    sources += [
        (f"templates/models/{p.relative_to(_MODEL_TEMPLATES).as_posix()}", p) for p in _MODEL_TEMPLATES.rglob("*")
    ]
    for name, path in sorted(sources):
        if path.is_file():
            digest.update(f"{name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _dcg_version() -> str:
    try:
        return importlib.metadata.version("datamodel-code-generator")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - it is a dependency
        return "unknown"


def cache_key(request: dict[str, Any], fingerprint: str | None = None) -> str:
    """The key of a model request: SHA-256 of the renderer fingerprint and the request.

    The request is serialized with pickle, which keeps key order (the order of schemas and
    properties is the order of the rendered classes and fields, so it is content) and the
    exact type of every value (a YAML date and the string of it render differently).
    """
    digest = hashlib.sha256((fingerprint or renderer_fingerprint()).encode())
    digest.update(pickle.dumps(request, protocol=5))
    return digest.hexdigest()


class ModelCache:
    """Texts by key in one folder (see the module docstring): rendered models, or formatted trees."""

    def __init__(self, root: Path | None = None, max_bytes: int | None = None, suffix: str = _SUFFIX) -> None:
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
        self._prune_hints()
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):  # another run may have removed it first
                path.unlink()
            total -= size

    def _prune_hints(self) -> None:
        """Keep the newest ``_MAX_HINTS`` hints of generator/model_worker.py (one per command)."""
        try:
            hints = sorted(self.root.joinpath("hints").iterdir(), key=lambda p: p.stat().st_mtime)
        except OSError:
            return
        for path in hints[:-_MAX_HINTS]:
            with contextlib.suppress(OSError):
                path.unlink()


_MAX_HINTS = 256

# An entry: magic line, SHA-256 of the text, then the zlib-compressed UTF-8 text.
_MAGIC = b"sdkgen-models 1\n"


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
