"""Build the IR (:mod:`generator.ir`) from a loaded OpenAPI 3.0/3.1 document.

Problems local to one operation or schema become located warnings and that part degrades
(skipped, or typed as ``Any``); problems with the document as a whole are ``SpecError``s.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, cast

from generator.config import GeneratorConfig, as_text, derive_names
from generator.errors import SpecError, SpecWarning
from generator.ir import (
    AliasSchema,
    ApiIR,
    ArrayType,
    AuthSchemeIR,
    BodyIR,
    BodyKind,
    EnumSchema,
    FieldIR,
    JsonObject,
    LiteralType,
    MapType,
    NamedType,
    ObjectSchema,
    OperationIR,
    PackageConfig,
    PaginationIR,
    ParameterIR,
    PrimitiveType,
    ResourceIR,
    ResponseIR,
    SchemaIR,
    TypeIR,
    UnionType,
)
from generator.loader import SpecDocument, SpecLoader, join_pointer
from generator.naming import (
    RESERVED_CLASS_NAMES,
    NameRegistry,
    field_name,
    parameter_name,
    pascal_case,
    snake_case,
)

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
NONE = PrimitiveType("none")
ANY = PrimitiveType("any")
_RESOURCE_RESERVED = frozenset({"with_raw_response", "with_streaming_response"})
_CLIENT_RESERVED = frozenset(
    {"with_options", "copy", "close", "request", "get_api_list", "auth_headers", "auth_query",
     "base_url", "timeout", "max_retries", "is_closed"}
)  # fmt: skip
_VERSION_SEGMENT = re.compile(r"^v\d+(\.\d+)*$|^\d{4}-\d{2}-\d{2}$|^api$", re.IGNORECASE)
_STATUS_RE = re.compile(r"^([1-5]\d\d|[1-5]XX|default)$")
_SCALAR = (str, int, float, bool)
# Keywords that describe a schema without changing its shape.
_ANNOTATION_KEYS = frozenset(
    {"allOf", "description", "title", "nullable", "example", "examples", "deprecated", "default",
     "readOnly", "writeOnly", "externalDocs", "xml", "$comment", "format"}
)  # fmt: skip
_MAX_DEPTH = 150


def is_nullable(type_: TypeIR) -> bool:
    """Whether ``null`` is a valid value of ``type_``."""
    return isinstance(type_, UnionType) and NONE in type_.variants


def _nullable(type_: TypeIR) -> TypeIR:
    if type_ == ANY or is_nullable(type_):
        return type_
    return UnionType((type_, NONE))


def _scalar_json(value: Any) -> bool:
    return value is None or isinstance(value, _SCALAR)


def freeze(value: Any) -> Any:
    """JSON value → hashable equivalent (lists → tuples, dicts → sorted item tuples)."""
    if isinstance(value, dict):
        return JsonObject((str(k), freeze(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


class IRBuilder:
    """Walks one document and produces an :class:`ApiIR`."""

    def __init__(self, loader: SpecLoader, config: GeneratorConfig) -> None:
        self.loader = loader
        self.doc = loader.root
        self.config = config
        self.warnings: list[SpecWarning] = []
        self.class_names = NameRegistry(RESERVED_CLASS_NAMES, case_sensitive=True)
        self.schemas: dict[str, SchemaIR] = {}
        self._done: dict[tuple[Path, str], TypeIR] = {}
        self._in_progress: dict[tuple[Path, str], str | None] = {}
        self._component_names: dict[tuple[Path, str], str] = {}

    # ---- entry point ---------------------------------------------------------------------

    def build(self) -> ApiIR:
        """Build the whole IR."""
        root = self.doc.root
        if not isinstance(root, dict):
            raise SpecError("an OpenAPI document must be a mapping", self.doc.locate(""))
        version = as_text(root.get("openapi"))
        if not version:
            hint = (
                "Swagger 2.0 is not supported: convert it to OpenAPI 3 first"
                if "swagger" in root
                else "add `openapi: 3.1.0`"
            )
            raise SpecError("not an OpenAPI 3 document: no `openapi` version", self.doc.locate(""), hint)
        if not version.startswith("3."):
            raise SpecError(
                f"unsupported OpenAPI version {version!r}", self.doc.locate("/openapi"), "use OpenAPI 3.0 or 3.1"
            )
        info = root.get("info")
        if not isinstance(info, dict):
            raise SpecError("missing `info` object", self.doc.locate(""), "add info.title and info.version")
        title = as_text(info.get("title")) or self.doc.path.stem
        names = derive_names(title, self.config)

        self._claim_component_names()
        self._convert_components()
        auth = self._build_auth(names["env_prefix"], names["api_key_env_var"])
        resources = self._build_resources(auth)
        self._mark_input_schemas(resources)
        servers = self._server_urls(root.get("servers"), "/servers")
        base_url = self.config.base_url if self.config.base_url is not None else (servers[0] if servers else "")
        package = PackageConfig(
            package_name=names["package_name"],
            distribution_name=names["distribution_name"],
            client_class=names["client_class"],
            async_client_class=names["async_client_class"],
            version=self.config.version or _pep440(as_text(info.get("version")) or "0.1.0"),
            base_url=base_url,
            base_url_env_var=names["base_url_env_var"],
            log_env_var=names["log_env_var"],
            title=title,
            description=as_text(info.get("description")),
            env_prefix=names["env_prefix"],
        )
        return ApiIR(
            config=package,
            resources=resources,
            schemas=tuple(self.schemas.values()),
            auth=auth,
            servers=tuple(servers),
            warnings=tuple(str(w) for w in self.warnings),
        )

    def warn(self, message: str, document: SpecDocument, pointer: str) -> None:
        """Record a located warning."""
        self.warnings.append(SpecWarning(message, document.locate(pointer)))

    # ---- schemas ---------------------------------------------------------------------------

    def _component_schemas(self) -> dict[str, Any]:
        components = self.doc.root.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        return schemas if isinstance(schemas, dict) else {}

    def _claim_component_names(self) -> None:
        # Components claim their names first so inline schemas never steal them.
        for name in self._component_schemas():
            pointer = join_pointer("/components/schemas", name)
            self._component_names[(self.doc.path, pointer)] = self.class_names.claim(pascal_case(str(name)))

    def _convert_components(self) -> None:
        for name, schema in self._component_schemas().items():
            pointer = join_pointer("/components/schemas", name)
            self._convert_ref_target(schema, self.doc, pointer, pascal_case(str(name)))

    def convert(self, schema: Any, document: SpecDocument, pointer: str, hint: str) -> TypeIR:
        """The IR type of ``schema``; named schemas are registered as a side effect."""
        if schema is True or schema is None or schema == {}:
            return ANY
        if len(self._in_progress) > _MAX_DEPTH:
            self.warn("schema nesting is too deep; typed as Any", document, pointer)
            return ANY
        if not isinstance(schema, dict):
            self.warn("a schema must be an object; typed as Any", document, pointer)
            return ANY
        ref = schema.get("$ref")
        if isinstance(ref, str):
            try:
                target = self.loader.target_of(ref, document, pointer)
            except SpecError as exc:
                self.warn(f"{exc.message}; typed as Any", document, pointer)
                return ANY
            type_ = self._convert_ref_target(target.value, target.document, target.pointer, hint)
            return _nullable(type_) if schema.get("nullable") is True else type_
        return self._convert_inline(schema, document, pointer, hint, None)

    def _convert_ref_target(self, schema: Any, document: SpecDocument, pointer: str, hint: str) -> TypeIR:
        key = (document.path, pointer)
        if key in self._done:
            return self._done[key]
        if key in self._in_progress:
            # A recursive reference: name the schema now (if it becomes a class at all).
            name = self._in_progress[key]
            if name is None:
                name = self._component_names.get(key) or self.class_names.claim(pascal_case(hint))
                self._in_progress[key] = name
            return NamedType(name)
        self._in_progress[key] = self._component_names.get(key)
        if pointer.startswith("/components/schemas/") and key not in self._component_names:
            hint = pascal_case(pointer.rsplit("/", 1)[-1])  # a component of another file
        try:
            if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
                type_ = self.convert(schema, document, pointer, hint)
            else:
                type_ = (
                    self._convert_inline(schema, document, pointer, hint, key)
                    if isinstance(schema, dict)
                    else self.convert(schema, document, pointer, hint)
                )
            name = self._in_progress[key]
            if name is not None and _strip_none(type_) != NamedType(name):
                # Referenced recursively but not a class by itself (e.g. an array): alias it.
                self._register(AliasSchema(name, type_, _description(schema), pointer))
                type_ = NamedType(name)
        finally:
            del self._in_progress[key]
        self._done[key] = type_
        return type_

    def _name_for(self, key: tuple[Path, str] | None, hint: str) -> str:
        if key is not None:
            name = self._in_progress.get(key) or self._component_names.get(key)
            if name is None:
                name = self.class_names.claim(pascal_case(hint))
            self._in_progress[key] = name
            return name
        return self.class_names.claim(pascal_case(hint))

    def _register(self, schema: SchemaIR) -> NamedType:
        self.schemas[schema.name] = schema
        return NamedType(schema.name)

    def _convert_inline(
        self, schema: dict[str, Any], document: SpecDocument, pointer: str, hint: str, key: tuple[Path, str] | None
    ) -> TypeIR:
        nullable = schema.get("nullable") is True
        raw_type = schema.get("type")
        types: list[str] = []
        if isinstance(raw_type, list):
            types = [t for t in raw_type if isinstance(t, str)]
            nullable = nullable or "null" in types
            types = [t for t in types if t != "null"]
        elif isinstance(raw_type, str):
            types = [raw_type]
        type_ = self._convert_shape(schema, types, document, pointer, hint, key)
        if raw_type == "null" or (types == [] and raw_type == ["null"]):
            return NONE
        return _nullable(type_) if nullable else type_

    def _convert_shape(
        self,
        schema: dict[str, Any],
        types: list[str],
        document: SpecDocument,
        pointer: str,
        hint: str,
        key: tuple[Path, str] | None,
    ) -> TypeIR:
        if "const" in schema and _scalar_json(schema["const"]):
            return LiteralType(schema["const"])
        if isinstance(schema.get("enum"), list):
            return self._convert_enum(schema, types, document, pointer, hint, key)
        for combinator in ("oneOf", "anyOf"):
            if isinstance(schema.get(combinator), list) and schema[combinator]:
                return self._convert_union(schema, combinator, document, pointer, hint, key)
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            return self._convert_all_of(schema, document, pointer, hint, key)
        if len(types) > 1:
            variants = tuple(self._convert_shape(schema, [t], document, pointer, hint, None) for t in types)
            return UnionType(variants)
        kind = types[0] if types else None
        if kind == "object" or (kind is None and ("properties" in schema or "additionalProperties" in schema)):
            return self._convert_object(schema, document, pointer, hint, key)
        if kind == "array" or (kind is None and "items" in schema):
            items = schema.get("items")
            if isinstance(items, list):  # 3.0-era tuple form; rare
                items = items[0] if items else {}
            return ArrayType(self.convert(items, document, join_pointer(pointer, "items"), hint + "Item"))
        if kind == "string":
            fmt = schema.get("format")
            if fmt in ("binary", "byte") and fmt == "binary":
                return PrimitiveType("bytes", "binary")
            return PrimitiveType("str", fmt if isinstance(fmt, str) else None)
        if kind == "integer":
            return PrimitiveType("int", schema.get("format") if isinstance(schema.get("format"), str) else None)
        if kind == "number":
            return PrimitiveType("float")
        if kind == "boolean":
            return PrimitiveType("bool")
        if kind == "null":
            return NONE
        if kind is not None:
            self.warn(f"unknown schema type {kind!r}; typed as Any", document, join_pointer(pointer, "type"))
        return ANY

    def _convert_enum(
        self,
        schema: dict[str, Any],
        types: list[str],
        document: SpecDocument,
        pointer: str,
        hint: str,
        key: tuple[Path, str] | None,
    ) -> TypeIR:
        raw = schema["enum"]
        values = [v for v in raw if v is not None]
        nullable = len(values) != len(raw)
        if not values:
            return NONE
        if not all(_scalar_json(v) for v in values):
            self.warn("enum values must be scalars; typed as Any", document, join_pointer(pointer, "enum"))
            return ANY
        if len(values) == 1 and (key is None):
            type_: TypeIR = LiteralType(values[0])
        elif all(isinstance(v, bool) for v in values):
            type_ = PrimitiveType("bool")
        elif all(isinstance(v, str) for v in values) or all(
            isinstance(v, int) and not isinstance(v, bool) for v in values
        ):
            value_type: Literal["str", "int"] = "str" if isinstance(values[0], str) else "int"
            unique = tuple(dict.fromkeys(values))
            name = self._name_for(key, hint)
            type_ = self._register(EnumSchema(name, unique, value_type, _description(schema), source=pointer))
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            type_ = PrimitiveType("float")
        else:
            type_ = PrimitiveType("str") if "string" in types else ANY
        return _nullable(type_) if nullable else type_

    def _convert_union(
        self,
        schema: dict[str, Any],
        combinator: str,
        document: SpecDocument,
        pointer: str,
        hint: str,
        key: tuple[Path, str] | None,
    ) -> TypeIR:
        name = self._name_for(key, hint) if key is not None else None
        base = name or hint
        options = schema[combinator]
        discriminator = schema.get("discriminator") if isinstance(schema.get("discriminator"), dict) else None
        tag = discriminator.get("propertyName") if discriminator else None
        tag = tag if isinstance(tag, str) else None
        variants: list[TypeIR] = []
        for index, option in enumerate(options):
            option_pointer = join_pointer(pointer, combinator, index)
            variant_hint = base + _variant_suffix(option, tag, index)
            variants.append(self.convert(option, document, option_pointer, variant_hint))
        nullable = NONE in variants
        variants = [v for v in dict.fromkeys(variants) if v != NONE]
        mapping: list[tuple[str, str]] = []
        if tag and discriminator:
            raw_mapping = discriminator.get("mapping")
            if isinstance(raw_mapping, dict):
                for value, ref in raw_mapping.items():
                    target = self.convert(
                        {"$ref": ref}, document, join_pointer(pointer, "discriminator", "mapping", value), base
                    )
                    if isinstance(target, NamedType):
                        mapping.append((str(value), target.name))
            fallback_name = self.class_names.claim(base + "Unknown")
            fallback = ObjectSchema(
                fallback_name,
                (FieldIR(tag, field_name(tag), PrimitiveType("str"), required=True,
                         description=f"The `{tag}` of a variant this version of the SDK does not know."),),
                description=f"A `{base}` variant this version of the SDK does not know; keeps all its data.",
                source=pointer,
                is_union_fallback=True,
            )  # fmt: skip
            variants.append(self._register(fallback))
        own_properties = isinstance(schema.get("properties"), dict) and schema["properties"]
        if own_properties:
            self.warn(f"properties beside {combinator} are ignored", document, join_pointer(pointer, "properties"))
        type_: TypeIR = variants[0] if len(variants) == 1 else UnionType(tuple(variants), tag, tuple(mapping))
        if not variants:
            type_ = ANY
        if nullable:
            type_ = _nullable(type_)
        if name is not None:
            return self._register(AliasSchema(name, type_, _description(schema), pointer))
        return type_

    def _convert_all_of(
        self, schema: dict[str, Any], document: SpecDocument, pointer: str, hint: str, key: tuple[Path, str] | None
    ) -> TypeIR:
        parts = schema["allOf"]
        own = {k: v for k, v in schema.items() if k not in _ANNOTATION_KEYS and not str(k).startswith("x-")}
        if len(parts) == 1 and not own:
            type_ = self.convert(parts[0], document, join_pointer(pointer, "allOf", 0), hint)
            if key is not None and not isinstance(type_, NamedType):
                return self._register(AliasSchema(self._name_for(key, hint), type_, _description(schema), pointer))
            return type_
        name = self._name_for(key, hint)
        properties: dict[str, tuple[Any, SpecDocument, str]] = {}
        required: set[str] = set()
        extra: Any = None
        for part, part_doc, part_pointer in self._all_of_parts(schema, document, pointer, set()):
            for prop, prop_schema in (part.get("properties") or {}).items():
                properties[str(prop)] = (prop_schema, part_doc, join_pointer(part_pointer, "properties", prop))
            if isinstance(part.get("required"), list):
                required.update(str(r) for r in part["required"])
            if part.get("additionalProperties") not in (None, False, True):
                extra = (part["additionalProperties"], part_doc, join_pointer(part_pointer, "additionalProperties"))
        return self._register(self._object_schema(name, schema, properties, required, extra, pointer))

    def _all_of_parts(
        self, schema: dict[str, Any], document: SpecDocument, pointer: str, seen: set[tuple[Path, str]]
    ) -> Iterator[tuple[dict[str, Any], SpecDocument, str]]:
        for index, part in enumerate(schema.get("allOf") or []):
            part_doc, part_pointer = document, join_pointer(pointer, "allOf", index)
            if isinstance(part, dict) and isinstance(part.get("$ref"), str):
                try:
                    resolved = self.loader.resolve(part, document, part_pointer)
                except SpecError as exc:
                    self.warn(f"{exc.message}; allOf part ignored", document, part_pointer)
                    continue
                part, part_doc, part_pointer = resolved.value, resolved.document, resolved.pointer
            if not isinstance(part, dict) or (part_doc.path, part_pointer) in seen:
                continue
            seen.add((part_doc.path, part_pointer))
            yield from self._all_of_parts(part, part_doc, part_pointer, seen)
        yield schema, document, pointer

    def _convert_object(
        self, schema: dict[str, Any], document: SpecDocument, pointer: str, hint: str, key: tuple[Path, str] | None
    ) -> TypeIR:
        props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        additional = schema.get("additionalProperties")
        if not props:
            if isinstance(additional, dict) and additional:
                values = self.convert(
                    additional, document, join_pointer(pointer, "additionalProperties"), hint + "Value"
                )
            else:
                values = ANY
            type_: TypeIR = MapType(values)
            if key is not None and self._in_progress.get(key):
                return self._register(AliasSchema(self._name_for(key, hint), type_, _description(schema), pointer))
            return type_
        name = self._name_for(key, hint)
        properties = {str(p): (s, document, join_pointer(pointer, "properties", p)) for p, s in props.items()}
        required = {str(r) for r in schema.get("required") or [] if isinstance(r, str)}
        extra = (
            (additional, document, join_pointer(pointer, "additionalProperties"))
            if isinstance(additional, dict) and additional
            else None
        )
        return self._register(self._object_schema(name, schema, properties, required, extra, pointer))

    def _object_schema(
        self,
        name: str,
        schema: dict[str, Any],
        properties: dict[str, tuple[Any, SpecDocument, str]],
        required: set[str],
        extra: Any,
        pointer: str,
    ) -> ObjectSchema:
        field_names = NameRegistry()
        fields: list[FieldIR] = []
        for wire, (prop_schema, prop_doc, prop_pointer) in properties.items():
            type_ = self.convert(prop_schema, prop_doc, prop_pointer, name + pascal_case(wire, fallback="Field"))
            details = self._schema_details(prop_schema, prop_doc, prop_pointer)
            fields.append(
                FieldIR(
                    wire_name=wire,
                    py_name=field_names.claim(field_name(wire)),
                    type=type_,
                    required=wire in required,
                    nullable=is_nullable(type_),
                    description=details.get("description", ""),
                    default=freeze(details.get("default")),
                    has_default="default" in details,
                    deprecated=details.get("deprecated") is True,
                    read_only=details.get("readOnly") is True,
                    write_only=details.get("writeOnly") is True,
                    example=freeze(details.get("example")),
                )
            )
        additional = None
        if extra is not None:
            additional = self.convert(extra[0], extra[1], extra[2], name + "Value")
        return ObjectSchema(
            name=name,
            fields=tuple(fields),
            description=_description(schema),
            additional_properties=additional,
            deprecated=schema.get("deprecated") is True,
            source=pointer,
        )

    def _schema_details(self, schema: Any, document: SpecDocument, pointer: str) -> dict[str, Any]:
        """Description/default/example of a property, looking through a ``$ref`` for what is missing."""
        if not isinstance(schema, dict):
            return {}
        details = {
            k: schema[k]
            for k in ("description", "default", "deprecated", "readOnly", "writeOnly", "example")
            if k in schema
        }
        if isinstance(schema.get("$ref"), str):
            try:
                target = self.loader.resolve(schema, document, pointer).value
            except SpecError:
                target = None
            if isinstance(target, dict):
                for k in ("description", "default", "example", "deprecated"):
                    if k not in details and k in target:
                        details[k] = target[k]
        if "description" in details:
            details["description"] = as_text(details["description"])
        elif isinstance(schema.get("title"), str):
            details["description"] = schema["title"]
        if "default" in details and not _json_like(details["default"]):
            del details["default"]
        return details

    # ---- operations ------------------------------------------------------------------------

    def _build_resources(self, auth: tuple[AuthSchemeIR, ...]) -> tuple[ResourceIR, ...]:
        paths = self.doc.root.get("paths")
        if paths is None:
            return ()
        if not isinstance(paths, dict):
            raise SpecError("`paths` must be a mapping", self.doc.locate("/paths"))
        grouped: dict[str, list[tuple[str, str, dict[str, Any], dict[str, Any], str]]] = {}
        tag_descriptions = {
            as_text(t.get("name")): as_text(t.get("description"))
            for t in self.doc.root.get("tags") or []
            if isinstance(t, dict)
        }
        for path, item in paths.items():
            path = str(path)
            item_pointer = join_pointer("/paths", path)
            if isinstance(item, dict) and isinstance(item.get("$ref"), str):
                try:
                    item = self.loader.resolve(item, self.doc, item_pointer).value
                except SpecError as exc:
                    self.warn(f"{exc.message}; path skipped", self.doc, item_pointer)
                    continue
            if not isinstance(item, dict):
                self.warn("a path item must be a mapping; skipped", self.doc, item_pointer)
                continue
            for method in HTTP_METHODS:
                operation = item.get(method)
                if not isinstance(operation, dict):
                    continue
                op_pointer = join_pointer(item_pointer, method)
                resource = self._resource_key(path, operation)
                grouped.setdefault(resource, []).append((path, method, operation, item, op_pointer))
        resources: list[ResourceIR] = []
        attr_names = NameRegistry(_CLIENT_RESERVED)
        class_names = NameRegistry()
        for resource_key, entries in grouped.items():
            attr = attr_names.claim(snake_case(resource_key, fallback="default"))
            class_base = class_names.claim(pascal_case(resource_key, fallback="Default"))
            method_names = NameRegistry(_RESOURCE_RESERVED)
            operations: list[OperationIR] = []
            for path, method, operation, item, op_pointer in entries:
                try:
                    operations.append(
                        self._build_operation(path, method, operation, item, op_pointer, method_names, auth, class_base)
                    )
                except SpecError as exc:
                    self.warnings.append(
                        SpecWarning(f"operation skipped: {exc.message}", exc.location or self.doc.locate(op_pointer))
                    )
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
        for segment in path.split("#")[0].strip("/").split("/"):
            if segment and not segment.startswith("{") and not _VERSION_SEGMENT.match(segment):
                return segment.split(".")[0]
        return "default"

    def _build_operation(
        self,
        path: str,
        method: str,
        operation: dict[str, Any],
        item: dict[str, Any],
        pointer: str,
        method_names: NameRegistry,
        auth: tuple[AuthSchemeIR, ...],
        resource_class: str,
    ) -> OperationIR:
        operation_id = as_text(operation.get("operationId")) or f"{method}_{path}"
        op_hint = pascal_case(operation_id, fallback="Operation")
        method_name = method_names.claim(self._method_name(path, method, operation, method_names))
        arg_names = NameRegistry(frozenset({"self"}))
        params = self._parameters(path, item, operation, pointer, op_hint, arg_names)
        body = self._request_body(operation, pointer, op_hint, arg_names)
        success, errors = self._responses(operation, pointer, op_hint)
        page_base = resource_class if method_name == "list" else resource_class + pascal_case(method_name)
        pagination = self._pagination(operation, pointer, method, success, params, page_base)
        security = self._security(operation, auth)
        servers = self._server_urls(operation.get("servers") or item.get("servers"), join_pointer(pointer, "servers"))
        return OperationIR(
            operation_id=operation_id,
            method_name=method_name,
            http_method=method,
            path=path.split("#")[0],
            summary=as_text(operation.get("summary")),
            description=as_text(operation.get("description")),
            deprecated=operation.get("deprecated") is True,
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
            source=pointer,
        )

    def _method_name(self, path: str, method: str, operation: dict[str, Any], taken: NameRegistry) -> str:
        override = operation.get("x-sdk-method")
        if isinstance(override, str) and override.strip():
            return snake_case(override, fallback="call")
        segments = [s for s in path.split("#")[0].strip("/").split("/") if s]
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

    def _parameters(
        self,
        path: str,
        item: dict[str, Any],
        operation: dict[str, Any],
        pointer: str,
        op_hint: str,
        arg_names: NameRegistry,
    ) -> list[ParameterIR]:
        collected: dict[tuple[str, str], tuple[dict[str, Any], SpecDocument, str]] = {}
        item_pointer = pointer.rsplit("/", 1)[0]
        for source, base in (
            (item.get("parameters"), join_pointer(item_pointer, "parameters")),
            (operation.get("parameters"), join_pointer(pointer, "parameters")),
        ):
            for index, raw in enumerate(source or []):
                param_pointer = join_pointer(base, index)
                try:
                    resolved = self.loader.resolve(raw, self.doc, param_pointer)
                except SpecError as exc:
                    self.warn(f"{exc.message}; parameter skipped", self.doc, param_pointer)
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
        template_names = set(re.findall(r"{([^}]+)}", path.split("#")[0]))
        params: list[ParameterIR] = []
        order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
        for (name, raw_location), (value, document, param_pointer) in sorted(
            collected.items(), key=lambda kv: order[kv[0][1]]
        ):
            location = cast(Literal["path", "query", "header", "cookie"], raw_location)
            if location == "header" and name.lower() in ("accept", "content-type", "authorization"):
                continue  # set by the client itself
            schema = value.get("schema")
            content = value.get("content")
            if schema is None and isinstance(content, dict) and content:
                media = next(iter(content.values()))
                schema = media.get("schema") if isinstance(media, dict) else None
            type_ = self.convert(
                schema, document, join_pointer(param_pointer, "schema"), op_hint + pascal_case(name, fallback="Param")
            )
            details = self._schema_details(schema, document, join_pointer(param_pointer, "schema"))
            required = value.get("required") is True
            if location == "path":
                if name not in template_names:
                    self.warn(f"path parameter {name!r} does not appear in the path; skipped", document, param_pointer)
                    continue
                if not required:
                    self.warn(f"path parameter {name!r} must be required; treated as required", document, param_pointer)
                required = True
            default = details.get("default")
            has_default = "default" in details and _default_fits(default, type_)
            if "default" in details and not has_default:
                self.warn(
                    f"default {default!r} of parameter {name!r} does not match its type; ignored",
                    document,
                    join_pointer(param_pointer, "schema", "default"),
                )
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
                    deprecated=value.get("deprecated") is True,
                    explode=value.get("explode", location in ("query", "cookie")) is not False,
                    style=as_text(value.get("style")) or ("form" if location in ("query", "cookie") else "simple"),
                    example=freeze(value.get("example", details.get("example"))),
                )
            )
        missing = template_names - {p.wire_name for p in params if p.location == "path"}
        for name in sorted(missing):
            self.warn(f"path template variable {{{name}}} has no parameter; added as a string", self.doc, pointer)
            params.insert(
                0, ParameterIR(name, arg_names.claim(parameter_name(name)), "path", PrimitiveType("str"), True)
            )
        params.sort(key=lambda p: order[p.location])
        return params

    def _request_body(
        self, operation: dict[str, Any], pointer: str, op_hint: str, arg_names: NameRegistry
    ) -> BodyIR | None:
        raw = operation.get("requestBody")
        if raw is None:
            return None
        body_pointer = join_pointer(pointer, "requestBody")
        resolved = self.loader.resolve(raw, self.doc, body_pointer)
        value, document, body_pointer = resolved.value, resolved.document, resolved.pointer
        content = value.get("content") if isinstance(value, dict) else None
        if not isinstance(content, dict) or not content:
            self.warn("request body has no content; ignored", document, body_pointer)
            return None
        content_type, kind = _pick_request_content(list(content))
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        media_pointer = join_pointer(body_pointer, "content", content_type)
        schema = media.get("schema", {})
        type_ = self.convert(schema, document, join_pointer(media_pointer, "schema"), op_hint + "Body")
        if kind == "binary":
            type_ = PrimitiveType("bytes", "binary")
        elif kind == "text":
            type_ = PrimitiveType("str")
        fields: tuple[FieldIR, ...] | None = None
        target = self.schemas.get(type_.name) if isinstance(type_, NamedType) else None
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
            example=freeze(media.get("example")),
        )

    def _responses(
        self, operation: dict[str, Any], pointer: str, op_hint: str
    ) -> tuple[ResponseIR | None, tuple[ResponseIR, ...]]:
        responses = operation.get("responses")
        if not isinstance(responses, dict):
            self.warn("operation has no `responses`; its result is returned as None", self.doc, pointer)
            return None, ()
        success: ResponseIR | None = None
        errors: list[ResponseIR] = []
        for raw_status, raw in responses.items():
            status_pointer = join_pointer(pointer, "responses", str(raw_status))
            status = str(raw_status).upper() if str(raw_status).lower() != "default" else "default"
            if not _STATUS_RE.match(status):
                self.warn(f"invalid response status code {raw_status!r}; response ignored", self.doc, status_pointer)
                continue
            try:
                resolved = self.loader.resolve(raw, self.doc, status_pointer)
            except SpecError as exc:
                self.warn(f"{exc.message}; response ignored", self.doc, status_pointer)
                continue
            response = self._response(status, resolved.value, resolved.document, resolved.pointer, op_hint)
            if status.startswith("2") and success is None:
                success = response
            elif not status.startswith(("1", "2", "3")):
                errors.append(response)
        return success, tuple(errors)

    def _response(self, status: str, value: Any, document: SpecDocument, pointer: str, op_hint: str) -> ResponseIR:
        description = as_text(value.get("description")) if isinstance(value, dict) else ""
        content = value.get("content") if isinstance(value, dict) else None
        if status == "204" or not isinstance(content, dict) or not content:
            return ResponseIR(status, "empty", None, None, description)
        content_type, kind = _pick_response_content(list(content))
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        if kind == "json":
            suffix = "Response" if status.startswith("2") else f"Error{status}"
            type_ = self.convert(
                media.get("schema", {}),
                document,
                join_pointer(pointer, "content", content_type, "schema"),
                op_hint + suffix,
            )
        else:
            type_ = PrimitiveType("str") if kind == "text" else PrimitiveType("bytes", "binary")
        return ResponseIR(status, kind, content_type, type_, description)

    def _pagination(
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
            or not isinstance(_strip_none(item_field.type), ArrayType)
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
        item_type = cast(ArrayType, _strip_none(item_field.type)).items
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

    def _build_auth(self, env_prefix: str, api_key_env: str) -> tuple[AuthSchemeIR, ...]:
        components = self.doc.root.get("components")
        schemes = components.get("securitySchemes") if isinstance(components, dict) else None
        if not isinstance(schemes, dict):
            return ()
        used = self._used_schemes()
        result: list[AuthSchemeIR] = []
        args = NameRegistry(
            frozenset(
                {
                    "base_url",
                    "timeout",
                    "max_retries",
                    "default_headers",
                    "default_query",
                    "http_client",
                    "strict_response_validation",
                    "self",
                }
            )
        )
        first_key_env = True
        for name, raw in schemes.items():
            pointer = join_pointer("/components/securitySchemes", name)
            if used and name not in used:
                continue
            try:
                scheme = self.loader.resolve(raw, self.doc, pointer).value
            except SpecError as exc:
                self.warn(f"{exc.message}; security scheme ignored", self.doc, pointer)
                continue
            if not isinstance(scheme, dict):
                continue
            kind = scheme.get("type")
            description = as_text(scheme.get("description"))
            if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
                result.append(AuthSchemeIR(str(name), "basic", "header", "Authorization",
                                           (args.claim("username"), args.claim("password")),
                                           (f"{env_prefix}_USERNAME", f"{env_prefix}_PASSWORD"), description))  # fmt: skip
            elif kind in ("http", "oauth2", "openIdConnect"):
                arg = args.claim("bearer_token" if kind == "http" else "access_token")
                env = api_key_env if first_key_env else f"{env_prefix}_{arg.upper()}"
                first_key_env = False
                result.append(AuthSchemeIR(str(name), "bearer", "header", "Authorization", (arg,), (env,), description))
            elif (
                kind == "apiKey"
                and scheme.get("in") in ("header", "query", "cookie")
                and isinstance(scheme.get("name"), str)
            ):
                arg = args.claim(parameter_name(str(name)) if len(schemes) > 1 else "api_key")
                env = api_key_env if first_key_env else f"{env_prefix}_{arg.upper()}"
                first_key_env = False
                result.append(
                    AuthSchemeIR(str(name), "api_key", scheme["in"], scheme["name"], (arg,), (env,), description)
                )
            else:
                self.warn(f"security scheme type {kind!r} is not supported; ignored", self.doc, pointer)
        return tuple(result)

    def _used_schemes(self) -> set[str]:
        used: set[str] = set()
        requirements = list(self.doc.root.get("security") or [])
        for item in (self.doc.root.get("paths") or {}).values():
            if isinstance(item, dict):
                for method in HTTP_METHODS:
                    op = item.get(method)
                    if isinstance(op, dict):
                        requirements.extend(op.get("security") or [])
        for requirement in requirements:
            if isinstance(requirement, dict):
                used.update(str(k) for k in requirement)
        return used

    def _security(self, operation: dict[str, Any], auth: tuple[AuthSchemeIR, ...]) -> tuple[str, ...]:
        requirements = operation.get("security", self.doc.root.get("security"))
        known = {a.name for a in auth}
        names: list[str] = []
        for requirement in requirements or []:
            if isinstance(requirement, dict):
                names.extend(str(k) for k in requirement if str(k) in known and str(k) not in names)
        return tuple(names)

    def _server_urls(self, servers: Any, pointer: str) -> list[str]:
        urls: list[str] = []
        for index, server in enumerate(servers or [] if isinstance(servers, list) else []):
            if not isinstance(server, dict) or not isinstance(server.get("url"), str):
                self.warn("a server needs a `url`; ignored", self.doc, join_pointer(pointer, index))
                continue
            url = server["url"]
            for var, spec in (server.get("variables") or {}).items():
                if isinstance(spec, dict) and "default" in spec:
                    url = url.replace("{" + str(var) + "}", as_text(spec["default"]))
            urls.append(url.rstrip("/") if url != "/" else "")
        return urls

    # ---- inputs ------------------------------------------------------------------------------

    def _mark_input_schemas(self, resources: tuple[ResourceIR, ...]) -> None:
        """Give every object schema that a request can contain a TypedDict name."""
        pending: list[TypeIR] = []
        for resource in resources:
            for op in resource.operations:
                pending.extend(
                    p.type for p in (*op.path_params, *op.query_params, *op.header_params, *op.cookie_params)
                )
                if op.body is not None:
                    pending.extend(
                        f.type for f in op.body.fields or ()
                    ) if op.body.fields is not None else pending.append(op.body.type)
        seen: set[str] = set()
        while pending:
            type_ = pending.pop()
            for name in _named_types(type_):
                if name in seen:
                    continue
                seen.add(name)
                schema = self.schemas[name]
                if isinstance(schema, ObjectSchema) and not schema.is_union_fallback:
                    param = self.class_names.claim(f"{name}Param")
                    self.schemas[name] = dataclasses.replace(schema, param_name=param)
                    pending.extend(f.type for f in schema.fields)
                    if schema.additional_properties is not None:
                        pending.append(schema.additional_properties)
                elif isinstance(schema, AliasSchema):
                    pending.append(schema.target)


def _named_types(type_: TypeIR) -> Iterator[str]:
    if isinstance(type_, NamedType):
        yield type_.name
    elif isinstance(type_, ArrayType):
        yield from _named_types(type_.items)
    elif isinstance(type_, MapType):
        yield from _named_types(type_.values)
    elif isinstance(type_, UnionType):
        for variant in type_.variants:
            yield from _named_types(variant)


def _strip_none(type_: TypeIR) -> TypeIR:
    if isinstance(type_, UnionType) and NONE in type_.variants:
        rest = tuple(v for v in type_.variants if v != NONE)
        return rest[0] if len(rest) == 1 else UnionType(rest, type_.discriminator, type_.mapping)
    return type_


def _detect_pagination(fields: dict[str, FieldIR], query: set[str]) -> dict[str, Any] | None:
    """Recognise the common list shapes when the spec has no ``x-pagination``."""
    arrays = [name for name, f in fields.items() if isinstance(_strip_none(f.type), ArrayType)]
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
        next_type = _strip_none(fields[next_field].type) if next_field in fields else None
        if isinstance(next_type, PrimitiveType) and next_type.name == "str":
            return {"type": "next_url", "items": items, "next": next_field}
    if "offset" in query:
        return {"type": "offset", "items": items, "offset_param": "offset"}
    return None


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _description(schema: Any) -> str:
    if not isinstance(schema, dict):
        return ""
    return as_text(schema.get("description")) or as_text(schema.get("title"))


def _variant_suffix(option: Any, tag: str | None, index: int) -> str:
    if isinstance(option, dict) and tag:
        prop = (option.get("properties") or {}).get(tag)
        if isinstance(prop, dict):
            value = prop.get("const", (prop.get("enum") or [None])[0] if isinstance(prop.get("enum"), list) else None)
            if isinstance(value, str) and value:
                return pascal_case(value)
    if isinstance(option, dict) and isinstance(option.get("title"), str):
        return pascal_case(option["title"])
    return f"Variant{index + 1}"


def _json_like(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_like(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_like(v) for v in value)
    return _scalar_json(value)


def _default_fits(value: Any, type_: TypeIR) -> bool:
    type_ = _strip_none(type_)
    if isinstance(type_, PrimitiveType):
        if type_.format == "uuid" and isinstance(value, str):
            return bool(re.match(r"^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$", value))
        expected = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}.get(type_.name)
        if expected is None:
            return type_.name == "any"
        return isinstance(value, expected) and (type_.name == "bool" or not isinstance(value, bool))
    if isinstance(type_, ArrayType):
        return isinstance(value, list)
    return _json_like(value)


_JSON_RE = re.compile(r"^application/([\w.+-]*\+)?json(;.*)?$|^\*/\*$|^application/json-patch\+json$", re.IGNORECASE)


def _pick_request_content(content_types: list[str]) -> tuple[str, BodyKind]:
    ranked: list[tuple[int, str, BodyKind]] = []
    for ct in content_types:
        lower = ct.lower()
        if _JSON_RE.match(lower):
            ranked.append((0, ct, "json"))
        elif lower.startswith("application/x-www-form-urlencoded"):
            ranked.append((1, ct, "form"))
        elif lower.startswith("multipart/"):
            ranked.append((2, ct, "multipart"))
        elif lower.startswith("text/"):
            ranked.append((4, ct, "text"))
        else:
            ranked.append((3, ct, "binary"))
    _, content_type, kind = min(ranked, key=lambda r: r[0])
    return content_type, kind


def _pick_response_content(content_types: list[str]) -> tuple[str, Literal["json", "text", "binary"]]:
    for ct in content_types:
        if _JSON_RE.match(ct.lower()):
            return ct, "json"
    for ct in content_types:
        if ct.lower().startswith("text/"):
            return ct, "text"
    return content_types[0], "binary"


def _pep440(version: str) -> str:
    """A spec version like ``v2010-04-01`` or ``1.0.0-beta`` → a valid package version."""
    match = re.match(r"^v?(\d+(?:\.\d+)*)(?:[-.]?(a|b|rc|alpha|beta|dev)\.?(\d*))?$", version.strip(), re.IGNORECASE)
    if not match:
        digits = re.findall(r"\d+", version)
        return ".".join(str(int(d)) for d in digits[:3]) if digits else "0.1.0"
    release, pre, number = match.groups()
    if not pre:
        return release
    pre = {"alpha": "a", "beta": "b"}.get(pre.lower(), pre.lower())
    return f"{release}{'.' if pre == 'dev' else ''}{pre}{number or 0}"


def build_ir(spec_path: Path, config: GeneratorConfig | None = None) -> ApiIR:
    """Load ``spec_path`` (and the local files it references) and build its IR."""
    loader = SpecLoader(spec_path)
    return IRBuilder(loader, config or GeneratorConfig()).build()
