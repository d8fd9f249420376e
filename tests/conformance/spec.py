"""The spec side of the conformance suite: the documents, ``$ref``s across files, and their operations.

Deliberately independent of ``generator.loader``: the suite checks the generator against the
document as OpenAPI defines it, so it must not share the generator's reading of it.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

import yaml

from tests.helpers import REPO

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SLOW_BYTES = 100_000  # documents larger than this are marked slow (the default local run skips them)
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SpecProblem(Exception):
    """The document itself cannot be read as the suite needs it (a broken or looping ``$ref``)."""


@dataclass(frozen=True)
class Document:
    """One public document of the corpus."""

    id: str  # e.g. "specs/oai-petstore-3.0.yaml"
    path: Path
    slow: bool

    @property
    def package(self) -> str:
        """The import name the suite generates this document's SDK under (unique per document)."""
        stem = self.path.parent.name if self.path.name == "openapi.yaml" else self.path.stem
        return "sdk_" + re.sub(r"\W", "_", stem).lower()


def shared_root() -> Path:
    """The shared folder, found the same way as ``tests.helpers.shared_dir`` but without skipping."""
    return Path(os.environ.get("SDKGEN_SHARED_DIR", REPO.parent / "shared"))


def documents() -> list[Document]:
    """Every document the suite covers: specs/, specs/peer-opc/ and specs-multi-file/*/openapi.yaml."""
    root = shared_root()
    found: list[Path] = []
    for folder in (root / "specs", root / "specs" / "peer-opc"):
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json") and p.is_file())
    found += sorted((root / "specs-multi-file").glob("*/openapi.yaml"))
    return [Document(str(p.relative_to(root)), p, p.stat().st_size > SLOW_BYTES) for p in found]


