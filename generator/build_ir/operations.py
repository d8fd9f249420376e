"""Resources and operations: grouping, method names, and each operation's parts."""

from __future__ import annotations

import re
from typing import Any

from generator.build_ir.auth import AuthBuilder
from generator.build_ir.common import HTTP_METHODS
from generator.build_ir.context import BuildContext, Stage
from generator.build_ir.extensions import IGNORE
from generator.build_ir.pagination import PaginationBuilder
from generator.build_ir.parameters import ParameterBuilder
from generator.config import as_text
from generator.errors import SpecError, SpecWarning
from generator.ir import AuthSchemeIR, OperationIR, ResourceIR
from generator.loader import Resolved, join_pointer
from generator.naming import NameRegistry, pascal_case, resource_class_names, snake_case

RESOURCE_RESERVED = frozenset({"with_raw_response", "with_streaming_response"})
# The client's own attributes and methods (base client and _client.py); a resource may not take them.
CLIENT_RESERVED = frozenset(
    {"with_options", "copy", "close", "request", "get_api_list", "auth_headers", "auth_query",
     "base_url", "timeout", "max_retries", "is_closed", "default_headers", "default_query", "user_agent",
     "strict_response_validation", "telemetry", "property", "cached_property", "staticmethod", "classmethod"}
)  # fmt: skip
VERSION_SEGMENT = re.compile(r"^v\d+(\.\d+)*$|^\d{4}-\d{2}-\d{2}$|^api$", re.IGNORECASE)


