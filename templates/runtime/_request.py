"""The description of one API call and its encoding into httpx request arguments."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias, cast

from ._types import NOT_GIVEN, FileTypes, NotGiven, Omit, RequestOptions
from ._utils import build_query, to_jsonable

__all__ = [
    "RAW_RESPONSE_HEADER",
    "APICall",
    "RawMode",
    "body_arguments",
    "extract_raw_mode",
    "merge_headers",
]

_EMPTY_BOUNDARY = "sdk-empty-form"
RAW_RESPONSE_HEADER = "X-SDK-Raw-Response"
"""Internal marker header set by the raw/streamed response wrappers; never sent."""

RawMode: TypeAlias = Literal["raw", "stream"]


@dataclasses.dataclass(frozen=True)
class APICall:
    """Everything needed to issue an API call again (retries, next pages)."""

    method: str
    path: str
    query: Mapping[str, object] = dataclasses.field(default_factory=dict[str, object])
    json_body: object = NOT_GIVEN
    # Form fields: a mapping (or model), already-encoded text, or NOT_GIVEN/None (no body).
    form_body: object = None
    files: Mapping[str, FileTypes | Sequence[FileTypes]] | None = None
    content: bytes | None = None
    content_type: str | None = None
    options: RequestOptions = dataclasses.field(
        default_factory=lambda: RequestOptions()
    )

    def for_next_page(
        self, *, path: str | None = None, query: Mapping[str, object]
    ) -> APICall:
        """The same call with another query (and path)."""
        return dataclasses.replace(
            self, path=self.path if path is None else path, query=query
        )


def extract_raw_mode(options: RequestOptions) -> tuple[RequestOptions, RawMode | None]:
    """Remove the internal raw-response marker from ``options``' headers.

    Returns the cleaned options and ``"raw"``, ``"stream"`` or ``None``.
    """
    headers = options.get("headers")
    if not headers:
        return options, None
    mode: RawMode | None = None
    kept: dict[str, str | Omit] = {}
    for name, value in headers.items():
        if name.lower() == RAW_RESPONSE_HEADER.lower():
            mode = "stream" if value == "stream" else "raw"
        else:
            kept[name] = value
    if mode is None:
        return options, None
    cleaned = RequestOptions(**options)
    cleaned["headers"] = kept
    return cleaned, mode


def merge_headers(*layers: Mapping[str, str | Omit] | None) -> dict[str, str | Omit]:
    """Merge header layers case-insensitively; later layers win.

    An ``Omit`` value is kept in the result so the caller can also remove the header
    from defaults added by httpx itself. ``Cookie`` values are joined, not replaced.
    """
    merged: dict[str, tuple[str, str | Omit]] = {}
    for layer in layers:
        for name, value in (layer or {}).items():
            key = name.lower()
            previous = merged.get(key)
            # Cookies of several layers (credentials, cookie parameters) all apply.
            earlier = previous[1] if previous is not None else None
            if key == "cookie" and isinstance(earlier, str) and isinstance(value, str):
                value = f"{earlier}; {value}"
            merged[key] = (name, value)
    return dict(merged.values())


def body_arguments(call: APICall) -> tuple[dict[str, Any], str | None]:
    """Return the httpx body keyword arguments of ``call`` and its content type.

    ``extra_body`` is merged into JSON and form bodies. The content type is ``None``
    when there is no body or when httpx must set it (multipart needs its boundary).
    """
    extra_body = call.options.get("extra_body")
    form_body = None if isinstance(call.form_body, NotGiven) else call.form_body
    if isinstance(form_body, (str, bytes)) and not call.files and extra_body is None:
        encoded = form_body.encode() if isinstance(form_body, str) else form_body
        return {
            "content": encoded
        }, call.content_type or "application/x-www-form-urlencoded"
    if call.files is not None or form_body is not None:
        multipart = (call.content_type or "").lower().startswith("multipart/")
        if form_body is not None and not isinstance(form_body, Mapping):
            form_body = to_jsonable(form_body)  # a model: its fields
        fields: Mapping[str, object] = cast("Mapping[str, object]", form_body or {})
        own_parts: list[tuple[str, FileTypes]] = []
        if multipart:
            fields, own_parts = _split_parts(fields)
        data = _form_fields(_with_extra(fields, extra_body))
        if call.files or multipart:
            # Fields as nameless file parts: httpx sends multipart only when it has files.
            parts: list[tuple[str, FileTypes]] = [
                (name, (None, value.encode()))
                for name, values in data.items()
                for value in values
            ]
            parts.extend(own_parts)
            for name, file in (call.files or {}).items():
                # A list of files (an array of binary strings) goes as one part each.
                many = not _is_file(file) and isinstance(file, (list, tuple))
                files = (
                    cast("list[FileTypes]", list(file))
                    if many
                    else [cast("FileTypes", file)]
                )
                parts.extend((name, item) for item in files)
            if not parts:
                # A required form with nothing in it: httpx would send no body at all.
                empty = f"--{_EMPTY_BOUNDARY}--\r\n".encode()
                return {"content": empty}, (
                    f"{call.content_type or 'multipart/form-data'}; boundary={_EMPTY_BOUNDARY}"
                )
            return {"files": parts}, None
        form_type = call.content_type or "application/x-www-form-urlencoded"
        return {"data": data}, form_type
    if call.content is not None:
        binary_type = call.content_type or "application/octet-stream"
        return {"content": call.content}, binary_type
    if call.json_body is NOT_GIVEN and extra_body is None:
        return {}, None
    body: object = {} if call.json_body is NOT_GIVEN else call.json_body
    return {
        "json": _with_extra(body, extra_body)
    }, call.content_type or "application/json"


def _is_file(value: object) -> bool:
    if isinstance(value, (bytes, bytearray)) or hasattr(value, "read"):
        return True
    if not isinstance(value, tuple):
        return False
    parts = cast("tuple[object, ...]", value)
    return len(parts) in (2, 3) and (
        isinstance(parts[1], (bytes, bytearray)) or hasattr(parts[1], "read")
    )


def _split_parts(
    fields: Mapping[str, object],
) -> tuple[dict[str, object], list[tuple[str, FileTypes]]]:
    """Take the parts out of multipart ``fields`` that are not plain form fields.

    Files (also inside a whole-body mapping) become file parts; objects become one
    ``application/json`` part each, OpenAPI's default encoding for them.
    """
    plain: dict[str, object] = {}
    parts: list[tuple[str, FileTypes]] = []
    for name, value in fields.items():
        items = cast("list[object]", value) if isinstance(value, list) else [value]
        if items and all(_is_file(item) for item in items):
            parts.extend((name, cast("FileTypes", item)) for item in items)
        elif items and all(isinstance(item, Mapping) for item in items):
            parts.extend(
                (
                    name,
                    (None, json.dumps(to_jsonable(item)).encode(), "application/json"),
                )
                for item in items
            )
        else:
            plain[name] = value
    return plain, parts


def _with_extra(body: object, extra_body: object) -> object:
    """``body`` as JSON-compatible data, with ``extra_body``'s keys merged in."""
    jsonable = to_jsonable(body)
    if extra_body is None:
        return jsonable
    extra = to_jsonable(extra_body)
    if not isinstance(jsonable, dict) or not isinstance(extra, dict):
        raise TypeError(
            "extra_body can only be merged into an object body, got "
            f"{type(body).__name__} and {type(extra_body).__name__}"
        )
    return {**cast("dict[str, object]", jsonable), **cast("dict[str, object]", extra)}


def _form_fields(fields: object) -> dict[str, list[str]]:
    """Encode form fields like query parameters (bools, lists, nested objects)."""
    if not isinstance(fields, Mapping):
        raise TypeError(f"Form bodies must be objects, got {type(fields).__name__}")
    data: dict[str, list[str]] = {}
    for name, value in build_query(cast("Mapping[str, object]", fields)):
        data.setdefault(name, []).append(value)
    return data
