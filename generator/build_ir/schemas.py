"""Schemas → IR types: objects, enums, unions, ``allOf``, arrays, maps and named-schema registration."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, cast

from generator.build_ir.common import (
    ANNOTATION_KEYS,
    ANY,
    MAX_DEPTH,
    NONE,
    description_of,
    freeze,
    is_nullable,
    json_like,
    make_nullable,
    named_types,
    parse_sunset,
    scalar_json,
    strip_none,
)
from generator.build_ir.context import BuildContext, Stage
from generator.config import as_text
from generator.errors import SpecError
from generator.ir import (
    AliasSchema,
    ArrayType,
    EnumSchema,
    FieldIR,
    LiteralType,
    MapType,
    NamedType,
    ObjectSchema,
    PrimitiveType,
    ResourceIR,
    SchemaIR,
    TypeIR,
    UnionType,
    WebhookIR,
)
from generator.loader import SpecDocument, join_pointer
from generator.naming import NameRegistry, field_name, pascal_case


class SchemaConverter(Stage):
    """Converts schemas to IR types, registering named schemas in ``ctx.schemas``."""

    def __init__(self, ctx: BuildContext) -> None:
        super().__init__(ctx)
        ctx.converter = self
        self._done: dict[tuple[Path, str], TypeIR] = {}
        self._in_progress: dict[tuple[Path, str], str | None] = {}
        self._component_names: dict[tuple[Path, str], str] = {}
        self._reference_only: set[tuple[Path, str]] = set()  # in-progress schemas that only wrap one $ref
        self._narrowed: dict[str, tuple[Any, ...]] = {}  # classes whose tag field was narrowed → its values
        self._narrowings: list[tuple[str, str, tuple[str, ...]]] = []  # (variant, tag, values) asked by unions

    def _component_schemas(self) -> dict[str, Any]:
        components = self.doc.root.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        return schemas if isinstance(schemas, dict) else {}

    def claim_component_names(self) -> None:
        # Components claim their names first so inline schemas never steal them.
        for name in self._component_schemas():
            pointer = join_pointer("/components/schemas", name)
            self._component_names[(self.doc.path, pointer)] = self.class_names.claim(pascal_case(str(name)))
        # A component that only points into another file (`User: {$ref: schemas/User.yaml}`, as split
        # documents list them) lends its name to that schema, so the two are one class, not User and User2.
        for name, schema in self._component_schemas().items():
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                continue
            pointer = join_pointer("/components/schemas", name)
            try:
                target = self.loader.resolve(schema, self.doc, pointer)
            except SpecError:
                continue  # reported when the component is converted
            target_key = (target.document.path, target.pointer)
            if target_key not in self._component_names:
                self._component_names[target_key] = self._component_names[(self.doc.path, pointer)]

    def convert_components(self) -> None:
        for name, schema in self._component_schemas().items():
            pointer = join_pointer("/components/schemas", name)
            self._convert_ref_target(schema, self.doc, pointer, pascal_case(str(name)))

    def convert(self, schema: Any, document: SpecDocument, pointer: str, hint: str) -> TypeIR:
        """The IR type of ``schema``; named schemas are registered as a side effect."""
        if schema is True or schema is None or schema == {}:
            return ANY
        if len(self._in_progress) > MAX_DEPTH:
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
            loop = self._reference_loop((target.document.path, target.pointer))
            if loop is not None:
                # The back-edge of wrappers (allOf/oneOf of one $ref) around each other: no schema to type.
                self.warn(f"$ref cycle: {loop} never reaches a schema; typed as Any", document, pointer)
                return ANY
            type_ = self._convert_ref_target(target.value, target.document, target.pointer, hint)
            return make_nullable(type_) if schema.get("nullable") is True else type_
        return self._convert_inline(schema, document, pointer, hint, None)

    def _reference_loop(self, key: tuple[Path, str]) -> str | None:
        """The chain of pointers when ``key`` closes a loop of schemas that only wrap a ``$ref``."""
        if key not in self._in_progress:
            return None
        chain = list(self._in_progress)[list(self._in_progress).index(key) :]
        if not all(k in self._reference_only for k in chain):
            return None  # a real schema (an object, an array...) lies on the loop: ordinary recursion
        root = self.doc.path
        return " -> ".join(("" if path == root else path.name) + "#" + pointer for path, pointer in [*chain, key])

    def _convert_ref_target(self, schema: Any, document: SpecDocument, pointer: str, hint: str) -> TypeIR:
        key = (document.path, pointer)
        if key in self._done:
            return self._done[key]
        if key in self._in_progress:
            # A recursive reference: name the schema now (if it becomes a class at all).
            name = self._in_progress[key]
            if name is None:
                name = self._component_names.get(key) or self.class_names.claim(
                    _referenced_name(document, pointer) or pascal_case(hint)
                )
                self._in_progress[key] = name
            return NamedType(name)
        self._in_progress[key] = self._component_names.get(key)
        if _reference_only(schema):
            self._reference_only.add(key)
        if key not in self._component_names:
            hint = _referenced_name(document, pointer) or hint
        try:
            if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
                type_ = self._convert_alias(schema, document, pointer, hint)
            else:
                type_ = (
                    self._convert_inline(schema, document, pointer, hint, key)
                    if isinstance(schema, dict)
                    else self.convert(schema, document, pointer, hint)
                )
            name = self._in_progress[key]
            if name is not None and strip_none(type_) != NamedType(name):
                # Referenced recursively but not a class by itself (e.g. an array): alias it.
                self._register(AliasSchema(name, type_, description_of(schema), pointer), document)
                type_ = NamedType(name)
        finally:
            del self._in_progress[key]
            self._reference_only.discard(key)
        self._done[key] = type_
        return type_

    def _convert_alias(self, schema: dict[str, Any], document: SpecDocument, pointer: str, hint: str) -> TypeIR:
        """A schema that is only a ``$ref`` to another; a chain of them that loops is ``Any``."""
        try:
            self.loader.resolve(schema, document, pointer)
        except SpecError as exc:
            if exc.message.startswith("$ref cycle"):
                self.warn(f"{exc.message}; typed as Any", document, pointer)
                return ANY
        return self.convert(schema, document, pointer, hint)

    def _name_for(self, key: tuple[Path, str] | None, hint: str) -> str:
        if key is not None:
            name = self._in_progress.get(key) or self._component_names.get(key)
            if name is None:
                name = self.class_names.claim(pascal_case(hint))
            self._in_progress[key] = name
            return name
        return self.class_names.claim(pascal_case(hint))

    def _register(self, schema: SchemaIR, document: SpecDocument) -> NamedType:
        if document is not self.doc:  # a schema of another file says which, for located diffs
            schema = dataclasses.replace(schema, source_file=str(document.path))
        self.schemas[schema.name] = schema
        return NamedType(schema.name)

    def _convert_inline(
        self, schema: dict[str, Any], document: SpecDocument, pointer: str, hint: str, key: tuple[Path, str] | None
    ) -> TypeIR:
        if "$ref" in schema:  # not a string, or convert() would have followed it
            ref_type = type(schema["$ref"]).__name__
            self.warn(f"a $ref must be a string, not {ref_type}; ignored", document, join_pointer(pointer, "$ref"))
            schema = {k: v for k, v in schema.items() if k != "$ref"}
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
        return make_nullable(type_) if nullable else type_

    def _convert_shape(
        self,
        schema: dict[str, Any],
        types: list[str],
        document: SpecDocument,
        pointer: str,
        hint: str,
        key: tuple[Path, str] | None,
    ) -> TypeIR:
        if "const" in schema and scalar_json(schema["const"]):
            return LiteralType(schema["const"])
        if isinstance(schema.get("enum"), list):
            return self._convert_enum(schema, types, document, pointer, hint, key)
        consts = _const_options(schema)
        if consts is not None:
            # An enum written as ``oneOf`` of ``const``s (to document each value): open like any enum.
            return self._convert_enum({**schema, "enum": consts}, types, document, pointer, hint, key)
        for combinator in ("oneOf", "anyOf"):
            options = schema.get(combinator)
            if isinstance(options, list) and options and all(_constraint_only(o) for o in options):
                # Branches that only require properties (``oneOf: [{required: [id]}, ...]``) shape no value:
                # the object beside them is the type, and which properties go together is the server's check.
                schema = {k: v for k, v in schema.items() if k != combinator}
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
        if not all(scalar_json(v) for v in values):
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
            type_ = self._register(
                EnumSchema(name, unique, value_type, description_of(schema), source=pointer), document
            )
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            type_ = PrimitiveType("float")
        else:
            type_ = PrimitiveType("str") if "string" in types else ANY
        return make_nullable(type_) if nullable else type_

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
        shared_properties: dict[str, tuple[Any, SpecDocument, str]] = {}
        shared_required: set[str] = set()
        # Properties beside the combinator, and those of allOf parts beside it (ShipEngine's rate estimate:
        # allOf options and oneOf carriers), belong to every variant (converted once, merged into each).
        beside = {k: v for k, v in schema.items() if k in ("allOf", "properties", "required")}
        for part, part_doc, part_pointer in self._all_of_parts(beside, document, pointer, set()):
            raw = part.get("properties")
            for prop, prop_schema in raw.items() if isinstance(raw, dict) else ():
                shared_properties[str(prop)] = (prop_schema, part_doc, join_pointer(part_pointer, "properties", prop))
            shared_required.update(str(r) for r in part.get("required") or [] if isinstance(r, str))
        shared: tuple[FieldIR, ...] = ()
        if shared_properties:
            shared = self._fields(base, shared_properties, shared_required)
        variants: list[TypeIR] = []
        renamed: dict[str, str] = {}
        implicit: dict[str, str] = {}
        for index, option in enumerate(options):
            option_pointer = join_pointer(pointer, combinator, index)
            variant_hint = base + _variant_suffix(option, tag, index)
            variant = self.convert(option, document, option_pointer, variant_hint)
            if shared:
                merged = self._with_shared_fields(
                    variant, shared, base, option_pointer, inline=not (isinstance(option, dict) and "$ref" in option)
                )
                if isinstance(variant, NamedType) and merged != variant:
                    renamed[variant.name] = cast(NamedType, merged).name
                variant = merged
            ref = option.get("$ref") if isinstance(option, dict) else None
            if isinstance(ref, str) and "#/" in ref and isinstance(variant, NamedType):
                # Without a mapping entry, a variant's tag value is its schema's name (OpenAPI's implicit mapping).
                implicit.setdefault(variant.name, ref.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~"))
            variants.append(variant)
        if shared and not renamed and not any(self._is_object(v) for v in variants):
            self.warn(
                f"properties beside {combinator} apply to no object variant; ignored",
                document,
                join_pointer(pointer, "properties"),
            )
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
                        mapping.append((str(value), renamed.get(target.name, target.name)))
            mapped = {target_name for _, target_name in mapping}
            tag_values = [*mapping, *((value, cls) for cls, value in implicit.items() if cls not in mapped)]
            for cls in dict.fromkeys(cls for _, cls in tag_values):
                self._narrowings.append((cls, tag, tuple(value for value, c in tag_values if c == cls)))
            fallback_name = self.class_names.claim(base + "Unknown")
            fallback = ObjectSchema(
                fallback_name,
                (FieldIR(tag, field_name(tag), PrimitiveType("str"), required=True,
                         description=f"The `{tag}` of a variant this version of the SDK does not know."),),
                description=f"A `{base}` variant this version of the SDK does not know; keeps all its data.",
                source=pointer,
                is_union_fallback=True,
            )  # fmt: skip
            variants.append(self._register(fallback, document))
        type_: TypeIR = variants[0] if len(variants) == 1 else UnionType(tuple(variants), tag, tuple(mapping))
        if not variants:
            type_ = ANY
        if nullable:
            type_ = make_nullable(type_)
        if name is not None:
            return self._register(AliasSchema(name, type_, description_of(schema), pointer), document)
        return type_

    def narrow_tags(self, resources: tuple[ResourceIR, ...], webhooks: tuple[WebhookIR, ...]) -> None:
        """Type each discriminated variant's tag as its values, unless the variant is used outside its unions.

        A model used elsewhere too (GitHub's ``public-user``, a variant by ``user_view_type`` and a
        gist fork's ``user``) keeps its declared tag type: narrowing it would refuse the other values
        it legitimately carries there. Its unions then parse by their variants' fields.
        """
        outside: set[str] = set()
        pending: list[TypeIR] = []
        for schema in self.schemas.values():
            if isinstance(schema, ObjectSchema):
                pending += [f.type for f in schema.fields]
                pending += [schema.additional_properties] if schema.additional_properties is not None else []
            elif isinstance(schema, AliasSchema):
                pending.append(schema.target)
        for resource in resources:
            for op in resource.operations:
                pending += [p.type for p in (*op.path_params, *op.query_params, *op.header_params, *op.cookie_params)]
                if op.body is not None:
                    pending += [f.type for f in op.body.fields] if op.body.fields is not None else [op.body.type]
                pending += [r.type for r in (op.success, *op.errors) if r is not None and r.type is not None]
                if op.pagination is not None:
                    pending.append(op.pagination.item_type)
                    outside.update([op.pagination.page_schema] if op.pagination.page_schema else [])
        pending += [hook.payload for hook in webhooks]
        for type_ in pending:
            outside.update(_references_outside_tagged_unions(type_))
        for name, tag, values in self._narrowings:
            if name not in outside:
                self._narrow_tag(name, tag, values)

    def _narrow_tag(self, name: str, tag: str, values: tuple[str, ...]) -> None:
        """Type the ``tag`` field of variant ``name`` as the discriminator values that select it.

        Only a plain string tag is narrowed: the union then parses by the tag's value instead of
        by which variant's fields happen to fit.
        """
        schema = self.schemas.get(name)
        field = (
            next((f for f in schema.fields if f.wire_name == tag), None) if isinstance(schema, ObjectSchema) else None
        )
        if not isinstance(schema, ObjectSchema) or schema.is_union_fallback or field is None:
            return
        if field.type == PrimitiveType("str"):
            known: tuple[Any, ...] = ()
        elif name in self._narrowed:  # a variant of several unions: any of their values selects it
            known = self._narrowed[name]
        else:
            return
        values = tuple(dict.fromkeys((*known, *values)))
        narrowed = LiteralType(values[0]) if len(values) == 1 else UnionType(tuple(LiteralType(v) for v in values))
        self._narrowed[name] = values
        fields = tuple(dataclasses.replace(f, type=narrowed) if f is field else f for f in schema.fields)
        if fields != schema.fields:
            self.schemas[name] = dataclasses.replace(schema, fields=fields)

    def _is_object(self, type_: TypeIR) -> bool:
        schema = self.schemas.get(type_.name) if isinstance(type_, NamedType) else None
        return isinstance(schema, ObjectSchema) and not schema.is_union_fallback

    def _with_shared_fields(
        self, variant: TypeIR, shared: tuple[FieldIR, ...], base: str, pointer: str, *, inline: bool
    ) -> TypeIR:
        """``variant`` with the union's own properties added (an object variant only)."""
        schema = self.schemas.get(variant.name) if isinstance(variant, NamedType) else None
        if not isinstance(schema, ObjectSchema) or schema.is_union_fallback:
            return variant
        shared_by_wire = {f.wire_name: f for f in shared}
        own = {f.wire_name for f in schema.fields}
        fields = [  # the variant's own definition of a property wins; the union may still require it
            dataclasses.replace(
                f, required=f.required or (f.wire_name in shared_by_wire and shared_by_wire[f.wire_name].required)
            )
            for f in schema.fields
        ]
        fields += [f for f in shared if f.wire_name not in own]
        if tuple(fields) == schema.fields:
            return variant
        py_names = NameRegistry()
        fields = [dataclasses.replace(f, py_name=py_names.claim(f.py_name)) for f in fields]
        # A variant written inline belongs to this union alone; a referenced one is reused elsewhere.
        name = schema.name if inline else self.class_names.claim(base + schema.name)
        return self._register(  # source_file is the variant's own, kept by replace()
            dataclasses.replace(schema, name=name, fields=tuple(fields), source=schema.source if inline else pointer),
            self.doc,
        )

    def _convert_all_of(
        self, schema: dict[str, Any], document: SpecDocument, pointer: str, hint: str, key: tuple[Path, str] | None
    ) -> TypeIR:
        parts = schema["allOf"]
        own = {k: v for k, v in schema.items() if k not in ANNOTATION_KEYS and not str(k).startswith("x-")}
        shaping = [(index, part) for index, part in enumerate(parts) if not _annotation_only(part)]
        if len(shaping) == 1 and not own:
            # One part says what the value is; the others only annotate it (nullable, description, default...).
            index, part = shaping[0]
            type_ = self.convert(part, document, join_pointer(pointer, "allOf", index), hint)
            if any(p.get("nullable") is True for p in parts if _annotation_only(p)):
                type_ = make_nullable(type_)
            if key is not None and not isinstance(type_, NamedType):
                return self._register(
                    AliasSchema(self._name_for(key, hint), type_, description_of(schema), pointer), document
                )
            return type_
        kinds = [self._part_kind(part, document, join_pointer(pointer, "allOf", index)) for index, part in shaping]
        own_shape = {k for k in own if k not in ("type", "nullable")}
        if shaping and not own_shape and all(k in ("scalar", "array", "null") for k in kinds) and set(kinds) - {"null"}:
            # Parts that are all strings, numbers or arrays (``allOf: [{$ref: Slug}, {type: string, nullable: true}]``)
            # make a value of that kind, not an object. The first named part says most (its enum, its name).
            if own.get("type") == "object":
                self.warn("allOf parts are not objects but the schema says `type: object`; typed as its parts",
                          document, join_pointer(pointer, "type"))  # fmt: skip
            valued = [(i, p) for (i, p), kind in zip(shaping, kinds, strict=True) if kind != "null"]
            index, part = next(((i, p) for i, p in valued if isinstance(p, dict) and "$ref" in p), valued[0])
            type_ = self.convert(part, document, join_pointer(pointer, "allOf", index), hint)
            if (
                "null" in kinds  # Codat's `allOf: [{$ref: Currency}, {type: null}]` means a nullable currency
                or schema.get("nullable") is True
                or any(isinstance(p, dict) and p.get("nullable") is True for p in parts)
            ):
                type_ = make_nullable(type_)
            if key is not None and not isinstance(type_, NamedType):
                return self._register(
                    AliasSchema(self._name_for(key, hint), type_, description_of(schema), pointer), document
                )
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
            _add_tag_property(properties, part, part_doc, part_pointer)
        return self._register(self._object_schema(name, schema, properties, required, extra, pointer), document)

    def _part_kind(self, part: Any, document: SpecDocument, pointer: str, depth: int = 0) -> str | None:
        """``object``, ``array``, ``scalar``, ``union`` or None (unknown): what an allOf part makes."""
        if isinstance(part, dict) and isinstance(part.get("$ref"), str):
            try:
                resolved = self.loader.resolve(part, document, pointer)
            except SpecError:
                return None
            part, document, pointer = resolved.value, resolved.document, resolved.pointer
        if not isinstance(part, dict) or depth > MAX_DEPTH:
            return None
        kind = part.get("type")
        if "properties" in part or "additionalProperties" in part or kind == "object":
            return "object"
        if kind == "null":
            return "null"
        if "oneOf" in part or "anyOf" in part or isinstance(kind, list):
            return "union"
        if isinstance(part.get("allOf"), list):
            inner = [self._part_kind(p, document, join_pointer(pointer, "allOf", i), depth + 1)
                     for i, p in enumerate(part["allOf"])]  # fmt: skip
            known = [k for k in inner if k is not None]
            return known[0] if known and all(k == known[0] for k in known) else None
        if kind == "array" or "items" in part:
            return "array"
        if kind in ("string", "integer", "number", "boolean") or "enum" in part or "const" in part:
            return "scalar"
        return None

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
                if _referenced_name(resolved.document, resolved.pointer) is not None:
                    # A named base (a component, a file) is a model of its own too, as components are.
                    self.convert(part, document, join_pointer(pointer, "allOf", index), "Base")
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
                return self._register(
                    AliasSchema(self._name_for(key, hint), type_, description_of(schema), pointer), document
                )
            return type_
        name = self._name_for(key, hint)
        properties = {str(p): (s, document, join_pointer(pointer, "properties", p)) for p, s in props.items()}
        _add_tag_property(properties, schema, document, pointer)
        required = {str(r) for r in schema.get("required") or [] if isinstance(r, str)}
        extra = (
            (additional, document, join_pointer(pointer, "additionalProperties"))
            if isinstance(additional, dict) and additional
            else None
        )
        return self._register(self._object_schema(name, schema, properties, required, extra, pointer), document)

    def _object_schema(
        self,
        name: str,
        schema: dict[str, Any],
        properties: dict[str, tuple[Any, SpecDocument, str]],
        required: set[str],
        extra: Any,
        pointer: str,
    ) -> ObjectSchema:
        additional = None
        fields = self._fields(name, properties, required)
        if extra is not None:
            additional = self.convert(extra[0], extra[1], extra[2], name + "Value")
        return ObjectSchema(
            name=name,
            fields=fields,
            description=description_of(schema),
            additional_properties=additional,
            closed=schema.get("additionalProperties") is False or schema.get("unevaluatedProperties") is False,
            deprecated=schema.get("deprecated") is True,
            source=pointer,
        )

    def _fields(
        self, name: str, properties: dict[str, tuple[Any, SpecDocument, str]], required: set[str]
    ) -> tuple[FieldIR, ...]:
        field_names = NameRegistry()
        fields: list[FieldIR] = []
        for wire, (prop_schema, prop_doc, prop_pointer) in properties.items():
            if wire == "":
                # pydantic treats an empty alias as none at all: the field would be sent as "field".
                self.warn("a property with an empty name cannot be a model field; skipped", prop_doc, prop_pointer)
                continue
            type_ = self.convert(prop_schema, prop_doc, prop_pointer, name + pascal_case(wire, fallback="Field"))
            details = self.schema_details(prop_schema, prop_doc, prop_pointer)
            sunset = parse_sunset(details["x-sunset"]) if "x-sunset" in details else ""
            if sunset is None:
                self.warn(f"x-sunset {details['x-sunset']!r} is not an RFC 3339 date (e.g. 2026-12-31); ignored",
                          prop_doc, join_pointer(prop_pointer, "x-sunset"))  # fmt: skip
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
                    deprecated=details.get("deprecated") is True or bool(sunset),
                    sunset=sunset or "",
                    read_only=details.get("readOnly") is True,
                    write_only=details.get("writeOnly") is True,
                    example=freeze(details.get("example")),
                )
            )
        return tuple(fields)

    def schema_details(self, schema: Any, document: SpecDocument, pointer: str) -> dict[str, Any]:
        """Description/default/example of a property, looking through a ``$ref`` for what is missing."""
        if not isinstance(schema, dict):
            return {}
        details = {k: schema[k] for k in _DETAIL_KEYS if k in schema}
        _take_examples(schema, details)
        for part in schema.get("allOf") or [] if isinstance(schema.get("allOf"), list) else []:
            if _annotation_only(part):
                details.update({k: part[k] for k in _DETAIL_KEYS if k in part and k not in details})
        if isinstance(schema.get("$ref"), str):
            try:
                target = self.loader.resolve(schema, document, pointer).value
            except SpecError:
                target = None
            if isinstance(target, dict):
                for k in ("description", "default", "example", "deprecated", "x-sunset", "readOnly", "writeOnly"):
                    if k not in details and k in target:
                        details[k] = target[k]
                _take_examples(target, details)
        if "description" in details:
            details["description"] = as_text(details["description"])
        elif isinstance(schema.get("title"), str):
            details["description"] = schema["title"]
        if "default" in details and not json_like(details["default"]):
            del details["default"]
        return details

    # ---- operations ------------------------------------------------------------------------

    def mark_input_schemas(self, resources: tuple[ResourceIR, ...]) -> None:
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
            for name in named_types(type_):
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
        self._name_reused_enums(resources)

    def _name_reused_enums(self, resources: tuple[ResourceIR, ...]) -> None:
        """An enum that several request signatures take gets one named Literal alias (``OrderEnumParam``).

        Enums with the same values share it: ``ListFilesOrder`` and ``ListRunsOrder`` are both ``OrderEnumParam``
        when the spec also has the component ``OrderEnum`` with those values.
        """
        signatures: list[list[TypeIR]] = []  # each method's arguments, and each request TypedDict's keys
        for resource in resources:
            for op in resource.operations:
                types = [p.type for p in (*op.path_params, *op.query_params, *op.header_params, *op.cookie_params)]
                if op.body is not None:
                    types += [f.type for f in op.body.fields] if op.body.fields is not None else [op.body.type]
                signatures.append(types)
        signatures += [
            [f.type for f in s.fields] for s in self.schemas.values() if isinstance(s, ObjectSchema) and s.param_name
        ]
        uses: dict[tuple[object, ...], int] = {}
        members: dict[tuple[object, ...], list[str]] = {}
        for types in signatures:
            for values in {self._enum_values(name) for t in types for name in self._inline_names(t, set())} - {()}:
                uses[values] = uses.get(values, 0) + 1
        for name, schema in self.schemas.items():
            if isinstance(schema, EnumSchema) and uses.get(schema.values, 0) >= 2:
                members.setdefault(schema.values, []).append(name)
        for names in members.values():
            # Named after one of them: a component schema of its own if there is one, the shortest name else.
            chosen = min(names, key=lambda n: (self.schemas[n].source.count("/") != 3, len(n), n))
            param = self.class_names.claim(f"{chosen}Param")
            for name in names:
                self.schemas[name] = dataclasses.replace(self.schemas[name], param_name=param)  # type: ignore[arg-type]

    def _enum_values(self, name: str) -> tuple[object, ...]:
        schema = self.schemas[name]
        return schema.values if isinstance(schema, EnumSchema) else ()

    def _inline_names(self, type_: TypeIR, seen: set[str]) -> Iterator[str]:
        """The enums a request annotation spells inline: through unions, arrays and aliases, not objects."""
        for name in named_types(type_):
            schema = self.schemas[name]
            if isinstance(schema, EnumSchema):
                yield name
            elif isinstance(schema, AliasSchema) and name not in seen:
                seen.add(name)
                yield from self._inline_names(schema.target, seen)


