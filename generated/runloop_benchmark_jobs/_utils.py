"""Helpers turning call arguments into URL paths, query strings and JSON bodies."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import re
import urllib.parse
import uuid
from collections.abc import Iterable, Mapping
from typing import TypeVar, cast

import pydantic

from ._types import NOT_GIVEN, NotGiven

__all__ = [
    "Styled",
    "build_query",
    "cookie_header",
    "optional_body",
    "path_template",
    "stringify_headers",
    "strip_not_given",
    "to_jsonable",
]

_V = TypeVar("_V")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
# What urllib.parse.quote(safe="") leaves as it is (RFC 3986 unreserved characters).
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+")
_QUERY_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
# RFC 6265 cookie-octets, without the comma that separates array items.
_COOKIE_SAFE = "!#$%&'()*+-./:<=>?@[]^_`{|}~"


@dataclasses.dataclass(frozen=True)
class Styled:
    """A parameter value with the OpenAPI serialization the spec declares for it.

    ``style`` is ``form``, ``spaceDelimited``, ``pipeDelimited`` or ``deepObject`` in a
    query, ``simple`` in a header, ``form`` in a cookie; ``explode`` as in OpenAPI.
    """

    value: object
    style: str
    explode: bool


def _absent(value: object) -> bool:
    return value is None or isinstance(value, NotGiven)


def _items(value: object) -> list[tuple[str, object]] | None:
    """The (key, value) pairs of an object value, ``None`` for anything else."""
    if isinstance(value, pydantic.BaseModel):
        value = to_jsonable(value)
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return [(str(k), v) for k, v in mapping.items() if not _absent(v)]
    return None


def _sequence(value: object) -> list[object] | None:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [v for v in cast("Iterable[object]", value) if not _absent(v)]
    return None


def _joined(value: object, delimiter: str, explode: bool) -> str:
    """A simple-style rendering: ``a,b``, ``k,v,k2,v2`` or (exploded) ``k=v,k2=v2``."""
    items = _items(value)
    if items is not None:
        if explode:
            return delimiter.join(f"{k}={_scalar(v)}" for k, v in items)
        return delimiter.join(f"{k}{delimiter}{_scalar(v)}" for k, v in items)
    sequence = _sequence(value)
    if sequence is not None:
        return delimiter.join(_scalar(v) for v in sequence)
    return _scalar(value)


def path_template(template: str, **params: object) -> str:
    """Fill ``{name}`` placeholders of ``template``, each value encoded as one segment.

    Example: ``path_template("/v1/jobs/{id}", id="a/b")`` returns ``"/v1/jobs/a%2Fb"``.

    Raises:
        ValueError: a value is ``None`` or an empty string (it would silently
            produce a different URL, e.g. the list endpoint instead of one item).
        KeyError: the template names a parameter that was not passed.
    """
    for name, value in params.items():
        if value is None or value == "":
            raise ValueError(
                f"Expected a non-empty value for `{name}` but received {value!r}"
            )

    def substitute(match: re.Match[str]) -> str:
        text = _scalar(params[match.group(1)])
        # Most IDs need no quoting: skip urllib's per-character work for them.
        return (
            text if _UNRESERVED.fullmatch(text) else urllib.parse.quote(text, safe="")
        )

    return _PLACEHOLDER.sub(substitute, template)


def strip_not_given(mapping: Mapping[str, _V | NotGiven] | None) -> dict[str, _V]:
    """Copy ``mapping`` without its ``NOT_GIVEN`` values (``None`` gives ``{}``)."""
    if mapping is None:
        return {}
    return {
        key: value for key, value in mapping.items() if not isinstance(value, NotGiven)
    }


def optional_body(
    fields: Mapping[str, _V | NotGiven],
) -> dict[str, _V] | NotGiven:
    """The given ``fields`` of an optional body, or ``NOT_GIVEN`` (no body) if none is.

    An empty object would still have to match the schema (``minProperties``, ``required``).
    """
    given = strip_not_given(fields)
    return given if given else NOT_GIVEN


def stringify_headers(mapping: Mapping[str, object]) -> dict[str, str]:
    """Header parameters as strings, dropping ``NOT_GIVEN`` and ``None`` (bools as true/false)."""
    headers: dict[str, str] = {}
    for key, value in mapping.items():
        if isinstance(value, Styled):
            if not _absent(value.value):
                headers[key] = _joined(value.value, ",", value.explode)
            continue
        if isinstance(value, NotGiven) or value is None:
            continue
        if isinstance(value, bool):
            headers[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            items = cast("Iterable[object]", value)
            headers[key] = ",".join(str(item) for item in items)  # style: simple
        else:
            headers[key] = str(value)
    return headers


def cookie_header(cookies: Mapping[str, Styled]) -> str | None:
    """The ``Cookie`` header value of cookie parameters (form style), ``None`` if none is set."""
    pairs: list[str] = []
    for name, styled in cookies.items():
        value = styled.value
        if _absent(value):
            continue
        sequence = _sequence(value)
        items = _items(value)
        if styled.explode and items is not None:
            pairs.extend(f"{k}={_cookie_value(v)}" for k, v in items)
        elif styled.explode and sequence is not None:
            pairs.extend(f"{name}={_cookie_value(v)}" for v in sequence)
        elif items is not None:
            pairs.append(
                name + "=" + ",".join(f"{k},{_cookie_value(v)}" for k, v in items)
            )
        elif sequence is not None:
            pairs.append(name + "=" + ",".join(_cookie_value(v) for v in sequence))
        else:
            pairs.append(f"{name}={_cookie_value(value)}")
    return "; ".join(pairs) or None


def _cookie_value(value: object) -> str:
    return urllib.parse.quote(_scalar(value), safe=_COOKIE_SAFE)


def to_jsonable(value: object) -> object:
    """Convert a request body value into plain JSON-compatible Python data.

    Models become dicts keyed by wire name without unset fields, enums their values,
    dates ISO 8601 strings; dicts lose their ``NOT_GIVEN`` entries.
    """
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return {
            key: to_jsonable(item)
            for key, item in mapping.items()
            if not isinstance(item, NotGiven)
        }
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in cast("Iterable[object]", value)]
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        # JSON has no bytes: a binary field goes as text, as responses read it (pydantic's UTF-8).
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise TypeError(
                "a binary field of a JSON body must be UTF-8 text; send files as multipart"
            ) from None
    return value


def build_query(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Encode query parameters as ``(name, value)`` pairs.

    ``NOT_GIVEN`` and ``None`` are dropped, booleans become ``true``/``false``,
    lists repeat the name (``form`` style, exploded) and dicts use the
    ``deepObject`` style ``name[key]=value``; a :class:`Styled` value is encoded
    in its declared style.
    """
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        _add_query_value(pairs, name, value)
    return pairs


