"""Synthesized SDK calls for every operation of an API, and checks of what they return.

Arguments come from the IR the SDK was generated from (names, types, examples, defaults), so
any generated SDK can be driven without hand-written calls. For each operation there is one
call with only the required arguments and as many calls with every argument as it takes to
send every variant of every union (``None`` of a nullable one included) at least once.
"""

from __future__ import annotations

import datetime
import functools
import re
import re._parser as sre_parse  # the stdlib's own regex parser: walks a pattern to build a match
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.build_ir import build_ir
from generator.config import GeneratorConfig, load_config
from generator.errors import SpecError
from generator.ir import (
    AliasSchema,
    ApiIR,
    ArrayType,
    EnumSchema,
    FieldIR,
    JsonObject,
    LiteralType,
    MapType,
    NamedType,
    ObjectSchema,
    OperationIR,
    ParameterIR,
    PrimitiveType,
    ResourceIR,
    TypeIR,
    UnionType,
)
from generator.loader import SpecLoader

NONE = PrimitiveType("none")
# Values that satisfy the common string formats, which servers (and Prism) validate.
FORMAT_VALUES = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "duration": "P1D",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/item",
    "url": "https://example.com/item",
    "iri": "https://example.com/item",
    "uri-reference": "/item",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "aGVsbG8=",
    "password": "s3cret-Passw0rd",
}
_MAX_DEPTH = 6  # beyond it, optional fields are left out (recursive schemas end)
_MAX_CALLS = 16


@dataclass(frozen=True)
class Call:
    """One call of an SDK method: ``getattr(resource, method)(**kwargs)``."""

    resource: str
    method: str
    label: str  # "required" or "every argument #n"
    kwargs: dict[str, Any]
    operation: OperationIR = field(repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.operation.http_method.upper()} {self.operation.path} as {self.resource}.{self.method}() ({self.label})"


def load_api(spec: Path, **overrides: str) -> ApiIR:
    """The IR of ``spec`` with the names ``python -m generator generate`` gives it (``<spec>.sdk.yaml`` read)."""
    candidate = spec.with_name(spec.name.split(".")[0] + ".sdk.yaml")
    config = load_config(candidate) if candidate.exists() else GeneratorConfig()
    return build_ir(spec, config.merged(**overrides))


def operations(api: ApiIR) -> Iterator[tuple[ResourceIR, OperationIR]]:
    """Every operation of ``api`` with its resource."""
    yield from api.operations()


def parameter_patterns(spec: Path, op: OperationIR) -> dict[tuple[str, str], str]:
    """The ``pattern`` of each string parameter of ``op`` in ``spec``, by (location, name).

    The IR keeps no patterns; servers (and Prism) check them, so the raw document is read.
    """
    loader = _loader(spec)
    found: dict[tuple[str, str], str] = {}
    try:
        path_item = loader.resolve(loader.root.root["paths"][op.path], loader.root, "")
        operation = loader.resolve(path_item.value.get(op.http_method, {}), path_item.document, path_item.pointer)
        for owner in (path_item, operation):
            for param in owner.value.get("parameters") or []:
                param = loader.resolve(param, owner.document, owner.pointer)
                schema = loader.resolve(param.value.get("schema") or {}, param.document, param.pointer).value
                if isinstance(schema, dict) and isinstance(schema.get("pattern"), str):
                    found[(param.value.get("in"), param.value.get("name"))] = schema["pattern"]
    except (KeyError, AttributeError, SpecError):
        return found  # the IR's warnings already say what is broken
    return found


@functools.cache
def _loader(spec: Path) -> SpecLoader:
    return SpecLoader(spec)


def string_matching(pattern: str) -> str | None:
    """A short string that ``re.search(pattern, ...)`` accepts, or ``None`` if the pattern is beyond this."""
    try:
        text = _sample(sre_parse.parse(pattern))
    except (re.error, _Unsupported):
        return None
    return text if re.search(pattern, text) else None


class _Unsupported(Exception):
    pass


def _sample(items: Any) -> str:
    out = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "IN":
            out.append(_sample_class(arg))
        elif name == "ANY":
            out.append("a")
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            out.append(_sample(sub) * max(low, 1))
        elif name == "SUBPATTERN":
            out.append(_sample(arg[-1]))
        elif name == "BRANCH":
            out.append(_sample(arg[1][0]))
        elif name != "AT":
            raise _Unsupported(name)
    return "".join(out)


def _sample_class(items: Any) -> str:
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(arg[0])
        if name == "CATEGORY":
            return {"CATEGORY_DIGIT": "0", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " "}.get(str(arg), "a")
        if name == "NEGATE":
            return "~"  # crude, checked by the caller's re.search
    raise _Unsupported("IN")


