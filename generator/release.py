"""Releases: the next version from what changed since the last one, and its changelog entry.

The last release is recorded in the SDK's ``.sdkgen-manifest.json`` (``"release": {"version",
"date"}``); generation reads the version from there, so a released version sticks across
regenerations (an explicit ``version`` setting still wins). The changes come from the diff
engine (:mod:`generator.diff`); this module only turns them into a version and Markdown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from packaging.version import InvalidVersion, Version

from generator.diff import Change, counts
from generator.errors import GeneratorError

MANIFEST = ".sdkgen-manifest.json"
CHANGELOG = "CHANGELOG.md"
Bump = Literal["major", "minor", "patch"]
GROUPS = ("Breaking", "Added", "Changed", "Deprecated", "Removed")

CHANGELOG_HEADER = """\
# Changelog

All notable changes to this SDK are listed here, newest first. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and versions follow
[Semantic Versioning](https://semver.org/spec/v2.0.0.html) (while at 0.x, a breaking
change bumps the minor version).
"""


@dataclass(frozen=True)
class ReleaseRecord:
    """The last release of an SDK, as its manifest records it."""

    version: str
    date: str  # YYYY-MM-DD

    def as_json(self) -> dict[str, str]:
        """The manifest's ``release`` value."""
        return {"version": self.version, "date": self.date}


def read_release(out: Path | None) -> ReleaseRecord | None:
    """The release recorded in ``out``'s manifest (None: none, or no manifest)."""
    if out is None:
        return None
    try:
        release = json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("release")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(release, dict) or not isinstance(release.get("version"), str):
        return None
    return ReleaseRecord(release["version"], str(release.get("date", "")))


def parse_version(text: str, where: str) -> Version:
    """A PEP 440 version, or a GeneratorError naming ``where`` it came from."""
    try:
        return Version(text)
    except InvalidVersion:
        raise GeneratorError(f"{where}: {text!r} is not a version (PEP 440, e.g. 1.4.0)") from None


def bump_kind(changes: Sequence[Change], current: Version) -> Bump:
    """Semantic versioning from the changes: breaking → major, any other change → minor, none → patch.

    While at 0.x the API is not stable: breaking → minor, anything else → patch.
    """
    n = counts(changes)
    if n["breaking"]:
        return "minor" if current.major == 0 else "major"
    if n["warning"] or n["compatible"]:
        return "patch" if current.major == 0 else "minor"
    return "patch"


def next_version(current: Version, kind: Bump) -> str:
    """``current`` bumped by ``kind`` (a pre-release or local part is dropped)."""
    major, minor, patch = (*current.release, 0, 0)[:3]
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    if current.pre is not None or current.dev is not None:
        return f"{major}.{minor}.{patch}"  # 1.2.0b1 → 1.2.0: the release of that pre-release
    return f"{major}.{minor}.{patch + 1}"


def group_of(change: Change) -> str:
    """The changelog group of a change: Breaking, Added, Changed, Deprecated or Removed."""
    if change.level == "breaking":
        return "Breaking"
    if "deprecated" in change.rule or change.rule == "sunset-changed":
        return "Deprecated"
    if change.rule.endswith("-added") or "-added-" in change.rule:
        return "Added"
    if "removed" in change.rule:
        return "Removed"
    return "Changed"


def _md(text: str) -> str:
    """Spec text inside one Markdown list item: no new lines, no HTML."""
    return " ".join(text.split()).replace("<", "&lt;").replace(">", "&gt;")


def _names(change: Change) -> str:
    old, new = ("`" + _md(name).replace("`", "'") + "`" if name else "" for name in (change.old, change.new))
    if old and new and old != new:
        return f"{old} → {new}"
    return new or old


def changelog_entry(version: str, date: str, changes: Sequence[Change], *, first: bool = False) -> str:
    """One Keep a Changelog section: ``## [version] - date``, then the changes by group."""
    lines = [f"## [{version}] - {date}", ""]
    if first:
        lines += ["Initial release.", ""]
    elif not changes:
        lines += ["### Changed", "", "- No change to the SDK's API (a rebuild of the same spec).", ""]
    for group in GROUPS:
        entries = [c for c in changes if group_of(c) == group]
        if not entries:
            continue
        lines += [f"### {group}", ""]
        for change in entries:
            names = _names(change)
            named = all(f"`{name}`" in change.message for name in (change.old, change.new) if name)
            lines.append(f"- {names}: {_md(change.message)}" if names and not named else f"- {_md(change.message)}")
        lines.append("")
    return "\n".join(lines)


_SECTION = re.compile(r"^## ", re.MULTILINE)


def prepend_entry(existing: str | None, entry: str) -> str:
    """The changelog with ``entry`` as its newest section (a new file gets the standard header)."""
    if not existing or not existing.strip():
        return f"{CHANGELOG_HEADER}\n{entry}"
    match = _SECTION.search(existing)
    if match is None:
        return existing.rstrip("\n") + f"\n\n{entry}"
    return existing[: match.start()] + entry + "\n" + existing[match.start() :]


def today() -> str:
    """Today's date, YYYY-MM-DD."""
    return dt.date.today().isoformat()