def _add_tag_property(
    properties: dict[str, tuple[Any, SpecDocument, str]], schema: dict[str, Any], document: SpecDocument, pointer: str
) -> None:
    """The discriminator's property, as a string, when the schema names it without declaring it (GeoJSON's
    ``type``): every instance carries it."""
    discriminator = schema.get("discriminator")
    tag = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    if isinstance(tag, str) and tag and tag not in properties:
        properties[tag] = ({"type": "string"}, document, join_pointer(pointer, "discriminator", "propertyName"))


def _references_outside_tagged_unions(type_: TypeIR) -> Iterator[str]:
    """The schema names ``type_`` refers to other than as a variant of a discriminated union."""
    if isinstance(type_, NamedType):
        yield type_.name
    elif isinstance(type_, ArrayType):
        yield from _references_outside_tagged_unions(type_.items)
    elif isinstance(type_, MapType):
        yield from _references_outside_tagged_unions(type_.values)
    elif isinstance(type_, UnionType):
        for variant in type_.variants:
            if type_.discriminator is None or not isinstance(variant, NamedType):
                yield from _references_outside_tagged_unions(variant)


_CONSTRAINT_KEYWORDS = frozenset(
    {"required", "not", "minProperties", "maxProperties", "dependentRequired", "description", "title"}
)


