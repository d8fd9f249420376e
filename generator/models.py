"""IR schemas → pydantic v2 model source, rendered by datamodel-code-generator.

The IR has already named every class and field; this module only restates the schemas as a
JSON-Schema document (``$ref``s by those names) plus field-name aliases, and lets
datamodel-code-generator do what it does well: turn JSON Schema into pydantic classes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from generator import TEMPLATES, model_worker
from generator.errors import GeneratorError
from generator.ir import (
    AliasSchema,
    ApiIR,
    ArrayType,
    EnumSchema,
    LiteralType,
    MapType,
    NamedType,
    ObjectSchema,
    PrimitiveType,
    TypeIR,
    UnionType,
)
from generator.model_cache import ModelCache, cache_key
from generator.model_worker import ModelWorker, remember_hit, take_early

MODEL_TEMPLATES = TEMPLATES / "models"
# Formats that pydantic can parse without rejecting what real servers send.
_PASSED_FORMATS = {"date-time", "date"}
_REF_PREFIX = "#/components/schemas/"


def type_schema(type_: TypeIR, opaque: str = "") -> dict[str, Any]:
    """The JSON Schema of an IR type, referring to named schemas by their class names.

    References to ``opaque`` become ``Any``: an alias that contains itself (``X = list[dict[str, X]]``)
    is beyond what datamodel-code-generator renders, and is typed loosely instead.
    """
    if isinstance(type_, NamedType):
        return {} if type_.name == opaque else {"$ref": _REF_PREFIX + type_.name}
    if isinstance(type_, PrimitiveType):
        if type_.name == "str":
            fmt = type_.format if type_.format in _PASSED_FORMATS else None
            return {"type": "string", "format": fmt} if fmt else {"type": "string"}
        return {
            "int": {"type": "integer"},
            "float": {"type": "number"},
            "bool": {"type": "boolean"},
            "bytes": {"type": "string", "format": "binary"},
            "none": {"type": "null"},
            "any": {},
        }[type_.name]
    if isinstance(type_, ArrayType):
        return {"type": "array", "items": type_schema(type_.items, opaque)}
    if isinstance(type_, MapType):
        return {"type": "object", "additionalProperties": type_schema(type_.values, opaque)}
    if isinstance(type_, LiteralType):
        # A one-value enum, not ``const``: datamodel-code-generator turns a ``const`` inside
        # ``anyOf`` into an enum class, but a one-value enum into ``Literal[...]``.
        value = type_.value
        if value is None:
            return {"type": "null"}
        json_type = {bool: "boolean", int: "integer", float: "number", str: "string"}[type(value)]
        return {"type": json_type, "enum": [value]}
    if isinstance(type_, UnionType):
        return {"anyOf": [type_schema(v, opaque) for v in type_.variants]}
    raise TypeError(type_)  # pragma: no cover - the IR has no other kinds


def _tagged_union_with_fallback(type_: TypeIR, by_name: dict[str, object]) -> bool:
    """Whether ``type_`` is a discriminated union, last the fallback, each known variant
    fixing its tag to one literal.

    Such a union validates left to right with the same result as pydantic's default
    smart mode (at most one known variant can match, the fallback only when none
    does), but stops at the first match instead of trying every variant.
    """
    if isinstance(type_, UnionType) and type_.discriminator is None:
        # A nullable tagged union is the tagged union and ``None``; look inside.
        inner = [v for v in type_.variants if v != PrimitiveType("none")]
        if len(inner) == 1 and len(inner) < len(type_.variants):
            type_ = inner[0]
    if not isinstance(type_, UnionType) or type_.discriminator is None:
        return False
    schemas: list[ObjectSchema] = []
    for variant in type_.variants:
        if variant == PrimitiveType("none"):
            continue
        schema = by_name.get(variant.name) if isinstance(variant, NamedType) else None
        if not isinstance(schema, ObjectSchema):
            return False
        schemas.append(schema)
    if not schemas or not schemas[-1].is_union_fallback:
        return False
    for schema in schemas[:-1]:
        tag = next((f for f in schema.fields if f.wire_name == type_.discriminator), None)
        if schema.is_union_fallback or tag is None or not tag.required or not isinstance(tag.type, LiteralType):
            return False
    return True


def schema_document(api: ApiIR) -> tuple[dict[str, Any], dict[str, str]]:
    """An OpenAPI components document of every IR schema, and the field aliases to apply."""
    schemas: dict[str, Any] = {}
    aliases: dict[str, str] = {}
    by_name: dict[str, object] = {schema.name: schema for schema in api.schemas}
    for schema in api.schemas:
        if isinstance(schema, ObjectSchema):
            properties: dict[str, Any] = {}
            for field in schema.fields:
                prop = type_schema(field.type)
                notice = f"Deprecated (sunset {field.sunset}). " if field.sunset else "Deprecated. "
                description = (notice if field.deprecated else "") + field.description
                if description:
                    prop = {**prop, "description": description.strip()}
                if field.deprecated:
                    prop = {**prop, "deprecated": True}  # pydantic warns when it is read
                if _tagged_union_with_fallback(field.type, by_name):
                    prop = {**prop, "union_mode": "left_to_right"}
                properties[field.wire_name] = prop
                if field.py_name != field.wire_name:
                    aliases[f"{schema.name}.{field.wire_name}"] = field.py_name
            body: dict[str, Any] = {"type": "object", "properties": properties}
            # Models parse responses, which never carry a writeOnly property: not required there.
            required = [f.wire_name for f in schema.fields if f.required and not f.write_only]
            if required:
                body["required"] = required
        elif isinstance(schema, EnumSchema):
            body = {"type": "string" if schema.value_type == "str" else "integer", "enum": list(schema.values)}
        elif isinstance(schema, AliasSchema):
            body = type_schema(schema.target, opaque=schema.name)
        if schema.description:
            body = {**body, "description": schema.description}
        schemas[schema.name] = body
    document = {
        "openapi": "3.1.0",
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    return document, aliases


def model_request(api: ApiIR, header: str) -> dict[str, Any]:
    """Everything datamodel-code-generator is given for ``api``, as plain JSON data.

    It is what the worker process receives and, with the renderer's fingerprint, what the
    model cache is keyed by: the rendered source depends on nothing else.
    """
    document, aliases = schema_document(api)
    package = api.config.package_name
    # Fallback variants and closed schemas (strict mode refuses their extra fields) get their own base.
    fallbacks = {
        s.name: f"{package}._models.{'UnknownVariant' if s.is_union_fallback else 'ClosedModel'}"
        for s in api.schemas
        if isinstance(s, ObjectSchema) and (s.is_union_fallback or s.closed)
    }
    # The Enum template bases str enums on StrOpenEnum and int enums on IntOpenEnum.
    enum_bases = sorted(
        {"StrOpenEnum" if s.value_type == "str" else "IntOpenEnum" for s in api.schemas if isinstance(s, EnumSchema)}
    )
    return {
        "document": document,
        "aliases": aliases,
        "package": package,
        "fallbacks": fallbacks,
        "enum_bases": enum_bases,
        "header": header,
    }


def empty_models(header: str) -> str:
    """The models module of an API without schemas (datamodel-code-generator is not needed)."""
    return f"{header}\n\nfrom __future__ import annotations\n"


def render_request(request: dict[str, Any]) -> str:
    """Source of the ``types/_models.py`` module (unformatted) for a ``model_request``."""
    # Imported late: datamodel-code-generator is slow to import.
    import datamodel_code_generator as dcg
    from datamodel_code_generator.enums import DataModelType, InputFileType, OpenAPIScope
    from datamodel_code_generator.format import DatetimeClassType, PythonVersion
    from datamodel_code_generator.parser import LiteralType as DcgLiteralType

    document: dict[str, Any] = request["document"]
    package: str = request["package"]
    for body in document["components"]["schemas"].values():
        for prop in body.get("properties", {}).values():
            if "union_mode" in prop:  # passed through as a Field() argument, as an enum
                prop["union_mode"] = dcg.UnionMode(prop["union_mode"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its advice on options is for its CLI users, not ours
        try:
            output = dcg.generate(
                document,
                input_file_type=InputFileType.OpenAPI,
                output_model_type=DataModelType.PydanticV2BaseModel,
                target_python_version=PythonVersion.PY_311,
                base_class=f"{package}._models.BaseModel",
                base_class_map=request["fallbacks"] or None,
                additional_imports=[f"{package}._models.{base}" for base in request["enum_bases"]] or None,
                custom_template_dir=MODEL_TEMPLATES,
                custom_file_header=request["header"],
                aliases=request["aliases"] or None,
                field_extra_keys={"union_mode"},
                use_subclass_enum=True,
                enum_field_as_literal=DcgLiteralType.One,
                use_schema_description=True,
                use_field_description=True,
                use_union_operator=True,
                use_standard_collections=True,
                use_annotated=True,
                use_type_alias=True,
                use_double_quotes=True,
                disable_timestamp=True,
                output_datetime_class=DatetimeClassType.Datetime,
                openapi_scopes=[OpenAPIScope.Schemas],
                formatters=[],
            )
        except dcg.Error as exc:
            raise GeneratorError(f"datamodel-code-generator failed: {exc}") from exc
    if not isinstance(output, str):  # pragma: no cover - only for multi-module output
        raise GeneratorError("datamodel-code-generator returned several modules")
    return output


def render_models(api: ApiIR, header: str) -> str:
    """Source of the ``types/_models.py`` module (unformatted), rendered in this process, uncached."""
    if not api.schemas:
        return empty_models(header)
    return render_request(model_request(api, header))


class PendingModels:
    """The models module being rendered; ``result()`` waits for it (and stores it in the cache)."""

    def __init__(
        self, text: str | None, worker: ModelWorker | None, request: dict[str, Any], store: Callable[[str], None]
    ) -> None:
        self._text, self._worker, self._request, self._store = text, worker, request, store

    def result(self) -> str:
        """The unformatted source of ``types/_models.py``."""
        if self._text is None:
            self._text = self._worker.receive() if self._worker else render_request(self._request)
            self._store(self._text)
        return self._text


class ModelRenderer:
    """Renders the models module: from the model cache, else in a worker process (or in this one).

    Create it first thing, so that the worker imports datamodel-code-generator while the spec
    is loaded; ``close()`` it at the end (it stops a worker that was not needed).
    """

    def __init__(self, *, use_cache: bool = True, use_worker: bool = True, remember: bool = False) -> None:
        self.cache = ModelCache() if use_cache else None
        # Only the command line's renderer leaves hints for the next run's start_early().
        self.remember = remember
        self._use_worker = use_worker
        self.hit: bool | None = None  # after submit(): whether the cache had the models
        self._worker = take_early() if use_worker else None
        if self._worker is None and not model_worker.skipped_for_hint:
            self._start_worker()

    def _start_worker(self) -> None:
        if self._use_worker:
            try:
                self._worker = ModelWorker()
            except OSError:  # no subprocess here: render in this process
                self._worker = None

    def submit(self, api: ApiIR, header: str) -> PendingModels:
        """Start rendering the models of ``api``; a cache hit is ready at once."""
        if not api.schemas:
            self.close()
            return PendingModels(empty_models(header), None, {}, lambda text: None)
        request = model_request(api, header)
        key = cache_key(request) if self.cache else ""
        cached = self.cache.get(key) if self.cache else None
        self.hit = cached is not None
        if cached is not None:
            self.close()
            if self.remember:
                remember_hit(key)
            return PendingModels(cached, None, request, lambda text: None)

        def store(text: str) -> None:
            if self.cache:
                self.cache.put(key, text)
                if self.remember:
                    remember_hit(key)

        if self._worker is None:  # not started early (a hit was expected): start it now
            self._start_worker()
        if self._worker is not None:
            self._worker.send(request)
            request = {}  # the worker has it: do not hold the document meanwhile
        return PendingModels(None, self._worker, request, store)

    def close(self) -> None:
        """Stop the worker if it is still running (not needed, or the generation failed)."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None