def _plain(value: Any) -> Any:
    """YAML dates and times as the strings JSON would hold."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Node:
    """A value of the document with the file that holds it (relative ``$ref``s start there)."""

    value: Any
    file: Path
    name: str = ""  # the schema name the last ``$ref`` gave it (last pointer token, else file stem)


class SpecTree:
    """A document and every file its ``$ref``s reach."""

    def __init__(self, root: Path) -> None:
        self.root_path = root.resolve()
        self._files: dict[Path, Any] = {}
        self.root = self.load(self.root_path)

    def load(self, path: Path) -> Any:
        """Parse (once) the file at ``path``."""
        path = path.resolve()
        if path not in self._files:
            text = path.read_text(encoding="utf-8-sig")
            self._files[path] = _plain(json.loads(text) if path.suffix == ".json" else yaml.load(text, _LOADER))
        return self._files[path]

    def deref(self, node: Node) -> Node:
        """Follow ``$ref``s from ``node`` until a value that is not one."""
        seen: set[tuple[Path, str]] = set()
        while isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            ref = node.value["$ref"]
            file_part, _, fragment = ref.partition("#")
            target = (node.file.parent / unquote(file_part)).resolve() if file_part else node.file
            if (target, fragment) in seen:
                raise SpecProblem(f"$ref loop at {ref!r} in {node.file}")
            seen.add((target, fragment))
            try:
                value = self.load(target)
            except OSError as exc:
                raise SpecProblem(f"$ref {ref!r} in {node.file}: {exc}") from None
            tokens = [unquote(t).replace("~1", "/").replace("~0", "~") for t in fragment.split("/")[1:]]
            for token in tokens:
                if isinstance(value, dict) and token in value:
                    value = value[token]
                elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                    value = value[int(token)]
                else:
                    raise SpecProblem(f"$ref {ref!r} in {node.file} points at nothing")
            name = tokens[-1] if tokens else Path(unquote(file_part)).stem.split(".")[0]
            node = Node(value, target, name)
        return node

    def child(self, node: Node, *keys: str | int) -> Node:
        """``node[key][key]...``, each step dereferenced; a missing key gives ``Node(None)``."""
        for key in keys:
            node = self.deref(node)
            value = node.value
            if isinstance(value, dict):
                node = Node(value.get(str(key)), node.file)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                node = Node(value[key], node.file)
            else:
                return Node(None, node.file)
        return self.deref(node)


def escape_token(token: str) -> str:
    """A JSON pointer token."""
    return token.replace("~", "~0").replace("/", "~1")


def _server_prefixes(servers: Any) -> list[str]:
    prefixes = []
    for server in servers if isinstance(servers, list) else []:
        url = str(server.get("url", "")) if isinstance(server, dict) else ""
        for name, variable in (server.get("variables") or {}).items() if isinstance(server, dict) else ():
            url = url.replace("{" + name + "}", str(variable.get("default", "")) if isinstance(variable, dict) else "")
        prefixes.append(urlparse(url).path.rstrip("/"))
    return prefixes


@dataclass
class SpecOperation:
    """One operation of the document, with its parts resolved."""

    pointer: str  # "/paths/~1pets~1{petId}/get" in the root document
    method: str
    path_key: str  # the key under `paths`, fragment included (box overloads URLs with "#...")
    node: Node
    parameters: list[Node] = field(default_factory=list)  # path-item and operation ones, resolved
    request_body: Node | None = None
    success_status: str | None = None
    success: Node | None = None  # the resolved success response object
    server_prefixes: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        """The URL path template: the key without a fragment (AWS's ``/#X-Amz-Target=...``, never sent) or a
        fixed query (``/responses?beta=true``)."""
        return self.path_key.split("#")[0].split("?")[0]

    @property
    def fixed_query(self) -> list[tuple[str, str]]:
        """The query the path key fixes (``/responses?beta=true``): every request of the operation carries it."""
        _, mark, query = self.path_key.split("#")[0].partition("?")
        return parse_qsl(query, keep_blank_values=True) if mark else []

    @property
    def path_parameters(self) -> set[str]:
        """The names of the path's ``{templates}`` (those in a fixed query too)."""
        return set(re.findall(r"\{([^}]+)\}", self.path_key.split("#")[0]))

    @property
    def label(self) -> str:
        """How reports name the operation."""
        op_id = self.node.value.get("operationId") if isinstance(self.node.value, dict) else None
        return f"{self.method.upper()} {self.path_key}" + (f" ({op_id})" if op_id else "")

    def path_regex(self) -> re.Pattern[str]:
        """The request paths this operation's template matches, under any of its servers' paths."""
        parts = re.split(r"(\{[^}]+\})", self.path)
        # ``//openapi``: an empty segment may be sent collapsed.
        body = "".join(
            "[^/]+" if p.startswith("{") and p.endswith("}") else "/+".join(map(re.escape, re.split("/+", p)))
            for p in parts
        )
        prefixes = "|".join(sorted({re.escape(p) for p in [*self.server_prefixes, ""]}, key=len, reverse=True))
        return re.compile(f"^(?:{prefixes}){body}/?$")


def operations(tree: SpecTree) -> list[SpecOperation]:
    """Every operation under ``paths``, in document order."""
    root = Node(tree.root, tree.root_path)
    found: list[SpecOperation] = []
    paths = tree.root.get("paths") if isinstance(tree.root, dict) else None
    root_servers = _server_prefixes(tree.root.get("servers")) if isinstance(tree.root, dict) else []
    for path_key, _ in (paths or {}).items():
        item = tree.child(root, "paths", path_key)
        if not isinstance(item.value, dict):
            continue
        for method in HTTP_METHODS:
            if not isinstance(item.value.get(method), dict):
                continue
            op = tree.child(item, method)
            pointer = f"/paths/{escape_token(path_key)}/{method}"
            spec_op = SpecOperation(pointer, method, path_key, op)
            merged: dict[tuple[str, str], Node] = {}
            for holder in (item, op):
                for index, _raw in enumerate(holder.value.get("parameters") or []):
                    param = tree.child(holder, "parameters", index)
                    if isinstance(param.value, dict):
                        merged[(str(param.value.get("name")), str(param.value.get("in")))] = param
            spec_op.parameters = list(merged.values())
            body = tree.child(op, "requestBody")
            spec_op.request_body = body if isinstance(body.value, dict) else None
            responses = op.value.get("responses") if isinstance(op.value.get("responses"), dict) else {}
            for status in responses:
                if str(status).startswith("2"):
                    spec_op.success_status = str(status)
                    spec_op.success = tree.child(op, "responses", status)
                    break
            if spec_op.success is None and "default" in responses:
                # Without a 2XX response, ``default`` describes the success too (the README's reading).
                spec_op.success_status = "200"
                spec_op.success = tree.child(op, "responses", "default")
            spec_op.server_prefixes = (
                _server_prefixes(op.value.get("servers")) + _server_prefixes(item.value.get("servers")) + root_servers
            )
            found.append(spec_op)
    return found


JSON_MEDIA = re.compile(r"^application/([\w.+-]*\+)?json$|^application/json-patch\+json$", re.IGNORECASE)


def media_kind(media_type: str) -> str:
    """How a response of ``media_type`` is read: json, text, event-stream or binary."""
    base = media_type.split(";")[0].strip().lower()
    if JSON_MEDIA.match(base) or base == "*/*":
        return "json"
    if base == "text/event-stream":
        return "event-stream"
    if (
        base.startswith("text/")
        or base.endswith("+xml")
        or base in ("application/xml", "application/x-www-form-urlencoded", "application/javascript")
        or base in ("application/yaml", "application/x-yaml")
    ):
        return "text"
    return "binary"


def success_media(tree: SpecTree, op: SpecOperation, accept: str | None = None) -> tuple[str, Node] | None:
    """The media type and schema the mock server answers ``op`` with; None: no body.

    Among the declared types that ``accept`` (an Accept header) admits, JSON first; without
    ``accept``, or when it admits none, among all declared types.
    """
    if op.success is None or op.success_status == "204" or not isinstance(op.success.value, dict):
        return None
    content = op.success.value.get("content")
    if not isinstance(content, dict) or not content:
        return None
    candidates = list(content)
    if accept:
        ranges = [part.split(";")[0].strip() for part in accept.split(",")]
        candidates = [m for m in content if any(media_matches(m, r) for r in ranges)] or candidates
    chosen = next((m for m in candidates if media_kind(m) == "json"), candidates[0])
    return chosen, tree.child(op.success, "content", chosen, "schema")


def admits(accept: str, media_type: str) -> bool:
    """Whether an Accept header value admits ``media_type``."""
    return any(media_matches(media_type, part.split(";")[0].strip()) for part in accept.split(","))


def media_matches(sent: str, declared: str) -> bool:
    """Whether the request's media type ``sent`` is the declared ``declared`` (wildcards allowed)."""
    sent_base = sent.split(";")[0].strip().lower()
    declared_base = declared.split(";")[0].strip().lower()
    if declared_base in ("*/*", sent_base):
        return True
    return declared_base.endswith("/*") and sent_base.startswith(declared_base[:-1])


@dataclass
class SpecWebhook:
    """One webhook delivery the API sends: its name, method and JSON payload schema."""

    name: str
    method: str
    pointer: str
    payload: Node | None  # the JSON request body schema; None when the delivery has none


def webhooks(tree: SpecTree) -> list[SpecWebhook]:
    """Every webhook under ``webhooks`` (OpenAPI 3.1), in document order."""
    root = Node(tree.root, tree.root_path)
    found = []
    for name in (tree.root.get("webhooks") or {}) if isinstance(tree.root, dict) else ():
        item = tree.child(root, "webhooks", name)
        for method in HTTP_METHODS if isinstance(item.value, dict) else ():
            if not isinstance(item.value.get(method), dict):
                continue
            content = tree.child(item, method, "requestBody", "content").value
            media = next((m for m in content if media_kind(m) == "json"), None) if isinstance(content, dict) else None
            payload = tree.child(item, method, "requestBody", "content", media, "schema") if media else None
            found.append(SpecWebhook(str(name), method, f"/webhooks/{escape_token(str(name))}/{method}", payload))
    return found