def _constraint_only(option: Any) -> bool:
    """Whether a combinator branch only constrains (``{required: [id]}``) and declares no shape of its own."""
    return isinstance(option, dict) and bool(option) and set(option) <= _CONSTRAINT_KEYWORDS


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


_DETAIL_KEYS = ("description", "default", "deprecated", "readOnly", "writeOnly", "example", "x-sunset")

# Last pointer tokens that name a place in a schema or an operation, not the schema itself.
_STRUCTURAL_TOKENS = frozenset(
    {"schema", "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
     "allOf", "anyOf", "oneOf", "prefixItems", "unevaluatedItems", "unevaluatedProperties"}
)  # fmt: skip


def _referenced_name(document: SpecDocument, pointer: str) -> str | None:
    """The name of a schema reached through a ``$ref``: its last pointer token, else its file's name."""
    if not pointer:
        return pascal_case(document.path.stem, fallback="Model")
    token = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
    if token in _STRUCTURAL_TOKENS or token.isdigit():
        return None
    return pascal_case(token, fallback="Model")


def _take_examples(schema: dict[str, Any], details: dict[str, Any]) -> None:
    """Use the first value of a JSON Schema ``examples`` list (OpenAPI 3.1) when there is no ``example``."""
    examples = schema.get("examples")
    if "example" not in details and isinstance(examples, list) and examples:
        details["example"] = examples[0]


