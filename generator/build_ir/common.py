"""Constants and pure helpers on IR types and JSON values, shared by every stage of the IR build."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator
from typing import Any

from generator.config import as_text
from generator.ir import ArrayType, JsonObject, MapType, NamedType, PrimitiveType, TypeIR, UnionType

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
NONE = PrimitiveType("none")
ANY = PrimitiveType("any")
SCALAR = (str, int, float, bool)
# Keywords that describe a schema without changing its shape.
ANNOTATION_KEYS = frozenset(
    {"allOf", "description", "title", "nullable", "example", "examples", "deprecated", "default",
     "readOnly", "writeOnly", "externalDocs", "xml", "$comment", "format"}
)  # fmt: skip
MAX_DEPTH = 150


def is_nullable(type_: TypeIR) -> bool:
    """Whether ``null`` is a valid value of ``type_``."""
    return isinstance(type_, UnionType) and NONE in type_.variants


def make_nullable(type_: TypeIR) -> TypeIR:
    """``type_`` or null."""
    if type_ == ANY or is_nullable(type_):
        return type_
    return UnionType((type_, NONE))


def strip_none(type_: TypeIR) -> TypeIR:
    """``type_`` without its null variant."""
    if isinstance(type_, UnionType) and NONE in type_.variants:
        rest = tuple(v for v in type_.variants if v != NONE)
        return rest[0] if len(rest) == 1 else UnionType(rest, type_.discriminator, type_.mapping)
    return type_


def named_types(type_: TypeIR | None) -> Iterator[str]:
    """The names of the named schemas ``type_`` refers to directly."""
    if isinstance(type_, NamedType):
        yield type_.name
    elif isinstance(type_, ArrayType):
        yield from named_types(type_.items)
    elif isinstance(type_, MapType):
        yield from named_types(type_.values)
    elif isinstance(type_, UnionType):
        for variant in type_.variants:
            yield from named_types(variant)


def scalar_json(value: Any) -> bool:
    """Whether ``value`` is a JSON scalar (or null)."""
    return value is None or isinstance(value, SCALAR)


def freeze(value: Any) -> Any:
    """JSON value → hashable equivalent (lists → tuples, dicts → sorted item tuples)."""
    if isinstance(value, dict):
        return JsonObject((str(k), freeze(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def json_like(value: Any) -> bool:
    """Whether ``value`` is plain JSON (string keys, JSON values all the way down)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and json_like(v) for k, v in value.items())
    if isinstance(value, list):
        return all(json_like(v) for v in value)
    return scalar_json(value)


def default_fits(value: Any, type_: TypeIR) -> bool:
    """Whether a spec ``default`` is a valid value of ``type_``."""
    type_ = strip_none(type_)
    if isinstance(type_, PrimitiveType):
        if type_.format == "uuid" and isinstance(value, str):
            return bool(re.match(r"^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$", value))
        expected = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}.get(type_.name)
        if expected is None:
            return type_.name == "any"
        return isinstance(value, expected) and (type_.name == "bool" or not isinstance(value, bool))
    if isinstance(type_, ArrayType):
        return isinstance(value, list)
    return json_like(value)


def description_of(schema: Any) -> str:
    """A schema's description, else its title."""
    if not isinstance(schema, dict):
        return ""
    return as_text(schema.get("description")) or as_text(schema.get("title"))


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$")


def parse_sunset(value: Any, *, http_date: bool = False) -> str | None:
    """A sunset date as ``YYYY-MM-DD`` (UTC): RFC 3339 (``x-sunset``), or also an HTTP-date
    (the ``Sunset`` header of RFC 8594) when ``http_date``; None when it is neither."""
    text = value.strip() if isinstance(value, str) else ""
    if _RFC3339.match(text):
        try:
            moment = dt.datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC)
        return moment.date().isoformat()
    if http_date and text:
        try:
            return email.utils.parsedate_to_datetime(text).astimezone(dt.UTC).date().isoformat()
        except (TypeError, ValueError, IndexError):
            return None
    return None