def calls_for(
    api: ApiIR,
    resource: ResourceIR,
    op: OperationIR,
    *,
    every_argument: bool,
    patterns: dict[tuple[str, str], str] | None = None,
) -> list[Call]:
    """The required-only call of ``op``, or its every-argument calls covering every union variant.

    ``patterns`` (from :func:`parameter_patterns`) make string parameters match their patterns.
    """
    schemas = {s.name: s for s in api.schemas}
    patterns = patterns or {}
    if not every_argument:
        kwargs = _Synthesizer(schemas, every_argument=False, covered=set(), patterns=patterns).arguments(op)
        return [Call(resource.dotted, op.method_name, "required", kwargs, op)]
    covered: set[tuple[UnionType, int]] = set()
    result: list[Call] = []
    while len(result) < _MAX_CALLS:
        synth = _Synthesizer(schemas, every_argument=True, covered=covered, patterns=patterns)
        kwargs = synth.arguments(op)
        if result and not synth.newly_covered:
            break
        covered |= synth.newly_covered
        result.append(Call(resource.dotted, op.method_name, f"every argument #{len(result) + 1}", kwargs, op))
    return result


class _Synthesizer:
    def __init__(
        self,
        schemas: dict[str, Any],
        *,
        every_argument: bool,
        covered: set[tuple[UnionType, int]],
        patterns: dict[tuple[str, str], str],
    ) -> None:
        self.schemas = schemas
        self.patterns = patterns
        self.every_argument = every_argument
        self.covered = covered
        self.newly_covered: set[tuple[UnionType, int]] = set()

    def arguments(self, op: OperationIR) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        for param in (*op.path_params, *op.query_params, *op.header_params, *op.cookie_params):
            if param.required or self.every_argument:
                kwargs[param.py_name] = self._parameter(param)
        body = op.body
        if body is None:
            return kwargs
        if body.kind == "binary":
            kwargs["body"] = b"raw bytes"
        elif body.kind == "text":
            kwargs["body"] = "some text"
        elif body.fields is not None:
            for f in body.fields:
                # Required readOnly fields are sent: OpenAPI 3.1 (and so Prism) still requires them.
                if f.read_only and not f.required:
                    continue
                # Required fields are required arguments, also of an optional body.
                if f.required or self.every_argument:
                    kwargs[f.py_name] = self._field(f, 0)
        elif body.required or self.every_argument:
            kwargs["body"] = self.value(body.type, body.example, "body", 0)
        return kwargs

    def _parameter(self, param: ParameterIR) -> Any:
        if param.has_default and _fits(param.default, param.type, self.schemas):
            return _thaw(param.default)
        value = self.value(param.type, param.example, param.wire_name, 0)
        pattern = self.patterns.get((param.location, param.wire_name))
        if pattern is not None and isinstance(value, str) and not re.search(pattern, value):
            value = string_matching(pattern) or value
        return value

    def _field(self, f: FieldIR, depth: int) -> Any:
        return self.value(f.type, f.example, f.wire_name, depth + 1)

    def value(self, type_: TypeIR, example: object, name: str, depth: int) -> Any:
        """A value of ``type_``: the example if it fits, else one built from the type."""
        if example is not None and _fits(example, type_, self.schemas) and not isinstance(type_, UnionType):
            return _thaw(example)
        if isinstance(type_, UnionType):
            return self._union(type_, example, name, depth)
        if isinstance(type_, LiteralType):
            return type_.value
        if isinstance(type_, PrimitiveType):
            return _primitive(type_)
        if isinstance(type_, ArrayType):
            return [self.value(type_.items, None, name, depth + 1)]
        if isinstance(type_, MapType):
            # An untyped map may stand for an object that allows no properties at all.
            return (
                {}
                if type_.values == PrimitiveType("any")
                else {"key": self.value(type_.values, None, "value", depth + 1)}
            )
        schema = self.schemas[type_.name]
        if isinstance(schema, EnumSchema):
            return schema.values[0]
        if isinstance(schema, AliasSchema):
            return self.value(schema.target, example, name, depth + 1)
        every = self.every_argument and depth < _MAX_DEPTH
        return {f.wire_name: self._field(f, depth) for f in schema.fields if f.required or (every and not f.read_only)}

    def _union(self, type_: UnionType, example: object, name: str, depth: int) -> Any:
        variants = [(i, v) for i, v in enumerate(type_.variants) if not self._is_fallback(v)]
        if not self.every_argument:
            known = [(i, v) for i, v in variants if v != NONE] or variants
            index, variant = known[0]
        else:
            pending = [(i, v) for i, v in variants if (type_, i) not in self.covered | self.newly_covered]
            index, variant = (pending or variants)[0]
            if pending:
                self.newly_covered.add((type_, index))
        return self.value(variant, example, name, depth)

    def _is_fallback(self, type_: TypeIR) -> bool:
        schema = self.schemas.get(type_.name) if isinstance(type_, NamedType) else None
        return isinstance(schema, ObjectSchema) and schema.is_union_fallback


