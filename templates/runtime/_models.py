"""Pydantic base classes for generated models, forward compatibility and fast parsing.

Forward compatibility: a newer server may send fields, enum values or union variants
this SDK does not know. They are kept rather than rejected:

* unknown fields stay on the model (``extra="allow"``) and survive ``model_dump()``;
* unknown enum values become pseudo-members of :class:`OpenEnum` keeping the raw value;
* unknown union variants parse into the generated :class:`UnknownVariant` fallback.

Strict mode follows the schema instead: :func:`find_schema_violations` lists what the
schema does not allow (unknown enum values and union variants, extra fields of a
:class:`ClosedModel`), while fields a schema leaves open are allowed. :func:`find_unknowns`
also lists those, for callers who want to know about every field this SDK does not declare.
"""

from __future__ import annotations

import enum
import gc
import threading
from collections.abc import Iterable
from typing import Any, Literal, cast

import pydantic
from pydantic import ConfigDict
from typing_extensions import override

__all__ = [
    "BaseModel",
    "ClosedModel",
    "IntOpenEnum",
    "OpenEnum",
    "StrOpenEnum",
    "UnknownVariant",
    "find_schema_violations",
    "find_unknowns",
    "is_known_member",
    "parse_json",
]


class BaseModel(pydantic.BaseModel):
    """Base of every generated model.

    Unknown fields are kept; fields can be set by their Python name or wire alias.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        arbitrary_types_allowed=False,
        # A class's validator is built when it first validates, not when it is defined: an
        # SDK of thousands of models pays only for those a program uses.
        defer_build=True,
    )

    def to_dict(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        by_alias: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """Return the model as a dict keyed by wire names, leaving out unset fields.

        ``mode="json"`` converts values to JSON-compatible types (enums to values,
        datetimes to strings).
        """
        return self.model_dump(
            mode=mode,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_none=exclude_none,
        )

    def to_json(
        self,
        *,
        indent: int | None = 2,
        by_alias: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
    ) -> str:
        """Return the model as JSON keyed by wire names, leaving out unset fields."""
        return self.model_dump_json(
            indent=indent,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_none=exclude_none,
        )


class ClosedModel(BaseModel):
    """Base of models whose schema says ``additionalProperties: false``.

    Extra fields are still kept when parsing leniently (a newer server may add some);
    with ``strict_response_validation`` they are refused, as the schema says.
    """


class UnknownVariant(BaseModel):
    """Base of the generated fallback variant placed last in a union.

    It receives objects matching none of the known variants; all their data is kept
    as extra fields.
    """


_pseudo_lock = threading.Lock()
_pseudo_members: dict[type[OpenEnum], dict[object, OpenEnum]] = {}
# Bounds memory if a server sends ever-new values; beyond it members are not interned.
_MAX_PSEUDO_MEMBERS = 1024


class OpenEnum(enum.Enum):
    """Enum that accepts values unknown when the SDK was generated.

    ``JobState("paused")`` returns a pseudo-member whose ``.value`` is ``"paused"``
    and which, for ``str``/``int`` enums, compares equal to ``"paused"``. Use
    :func:`is_known_member` to tell pseudo-members from declared ones.

    Generated enums subclass ``(str, OpenEnum)`` / ``(int, OpenEnum)`` or, equivalently,
    :class:`StrOpenEnum` / :class:`IntOpenEnum`.
    """

    @classmethod
    @override
    def _missing_(cls, value: object) -> Any:
        # Fast path without the lock: a value seen before (dict reads are atomic).
        members = _pseudo_members.get(cls)
        if members is not None and value in members:
            return members[value]
        return _new_pseudo_member(cls, value)

    @override
    def __str__(self) -> str:
        return str(self._value_)

    @override
    def __format__(self, format_spec: str) -> str:
        return format(str(self._value_), format_spec)

    @override
    def __repr__(self) -> str:
        known = "" if is_known_member(self) else " (unknown)"
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}{known}>"


class StrOpenEnum(str, OpenEnum):
    """Base of generated string enums; all values compare equal to plain strings."""


class IntOpenEnum(int, OpenEnum):
    """Base of generated integer enums; all values compare equal to plain ints."""


def is_known_member(value: enum.Enum) -> bool:
    """Whether ``value`` is a declared member rather than an unknown pseudo-member."""
    return type(value)._member_map_.get(value._name_) is value


def _new_pseudo_member(cls: type[OpenEnum], value: object) -> OpenEnum | None:
    member_type: Any = cls._member_type_  # type: ignore[attr-defined]
    # A value of the wrong type (e.g. 5 for a str enum) is a genuine error.
    if member_type is not object and not isinstance(value, member_type):
        return None
    if isinstance(value, bool) and member_type is int:
        return None
    with _pseudo_lock:
        members = _pseudo_members.setdefault(cls, {})
        if value in members:  # created meanwhile by another thread
            return members[value]
        # Built like Enum builds members: the mixin's __new__, then _name_/_value_.
        member: Any = (
            object.__new__(cls)
            if member_type is object
            else cast(Any, member_type).__new__(cls, value)
        )
        member._name_ = str(value)
        member._value_ = value
        if len(members) < _MAX_PSEUDO_MEMBERS:
            members[value] = member
        return member  # type: ignore[no-any-return]


# -- strict-mode support -------------------------------------------------------------


def find_unknowns(obj: object) -> list[str]:
    """List where ``obj`` holds data unknown to this SDK version.

    Reports every extra field (also where the schema allows them),
    :class:`UnknownVariant` instances and unknown :class:`OpenEnum` values as
    ``"/path/to/value: description"`` strings, using wire names in paths. Strict mode
    does not use it: see :func:`find_schema_violations`.
    """
    found: list[str] = []
    _walk(obj, "", found, every_extra_field=True)
    return found


def find_schema_violations(obj: object) -> list[str]:
    """List where parsed data breaks its schema although it parsed (what strict mode refuses).

    Reports unknown :class:`OpenEnum` values, :class:`UnknownVariant` instances and
    extra fields of a :class:`ClosedModel`, in the format of :func:`find_unknowns`.
    Extra fields of other models are allowed by their schema and not reported.
    """
    found: list[str] = []
    _walk(obj, "", found, every_extra_field=False)
    return found


def _walk(obj: object, path: str, found: list[str], *, every_extra_field: bool) -> None:
    if isinstance(obj, UnknownVariant):
        found.append(f"{path or '/'}: unknown variant {_short_json(obj)}")
    elif isinstance(obj, pydantic.BaseModel):
        for name, field in type(obj).model_fields.items():
            _walk(
                getattr(obj, name),
                f"{path}/{field.alias or name}",
                found,
                every_extra_field=every_extra_field,
            )
        if every_extra_field or isinstance(obj, ClosedModel):
            closed = (
                " (its schema allows no other fields)"
                if isinstance(obj, ClosedModel)
                else ""
            )
            for key in obj.model_extra or {}:
                found.append(
                    f"{path}/{key}: unknown field of {type(obj).__name__}{closed}"
                )
    elif isinstance(obj, OpenEnum):
        if not is_known_member(obj):
            found.append(
                f"{path or '/'}: unknown {type(obj).__name__} value {obj.value!r}"
            )
    elif isinstance(obj, (list, tuple)):
        for index, item in enumerate(cast("Iterable[object]", obj)):
            _walk(item, f"{path}/{index}", found, every_extra_field=every_extra_field)
    elif isinstance(obj, dict):
        for child_key, child in cast("dict[object, object]", obj).items():
            _walk(
                child, f"{path}/{child_key}", found, every_extra_field=every_extra_field
            )


def _short_json(model: pydantic.BaseModel) -> str:
    text = model.model_dump_json(by_alias=True)
    return text if len(text) <= 200 else text[:200] + "..."


# -- parsing -------------------------------------------------------------------------

_adapters: dict[object, pydantic.TypeAdapter[Any]] = {}
# From this size on, a document builds so many objects that the young collection due
# right after the pause (one traversal of all of them) costs about as much as parsing.
_PROMOTE_MIN_BYTES = 256 * 1024
# Below this size a body builds fewer objects than the GC's first threshold (700
# allocations): pausing it would cost more than it saves.
_PAUSE_MIN_BYTES = 2048
_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False
_gc_promote = False


def _pause_gc(*, large: bool = False) -> None:
    """Pause the cyclic GC until the matching :func:`_resume_gc`.

    Nested and concurrent pauses restore it once, when the last one ends. With
    ``large``, the young generations are collected first and, when the last pause
    ends, everything made meanwhile goes straight to the oldest generation (see
    :func:`_promote_young_objects`), so the fresh tree is not traversed by a young
    collection as soon as the GC is back on.
    """
    global _gc_pauses, _gc_was_enabled, _gc_promote
    if large and gc.isenabled():
        # Examine the caller's young objects now, so that only what is built while
        # paused is promoted without being looked at. Outside the lock: finalizers
        # run by the collection may parse a response themselves.
        gc.collect(1)
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            _gc_promote = False
            gc.disable()
        if large and _gc_was_enabled:
            _gc_promote = True
        _gc_pauses += 1


def _resume_gc() -> None:
    """End one :func:`_pause_gc`."""
    global _gc_pauses
    with _gc_lock:
        _gc_pauses -= 1
        if _gc_pauses == 0 and _gc_was_enabled:
            if _gc_promote:
                _promote_young_objects()
            gc.enable()


def _promote_young_objects() -> None:
    """Move every object the GC tracks to its oldest generation without a collection.

    ``gc.freeze()`` moves all tracked objects to the permanent generation and
    ``gc.unfreeze()`` puts them back into the oldest one: two list splices instead of
    a traversal of every new object. The next full collection examines them, as it
    would have anyway once they had survived the young collections. Skipped when the
    program froze objects itself: unfreezing would undo that.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _adapter(cast_to: Any) -> pydantic.TypeAdapter[Any]:
    try:
        adapter = _adapters.get(cast_to)
    except TypeError:  # unhashable annotation: build one each time
        return pydantic.TypeAdapter(cast_to)
    if adapter is None:
        adapter = pydantic.TypeAdapter(cast_to)
        _adapters[cast_to] = adapter
    return adapter


