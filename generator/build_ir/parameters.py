"""Parameters, request bodies and responses of an operation."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Literal, cast

from generator.build_ir.common import default_fits, freeze, make_nullable, parse_sunset
from generator.build_ir.context import Stage
from generator.config import as_text
from generator.errors import SpecError
from generator.ir import (
    AliasSchema,
    ArrayType,
    BodyIR,
    BodyKind,
    FieldIR,
    NamedType,
    ObjectSchema,
    ParameterIR,
    PrimitiveType,
    ResponseIR,
    TypeIR,
    UnionType,
)
from generator.loader import Resolved, SpecDocument, join_pointer
from generator.naming import NameRegistry, parameter_name, pascal_case

_TOKEN_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
STATUS_RE = re.compile(r"^([1-5]\d\d|[1-5]XX|default)$")


class ParameterBuilder(Stage):
    """Builds the parameters, body and responses of operations."""

    def parameters(
        self, path: str, item: Resolved, op: Resolved, op_hint: str, arg_names: NameRegistry
    ) -> list[ParameterIR]:
        collected: dict[tuple[str, str], tuple[dict[str, Any], SpecDocument, str]] = {}
        for owner in (item, op):  # the operation's parameters override the path item's
            source = owner.value.get("parameters")
            for index, raw in enumerate(source if isinstance(source, list) else []):
                param_pointer = join_pointer(owner.pointer, "parameters", index)
                resolved = self.resolve(raw, owner.document, param_pointer, "parameter skipped")
                if resolved is None:
                    continue
                value = resolved.value
                if (
                    not isinstance(value, dict)
                    or not isinstance(value.get("name"), str)
                    or value.get("in") not in ("path", "query", "header", "cookie")
                ):
                    self.warn(
                        "a parameter needs a `name` and an `in` of path/query/header/cookie; skipped",
                        resolved.document,
                        resolved.pointer,
                    )
                    continue
                collected[(value["name"], value["in"])] = (value, resolved.document, resolved.pointer)
        template_names = set(re.findall(r"{([^}]+)}", path.split("#")[0].split("?")[0]))
        params: list[ParameterIR] = []
        order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
        for (name, raw_location), (value, document, param_pointer) in sorted(
            collected.items(), key=lambda kv: order[kv[0][1]]
        ):
            location = cast(Literal["path", "query", "header", "cookie"], raw_location)
            if location == "header" and name.lower() in ("accept", "content-type", "authorization"):
                continue  # set by the client itself
            if location in ("header", "cookie") and not _TOKEN_RE.match(name):
                self.warn(
                    f"{location} name {name!r} is not an HTTP token (RFC 9110): it cannot be sent; parameter skipped",
                    document,
                    join_pointer(param_pointer, "name"),
                )
                continue
            schema = value.get("schema")
            content = value.get("content")
            if schema is None and isinstance(content, dict) and content:
                media = next(iter(content.values()))
                schema = media.get("schema") if isinstance(media, dict) else None
            type_ = self.convert(
                schema, document, join_pointer(param_pointer, "schema"), op_hint + pascal_case(name, fallback="Param")
            )
            details = self.converter.schema_details(schema, document, join_pointer(param_pointer, "schema"))
            required = value.get("required") is True
            if location == "path":
                if name not in template_names:
                    self.warn(f"path parameter {name!r} does not appear in the path; skipped", document, param_pointer)
                    continue
                if not required:
                    self.warn(f"path parameter {name!r} must be required; treated as required", document, param_pointer)
                required = True
            default = details.get("default")
            has_default = "default" in details and default_fits(default, type_)
            if "default" in details and not has_default:
                self.warn(
                    f"default {default!r} of parameter {name!r} does not match its type; ignored",
                    document,
                    join_pointer(param_pointer, "schema", "default"),
                )
            sunset = self.sunset(value, document, param_pointer)  # a date announces removal: deprecated
            params.append(
                ParameterIR(
                    wire_name=name,
                    py_name=arg_names.claim(parameter_name(name)),
                    location=location,
                    type=type_,
                    required=required,
                    description=as_text(value.get("description")) or details.get("description", ""),
                    default=freeze(default) if has_default else None,
                    has_default=has_default,
                    deprecated=value.get("deprecated") is True or bool(sunset),
                    sunset=sunset,
                    explode=value.get("explode", location in ("query", "cookie")) is not False,
                    style=as_text(value.get("style")) or ("form" if location in ("query", "cookie") else "simple"),
                    example=freeze(self._example(value, document, param_pointer, details.get("example"))),
                    source=param_pointer,
                    source_file=str(document.path) if document is not self.doc else "",
                )
            )
        missing = template_names - {p.wire_name for p in params if p.location == "path"}
        for name in sorted(missing):
            self.warn(f"path template variable {{{name}}} has no parameter; added as a string", op.document, op.pointer)
            params.insert(
                0, ParameterIR(name, arg_names.claim(parameter_name(name)), "path", PrimitiveType("str"), True)
            )
        params.sort(key=lambda p: order[p.location])
        return params

    def request_body(self, op: Resolved, op_hint: str, arg_names: NameRegistry) -> BodyIR | None:
        raw = op.value.get("requestBody")
        if raw is None:
            return None
        # A broken body $ref skips the whole operation: a method without its body would be hollow.
        resolved = self.loader.resolve(raw, op.document, join_pointer(op.pointer, "requestBody"))
        value, document, body_pointer = resolved.value, resolved.document, resolved.pointer
        content = value.get("content") if isinstance(value, dict) else None
        if not isinstance(content, dict) or not content:
            self.warn("request body has no content; ignored", document, body_pointer)
            return None
        content_type, kind = _pick_request_content(content)
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        media_pointer = join_pointer(body_pointer, "content", content_type)
        schema = media.get("schema", {})
        type_ = self.convert(schema, document, join_pointer(media_pointer, "schema"), op_hint + "Body")
        if kind == "binary":
            type_ = PrimitiveType("bytes", "binary")
        elif kind == "text":
            type_ = PrimitiveType("str")
        target = self.schemas.get(type_.name) if isinstance(type_, NamedType) else None
        multipart = next((str(ct) for ct in content if str(ct).lower().startswith("multipart/form-data")), None)
        if (
            kind == "json"
            and multipart
            and isinstance(target, ObjectSchema)
            and any(_has_file(f.type) for f in target.fields)
        ):
            # JSON cannot carry a file (OpenAI's CreateContainerFile declares both): the multipart form can.
            content_type, kind = multipart, "multipart"
            media = content[content_type] if isinstance(content[content_type], dict) else {}
            media_pointer = join_pointer(body_pointer, "content", content_type)
            type_ = self.convert(
                media.get("schema", {}), document, join_pointer(media_pointer, "schema"), op_hint + "Body"
            )
            target = self.schemas.get(type_.name) if isinstance(type_, NamedType) else None
        if kind == "form" and isinstance(self._unalias(type_), ArrayType):
            raise SpecError(
                "an application/x-www-form-urlencoded body must be an object: the items of an array have no "
                "field names to send them under",
                document.locate(join_pointer(media_pointer, "schema")),
            )
        fields: tuple[FieldIR, ...] | None = None
        if (
            kind in ("json", "form", "multipart")
            and isinstance(target, ObjectSchema)
            and target.additional_properties is None
        ):
            fields = tuple(
                dataclasses.replace(f, py_name=arg_names.claim(parameter_name(f.py_name)))
                for f in target.fields
                if not f.read_only
            )
        else:
            arg_names.claim("body")
        return BodyIR(
            kind=kind,
            content_type=content_type,
            type=type_,
            required=value.get("required") is True,
            description=as_text(value.get("description")),
            fields=fields,
            example=freeze(self._example(media, document, media_pointer, None)),
        )

    def _unalias(self, type_: TypeIR) -> TypeIR:
        """``type_``, or the target of the named alias it refers to."""
        schema = self.schemas.get(type_.name) if isinstance(type_, NamedType) else None
        return schema.target if isinstance(schema, AliasSchema) else type_

    def _example(self, owner: dict[str, Any], document: SpecDocument, pointer: str, fallback: Any) -> Any:
        """``owner``'s ``example``, else the value of its first ``examples`` entry (which may be a ``$ref``)."""
        if "example" in owner:
            return owner["example"]
        examples = owner.get("examples")
        if not isinstance(examples, dict) or not examples:
            return fallback
        name, raw = next(iter(examples.items()))
        resolved = self.resolve(raw, document, join_pointer(pointer, "examples", str(name)), "example ignored")
        if resolved is None or not isinstance(resolved.value, dict) or "value" not in resolved.value:
            return fallback
        return resolved.value["value"]

    def sunset(self, owner: Any, document: SpecDocument, pointer: str) -> str:
        """The ``x-sunset`` date of an operation, parameter or property as YYYY-MM-DD ("" none or invalid)."""
        if not isinstance(owner, dict) or "x-sunset" not in owner:
            return ""
        date = parse_sunset(owner["x-sunset"])
        if date is None:
            self.warn(f"x-sunset {owner['x-sunset']!r} is not an RFC 3339 date (e.g. 2026-12-31); ignored",
                      document, join_pointer(pointer, "x-sunset"))  # fmt: skip
        return date or ""

    def operation_sunset(self, op: Resolved) -> str:
        """``x-sunset`` of the operation, else the date its documented ``Sunset`` response header gives."""
        if "x-sunset" in op.value:
            return self.sunset(op.value, op.document, op.pointer)
        responses = op.value.get("responses")
        for status, raw in responses.items() if isinstance(responses, dict) else ():
            response = self.resolve(raw, op.document, join_pointer(op.pointer, "responses", str(status)), "ignored")
            headers = response.value.get("headers") if response and isinstance(response.value, dict) else None
            for name, header in headers.items() if isinstance(headers, dict) else ():
                if str(name).lower() != "sunset" or response is None:
                    continue
                pointer = join_pointer(response.pointer, "headers", str(name))
                resolved = self.resolve(header, response.document, pointer, "ignored")
                if resolved is None or not isinstance(resolved.value, dict):
                    continue
                documented = _documented_value(resolved.value)
                date = parse_sunset(documented, http_date=True)
                if date is None:
                    self.warn(f"the Sunset header's documented value {documented!r} is not an HTTP-date or RFC 3339 "
                              "date (give it as `example` or `schema.const`/`default`); ignored",
                              resolved.document, resolved.pointer)  # fmt: skip
                    continue
                return date
        return ""

    def responses(self, op: Resolved, op_hint: str) -> tuple[ResponseIR | None, tuple[ResponseIR, ...]]:
        responses = op.value.get("responses")
        if not isinstance(responses, dict):
            self.warn("operation has no `responses`; its result is returned as None", op.document, op.pointer)
            return None, ()
        successes: list[ResponseIR] = []
        errors: list[ResponseIR] = []
        for raw_status, raw in responses.items():
            status_pointer = join_pointer(op.pointer, "responses", str(raw_status))
            status = str(raw_status).upper() if str(raw_status).lower() != "default" else "default"
            if not STATUS_RE.match(status):
                self.warn(f"invalid response status code {raw_status!r}; response ignored", op.document, status_pointer)
                continue
            resolved = self.resolve(raw, op.document, status_pointer, "response ignored")
            if resolved is None:
                continue
            response = self._response(status, resolved.value, resolved.document, resolved.pointer, op_hint)
            if status.startswith("2"):
                successes.append(response)
            elif not status.startswith(("1", "3")):
                errors.append(response)
        if not successes:
            # Only `default`: it describes the successful answers too.
            successes = [r for r in errors if r.status == "default"]
            errors = [r for r in errors if r.status != "default"]
        return _merge_successes(successes), tuple(errors)

    def _response(self, status: str, value: Any, document: SpecDocument, pointer: str, op_hint: str) -> ResponseIR:
        description = as_text(value.get("description")) if isinstance(value, dict) else ""
        content = value.get("content") if isinstance(value, dict) else None
        if status == "204" or not isinstance(content, dict) or not content:
            return ResponseIR(status, "empty", None, None, description)
        content_type, kind = _pick_response_content(content)
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        if kind == "event_stream":
            # OpenAPI 3.2 names the schema of one event `itemSchema`; earlier documents use `schema`.
            key = "itemSchema" if "itemSchema" in media else "schema"
            schema = media.get(key)
            event_type = None
            if isinstance(schema, dict) and schema and not (schema.get("type") == "string" and "$ref" not in schema):
                event_type = self.convert(
                    schema, document, join_pointer(pointer, "content", content_type, key), op_hint + "Event"
                )
            return ResponseIR(status, kind, content_type, event_type, description, (content_type,))
        if kind == "json":
            suffix = "Response" if status.startswith("2") else f"Error{status}"
            type_ = self.convert(
                media.get("schema", {}),
                document,
                join_pointer(pointer, "content", content_type, "schema"),
                op_hint + suffix,
            )
        elif kind == "binary" and any(_is_text(str(ct), media) for ct, media in content.items()):
            # Text and binary types both declared (text/plain and image/png): the response's Content-Type decides.
            type_ = UnionType((PrimitiveType("str"), PrimitiveType("bytes", "binary")))
        else:
            type_ = PrimitiveType("str") if kind == "text" else PrimitiveType("bytes", "binary")
        return ResponseIR(status, kind, content_type, type_, description, _acceptable(content, kind))


