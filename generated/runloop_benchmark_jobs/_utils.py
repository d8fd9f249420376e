"""Helpers turning call arguments into URL paths, query strings and JSON bodies."""

from __future__ import annotations

import datetime
import enum
import re
import urllib.parse
import uuid
from collections.abc import Iterable, Mapping
from typing import TypeVar, cast

import pydantic

from ._types import NotGiven

__all__ = ["build_query", "path_template", "strip_not_given", "to_jsonable"]

_V = TypeVar("_V")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


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
        value = params[match.group(1)]
        return urllib.parse.quote(_scalar(value), safe="")

    return _PLACEHOLDER.sub(substitute, template)


def strip_not_given(mapping: Mapping[str, _V | NotGiven] | None) -> dict[str, _V]:
    """Copy ``mapping`` without its ``NOT_GIVEN`` values (``None`` gives ``{}``)."""
    if mapping is None:
        return {}
    return {
        key: value for key, value in mapping.items() if not isinstance(value, NotGiven)
    }


def stringify_headers(mapping: Mapping[str, object]) -> dict[str, str]:
    """Header parameters as strings, dropping ``NOT_GIVEN`` and ``None`` (bools as true/false)."""
    headers: dict[str, str] = {}
    for key, value in mapping.items():
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
    return value


def build_query(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Encode query parameters as ``(name, value)`` pairs.

    ``NOT_GIVEN`` and ``None`` are dropped, booleans become ``true``/``false``,
    lists repeat the name (``form`` style, exploded) and dicts use the
    ``deepObject`` style ``name[key]=value``.
    """
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        _add_query_value(pairs, name, value)
    return pairs


def _add_query_value(pairs: list[tuple[str, str]], name: str, value: object) -> None:
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


def _scalar(value: object) -> str:
    """Render one scalar the way APIs expect it in URLs."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)
