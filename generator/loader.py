"""Load an OpenAPI document (YAML or JSON) and resolve ``$ref``s, keeping source positions.

Parsing is fast (``json.loads`` or libyaml); line/column positions are looked up lazily,
only when an error has to be reported, by re-composing the file's node tree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from generator.errors import SourceLocation, SpecError

try:  # libyaml is much faster; fall back to the pure-Python loader where it is missing
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _SpecLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps dates as strings and only true/false as booleans (YAML 1.2-like)."""


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
        except yaml.YAMLError:
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


def parse_text(text: str, path: Path) -> Any:
    """Parse JSON or YAML text; a syntax error becomes a located SpecError."""
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if path.suffix.lower() == ".json":
                raise SpecError(
                    f"invalid JSON: {exc.msg}",
                    SourceLocation(str(path), "", exc.lineno, exc.colno),
                    "fix the syntax error; the file must be a JSON or YAML OpenAPI document",
                ) from None
    try:
        return yaml.load(text, Loader=_SpecLoader)  # noqa: S506 - a safe loader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise SpecError(
            f"invalid YAML: {exc.problem}",
            SourceLocation(str(path), "", mark.line + 1 if mark else None, mark.column + 1 if mark else None),
            "fix the syntax error; the file must be a JSON or YAML OpenAPI document",
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", SourceLocation(str(path))) from None


def read_document(path: Path) -> SpecDocument:
    """Read and parse one file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecError(f"spec file not found: {path}", hint="check the path passed to the generator") from None
    except OSError as exc:
        raise SpecError(f"cannot read spec file {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"spec file is not UTF-8 text (byte {exc.start})", SourceLocation(str(path))) from None
    return SpecDocument(path=path, root=parse_text(text, path), text=text)


@dataclass(frozen=True)
class Resolved:
    """A value reached by following ``$ref``s, with the document and pointer it came from."""

    value: Any
    document: SpecDocument
    pointer: str


class SpecLoader:
    """Holds the root document and every local file it references."""

    def __init__(self, root_path: Path) -> None:
        self.root_path = root_path.resolve()
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
        seen: set[tuple[Path, str]] = set()
        while isinstance(value, dict) and isinstance(value.get("$ref"), str):
            ref = value["$ref"]
            key = (document.path, pointer)
            if key in seen:
                raise SpecError(
                    f"$ref cycle: {ref!r} refers back to itself",
                    document.locate(pointer),
                    "a $ref must eventually reach a real object",
                )
            seen.add(key)
            document, pointer, value = self._follow(ref, document, pointer)
        return Resolved(value, document, pointer)

    def target_of(self, ref: str, document: SpecDocument, pointer: str) -> Resolved:
        """Follow exactly one ``$ref`` (without chasing further refs)."""
        target_doc, target_pointer, value = self._follow(ref, document, pointer)
        return Resolved(value, target_doc, target_pointer)

    def _follow(self, ref: str, document: SpecDocument, pointer: str) -> tuple[SpecDocument, str, Any]:
        file_part, _, fragment = ref.partition("#")
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", file_part):
            raise SpecError(
                f"remote $ref {ref!r} is not supported",
                document.locate(pointer),
                "download the referenced document and refer to it by a relative file path",
            )
        target_doc = document
        if file_part:
            target_path = (document.path.parent / unquote(file_part)).resolve()
            try:
                target_doc = self.document(target_path)
            except SpecError as exc:
                raise SpecError(f"$ref {ref!r}: {exc.message}", document.locate(pointer), exc.hint) from None
        if fragment and not fragment.startswith("/"):
            raise SpecError(f"$ref {ref!r} is not a JSON pointer", document.locate(pointer), "use '#/components/...'")
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