def parse_json(cast_to: Any, content: bytes, *, strict: bool = False) -> object:
    """Validate the JSON document ``content`` into ``cast_to`` in one pass.

    With ``strict``, values are not coerced (``"1"`` is no integer, ``1`` no string),
    as the JSON Schema types say.

    Validation runs in pydantic-core straight from the bytes. The cyclic garbage
    collector is paused meanwhile (bodies of 2 KiB or more): otherwise each
    allocation threshold triggers a rescan of the growing object tree, which
    dominates the time for large lists.
    For large documents the new objects are then promoted to the oldest generation
    rather than traversed once more by the next young collection.

    Raises:
        pydantic.ValidationError: ``content`` is not valid JSON or does not match.
    """
    size = len(content)
    if size < _PAUSE_MIN_BYTES:  # too few objects for a collection to start meanwhile
        return _validate_json(cast_to, content, strict)
    # Not a context manager: this runs on every call and a generator costs more.
    _pause_gc(large=size >= _PROMOTE_MIN_BYTES)
    try:
        return _validate_json(cast_to, content, strict)
    finally:
        _resume_gc()


def _validate_json(cast_to: Any, content: bytes, strict: bool) -> object:
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        return cast_to.model_validate_json(content, strict=strict or None)
    return _adapter(cast_to).validate_json(content, strict=strict or None)
