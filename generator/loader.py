"""Load an OpenAPI document (YAML or JSON) and resolve ``$ref``s, keeping source positions.

Parsing is fast (``json.loads`` or libyaml); line/column positions are looked up lazily,
only when an error has to be reported, by re-composing the file's node tree.

Every document is untrusted. Before anything else walks it, the loader refuses what would
exhaust or mislead the generator, each with a located error: duplicate keys, nesting deeper
than :data:`MAX_NESTING`, YAML aliases that expand past :data:`MAX_EXPANDED_NODES` (a
"billion laughs"), recursive aliases, lone UTF-16 surrogates, and ``$ref``s that would read
outside the allowed folders or over the network (never fetched).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from generator.errors import RefRefusedError, SourceLocation, SpecError

# Containers inside containers; libyaml stops at 1000, and past this the IR builder and
# datamodel-code-generator would exhaust Python's stack.
MAX_NESTING = 1000
# Nodes a document may have once its YAML aliases are expanded (at least): what a walker
# of the loaded document visits. A document without aliases is never near it.
MAX_EXPANDED_NODES = 2_000_000
_SYNTAX_HINT = "fix the syntax error; the file must be a JSON or YAML OpenAPI document"
_SURROGATE = re.compile("[\ud800-\udfff]")
_YAML_ANCHOR = re.compile(r"&[^\s,\[\]{}]")

try:  # libyaml is much faster; fall back to the pure-Python loader where it is missing
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _SpecLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps dates as strings and only true/false as booleans (YAML 1.2-like),
    and refuses duplicate keys (YAML 1.2 forbids them; PyYAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):  # rare: a duplicate, or keys merged in with ``<<``
            _refuse_duplicate_keys(self, node)
        return mapping


def _refuse_duplicate_keys(loader: yaml.constructor.BaseConstructor, node: yaml.MappingNode) -> None:
    """Raise at the second of two equal keys written in ``node`` (keys merged in may repeat)."""
    start, end = node.start_mark.index, node.end_mark.index
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if not start <= key_node.start_mark.index < end:
            continue  # merged in from an anchor elsewhere: overriding it is the point of ``<<``
        key = loader.construct_object(key_node)
        if isinstance(key, (dict, list)):
            continue
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)


_SpecLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_SpecLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_RE, list("tTfF"))


def _escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape_pointer_token(token: str) -> str:
    return unquote(token).replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    """Append tokens to a JSON pointer, escaping ``~`` and ``/``."""
    return pointer + "".join("/" + _escape_pointer_token(str(t)) for t in tokens)


@dataclass
class SpecDocument:
    """One loaded file: its parsed content plus what is needed to locate a pointer in it."""

    path: Path
    root: Any
    text: str
    _node_root: yaml.Node | None = field(default=None, repr=False)

    def locate(self, pointer: str) -> SourceLocation:
        """Return the file, line and column of the JSON pointer (best effort)."""
        line = column = None
        try:
            node = self._find_node(pointer)
            if node is not None:
                line, column = node.start_mark.line + 1, node.start_mark.column + 1
        except (yaml.YAMLError, RecursionError):
            pass
        return SourceLocation(str(self.path), pointer, line, column)

    def _find_node(self, pointer: str) -> yaml.Node | None:
        if self._node_root is None:
            self._node_root = yaml.compose(self.text, Loader=_SpecLoader)
        node: yaml.Node | None = self._node_root
        for raw in pointer.split("/")[1:] if pointer else []:
            token = _unescape_pointer_token(raw)
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if str(k.value) == token), None)
            elif isinstance(node, yaml.SequenceNode) and token.isdigit():
                index = int(token)
                node = node.value[index] if index < len(node.value) else None
            else:
                return node
            if node is None:
                return None
        return node


class _DuplicateKey(Exception):
    """Raised inside ``json.loads`` at an object with a repeated key."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) < len(pairs):
        raise _DuplicateKey(next(k for i, (k, _) in enumerate(pairs) if any(k == o for o, _ in pairs[:i])))
    return mapping


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def parse_text(text: str, path: Path) -> Any:
    """Parse JSON or YAML text; a syntax error becomes a located SpecError."""
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            root = json.loads(text, object_pairs_hook=_unique_pairs)
        except json.JSONDecodeError as exc:
            if path.suffix.lower() == ".json":
                raise SpecError(
                    f"invalid JSON: {exc.msg}", SourceLocation(str(path), "", exc.lineno, exc.colno), _SYNTAX_HINT
                ) from None
        except _DuplicateKey as exc:
            location = SourceLocation(str(path))
            try:
                _parse_yaml(text, path)  # YAML reads JSON too, and says where the duplicate is
            except SpecError as located:
                location = located.location or location
            raise SpecError(f"invalid JSON: duplicate key {exc.args[0]!r}", location, _SYNTAX_HINT) from None
        except RecursionError:
            raise _nesting_error(SourceLocation(str(path), "", *_json_depth_position(text))) from None
        else:
            _check_structure(root, path, text, aliases=False)
            return root
    root = _parse_yaml(text, path)
    _check_structure(root, path, text, aliases=bool(_YAML_ANCHOR.search(text)))
    return root