def _const_options(schema: dict[str, Any]) -> list[Any] | None:
    """The values of a ``oneOf``/``anyOf`` whose every option is a scalar ``const``, else None."""
    if "properties" in schema:
        return None
    for combinator in ("oneOf", "anyOf"):
        options = schema.get(combinator)
        if isinstance(options, list) and options:
            if all(isinstance(o, dict) and "const" in o and scalar_json(o["const"]) for o in options):
                return [o["const"] for o in options]
            return None
    return None


def _annotation_only(part: Any) -> bool:
    """Whether an ``allOf`` part only annotates the others (``{nullable: true}``, a description...)."""
    return isinstance(part, dict) and all(
        (k in ANNOTATION_KEYS and k != "allOf") or str(k).startswith("x-") for k in part
    )


def _reference_only(schema: Any) -> bool:
    """Whether ``schema`` only wraps one ``$ref`` (``allOf``/``oneOf``/``anyOf`` of it, plus annotations)."""
    if not isinstance(schema, dict):
        return False
    if isinstance(schema.get("$ref"), str):
        return True
    for combinator in ("allOf", "oneOf", "anyOf"):
        parts = schema.get(combinator)
        if not isinstance(parts, list):
            continue
        shaping = [p for p in parts if not _annotation_only(p)] if combinator == "allOf" else parts
        others = [k for k in schema if k != combinator and k not in ANNOTATION_KEYS and not str(k).startswith("x-")]
        return (
            len(shaping) == 1
            and isinstance(shaping[0], dict)
            and isinstance(shaping[0].get("$ref"), str)
            and not others
        )
    return False
