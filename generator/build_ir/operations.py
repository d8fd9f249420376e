"""One operation and its parts (parameters, body, responses, pagination, security, servers)."""

from __future__ import annotations

from generator.build_ir.auth import AuthBuilder
from generator.build_ir.context import BuildContext, Stage
from generator.build_ir.pagination import PaginationBuilder
from generator.build_ir.parameters import ParameterBuilder
from generator.config import as_text
from generator.ir import AuthSchemeIR, OperationIR
from generator.loader import Resolved, join_pointer
from generator.naming import NameRegistry, pascal_case


class OperationBuilder(Stage):
    """Builds operations, each already placed (:mod:`generator.build_ir.resources`)."""

    def __init__(self, ctx: BuildContext, auth: AuthBuilder) -> None:
        super().__init__(ctx)
        self.auth = auth
        self.parts = ParameterBuilder(ctx)
        self.pages = PaginationBuilder(ctx)

    def build_operation(
        self,
        path: str,
        method: str,
        op: Resolved,
        item: Resolved,
        method_name: str,
        auth: tuple[AuthSchemeIR, ...],
        resource_class: str,
    ) -> OperationIR:
        """One operation as the method ``method_name`` of the resource class ``resource_class``."""
        operation, pointer = op.value, op.pointer
        operation_id = as_text(operation.get("operationId")) or f"{method}_{path}"
        op_hint = pascal_case(operation_id, fallback="Operation")
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
