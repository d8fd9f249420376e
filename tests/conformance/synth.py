"""Synthesized values for the conformance suite (and anyone else who needs them).

Two halves, both deterministic:

- :class:`InstanceSynthesizer` builds a JSON instance of a spec schema: every property filled, one
  item per array, discriminators consistent with the variant chosen; ``$ref``s are followed across
  files and recursion is cut (only required properties, then empty arrays) where a schema contains
  itself.
- :func:`argument` / :func:`call_arguments` build Python values from a generated method's own type
  hints (builtins, ``Literal``, enums, unions, ``TypedDict``s, pydantic models, sequences, mappings,
  files), so that a call type-checks the way a user's would.

Hand-written rather than hypothesis-jsonschema: that library needs ``$ref``s inlined (impossible for
recursive schemas such as Kubernetes' ``JSONSchemaProps``), draws random values, and has no notion of
OpenAPI's ``discriminator``, ``nullable`` or ``readOnly``/``writeOnly``.
"""

from __future__ import annotations

import collections.abc
import datetime
import enum
import functools
import inspect
import io
import types
import typing
import uuid
from typing import Any

import pydantic
import typing_extensions

from tests.conformance.spec import Node, SpecTree
from tests.helpers import type_hints as sdk_type_hints

_FORMATS: dict[str, Any] = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "email": "user@example.com",
    "uri": "https://example.com/item",
    "url": "https://example.com/item",
    "uri-reference": "https://example.com/item",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "aGVsbG8=",
    "binary": "binary-content",
    "date-time-rfc-2822": "Tue, 02 Jan 2024 03:04:05 +0000",
}
_ALIASES = tuple(t for t in (getattr(typing, "TypeAliasType", None), typing_extensions.TypeAliasType) if t)
_MAX_DEPTH = 24  # beyond this only required properties are filled, and arrays are empty


