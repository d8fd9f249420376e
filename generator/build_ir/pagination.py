"""Pagination of list operations: from ``x-pagination`` or detected from common shapes."""

from __future__ import annotations

from typing import Any, cast

from generator.build_ir.common import strip_none
from generator.build_ir.context import Stage
from generator.ir import (
    ArrayType,
    FieldIR,
    NamedType,
    ObjectSchema,
    PaginationIR,
    ParameterIR,
    PrimitiveType,
    ResponseIR,
)
from generator.loader import join_pointer


class PaginationBuilder(Stage):
    """Decides how a list operation pages."""

    def pagination(
        self,
        operation: dict[str, Any],
        pointer: str,
        method: str,
        success: ResponseIR | None,
        params: list[ParameterIR],
        page_base: str,
    ) -> PaginationIR | None:
        if success is None or not isinstance(success.type, NamedType):
            return None
        page = self.schemas.get(success.type.name)
        if not isinstance(page, ObjectSchema):
            return None
        fields = {f.wire_name: f for f in page.fields}
        query = {p.wire_name for p in params if p.location == "query"}
        spec = operation.get("x-pagination")
        config: dict[str, Any]
        if spec is False:
            return None
        if isinstance(spec, dict):
            config = {str(k): v for k, v in spec.items()}
        elif method == "get":
            detected = _detect_pagination(fields, query)
            if detected is None:
                return None
            config = detected
        else:
            return None
        kind = config.get("type", "cursor")
        items = config.get("items")
        item_field = fields.get(items) if isinstance(items, str) else None
        if (
            kind not in ("cursor", "offset", "next_url")
            or item_field is None
            or not isinstance(strip_none(item_field.type), ArrayType)
        ):
            self.warn(
                "x-pagination needs `type` (cursor/offset/next_url) and `items` naming an array field of the response",
                self.doc,
                join_pointer(pointer, "x-pagination"),
            )
            return None
        for key in ("cursor_param", "offset_param"):
            if isinstance(config.get(key), str) and config[key] not in query:
                self.warn(
                    f"x-pagination {key} {config[key]!r} is not a query parameter",
                    self.doc,
                    join_pointer(pointer, "x-pagination"),
                )
                return None
        item_type = cast(ArrayType, strip_none(item_field.type)).items
        sync_class = self.class_names.claim(f"Sync{page_base}Page")
        async_class = self.class_names.claim(f"Async{page_base}Page")
        return PaginationIR(
            kind=kind,
            items_field=item_field.wire_name,
            item_type=item_type,
            page_schema=page.name,
            sync_class=sync_class,
            async_class=async_class,
            has_more_field=_opt_str(config.get("has_more")),
            cursor_param=_opt_str(config.get("cursor_param")),
            cursor_field=_opt_str(config.get("cursor_field")),
            offset_param=_opt_str(config.get("offset_param")),
            next_field=_opt_str(config.get("next")),
        )

    # ---- auth, servers ---------------------------------------------------------------------


def _detect_pagination(fields: dict[str, FieldIR], query: set[str]) -> dict[str, Any] | None:
    """Recognise the common list shapes when the spec has no ``x-pagination``."""
    arrays = [name for name, f in fields.items() if isinstance(strip_none(f.type), ArrayType)]
    if len(arrays) != 1:
        return None
    items = arrays[0]
    if "has_more" in fields and "starting_after" in query:
        return {
            "type": "cursor",
            "items": items,
            "has_more": "has_more",
            "cursor_param": "starting_after",
            "cursor_field": "id",
        }
    for next_field in ("next_page_uri", "next_page_url", "next_url", "next"):
        next_type = strip_none(fields[next_field].type) if next_field in fields else None
        if isinstance(next_type, PrimitiveType) and next_type.name == "str":
            return {"type": "next_url", "items": items, "next": next_field}
    if "offset" in query:
        return {"type": "offset", "items": items, "offset_param": "offset"}
    return None


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
