"""OpenAPI Overlay 1.0 documents, applied to the loaded spec before anything else reads it.

An overlay lists actions, applied in order, each to the nodes its ``target`` (an RFC 9535
JSONPath, evaluated by ``jsonpath-rfc9535`` against the document as the earlier actions left
it) selects::

    overlay: 1.0.0
    info: {title: Our names for the vendor's API, version: 1.0.0}
    actions:
      - target: $.paths['/v1/jobs/{id}'].get
        update: {x-sdk-method: fetch}
      - target: $.paths['/internal/debug']
        remove: true

``update`` merges an object into each selected object (nested objects merge, other values
replace) or appends to each selected array; ``remove: true`` deletes each selected node.
A target that selects nothing is a located warning; an overlay that is not valid is a
located error. Overlays apply to the root document (not to files it ``$ref``\\s).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import SpecError, SpecWarning
from generator.loader import SpecDocument, check_structure, join_pointer, read_document

if TYPE_CHECKING:
    import jsonpath_rfc9535

_ACTION_KEYS = frozenset({"target", "description", "update", "remove"})
_TOP_KEYS = frozenset({"overlay", "info", "extends", "actions"})


@dataclass(frozen=True)
class OverlayAction:
    """One action: where it is written, its compiled target and what it does."""

    pointer: str  # of the action in the overlay file
    target: str
    query: jsonpath_rfc9535.JSONPathQuery
    update: Any = None
    remove: bool = False


@dataclass(frozen=True)
class Overlay:
    """A validated overlay document."""

    document: SpecDocument
    actions: tuple[OverlayAction, ...]

    @property
    def path(self) -> Path:
        """The overlay's file."""
        return self.document.path


def load_overlay(path: Path) -> Overlay:
    """Read and validate an Overlay 1.0 document; every problem is a located :class:`SpecError`."""
    document = read_document(path)
    root = document.root

    def fail(message: str, pointer: str = "", hint: str = "") -> SpecError:
        return SpecError(f"invalid overlay: {message}", document.locate(pointer), hint)

    if not isinstance(root, dict):
        raise fail("an overlay is a mapping with `overlay`, `info` and `actions`")
    version = root.get("overlay")
    if not isinstance(version, str) or not version.startswith("1."):
        raise fail("`overlay` must be the Overlay version, e.g. 1.0.0", "/overlay" if "overlay" in root else "")
    info = root.get("info")
    if not isinstance(info, dict) or not all(isinstance(info.get(k), str) for k in ("title", "version")):
        raise fail("`info` needs a `title` and a `version`", "/info" if "info" in root else "")
    for key in root:
        if key not in _TOP_KEYS and not str(key).startswith("x-"):
            raise fail(f"unknown field {key!r}", join_pointer("", str(key)), f"known: {', '.join(sorted(_TOP_KEYS))}")
    actions = root.get("actions")
    if not isinstance(actions, list) or not actions:
        raise fail("`actions` must list at least one action", "/actions" if "actions" in root else "")
    return Overlay(document, tuple(_action(document, index, action, fail) for index, action in enumerate(actions)))


def _action(document: SpecDocument, index: int, action: Any, fail: Any) -> OverlayAction:
    pointer = join_pointer("/actions", index)
    if not isinstance(action, dict):
        raise fail("an action is a mapping with `target` and `update` or `remove`", pointer)
    for key in action:
        if key not in _ACTION_KEYS and not str(key).startswith("x-"):
            raise fail(f"unknown action field {key!r}", join_pointer(pointer, str(key)),
                       f"known: {', '.join(sorted(_ACTION_KEYS))}")  # fmt: skip
    target = action.get("target")
    if not isinstance(target, str) or not target.strip():
        raise fail(
            "an action needs a `target` (a JSONPath)", pointer if "target" not in action else pointer + "/target"
        )
    try:
        import jsonpath_rfc9535  # only a document with overlays needs it

        query = jsonpath_rfc9535.compile(target)
    except jsonpath_rfc9535.JSONPathError as exc:
        raise fail(f"`target` {target!r} is not an RFC 9535 JSONPath: {exc.args[0] if exc.args else exc}",
                   join_pointer(pointer, "target")) from None  # fmt: skip
    remove = action.get("remove", False)
    if not isinstance(remove, bool):
        raise fail("`remove` must be true or false", join_pointer(pointer, "remove"))
    if not remove and "update" not in action:
        raise fail("an action needs `update` or `remove: true`", pointer)
    if remove and target.strip() == "$":
        raise fail("the whole document cannot be removed", join_pointer(pointer, "target"))
    return OverlayAction(pointer, target, query, action.get("update"), remove)


def apply_overlays(document: SpecDocument, overlays: Sequence[Overlay]) -> list[SpecWarning]:
    """Apply every overlay's actions, in order, to ``document``'s content (in place); the warnings.

    The result passes the loader's checks again (nesting depth, size, strings), so an overlay
    cannot smuggle in what a spec could not hold.
    """
    warnings: list[SpecWarning] = []
    root = document.root
    for overlay in overlays:
        for action in overlay.actions:
            nodes = list(action.query.find(root))
            if not nodes:
                warnings.append(SpecWarning(f"overlay target {action.target!r} matches nothing; action skipped",
                                            overlay.document.locate(join_pointer(action.pointer, "target"))))  # fmt: skip
                continue
            if action.remove:
                # Deepest and last first, so removing one node does not shift the next one's index.
                for node in sorted(nodes, key=lambda n: (len(n.location), n.location), reverse=True):
                    _remove(root, node.location)
                continue
            for node in nodes:
                problem = _update(node, action.update)
                if problem:
                    where = overlay.document.locate(join_pointer(action.pointer, "update"))
                    raise SpecError(f"invalid overlay: {problem}", where)
    check_structure(document)
    return warnings


def _parent(root: Any, location: tuple[str | int, ...]) -> Any:
    parent = root
    for key in location[:-1]:
        parent = parent[key]
    return parent


def _remove(root: Any, location: tuple[str | int, ...]) -> None:
    parent = _parent(root, location)
    key = location[-1]
    if isinstance(parent, dict):
        parent.pop(key, None)
    elif isinstance(parent, list) and isinstance(key, int) and key < len(parent):
        del parent[key]


def _update(node: jsonpath_rfc9535.JSONPathNode, update: Any) -> str | None:
    """Merge ``update`` into the node (an object) or append it (an array); why not, else None."""
    value = node.value
    if isinstance(value, list):
        value.append(copy.deepcopy(update))
        return None
    if isinstance(value, dict):
        if not isinstance(update, dict):
            return f"`update` of the object at {node.path()} must be an object"
        _merge(value, update)
        return None
    return f"{node.path()} is neither an object nor an array; `update` cannot change it (update its parent)"


def _merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)