class InstanceSynthesizer:
    """JSON instances of the schemas of one document (``for_response``: writeOnly properties left out)."""

    def __init__(self, tree: SpecTree, *, for_response: bool = True) -> None:
        self.tree = tree
        self.for_response = for_response

    def instance(self, node: Node) -> Any:
        """A JSON value valid against the schema ``node``."""
        return self._value(node, 0, ())

    def _value(self, node: Node, depth: int, stack: tuple[int, ...]) -> Any:
        node = self.tree.deref(node)
        schema = node.value
        if not isinstance(schema, dict):
            return "value"  # `true`, `{}` or a broken schema: anything goes
        recursive = id(schema) in stack
        stack = (*stack, id(schema))
        minimal = recursive or depth > _MAX_DEPTH
        if "const" in schema:
            return schema["const"]
        enum_values = [v for v in schema.get("enum") or [] if v is not None]
        if enum_values:
            return enum_values[0]
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return self._variant(node, key, depth, stack, minimal)
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            return self._all_of(node, depth, stack, minimal)
        return self._typed(node, depth, stack, minimal)

    def _typed(self, node: Node, depth: int, stack: tuple[int, ...], minimal: bool) -> Any:
        schema = node.value
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            if "properties" in schema or "additionalProperties" in schema:
                kind = "object"
            elif "items" in schema:
                kind = "array"
            else:
                example = schema.get("example")
                return example if isinstance(example, (str, int, float, bool)) else "value"
        if kind == "object":
            return self._object(node, depth, stack, minimal)
        if kind == "array":
            if minimal:
                return []
            count = max(1, int(schema.get("minItems") or 1))
            item = self._value(self.tree.child(node, "items"), depth + 1, stack)
            return [item] * count
        if kind == "string":
            return _string(schema)
        if kind == "integer":
            return int(_number(schema, 1))
        if kind == "number":
            return _number(schema, 1.5)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return "value"

    def _object(self, node: Node, depth: int, stack: tuple[int, ...], minimal: bool) -> dict[str, Any]:
        schema = node.value
        required = set(schema.get("required") or [])
        result: dict[str, Any] = {}
        for name, raw in (schema.get("properties") or {}).items():
            prop = self.tree.child(node, "properties", name)
            flags = prop.value if isinstance(prop.value, dict) else {}
            raw_flags = raw if isinstance(raw, dict) else {}
            write_only = flags.get("writeOnly") or raw_flags.get("writeOnly")
            read_only = flags.get("readOnly") or raw_flags.get("readOnly")
            if (self.for_response and write_only) or (not self.for_response and read_only):
                continue
            if (minimal and name not in required) or name == "":
                continue  # an empty property name is a slip the generator warns about and leaves out
            result[name] = self._value(Node(raw, node.file), depth + 1, stack)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra and not result and not minimal:
            result["key"] = self._value(self.tree.child(node, "additionalProperties"), depth + 1, stack)
        self._set_own_tag(node, result)
        return result

    def _all_of(self, node: Node, depth: int, stack: tuple[int, ...], minimal: bool) -> Any:
        schema = node.value
        merged: dict[str, Any] = {}
        scalar: Any = None
        own = {k: v for k, v in schema.items() if k not in ("allOf", "discriminator")}  # the tag is set below
        parts = [self.tree.child(node, "allOf", i) for i in range(len(schema["allOf"]))]
        if "properties" in own or own.get("type") == "object":
            parts.append(Node(own, node.file, node.name))
        for part in parts:
            if _only_extra_keys(self.tree.deref(part).value) and len(parts) > 1:
                continue  # a part that only allows more keys adds no property to fill
            value = self._value(part, depth + 1, stack)
            if isinstance(value, dict):
                declared = self.tree.deref(part).value.get("properties")
                for name in [n for n in merged if isinstance(declared, dict) and n in declared and n not in value]:
                    # A later part redeclares a property an earlier one filled (sinao's discount: number, then
                    # integer): the later declaration is the one the value must meet.
                    value[name] = self._value(self.tree.child(part, "properties", name), depth + 1, stack)
                merged.update(value)
            elif scalar is None and _shaped(part.value):
                scalar = value
        if not merged and scalar is not None:
            return scalar
        self._set_own_tag(node, merged)
        return merged

    def _variant(self, node: Node, key: str, depth: int, stack: tuple[int, ...], minimal: bool) -> Any:
        schema = node.value
        variants = [self.tree.child(node, key, i) for i in range(len(schema[key]))]
        usable = [v for v in variants if not _is_null(v.value)] or variants
        # Recursion is cut by preferring a variant that is not the schema being built.
        chosen = next((v for v in usable if id(v.value) not in stack), usable[0]) if minimal else usable[0]
        value = self._value(chosen, depth + 1, stack)
        own = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        if isinstance(value, dict) and "properties" in own:
            shared = self._object(Node(own, node.file), depth + 1, stack, minimal)
            value = {**shared, **value}
        discriminator = schema.get("discriminator")
        if isinstance(value, dict) and isinstance(discriminator, dict) and discriminator.get("propertyName"):
            raw_ref = schema[key][usable.index(chosen) if chosen in usable else 0]
            tag = _tag_for(discriminator, raw_ref, chosen)
            fixed = self._declared_tag(chosen, discriminator["propertyName"])
            # A variant whose tag property is a const or enum (OpenAI's inline and allOf variants) carries that value.
            name = discriminator["propertyName"]
            wrong = tag == "" or not self._admits(chosen, name, tag)
            value[name] = fixed if fixed is not None and wrong else tag
        return value

    def _set_own_tag(self, node: Node, value: dict[str, Any]) -> None:
        """A schema named ``X`` carrying a discriminator (allOf inheritance) tags its instances ``X``."""
        if not node.name:
            return
        for holder in [node.value, *(self.tree.deref(Node(p, node.file)).value for p in node.value.get("allOf") or [])]:
            discriminator = holder.get("discriminator") if isinstance(holder, dict) else None
            if isinstance(discriminator, dict) and discriminator.get("propertyName"):
                mapping = discriminator.get("mapping") or {}
                own_value = node.value.get("x-ms-discriminator-value")  # Azure's name for its tag value
                tag = next((k for k, v in mapping.items() if _ref_name(str(v)) == node.name), own_value or node.name)
                if self._admits(node, discriminator["propertyName"], tag):
                    value[discriminator["propertyName"]] = tag
                return

    def _declared_tag(self, node: Node, name: str, depth: int = 0) -> Any:
        """The one value the variant's tag property allows (its ``const``, else its first ``enum`` value), if any."""
        node = self.tree.deref(node)
        if not isinstance(node.value, dict) or depth > 8:
            return None
        prop = self.tree.child(node, "properties", name).value
        if isinstance(prop, dict) and "const" in prop:
            return prop["const"]
        if isinstance(prop, dict) and isinstance(prop.get("enum"), list) and prop["enum"]:
            return prop["enum"][0]
        for index in range(len(node.value.get("allOf") or [])):
            found = self._declared_tag(self.tree.child(node, "allOf", index), name, depth + 1)
            if found is not None:
                return found
        return None

    def _admits(self, node: Node, name: str, tag: str) -> bool:
        """Whether the tag property allows ``tag``: an abstract base whose enum lacks its own name
        (Azure's polymorphic bases) never appears tagged with it, so its instance keeps an enum value."""
        for holder in [node, *(self.tree.child(node, "allOf", i) for i in range(len(node.value.get("allOf") or [])))]:
            prop = self.tree.child(holder, "properties", name).value
            if isinstance(prop, dict) and isinstance(prop.get("enum"), list) and tag not in prop["enum"]:
                return False
            if isinstance(prop, dict) and "const" in prop and prop["const"] != tag:
                return False
            if isinstance(prop, dict) and prop.get("type") not in (None, "string"):
                return False  # Zalando's Page discriminates on an array: no tag a value could carry
        return True