def _primitive(type_: PrimitiveType) -> Any:
    if type_.name == "str":
        return FORMAT_VALUES.get(type_.format or "", "text")
    return {"int": 1, "float": 1.5, "bool": True, "bytes": b"file contents", "any": "value", "none": None}[type_.name]


def _thaw(value: object) -> Any:
    """A frozen IR JSON value as plain JSON (tuples → lists, JsonObject → dict)."""
    if isinstance(value, JsonObject):
        return {k: _thaw(v) for k, v in value}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _fits(value: object, type_: TypeIR, schemas: dict[str, Any]) -> bool:
    """Whether a scalar (or list of scalars) example is a valid value of ``type_``."""
    if isinstance(type_, PrimitiveType):
        if type_.name == "str":
            return isinstance(value, str) and (type_.format not in FORMAT_VALUES or _format_ok(value, type_.format))
        checks = {
            "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "bool": lambda v: isinstance(v, bool),
            "none": lambda v: v is None,
        }
        return type_.name in checks and checks[type_.name](value)
    if isinstance(type_, LiteralType):
        return value == type_.value
    if isinstance(type_, ArrayType):
        return isinstance(value, tuple) and bool(value) and all(_fits(v, type_.items, schemas) for v in value)
    if isinstance(type_, UnionType):
        return any(_fits(value, v, schemas) for v in type_.variants)
    if isinstance(type_, NamedType):
        schema = schemas.get(type_.name)
        if isinstance(schema, EnumSchema):
            return value in schema.values
        if isinstance(schema, AliasSchema):
            return _fits(value, schema.target, schemas)
    return False


def _format_ok(value: str, fmt: str | None) -> bool:
    try:
        if fmt == "date-time":
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif fmt == "date":
            datetime.date.fromisoformat(value)
        else:
            return fmt not in ("uuid", "email", "uri", "url") or (
                (fmt == "email" and "@" in value) or (fmt in ("uri", "url") and "://" in value)
            )
    except ValueError:
        return False
    return True


# -- checking results ----------------------------------------------------------------


def type_errors(value: object, type_: TypeIR | None, api: ApiIR, sdk: Any, path: str = "") -> list[str]:
    """Where ``value`` is not of the declared IR type ``type_`` (an empty list when it is)."""
    if type_ is None:
        return [] if value is None else [f"{path or '/'}: expected None, got {type(value).__name__}"]
    schemas = {s.name: s for s in api.schemas}
    return _check(value, type_, schemas, sdk, path)


def _check(value: object, type_: TypeIR, schemas: dict[str, Any], sdk: Any, path: str) -> list[str]:
    where = path or "/"
    if isinstance(type_, UnionType):
        attempts = [_check(value, v, schemas, sdk, path) for v in type_.variants]
        return [] if any(not a for a in attempts) else [f"{where}: {value!r:.80} matches no variant of the union"]
    if isinstance(type_, LiteralType):
        return [] if value == type_.value else [f"{where}: expected {type_.value!r}, got {value!r:.80}"]
    if isinstance(type_, PrimitiveType):
        expected: tuple[type, ...] = {
            "str": (str, datetime.datetime, datetime.date),
            "int": (int,),
            "float": (int, float),
            "bool": (bool,),
            "bytes": (bytes,),
            "none": (type(None),),
            "any": (object,),
        }[type_.name]
        ok = isinstance(value, expected) and not (type_.name in ("int", "float") and isinstance(value, bool))
        return [] if ok else [f"{where}: expected {type_.name}, got {type(value).__name__}"]
    if isinstance(type_, ArrayType):
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        return [e for i, item in enumerate(value) for e in _check(item, type_.items, schemas, sdk, f"{path}/{i}")]
    if isinstance(type_, MapType):
        if not isinstance(value, dict):
            return [f"{where}: expected a dict, got {type(value).__name__}"]
        return [e for k, item in value.items() for e in _check(item, type_.values, schemas, sdk, f"{path}/{k}")]
    schema = schemas[type_.name]
    if isinstance(schema, AliasSchema):
        return _check(value, schema.target, schemas, sdk, path)
    cls = getattr(sdk.types, schema.name)
    if not isinstance(value, cls):
        return [f"{where}: expected {schema.name}, got {type(value).__name__}"]
    if isinstance(schema, EnumSchema):
        return []
    errors: list[str] = []
    for f in schema.fields:
        if f.py_name in value.model_fields_set or f.wire_name in value.model_fields_set:
            errors += _check(getattr(value, f.py_name), f.type, schemas, sdk, f"{path}/{f.wire_name}")
    return errors