def _parse_yaml(text: str, path: Path) -> Any:
    try:
        return yaml.load(text, Loader=_SpecLoader)  # noqa: S506 - a safe loader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise SpecError(
            f"invalid YAML: {exc.problem}",
            SourceLocation(str(path), "", mark.line + 1 if mark else None, mark.column + 1 if mark else None),
            _SYNTAX_HINT,
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", SourceLocation(str(path))) from None
    except RecursionError:  # only the pure-Python loader recurses without libyaml's own limit
        raise _nesting_error(SourceLocation(str(path))) from None


def _nesting_error(location: SourceLocation) -> SpecError:
    return SpecError(
        f"the document nests more than {MAX_NESTING} levels deep; nothing is generated from it",
        location,
        "name the inner schemas as components and refer to them with $ref",
    )


def _elide_pointer(pointer: str, keep: int = 6) -> str:
    """``/a/b/c/…/y/z``: a pointer a thousand levels long is unreadable in a message."""
    tokens = pointer.split("/")[1:]
    if len(tokens) <= 2 * keep:
        return pointer
    hidden = len(tokens) - 2 * keep
    return "/" + "/".join([*tokens[:keep], f"...{hidden} more...", *tokens[-keep:]])


def _json_depth_position(text: str) -> tuple[int | None, int | None]:
    """Line and column where JSON text first nests deeper than MAX_NESTING (error path only)."""
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        lexeme = match.group()
        if lexeme in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return _position(text, match.start())
        elif lexeme in ("]", "}"):
            depth -= 1
    return None, None


def _check_structure(root: Any, path: Path, text: str, *, aliases: bool) -> None:
    """Refuse a parsed document that later stages could not walk safely.

    Without YAML anchors the document is a tree, walked once; with them it may share (or
    contain) itself, and is walked as a graph, counting what its expansion would visit.
    """
    if aliases:
        height = _expanded_size(root, path, text)[1]
    else:
        height = _tree_height(root, path, text)
    if height > MAX_NESTING:
        pointer = _pointer_deeper_than(root, MAX_NESTING)
        location = SpecDocument(path=path, root=root, text=text).locate(pointer)
        if location.line is None and text.lstrip().startswith(("{", "[")):
            location = SourceLocation(str(path), pointer, *_json_depth_position(text))
        raise _nesting_error(dataclasses.replace(location, pointer=_elide_pointer(pointer)))


def check_structure(document: SpecDocument) -> None:
    """Refuse a document changed after loading (by an overlay) that later stages could not walk."""
    _check_structure(document.root, document.path, document.text, aliases=True)


def _check_string(value: str, root: Any, path: Path, text: str) -> None:
    if not value.isascii() and _SURROGATE.search(value):
        pointer = _pointer_of_surrogate(root)
        location = SpecDocument(path=path, root=root, text=text).locate(pointer)
        if location.line is None:
            escape = re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", text)
            if escape:
                location = SourceLocation(str(path), pointer, *_position(text, escape.start()))
        raise SpecError(
            "a string holds a lone UTF-16 surrogate (such as \\ud800), which is not a character",
            location,
            "remove the escape, or write the character itself (a pair such as \\ud83d\\ude00 is fine)",
        )


def _tree_height(root: Any, path: Path, text: str) -> int:
    """The nesting depth of a tree of dicts and lists; checks every string on the way."""
    if not isinstance(root, (dict, list)):
        return 0
    stack: list[tuple[Any, int]] = [(root, 0)]
    height = 0
    while stack:
        value, depth = stack.pop()
        height = max(height, depth)
        if depth > MAX_NESTING:
            return depth
        children = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in children:
            if isinstance(key, str):
                _check_string(key, root, path, text)
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
            elif isinstance(child, str):
                _check_string(child, root, path, text)
    return height