def _only_extra_keys(schema: Any) -> bool:
    shaped = {"properties", "allOf", "oneOf", "anyOf", "items"} & set(schema) if isinstance(schema, dict) else set()
    return isinstance(schema, dict) and "additionalProperties" in schema and not shaped


def _shaped(schema: Any) -> bool:
    """Whether an allOf part says what the value is (not only annotations like nullable)."""
    return isinstance(schema, dict) and bool(
        {"type", "enum", "const", "oneOf", "anyOf", "allOf", "$ref", "items"} & set(schema)
    )


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("enum") == [None])


def _ref_name(ref: str) -> str:
    file_part, _, fragment = ref.partition("#")
    if fragment.strip("/"):
        return fragment.rsplit("/", 1)[-1]
    return file_part.rsplit("/", 1)[-1].split(".")[0]


def _tag_for(discriminator: dict[str, Any], raw_ref: Any, chosen: Node) -> str:
    ref = raw_ref.get("$ref") if isinstance(raw_ref, dict) else None
    for tag, target in (discriminator.get("mapping") or {}).items():
        if ref is not None and (target == ref or _ref_name(str(target)) == _ref_name(ref)):
            return str(tag)
    props = chosen.value.get("properties") if isinstance(chosen.value, dict) else None
    tag_schema = props.get(discriminator["propertyName"]) if isinstance(props, dict) else None
    if isinstance(tag_schema, dict) and tag_schema.get("enum"):
        return str(tag_schema["enum"][0])
    return _ref_name(ref) if ref else chosen.name


def _string(schema: dict[str, Any]) -> str:
    fmt = schema.get("format")
    example = schema.get("example")
    if schema.get("pattern") and isinstance(example, str):
        return example
    value = _FORMATS.get(str(fmt), "string") if fmt else "string"
    min_length = int(schema.get("minLength") or 0)
    if len(value) < min_length and fmt == "date-time" and value.endswith("Z"):
        value = value[:-1] + "." + "0" * max(1, min_length - len(value) - 1) + "Z"  # Telstra's 24-character stamps
    elif len(value) < min_length:
        value = value + "x" * (min_length - len(value))
    max_length = schema.get("maxLength")
    if isinstance(max_length, int) and len(value) > max_length and not fmt:
        value = value[: max(max_length, 1)]
    return value


def _number(schema: dict[str, Any], preferred: float) -> float:
    value = preferred
    low, high = schema.get("minimum"), schema.get("maximum")
    if isinstance(schema.get("exclusiveMinimum"), (int, float)):
        low = schema["exclusiveMinimum"] + 1
    elif schema.get("exclusiveMinimum") is True and isinstance(low, (int, float)):
        low = low + 1
    if isinstance(schema.get("exclusiveMaximum"), (int, float)):
        high = schema["exclusiveMaximum"] - 1
    if isinstance(low, (int, float)) and value < low:
        value = low
    if isinstance(high, (int, float)) and value > high:
        value = high
    return value


# ---- arguments from type hints -------------------------------------------------------------

_STANDARD_CLIENT_ARGS = frozenset(
    {"base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client",
     "strict_response_validation"}
)  # fmt: skip