def _documented_value(header: dict[str, Any]) -> Any:
    """The value a header object documents: its example, or its schema's const, default, one enum or example."""
    raw = header.get("schema")
    schema: dict[str, Any] = raw if isinstance(raw, dict) else {}
    examples = header.get("examples")
    first = next(iter(examples.values()), None) if isinstance(examples, dict) and examples else None
    candidates = [
        header.get("example"),
        first.get("value") if isinstance(first, dict) else None,
        schema.get("const"),
        schema.get("default"),
        schema.get("enum", [None])[0] if isinstance(schema.get("enum"), list) and len(schema["enum"]) == 1 else None,
        schema.get("example"),
        (schema.get("examples") or [None])[0] if isinstance(schema.get("examples"), list) else None,
    ]
    return next((value for value in candidates if value is not None), None)


_JSON_RE = re.compile(r"^application/([\w.+-]*\+)?json(;.*)?$|^\*/\*$|^application/json-patch\+json$", re.IGNORECASE)


# Media types whose string content is bytes, whatever their schema says.
_BINARY_RE = re.compile(
    r"^(application/(octet-stream|pdf|zip|gzip|x-tar|vnd\.|x-protobuf|protobuf)|audio/|image/|video/|font/)",
    re.IGNORECASE,
)


# Media types that are text whatever their schema says (an XML document described by an object schema).
_TEXT_RE = re.compile(
    r"^(text/|application/(xml|[\w.+-]+\+xml|javascript|ecmascript|x-yaml|yaml|graphql|sql|x-www-form-urlencoded)\s*(;|$))",
    re.IGNORECASE,
)