def _expanded_size(root: Any, path: Path, text: str) -> tuple[int, int]:
    """Nodes and depth of ``root`` with shared (aliased) parts counted every time they occur.

    Each distinct container is visited once (post-order, memoized by identity), so the cost
    is that of the text, not of its expansion.
    """
    if not isinstance(root, (dict, list)):
        return 1, 0
    done: dict[int, tuple[int, int]] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        value, finished = stack.pop()
        ident = id(value)
        children = list(value.values()) if isinstance(value, dict) else value
        if finished:
            size, height = 1, 0
            for child in children:
                if isinstance(child, (dict, list)):
                    child_size, child_height = done[id(child)]
                    size, height = size + child_size, max(height, child_height + 1)
                else:
                    size += 1
            open_.discard(ident)
            done[ident] = (size, height)
            if size > MAX_EXPANDED_NODES:
                raise SpecError(
                    f"YAML aliases expand this document past {MAX_EXPANDED_NODES:,} nodes"
                    " (a 'billion laughs' document); nothing is generated from it",
                    _alias_location(text, path, "size"),
                    "write the repeated parts as components and refer to them with $ref",
                )
            if height > MAX_NESTING:
                return size, height
            continue
        if ident in done:
            continue
        open_.add(ident)
        stack.append((value, True))
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str):
                    _check_string(key, root, path, text)
        for child in children:
            if isinstance(child, (dict, list)):
                if id(child) in open_:
                    raise SpecError(
                        "a YAML alias refers to a node that contains it (a recursive alias)",
                        _alias_location(text, path, "recursive"),
                        "replace the alias with a $ref to a component",
                    )
                if id(child) not in done:
                    stack.append((child, False))
            elif isinstance(child, str):
                _check_string(child, root, path, text)
    return done[id(root)]


def _alias_location(text: str, path: Path, problem: str) -> SourceLocation:
    """Where the alias is that makes the expansion too large, or that refers to itself."""
    sizes: dict[str, int] = {}
    open_anchors: list[tuple[str | None, int]] = []
    total = 0
    try:
        for event in yaml.parse(text, Loader=_SpecLoader):
            if isinstance(event, yaml.AliasEvent) and event.anchor and event.start_mark:
                here = SourceLocation(str(path), "", event.start_mark.line + 1, event.start_mark.column + 1)
                if problem == "recursive" and any(event.anchor == anchor for anchor, _ in open_anchors):
                    return here
                total += sizes.get(event.anchor, 1)
                if problem == "size" and total > MAX_EXPANDED_NODES:
                    return here
            elif isinstance(event, yaml.ScalarEvent):
                total += 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                total += 1
                open_anchors.append((event.anchor, total))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, start = open_anchors.pop()
                if anchor:
                    sizes[anchor] = total - start + 1
    except yaml.YAMLError:
        pass
    return SourceLocation(str(path))


def _walk_with_pointers(root: Any) -> Iterator[tuple[str, int, Any, Any]]:
    """Yield ``(pointer, depth, key, value)`` for every entry (error paths only: builds strings)."""
    stack: list[tuple[Any, str, int]] = [(root, "", 0)]
    while stack:
        value, pointer, depth = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            child_pointer = join_pointer(pointer, key)
            yield child_pointer, depth + 1, key, child
            if isinstance(child, (dict, list)):
                stack.append((child, child_pointer, depth + 1))


def _pointer_deeper_than(root: Any, limit: int) -> str:
    """The JSON pointer of the first container nested deeper than ``limit``."""
    for pointer, depth, _, child in _walk_with_pointers(root):
        if depth > limit and isinstance(child, (dict, list)):
            return pointer
    return ""


def _pointer_of_surrogate(root: Any) -> str:
    """The JSON pointer of the first key or string holding a lone surrogate."""
    for pointer, _, key, child in _walk_with_pointers(root):
        for text in (key, child):
            if isinstance(text, str) and _SURROGATE.search(text):
                return pointer.encode("utf-8", "backslashreplace").decode("utf-8")  # printable
    return ""


