"""Pagination of list operations: from ``x-pagination`` or detected from the conventions of real APIs."""

from __future__ import annotations

import re
from typing import Any, cast

from generator.build_ir.common import strip_none
from generator.build_ir.context import Stage
from generator.errors import SpecError
from generator.ir import (
    ArrayType,
    FieldIR,
    NamedType,
    ObjectSchema,
    PaginationIR,
    ParameterIR,
    PrimitiveType,
    ResponseIR,
    TypeIR,
)
from generator.loader import SpecDocument, join_pointer

KINDS = ("cursor", "offset", "next_url", "page", "link_header")
# Normalized (lower case, no separators) names of body fields holding the next page's token …
TOKEN_FIELDS = frozenset(
    {"nextcursor", "nextpagecursor", "nextpagetoken", "nexttoken", "continue", "continuationtoken",
     "nextcontinuationtoken", "nextmarker", "nextpagekey"}
)  # fmt: skip
# … or its URL.
URL_FIELDS = frozenset({"next", "nexturl", "nextpageurl", "nextpageuri", "nextlink", "odatanextlink", "nexthref"})
# Objects in which those fields are looked for, besides the page itself (k8s `metadata.continue`).
CONTAINERS = frozenset({"metadata", "meta", "pagination", "paging", "links", "responsemetadata", "pageinfo"})
# Conventional names of the items array, when a page has several arrays.
ITEMS_FIELDS = frozenset({"data", "items", "entries", "results", "records", "values", "elements", "nodes"})
HAS_MORE_FIELDS = ("has_more", "hasMore", "has_next", "hasNext", "has_next_page", "hasNextPage")
LAST_ITEM_CURSOR_PARAMS = ("starting_after", "after")
PAGE_PARAMS = ("page", "page_number", "pageNumber")
OFFSET_PARAMS = ("offset", "skip")


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


