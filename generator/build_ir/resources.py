"""The resource tree: every operation placed by :mod:`generator.sdk_names`, then built and grouped.

``client.chat.completions.messages`` is a :class:`ResourceIR` (``messages``) that is a child of
``completions``, itself a child of ``chat``. Placement needs all operations at once (a path's
shape is only known beside the others), so the operations are gathered first, placed, and only
then built, in document order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.build_ir.auth import AuthBuilder
from generator.build_ir.common import HTTP_METHODS
from generator.build_ir.context import BuildContext, Stage
from generator.build_ir.extensions import IGNORE
from generator.build_ir.operations import OperationBuilder
from generator.build_ir.pagination import ITEMS_FIELDS
from generator.config import OperationOverride, as_text
from generator.errors import LocatedError, SpecError, SpecWarning
from generator.ir import AuthSchemeIR, OperationIR, ResourceIR
from generator.loader import Resolved, SpecDocument, join_pointer
from generator.naming import pascal_case, resource_class_names
from generator.sdk_names import OperationFacts, Placement, plan_names

# Fields a page wraps its items with: whatever else a list response holds is about paging.
_PAGE_WORDS = ("next", "prev", "total", "count", "page", "cursor", "more", "first", "last", "object", "offset",
               "limit", "url", "link", "size", "token", "meta")  # fmt: skip


@dataclass(frozen=True)
class _Entry:
    """One operation of the document, before it is built."""

    path: str
    method: str
    operation: Resolved
    item: Resolved


class ResourceBuilder(Stage):
    """Builds the tree of resources (``ApiIR.resources``) from the document's paths."""

    def __init__(self, ctx: BuildContext, auth: AuthBuilder) -> None:
        super().__init__(ctx)
        self.operations = OperationBuilder(ctx, auth)

    def build_resources(self, auth: tuple[AuthSchemeIR, ...]) -> tuple[ResourceIR, ...]:
        """The top-level resources, each with its children."""
        entries = self._entries()
        facts = [self._facts(index, entry) for index, entry in enumerate(entries)]
        self._check_overrides(entries)
        # The credentials are client attributes too (files.com has an `api_key` resource and an `api_key` credential).
        credentials = frozenset(arg for scheme in auth for arg in (*scheme.client_args, scheme.provider_arg,
                                                                   scheme.scopes_arg, scheme.auth_method_arg) if arg)  # fmt: skip
        plan = plan_names(facts, self.config.naming or "paths", self._server_paths(), credentials)
        for index, message in plan.warnings:
            entry = entries[index]
            self.warn(message, entry.operation.document, entry.operation.pointer)
        placements = plan.placements
        class_names = self._class_names({p.resource for p in placements.values()})
        built: dict[tuple[str, ...], list[OperationIR]] = {}
        for index, entry in enumerate(entries):
            placement = placements[index]
            try:
                op = self.operations.build_operation(
                    entry.path, entry.method, entry.operation, entry.item, placement.method, auth,
                    class_names[placement.resource],
                )  # fmt: skip
            except SpecError as exc:
                location = exc.location or entry.operation.document.locate(entry.operation.pointer)
                self.warnings.append(SpecWarning(f"operation skipped: {exc.message}", location))
                continue
            built.setdefault(placement.resource, []).append(op)
        return self._tree(built, class_names, ())

    def _entries(self) -> list[_Entry]:
        paths = self.doc.root.get("paths")
        if paths is None:
            return []
        if not isinstance(paths, dict):
            raise SpecError("`paths` must be a mapping", self.doc.locate("/paths"))
        entries: list[_Entry] = []
        first_use: dict[str, str] = {}  # operationId → pointer of the operation that has it first
        for path, raw_item in paths.items():
            path = str(path)
            item = self.resolve(raw_item, self.doc, join_pointer("/paths", path), "path skipped")
            if item is None:
                continue
            if not isinstance(item.value, dict):
                self.warn("a path item must be a mapping; skipped", item.document, item.pointer)
                continue
            if item.value.get(IGNORE) is True:  # left out of the SDK on purpose
                continue
            for method in HTTP_METHODS:
                if method not in item.value:
                    continue
                op_pointer = join_pointer(item.pointer, method)
                # An operation may itself be a $ref (to another file), resolved against the file holding it.
                operation = self.resolve(item.value[method], item.document, op_pointer, "operation skipped")
                if operation is None or not isinstance(operation.value, dict) or operation.value.get(IGNORE) is True:
                    continue
                operation_id = operation.value.get("operationId")
                if isinstance(operation_id, str) and operation_id in first_use:
                    self.warn(
                        f"operationId {operation_id!r} is also used by #{first_use[operation_id]}; "
                        "operationIds must be unique (this operation gets another method name)",
                        operation.document,
                        join_pointer(operation.pointer, "operationId"),
                    )
                elif isinstance(operation_id, str):
                    first_use[operation_id] = operation.pointer
                entries.append(_Entry(path, method, operation, item))
        return entries

    def _facts(self, index: int, entry: _Entry) -> OperationFacts:
        operation = entry.operation.value
        tags = operation.get("tags")
        override = self._override(entry)
        resource = override.resource if override and override.resource else _text(operation.get("x-sdk-resource"))
        method = override.method if override and override.method else _text(operation.get("x-sdk-method"))
        return OperationFacts(
            key=index,
            path=entry.path,
            http_method=entry.method,
            operation_id=as_text(operation.get("operationId")),
            tags=tuple(str(t) for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
            returns_list=entry.method == "get" and self._returns_list(entry.operation),
            resource=resource,
            method=method,
        )

    def _server_paths(self) -> list[str]:
        """The path part of every server URL (``https://host/api/v3`` → ``/api/v3``)."""
        servers = self.doc.root.get("servers")
        urls = [as_text(s.get("url")) for s in servers if isinstance(s, dict)] if isinstance(servers, list) else []
        return [urlsplit(url).path if "://" in url else url for url in urls]

    def _override(self, entry: _Entry) -> OperationOverride | None:
        operation_id = as_text(entry.operation.value.get("operationId"))
        for override in self.config.operations:
            if override.key == operation_id or _route_key(override.key) == _route_key(f"{entry.method} {entry.path}"):
                return override
        return None

    def _check_overrides(self, entries: list[_Entry]) -> None:
        known = {as_text(e.operation.value.get("operationId")) for e in entries}
        known |= {_route_key(f"{e.method} {e.path}") for e in entries}
        for override in self.config.operations:
            if override.key not in known and _route_key(override.key) not in known:
                self.warnings.append(
                    SpecWarning(
                        f"the config's operations.{override.key} matches no operation (an operationId or "
                        "'METHOD /path'); ignored"
                    )
                )

    def _returns_list(self, op: Resolved) -> bool:
        """Whether the first 2xx JSON body is an array, or a page wrapping one (``{data: [...], has_more}``)."""
        operation = op.value
        if isinstance(operation.get("x-pagination"), dict):
            return True
        responses = operation.get("responses")
        if not isinstance(responses, dict):
            return False
        for status, raw in sorted(responses.items(), key=lambda kv: str(kv[0])):
            if not str(status).startswith("2"):
                continue
            response = self._quiet_resolve(raw, op.document, join_pointer(op.pointer, "responses", str(status)))
            content = response.value.get("content") if response and isinstance(response.value, dict) else None
            if not isinstance(content, dict) or not content:
                continue
            media_type = next((m for m in content if "json" in str(m).lower()), None)
            media = content.get(media_type) if media_type else None
            if not isinstance(media, dict):
                return False
            return self._is_list(media.get("schema"), response.document if response else op.document, 0)
        return False

    def _is_list(self, schema: Any, document: SpecDocument, depth: int) -> bool:
        resolved = self._quiet_resolve(schema, document, "")
        if resolved is None or not isinstance(resolved.value, dict) or depth > 8:
            return False
        value, document = resolved.value, resolved.document
        if value.get("type") == "array" or "items" in value:
            return True
        properties: dict[str, Any] = {}
        all_of = value.get("allOf")
        for part in [value, *(all_of if isinstance(all_of, list) else [])]:
            part_resolved = self._quiet_resolve(part, document, "")
            if part_resolved is not None and isinstance(part_resolved.value, dict):
                props = part_resolved.value.get("properties")
                if isinstance(props, dict):
                    properties.update({str(k): (v, part_resolved.document) for k, v in props.items()})
        arrays = [name for name, (prop, doc) in properties.items() if self._is_array(prop, doc)]
        if len(arrays) > 1:
            arrays = [a for a in arrays if re.sub(r"[^a-z]", "", a.lower()) in ITEMS_FIELDS][:1]
        if len(arrays) != 1:
            return False
        if re.sub(r"[^a-z]", "", arrays[0].lower()) in ITEMS_FIELDS:  # data, items, entries, results ...
            return True
        others = [name.lower() for name in properties if name != arrays[0]]
        return all(any(word in name for word in _PAGE_WORDS) for name in others)

    def _is_array(self, schema: Any, document: SpecDocument) -> bool:
        resolved = self._quiet_resolve(schema, document, "")
        if resolved is None or not isinstance(resolved.value, dict):
            return False
        value = resolved.value
        kind = value.get("type")
        return kind == "array" or (isinstance(kind, list) and "array" in kind) or "items" in value

    def _quiet_resolve(self, value: Any, document: SpecDocument, pointer: str) -> Resolved | None:
        """``value`` with its ``$ref``s followed, or None (a broken or refused one is reported where it is built)."""
        try:
            return self.loader.resolve(value, document, pointer)
        except LocatedError:
            return None

    def _class_names(self, resources: set[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
        """A class name per resource: its own name (``Completions``), or its path's where that is shared.

        Resource classes share one namespace with the models: a model keeps its name, the resource yields.
        """
        every = {path[:end] for path in resources for end in range(1, len(path) + 1)}
        leaves = Counter(pascal_case(path[-1], fallback="Default") for path in every)
        names: dict[tuple[str, ...], str] = {}
        for path in sorted(every, key=lambda p: (len(p), p)):
            leaf = pascal_case(path[-1], fallback="Default")
            wanted = leaf if leaves[leaf] == 1 else pascal_case("_".join(path), fallback="Default")
            names[path] = self.class_names.claim_family(wanted, resource_class_names)
        return names

    def _tree(
        self,
        built: dict[tuple[str, ...], list[OperationIR]],
        class_names: dict[tuple[str, ...], str],
        parent: tuple[str, ...],
    ) -> tuple[ResourceIR, ...]:
        """The resources right below ``parent``, in the order their first operation appears."""
        order: dict[tuple[str, ...], int] = {}
        position = 0
        for resource in built:
            if len(resource) > len(parent) and resource[: len(parent)] == parent:
                order.setdefault(resource[: len(parent) + 1], position)
                position += 1
        tag_descriptions = {
            as_text(t.get("name")): as_text(t.get("description"))
            for t in self.doc.root.get("tags") or []
            if isinstance(t, dict)
        }
        described = {pascal_case(name).lower(): text for name, text in tag_descriptions.items()}
        resources = []
        for path in sorted(order, key=order.__getitem__):
            children = self._tree(built, class_names, path)
            operations = tuple(built.get(path, ()))
            if not operations and not children:
                continue
            resources.append(
                ResourceIR(
                    attr_name=path[-1],
                    class_name=class_names[path],
                    module_name=path[-1],
                    description=described.get(pascal_case(path[-1]).lower(), ""),
                    operations=operations,
                    children=children,
                    path=path,
                )
            )
        return tuple(resources)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _route_key(text: str) -> str:
    """``"POST /jobs/{job_id}/cancel"`` → ``"post /jobs/{}/cancel"``: parameter names do not matter."""
    method, _, path = text.strip().partition(" ")
    return f"{method.lower()} {re.sub(r'{[^}]*}', '{}', path.strip())}"


__all__ = ["Placement", "ResourceBuilder"]