def argument(hint: Any, name: str = "value", depth: int = 0) -> Any:
    """A value of the annotation ``hint``.

    The first variant of a union (``None`` and ``NotGiven`` last); the required keys of a
    ``TypedDict``, or its first key when none is required, so that the value carries something.
    """
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return argument(args[0], name, depth)
    if origin in (typing.Required, typing.NotRequired):
        return argument(args[0], name, depth)
    if hint is Any or hint is object:
        return "value"
    if hint is None or hint is type(None):
        return None
    if origin in (typing.Union, types.UnionType):
        usable = [a for a in args if a is not type(None) and getattr(a, "__name__", "") != "NotGiven"]
        return argument(usable[0], name, depth) if usable else None
    if origin is typing.Literal:  # PeerTube's job state allows '' (no filter), which no path segment can carry
        return next((a for a in args if a is not None and a != ""), next((a for a in args if a is not None), args[0]))
    if isinstance(hint, _ALIASES):
        return argument(hint.__value__, name, depth)
    if origin is not None and isinstance(origin, type) and issubclass(origin, collections.abc.Mapping):
        return {"key": argument(args[1], "value", depth + 1)} if len(args) == 2 and depth < 8 else {}
    if origin is tuple:
        return tuple(argument(a, name, depth + 1) for a in args if a is not Ellipsis)
    if origin is not None and isinstance(origin, type) and issubclass(origin, (typing.IO, io.IOBase)):
        return io.BytesIO(b"file-content")
    if origin is not None and isinstance(origin, type) and issubclass(origin, collections.abc.Iterable):
        return [argument(args[0], name, depth + 1)] if args and depth < 8 else []
    if typing_extensions.is_typeddict(hint):
        hints = type_hints(hint, include_extras=True)
        required = [key for key, h in hints.items() if _required_key(hint, h)]
        return {key: argument(hints[key], key, depth + 1) for key in (required or list(hints)[: 1 if depth < 8 else 0])}
    if isinstance(hint, type):
        return _instance_of_class(hint, name, depth)
    raise TypeError(f"cannot synthesize a value of {hint!r} for {name!r}")


def _required_key(typed_dict: Any, hint: Any) -> bool:
    # Read from the hints: under `from __future__ import annotations`, `__required_keys__` misses `Required[...]`.
    origin = typing.get_origin(hint)
    if origin in (typing.Required, typing_extensions.Required):
        return True
    return bool(typed_dict.__total__) and origin not in (typing.NotRequired, typing_extensions.NotRequired)


def _instance_of_class(hint: type, name: str, depth: int) -> Any:
    if issubclass(hint, enum.Enum):
        return next(iter(hint))
    if issubclass(hint, bool):
        return True
    if issubclass(hint, int):
        return 1
    if issubclass(hint, float):
        return 1.5
    if issubclass(hint, str):
        return f"{name}-value"
    if issubclass(hint, bytes):
        return b"file-content"
    if issubclass(hint, datetime.datetime):
        return datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    if issubclass(hint, datetime.date):
        return datetime.date(2024, 1, 2)
    if issubclass(hint, datetime.time):
        return datetime.time(3, 4, 5)
    if issubclass(hint, uuid.UUID):
        return uuid.UUID("123e4567-e89b-12d3-a456-426614174000")
    if issubclass(hint, (io.IOBase, typing.IO)):
        return io.BytesIO(b"file-content")
    if issubclass(hint, pydantic.RootModel):
        return hint(argument(hint.model_fields["root"].annotation, name, depth + 1))
    if issubclass(hint, pydantic.BaseModel):
        values = {
            field.alias or key: argument(field.annotation, key, depth + 1)
            for key, field in hint.model_fields.items()
            if field.is_required()
        }
        return hint.model_validate(values)
    if hint in (list, tuple, set):
        return hint()
    if hint is dict:
        return {}
    raise TypeError(f"cannot synthesize a value of {hint!r} for {name!r}")


_PER_CALL_OPTIONS = frozenset({"extra_headers", "extra_query", "extra_body", "timeout", "max_retries"})


@functools.lru_cache(maxsize=1024)
def _function_hints(function: Any, include_extras: bool) -> dict[str, Any]:
    # Resource modules import their models for type checkers only: resolved through the SDK's lazy index.
    return sdk_type_hints(function, include_extras=include_extras)


def type_hints(method: Any, *, include_extras: bool = False) -> dict[str, Any]:
    """``typing.get_type_hints`` of a (bound) method, computed once per function: a big SDK's take ~30 ms each."""
    return _function_hints(getattr(method, "__func__", method), include_extras)