def read_document(path: Path) -> SpecDocument:
    """Read and parse one file."""
    try:
        if path.exists() and not path.is_file():
            raise SpecError(f"{path} is not a regular file", hint="give the path of a YAML or JSON file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecError(f"spec file not found: {path}", hint="check the path passed to the generator") from None
    except OSError as exc:
        raise SpecError(f"cannot read spec file {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpecError(
            f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded",
            SourceLocation(str(path), "", line, column),
            "save the file as UTF-8",
        ) from None
    if not re.search(r"^[ \t]*[^\s#]", text, re.MULTILINE):  # nothing but blanks and comments
        raise SpecError(
            "the file is empty", SourceLocation(str(path)), "write an OpenAPI document: openapi, info and paths"
        )
    return SpecDocument(path=path, root=parse_text(text, path), text=text)


@dataclass(frozen=True)
class Resolved:
    """A value reached by following ``$ref``s, with the document and pointer it came from."""

    value: Any
    document: SpecDocument
    pointer: str


class SpecLoader:
    """Holds the root document and every local file it references.

    Only files below the root document's folder (and below each of ``allowed_dirs``) are
    read; a ``$ref`` elsewhere, or to a URL, raises :class:`RefRefusedError`.
    """

    def __init__(self, root_path: Path, allowed_dirs: tuple[Path, ...] = ()) -> None:
        self.root_path = root_path.resolve()
        self.allowed_dirs = (self.root_path.parent, *(d.resolve() for d in allowed_dirs))
        self._documents: dict[Path, SpecDocument] = {}
        self.root = self.document(self.root_path)

    def document(self, path: Path) -> SpecDocument:
        """Load (once) the document at ``path``."""
        path = path.resolve()
        if path not in self._documents:
            self._documents[path] = read_document(path)
        return self._documents[path]

    def resolve(self, value: Any, document: SpecDocument, pointer: str) -> Resolved:
        """Follow ``$ref`` chains starting at ``value``; detects cycles and missing targets."""
        start = document
        seen: list[tuple[Path, str]] = []
        while isinstance(value, dict) and isinstance(value.get("$ref"), str):
            ref = value["$ref"]
            key = (document.path, pointer)
            if key in seen:
                chain = " -> ".join(f"#{p}" for _, p in [*seen[seen.index(key) :], key])
                raise SpecError(
                    f"$ref cycle: {chain} never reaches a schema",
                    start.locate(seen[0][1]) if seen[0][0] == start.path else document.locate(pointer),
                    "a $ref must eventually reach a real object",
                )
            seen.append(key)
            document, pointer, value = self._follow(ref, document, pointer)
        return Resolved(value, document, pointer)

    def target_of(self, ref: str, document: SpecDocument, pointer: str) -> Resolved:
        """Follow exactly one ``$ref`` (without chasing further refs)."""
        target_doc, target_pointer, value = self._follow(ref, document, pointer)
        return Resolved(value, target_doc, target_pointer)

    def _follow(self, ref: str, document: SpecDocument, pointer: str) -> tuple[SpecDocument, str, Any]:
        file_part, _, fragment = ref.partition("#")
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", file_part):  # a URL (file:, http:, ...)
            raise RefRefusedError(
                f"$ref {ref!r} is a URL; the generator never fetches one (nor opens network connections)",
                document.locate(pointer),
                "download the referenced document into the spec's folder and refer to it by a relative path",
            )
        target_doc = document
        if file_part:
            target_path = (document.path.parent / unquote(file_part)).resolve()
            if not any(target_path.is_relative_to(folder) for folder in self.allowed_dirs):
                raise RefRefusedError(
                    f"$ref {ref!r} points outside the spec's folder {self.allowed_dirs[0]}; it was not read",
                    document.locate(pointer),
                    "move the file into the spec's folder, or pass --allow-ref-outside DIR to allow reading DIR",
                )
            try:
                target_doc = self.document(target_path)
            except SpecError as exc:
                raise SpecError(f"$ref {ref!r}: {exc.message}", document.locate(pointer), exc.hint) from None
        if fragment and not fragment.startswith("/"):
            raise SpecError(f"$ref {ref!r} is not a JSON pointer", document.locate(pointer), "use '#/components/...'")
        if re.search("~(?![01])", fragment):
            raise SpecError(
                f"$ref {ref!r} has an invalid escape: in a JSON pointer '~' is followed by 0 or 1",
                document.locate(pointer),
                "write '~0' for '~' and '~1' for '/'",
            )
        value: Any = target_doc.root
        for raw in fragment.split("/")[1:] if fragment else []:
            token = _unescape_pointer_token(raw)
            if isinstance(value, dict) and token in value:
                value = value[token]
            elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                value = value[int(token)]
            else:
                raise SpecError(
                    f"$ref {ref!r} points at nothing: no {token!r} there",
                    document.locate(pointer),
                    "check the name of the referenced component",
                )
        return target_doc, fragment, value