def _is_text(content_type: str, media: Any) -> bool:
    """Whether a non-JSON, non-form body of ``content_type`` is text (``str``) rather than ``bytes``."""
    lower = content_type.lower()
    if _TEXT_RE.match(lower):
        return True
    if _BINARY_RE.match(lower):
        return False
    schema = media.get("schema") if isinstance(media, dict) else None
    # application/sdp, application/xml ...: text when the schema is a plain string.
    return (
        isinstance(schema, dict) and schema.get("type") == "string" and schema.get("format") not in ("binary", "byte")
    )


def _has_file(type_: TypeIR) -> bool:
    """Whether a body field holds a file (``format: binary``), directly or as a list of them."""
    if isinstance(type_, ArrayType):
        return _has_file(type_.items)
    if isinstance(type_, UnionType):
        return any(_has_file(v) for v in type_.variants)
    return type_ == PrimitiveType("bytes", "binary")


def _merge_successes(successes: list[ResponseIR]) -> ResponseIR | None:
    """One result for several success codes: the union of their types (``None`` for empty ones)."""
    if len(successes) <= 1:
        return successes[0] if successes else None
    typed = [r for r in successes if r.kind != "empty"]
    if not typed:
        return successes[0]
    first = typed[0]
    same_kind = [r for r in typed if r.kind == first.kind]
    types = list(dict.fromkeys(r.type for r in same_kind if r.type is not None))
    type_ = first.type
    if first.kind == "json" and len(types) > 1:
        type_ = UnionType(tuple(types))
    if type_ is not None and first.kind == "json" and len(typed) < len(successes):
        type_ = make_nullable(type_)  # a success without content (e.g. 204) gives None
    content_types = tuple(dict.fromkeys(ct for r in same_kind for ct in r.content_types))
    return dataclasses.replace(first, type=type_, content_types=content_types)