class OperationBuilder(Stage):
    """Builds the resources (groups of operations) of the API."""

    def __init__(self, ctx: BuildContext, auth: AuthBuilder) -> None:
        super().__init__(ctx)
        self.auth = auth
        self.parts = ParameterBuilder(ctx)
        self.pages = PaginationBuilder(ctx)

    def build_resources(self, auth: tuple[AuthSchemeIR, ...]) -> tuple[ResourceIR, ...]:
        paths = self.doc.root.get("paths")
        if paths is None:
            return ()
        if not isinstance(paths, dict):
            raise SpecError("`paths` must be a mapping", self.doc.locate("/paths"))
        grouped: dict[str, list[tuple[str, str, Resolved, Resolved]]] = {}
        tag_descriptions = {
            as_text(t.get("name")): as_text(t.get("description"))
            for t in self.doc.root.get("tags") or []
            if isinstance(t, dict)
        }
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
                resource = self._resource_key(path, operation.value)
                grouped.setdefault(resource, []).append((path, method, operation, item))
        resources: list[ResourceIR] = []
        # The credentials are client attributes too (files.com has an `api_key` resource and an `api_key` credential).
        credentials = {arg for scheme in auth for arg in (*scheme.client_args, scheme.provider_arg, scheme.scopes_arg,
                                                          scheme.auth_method_arg) if arg}  # fmt: skip
        attr_names = NameRegistry(CLIENT_RESERVED | credentials)
        class_names = NameRegistry()
        for resource_key, entries in grouped.items():
            attr = attr_names.claim(snake_case(resource_key, fallback="default"))
            # Resource classes share one namespace with the models: a model keeps its name, the resource yields.
            class_base = self.class_names.claim_family(
                class_names.claim(pascal_case(resource_key, fallback="Default")), resource_class_names
            )
            method_names = NameRegistry(RESOURCE_RESERVED)
            operations: list[OperationIR] = []
            for path, method, operation, item in entries:
                try:
                    operations.append(
                        self._build_operation(path, method, operation, item, method_names, auth, class_base)
                    )
                except SpecError as exc:
                    location = exc.location or operation.document.locate(operation.pointer)
                    self.warnings.append(SpecWarning(f"operation skipped: {exc.message}", location))
            if operations:
                resources.append(
                    ResourceIR(
                        attr_name=attr,
                        class_name=class_base,
                        module_name=attr,
                        description=tag_descriptions.get(resource_key, ""),
                        operations=tuple(operations),
                    )
                )
        return tuple(resources)

    def _resource_key(self, path: str, operation: dict[str, Any]) -> str:
        override = operation.get("x-sdk-resource")
        if isinstance(override, str) and override.strip():
            return override
        tags = operation.get("tags")
        if isinstance(tags, list) and tags and isinstance(tags[0], str) and tags[0].strip():
            return tags[0]
        for segment in path.split("#")[0].split("?")[0].strip("/").split("/"):
            if segment and not segment.startswith("{") and not VERSION_SEGMENT.match(segment):
                return segment.split(".")[0]
        return "default"

    def _build_operation(
        self,
        path: str,
        method: str,
        op: Resolved,
        item: Resolved,
        method_names: NameRegistry,
        auth: tuple[AuthSchemeIR, ...],
        resource_class: str,
    ) -> OperationIR:
        operation, pointer = op.value, op.pointer
        operation_id = as_text(operation.get("operationId")) or f"{method}_{path}"
        op_hint = pascal_case(operation_id, fallback="Operation")
        method_name = method_names.claim(self._method_name(path, method, operation, method_names))
        arg_names = NameRegistry(frozenset({"self"}))
        params = self.parts.parameters(path, item, op, op_hint, arg_names)
        body = self.parts.request_body(op, op_hint, arg_names)
        success, errors = self.parts.responses(op, op_hint)
        page_base = resource_class if method_name == "list" else resource_class + pascal_case(method_name)
        pagination = self.pages.pagination(operation, op.document, pointer, method, success, params, page_base)
        security = self.auth.security(operation, auth)
        sunset = self.parts.operation_sunset(op)  # a date announces removal: the operation is deprecated
        owner = op if operation.get("servers") else item  # the operation's servers override the path's
        servers = self.auth.server_urls(
            owner.value.get("servers"), owner.document, join_pointer(owner.pointer, "servers")
        )
        return OperationIR(
            operation_id=operation_id,
            method_name=method_name,
            http_method=method,
            path=path.split("#")[0],
            summary=as_text(operation.get("summary")),
            description=as_text(operation.get("description")),
            deprecated=operation.get("deprecated") is True or bool(sunset),
            sunset=sunset,
            path_params=tuple(p for p in params if p.location == "path"),
            query_params=tuple(p for p in params if p.location == "query"),
            header_params=tuple(p for p in params if p.location == "header"),
            cookie_params=tuple(p for p in params if p.location == "cookie"),
            body=body,
            success=success,
            errors=errors,
            pagination=pagination,
            security=security,
            server_url=servers[0] if servers else None,
            source=join_pointer("/paths", path, method),  # where the root document lists it, whatever file holds it
            source_file=str(op.document.path) if op.document is not self.doc else "",
            file_pointer=op.pointer if op.document is not self.doc else "",
        )

    def _method_name(self, path: str, method: str, operation: dict[str, Any], taken: NameRegistry) -> str:
        override = operation.get("x-sdk-method")
        if isinstance(override, str) and override.strip():
            return snake_case(override, fallback="call")
        segments = [s for s in path.split("#")[0].split("?")[0].strip("/").split("/") if s]
        is_item = bool(segments) and segments[-1].startswith("{")
        is_collection = bool(segments) and not is_item
        verb = {
            ("get", False): "list", ("post", False): "create", ("get", True): "retrieve",
            ("put", True): "update", ("patch", True): "update", ("delete", True): "delete",
        }.get((method, is_item))  # fmt: skip
        nested = len([s for s in segments if s.startswith("{")]) > (1 if is_item else 0)
        if verb and (is_item or is_collection) and not nested and verb not in taken and "#" not in path:
            return verb
        operation_id = operation.get("operationId")
        if isinstance(operation_id, str) and operation_id.strip():
            return snake_case(operation_id, fallback="call")
        return snake_case(f"{method} {' '.join(s.strip('{}') for s in segments)}", fallback="call")
