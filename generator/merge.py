"""Hand edits survive regeneration: the base snapshot and the three-way merge of edited files.

Every generation stores what it wrote in ``.sdkgen-base.tar.gz`` beside ``.sdkgen-manifest.json``
(a gzipped tar, about a fifth of the SDK's size). It is committed with the SDK, so a teammate's
checkout and CI have the base too, also outside git. At the next generation a file that differs
from its base carries a hand edit; ``git merge-file`` replays it onto the new generation: the base
is the last generation, "ours" the file on disk, "theirs" the new one.
"""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError

SNAPSHOT = ".sdkgen-base.tar.gz"
_MARKERS = (b"<<<<<<< ", b">>>>>>> ")


def snapshot_bytes(files: dict[str, bytes]) -> bytes:
    """A deterministic gzipped tar of ``files`` (no dates, owners or modes that vary by machine)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as zipped:
        with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name in sorted(files):
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = len(files[name]), 0o644, 0
                tar.addfile(info, io.BytesIO(files[name]))
    return buffer.getvalue()


def read_snapshot(data: bytes) -> dict[str, bytes]:
    """The files of a snapshot; a damaged one is a GeneratorError."""
    try:
        files: dict[str, bytes] = {}
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar:
                extracted = tar.extractfile(member) if member.isfile() else None
                if extracted is not None:
                    files[member.name] = extracted.read()
        return files
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise GeneratorError(f"{SNAPSHOT} is damaged ({exc}); regenerate with --discard-edits") from exc


def load_snapshot(out: Path) -> dict[str, bytes] | None:
    """The base of the last generation into ``out`` (None: none was recorded)."""
    path = out / SNAPSHOT
    if not path.is_file():
        return None
    try:
        return read_snapshot(path.read_bytes())
    except GeneratorError as exc:
        raise GeneratorError(f"{out}/{exc}") from None


def write_snapshot(root: Path, names: list[str], previous: Path | None = None) -> None:
    """Record ``names`` (below ``root``) as the base of the next generation.

    When ``previous`` holds the same files its bytes are kept, so a regeneration on a machine
    whose zlib compresses differently changes nothing.
    """
    files = {name: (root / name).read_bytes() for name in names}
    target = root / SNAPSHOT
    if previous is not None and previous.is_file():
        try:
            if read_snapshot(previous.read_bytes()) == files:
                shutil.copyfile(previous, target)
                return
        except GeneratorError:
            pass  # a damaged snapshot is simply replaced
    target.write_bytes(snapshot_bytes(files))


def has_conflict_markers(data: bytes) -> bool:
    """Whether a file still holds the conflict markers of a merge."""
    lines = data.splitlines()
    return all(any(line.startswith(marker) for line in lines) for marker in _MARKERS) and b"=======" in lines


@dataclass(frozen=True)
class Merged:
    """A hand-edited file merged with its new generation."""

    data: bytes
    conflicts: int  # conflicting hunks, left between standard markers


def merge_edit(name: str, ours: bytes, base: bytes, theirs: bytes) -> Merged:
    """Replay the edit ``base`` → ``ours`` onto ``theirs``; what the user appended at the end stays there.

    A new operation also grows a module at its end, so a helper appended there would be a
    conflict for a line-based merge; it is set aside, the rest merged, and it is appended again.
    """
    head, tail = _appended(ours, base)
    merged = merge_file(name, head, base, theirs)
    return Merged(merged.data + tail, merged.conflicts) if tail else merged


_ANCHOR_LINES = 3  # the last lines of the base that mark where an appended block starts


def _appended(ours: bytes, base: bytes) -> tuple[bytes, bytes]:
    """``ours`` as (the edited generation, a block appended after its end)."""
    end = b"".join(base.splitlines(keepends=True)[-_ANCHOR_LINES:])
    at = ours.rfind(end) if end.endswith(b"\n") else -1
    if at < 0 or at + len(end) == len(ours):
        return ours, b""
    return ours[: at + len(end)], ours[at + len(end) :]


def merge_file(name: str, ours: bytes, base: bytes, theirs: bytes) -> Merged:
    """``git merge-file``: replay the edit ``base`` → ``ours`` onto ``theirs``."""
    git = shutil.which("git")
    if git is None:
        raise GeneratorError(
            f"{name} carries hand edits and merging them needs git (`git merge-file`); "
            "install git, or pass --discard-edits to take the new generation as it is"
        )
    with tempfile.TemporaryDirectory(prefix="sdkgen-merge-") as scratch:
        paths = []
        for label, data in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(scratch) / label
            path.write_bytes(data)
            paths.append(str(path))
        labels = [f"{name} (your edit)", f"{name} (last generation)", f"{name} (new generation)"]
        result = subprocess.run(
            [git, "merge-file", "-p", *(arg for label in labels for arg in ("-L", label)), *paths],
            capture_output=True,
            check=False,
        )
    if result.returncode < 0 or result.returncode > 127:  # git's own failure, not a count of conflicts
        raise GeneratorError(f"git merge-file failed on {name}: {result.stderr.decode(errors='replace').strip()}")
    return Merged(result.stdout, result.returncode)