def _add_query_value(pairs: list[tuple[str, str]], name: str, value: object) -> None:
    if isinstance(value, Styled):
        _add_styled_query_value(pairs, name, value)
        return
    if value is None or isinstance(value, NotGiven):
        return
    if isinstance(value, pydantic.BaseModel):
        value = to_jsonable(value)
    if isinstance(value, Mapping):
        for key, item in cast("Mapping[object, object]", value).items():
            _add_query_value(pairs, f"{name}[{key}]", item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in cast("Iterable[object]", value):
            _add_query_value(pairs, name, item)
    else:
        pairs.append((name, _scalar(value)))


def _add_styled_query_value(
    pairs: list[tuple[str, str]], name: str, styled: Styled
) -> None:
    value = styled.value
    if _absent(value):
        return
    items = _items(value)
    if styled.style == "deepObject" or (items is None and _sequence(value) is None):
        _add_query_value(pairs, name, value)
    elif styled.explode and items is not None:
        for key, item in items:  # form, exploded: each property is its own parameter
            _add_query_value(pairs, key, item)
    elif styled.explode:
        _add_query_value(pairs, name, _sequence(value))
    else:
        delimiter = _QUERY_DELIMITERS.get(styled.style, ",")
        pairs.append((name, _joined(value, delimiter, explode=False)))


def _scalar(value: object) -> str:
    """Render one scalar the way APIs expect it in URLs."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)