class PaginationBuilder(Stage):
    """Decides how a list operation pages."""

    def pagination(
        self,
        operation: dict[str, Any],
        document: SpecDocument,
        pointer: str,
        method: str,
        success: ResponseIR | None,
        params: list[ParameterIR],
        page_base: str,
    ) -> PaginationIR | None:
        if success is None or success.type is None or success.kind != "json":
            return None
        spec = operation.get("x-pagination")
        if spec is False or (spec is None and method != "get"):
            return None
        body = strip_none(success.type)
        page: ObjectSchema | None = None
        if isinstance(body, NamedType):
            schema = self.schemas.get(body.name)
            page = schema if isinstance(schema, ObjectSchema) else None
            if page is None:
                return None
        elif not isinstance(body, ArrayType):
            return None
        fields = {f.wire_name: f for f in page.fields} if page else {}
        query = {p.wire_name: p for p in params if p.location == "query"}
        link_header = self._declares_link_header(operation, document, pointer)
        config: dict[str, Any] | None
        if isinstance(spec, dict):
            config = {str(k): v for k, v in spec.items()}
        else:
            config = self._detect(fields, query, link_header, page is None)
            if config is None:
                return None
        where = join_pointer(pointer, "x-pagination")
        kind = config.get("type", "cursor")
        items = config.get("items")
        if page is None:
            item_type: TypeIR | None = cast(ArrayType, body).items
            items_field = "items"  # the bare array becomes the page's `items`
        else:
            item_field = fields.get(items) if isinstance(items, str) else None
            array = strip_none(item_field.type) if item_field else None
            item_type = array.items if isinstance(array, ArrayType) else None
            items_field = item_field.wire_name if item_field else ""
        if kind not in KINDS or item_type is None:
            self.warn(
                "x-pagination needs `type` (one of " + ", ".join(KINDS) + ") and `items` naming an array field "
                "of the response (not needed when the response is an array)",
                document,
                where,
            )
            return None
        for key in ("cursor_param", "offset_param", "page_param"):
            if isinstance(config.get(key), str) and config[key] not in query:
                self.warn(f"x-pagination {key} {config[key]!r} is not a query parameter", document, where)
                return None
        next_path = tuple(str(config["next"]).split(".")) if isinstance(config.get("next"), str) else ()
        if isinstance(config.get("next"), list):
            next_path = tuple(str(p) for p in config["next"])
        needed = {"cursor": "cursor_param", "offset": "offset_param", "page": "page_param"}.get(kind)
        if (needed and not isinstance(config.get(needed), str)) or (kind == "next_url" and not next_path):
            self.warn(f"x-pagination of type {kind} needs `{needed or 'next'}`", document, where)
            return None
        sync_class = self.class_names.claim(f"Sync{page_base}Page")
        async_class = self.class_names.claim(f"Async{page_base}Page")
        return PaginationIR(
            kind=kind,
            items_field=items_field,
            item_type=item_type,
            page_schema=page.name if page else "",
            sync_class=sync_class,
            async_class=async_class,
            has_more_field=_opt_str(config.get("has_more")),
            cursor_param=_opt_str(config.get("cursor_param")),
            cursor_field=_opt_str(config.get("cursor_field")),
            offset_param=_opt_str(config.get("offset_param")),
            next_path=next_path,
            page_param=_opt_str(config.get("page_param")),
        )

    def _declares_link_header(self, operation: dict[str, Any], document: SpecDocument, pointer: str) -> bool:
        """Whether a 2xx response of ``operation`` declares a ``Link`` header."""
        responses = operation.get("responses")
        for status, raw in (responses or {}).items() if isinstance(responses, dict) else ():
            if not str(status).startswith("2"):
                continue
            try:
                response = self.loader.resolve(raw, document, join_pointer(pointer, "responses", str(status))).value
            except SpecError:
                continue  # reported where the responses are built
            headers = response.get("headers") if isinstance(response, dict) else None
            if isinstance(headers, dict) and any(str(h).lower() == "link" for h in headers):
                return True
        return False

    def _detect(
        self, fields: dict[str, FieldIR], query: dict[str, ParameterIR], link_header: bool, bare_array: bool
    ) -> dict[str, Any] | None:
        """Recognise the common conventions when the spec has no ``x-pagination``."""
        if bare_array:
            items = None
        else:
            arrays = [name for name, f in fields.items() if isinstance(strip_none(f.type), ArrayType)]
            if len(arrays) > 1:  # e.g. box's `entries` beside its `order`: the conventional name wins
                arrays = [name for name in arrays if _normal(name) in ITEMS_FIELDS][:1]
            if len(arrays) != 1:
                return None
            items = arrays[0]
        has_more = next((f for f in HAS_MORE_FIELDS if f in fields and _is(fields[f].type, "bool")), None)
        base = {"items": items, "has_more": has_more}
        if link_header:
            return {**base, "type": "link_header"}
        cursor_param = next((p for p in LAST_ITEM_CURSOR_PARAMS if p in query), None)
        if cursor_param and ("last_id" in fields or has_more):
            if "last_id" in fields:
                return {**base, "type": "cursor", "cursor_param": cursor_param, "next": "last_id"}
            return {**base, "type": "cursor", "cursor_param": cursor_param, "cursor_field": "id"}
        for path in self._string_paths(fields):
            name = _normal(path[-1])
            if name in TOKEN_FIELDS:
                wanted = {name, name.removeprefix("next")}
                param = next((p for p in query if _normal(p) in wanted), None)
                if param is not None:
                    return {**base, "type": "cursor", "cursor_param": param, "next": list(path)}
        for path in self._string_paths(fields):
            if _normal(path[-1]) in URL_FIELDS:
                return {**base, "type": "next_url", "next": list(path)}
        page_param = next((p for p in PAGE_PARAMS if p in query and _is(query[p].type, "int")), None)
        if page_param:
            return {**base, "type": "page", "page_param": page_param}
        offset_param = next((p for p in OFFSET_PARAMS if p in query), None)
        if offset_param:
            return {**base, "type": "offset", "offset_param": offset_param}
        return None

    def _string_paths(self, fields: dict[str, FieldIR]) -> list[tuple[str, ...]]:
        """Paths to the page's string fields: its own, then those of its pagination containers."""
        paths: list[tuple[str, ...]] = [(name,) for name, f in fields.items() if _is(f.type, "str")]
        for name, f in fields.items():
            type_ = strip_none(f.type)
            inner = self.schemas.get(type_.name) if isinstance(type_, NamedType) else None
            if _normal(name) in CONTAINERS and isinstance(inner, ObjectSchema):
                paths.extend((name, g.wire_name) for g in inner.fields if _is(g.type, "str"))
        return paths


def _is(type_: TypeIR, name: str) -> bool:
    type_ = strip_none(type_)
    return isinstance(type_, PrimitiveType) and type_.name == name


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