def _acceptable(content: dict[str, Any], kind: str) -> tuple[str, ...]:
    """The declared media types the SDK can read as ``kind`` (what it sends in ``Accept``)."""
    if kind == "json":
        return tuple(str(ct) for ct in content if _JSON_RE.match(str(ct).lower()) and str(ct) != "*/*")
    if kind == "text":
        return tuple(str(ct) for ct in content if _is_text(str(ct), content[ct]))
    return tuple(str(ct) for ct in content)


def _pick_request_content(content: dict[str, Any]) -> tuple[str, BodyKind]:
    ranked: list[tuple[int, str, BodyKind]] = []
    for ct, media in content.items():
        ct = str(ct)
        lower = ct.lower()
        if _JSON_RE.match(lower):
            ranked.append((0, ct, "json"))
        elif lower.startswith("application/x-www-form-urlencoded"):
            ranked.append((1, ct, "form"))
        elif lower.startswith("multipart/"):
            ranked.append((2, ct, "multipart"))
        elif _is_text(ct, media):
            ranked.append((4, ct, "text"))
        else:
            ranked.append((3, ct, "binary"))
    _, content_type, kind = min(ranked, key=lambda r: r[0])
    return content_type, kind


def _pick_response_content(
    content: dict[str, Any],
) -> tuple[str, Literal["json", "text", "binary", "event_stream"]]:
    content_types = [str(ct) for ct in content]
    for ct in content_types:
        if _JSON_RE.match(ct.lower()):
            return ct, "json"
    for ct in content_types:
        if ct.lower().startswith("text/event-stream"):
            return ct, "event_stream"
    texts = [ct for ct in content_types if _is_text(ct, content[ct])]
    if texts and len(texts) == len(content_types):
        return texts[0], "text"
    return next(ct for ct in content_types if ct not in texts), "binary"