def call_arguments(method: Any, *, every: bool = False) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword values for every required parameter of ``method`` (``every``: optional ones too).

    The per-call options every generated method takes (``extra_headers``, ``timeout`` ...) are left out.
    """
    hints = type_hints(method, include_extras=True)
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    for parameter in inspect.signature(method).parameters.values():
        optional = parameter.default is not inspect.Parameter.empty
        if (optional and (not every or parameter.name in _PER_CALL_OPTIONS)) or parameter.kind in (
            inspect.Parameter.VAR_POSITIONAL,
            inspect.Parameter.VAR_KEYWORD,
        ):
            continue
        value = argument(hints.get(parameter.name, Any), parameter.name)
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            keywords[parameter.name] = value
        else:
            positional.append(value)
    return positional, keywords


def client_credentials(client_class: type) -> dict[str, Any]:
    """A made-up secret for every credential argument of a generated client's constructor."""
    hints = typing.get_type_hints(client_class.__init__)
    return {
        name: "test-secret"
        for name in inspect.signature(client_class.__init__).parameters
        if name not in _STANDARD_CLIENT_ARGS
        and name != "self"
        and str in (*typing.get_args(hints.get(name)), hints.get(name))
    }


# ---- results against the declared types -----------------------------------------------------


def mismatch(value: Any, hint: Any, where: str = "result") -> str | None:
    """Why ``value`` is not an instance of the annotation ``hint`` (None when it is)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any or hint is object:
        return None
    if origin is typing.Annotated:
        return mismatch(value, args[0], where)
    if hint is None or hint is type(None):
        return None if value is None else f"{where} is {type(value).__name__}, declared None"
    if isinstance(hint, _ALIASES):
        return mismatch(value, hint.__value__, where)
    if origin in (typing.Union, types.UnionType):
        problems = [mismatch(value, a, where) for a in args]
        return (
            None
            if any(p is None for p in problems)
            else f"{where} ({type(value).__name__}) matches no variant of {hint}"
        )
    if origin is typing.Literal:
        return None if value in args else f"{where} is {value!r}, declared {hint}"
    if origin is not None and isinstance(origin, type):
        if not isinstance(value, origin):
            return f"{where} is {type(value).__name__}, declared {hint}"
        if issubclass(origin, collections.abc.Mapping) and len(args) == 2:
            return next((p for k, v in value.items() if (p := mismatch(v, args[1], f"{where}[{k!r}]"))), None)
        if issubclass(origin, (list, collections.abc.Sequence)) and args:
            return next((p for i, v in enumerate(value) if (p := mismatch(v, args[0], f"{where}[{i}]"))), None)
        return None
    if isinstance(hint, type):
        if hint is float and isinstance(value, int):
            return None
        return None if isinstance(value, hint) else f"{where} is {type(value).__name__}, declared {hint.__name__}"
    return None


def hollow(value: Any, tree: SpecTree, node: Node, where: str = "result") -> str | None:
    """Why ``value`` does not carry the shape the spec schema ``node`` declares (a dict for an object …)."""
    node = tree.deref(node)
    schema = node.value
    if isinstance(value, pydantic.RootModel):
        value = value.root
    if not isinstance(schema, dict):
        return None
    if _object_with_properties(tree, node):
        if isinstance(value, pydantic.BaseModel):
            return None
        return f"{where} is a {type(value).__name__}, but the spec declares an object with properties (a model)"
    if schema.get("type") == "array" or (isinstance(schema.get("type"), list) and "array" in schema["type"]):
        if not isinstance(value, (list, tuple)):
            return f"{where} is a {type(value).__name__}, but the spec declares an array"
        return hollow(value[0], tree, tree.child(node, "items"), f"{where}[0]") if value else None
    return None


def _object_with_properties(tree: SpecTree, node: Node) -> bool:
    schema = node.value
    if not isinstance(schema, dict):
        return False
    if schema.get("properties") and schema.get("type") in (None, "object"):
        return True
    parts = schema.get("allOf") if isinstance(schema.get("allOf"), list) else []
    if any(_object_with_properties(tree, tree.child(node, "allOf", i)) for i in range(len(parts))):
        return True
    for key in ("oneOf", "anyOf"):  # a union of objects only: whichever variant, a model
        variants = schema.get(key) if isinstance(schema.get(key), list) else []
        resolved = [tree.child(node, key, i) for i in range(len(variants))]
        usable = [v for v in resolved if not _is_null(v.value)]
        if usable and all(_object_with_properties(tree, v) for v in usable):
            return True
    return False
