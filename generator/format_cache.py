"""A content-addressed cache of formatted SDK trees: a rerun on unchanged input skips ruff.

The key is the SHA-256 of every file as rendered (before formatting; the models included), the
package name (ruff's first-party setting) and what formats them: the versions of ruff and black
and the source of ``generator/output.py`` (which holds their options). The entry is the tree as
the formatter left it, so restoring it writes the same bytes a formatting run would. Entries
share one folder, bound and pruning (``generator.cache``).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from functools import cache
from pathlib import Path

from generator import __version__
from generator.cache import TextCache

_OUTPUT_SOURCE = Path(__file__).resolve().parent / "output.py"


@cache
def formatter_fingerprint() -> str:
    """A digest of what formats the tree: ruff's and black's versions, our formatting code."""
    digest = hashlib.sha256(f"sdkgen {__version__}\n".encode())
    for name in ("ruff", "black"):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name} {version}\n".encode())
    digest.update(_OUTPUT_SOURCE.read_bytes())
    return digest.hexdigest()


def tree_key(files: dict[str, str], package: str, formatter: str = "ruff") -> str:
    """The key of the formatted tree of ``files`` (relative path → rendered text)."""
    digest = hashlib.sha256(formatter_fingerprint().encode())
    digest.update(f"package {package}\nformatter {formatter}\n".encode())
    for name in sorted(files):
        data = files[name].encode("utf-8")
        digest.update(f"{len(name)}:{name}{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


class FormatCache:
    """Formatted trees by ``tree_key``."""

    def __init__(self) -> None:
        self._cache = TextCache(".tree")

    def restore(self, key: str, root: Path) -> bool:
        """Write the cached tree of ``key`` below ``root``; False (nothing written) on a miss."""
        text = self._cache.get(key)
        if text is None:
            return False
        try:
            tree = json.loads(text)
        except ValueError:
            return False
        for relative, content in tree.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
        return True

    def store(self, key: str, root: Path, names: list[str]) -> None:
        """Keep the formatted files ``names`` below ``root`` under ``key``."""
        tree = {name: (root / name).read_text(encoding="utf-8") for name in names}
        self._cache.put(key, json.dumps(tree, ensure_ascii=False))
