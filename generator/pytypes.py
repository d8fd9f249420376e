"""Python annotations for IR types, as finished source strings for the templates."""

from __future__ import annotations

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

_PRIMITIVES = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "bytes": "bytes",
    "any": "object",
    "none": "None",
}


def _join(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    for top in ("object", "builtins.object"):
        if top in unique:
            return top
    # ``None`` last reads best: ``str | None``.
    unique.sort(key=lambda p: p == "None")
    return " | ".join(unique)


# Builtins an annotation may use; a class with a method of the same name must qualify them.
BUILTIN_TYPES = frozenset({"str", "int", "float", "bool", "bytes", "object", "list", "dict"})


def builtin(name: str, shadowed: frozenset[str] = frozenset()) -> str:
    """``list`` → ``builtins.list`` where a method named ``list`` would shadow it."""
    return f"builtins.{name}" if name in shadowed else name


def output_annotation(type_: TypeIR, shadowed: frozenset[str] = frozenset()) -> str:
    """The annotation of a parsed response value (model classes by name)."""
    if isinstance(type_, NamedType):
        return type_.name
    if isinstance(type_, PrimitiveType):
        return builtin(_PRIMITIVES[type_.name], shadowed)
    if isinstance(type_, ArrayType):
        return f"{builtin('list', shadowed)}[{output_annotation(type_.items, shadowed)}]"
    if isinstance(type_, MapType):
        return f"{builtin('dict', shadowed)}[{builtin('str', shadowed)}, {output_annotation(type_.values, shadowed)}]"
    if isinstance(type_, LiteralType):
        return "None" if type_.value is None else f"Literal[{type_.value!r}]"
    if isinstance(type_, UnionType):
        return _join([output_annotation(v, shadowed) for v in type_.variants])
    raise TypeError(type_)  # pragma: no cover


def literal_source(schema: EnumSchema) -> str:
    """``Literal['asc', 'desc']``: the values a request may send for an enum."""
    return f"Literal[{', '.join(repr(v) for v in schema.values)}]"


class InputTypes:
    """Annotations of request values: TypedDicts for objects, Literals for enums."""

    def __init__(self, api: ApiIR) -> None:
        self._schemas = {s.name: s for s in api.schemas}
        self._expanding: set[str] = set()  # aliases being expanded (recursive unions)

    def annotation(self, type_: TypeIR, *, file_upload: bool = False, shadowed: frozenset[str] = frozenset()) -> str:
        """The annotation a caller's argument must satisfy."""
        sub = {"file_upload": file_upload, "shadowed": shadowed}
        if isinstance(type_, NamedType):
            schema = self._schemas[type_.name]
            if isinstance(schema, ObjectSchema):
                return schema.param_name or schema.name
            if isinstance(schema, EnumSchema):
                return schema.param_name or literal_source(schema)
            if isinstance(schema, AliasSchema):
                if schema.name in self._expanding:
                    return "object"  # a recursive alias: no finite TypedDict spelling
                self._expanding.add(schema.name)
                try:
                    return self.annotation(schema.target, **sub)  # type: ignore[arg-type]
                finally:
                    self._expanding.discard(schema.name)
        if isinstance(type_, PrimitiveType):
            if type_.name == "bytes":
                return "FileTypes" if file_upload else builtin("bytes", shadowed)
            return builtin(_PRIMITIVES[type_.name], shadowed)
        if isinstance(type_, ArrayType):
            return f"Sequence[{self.annotation(type_.items, **sub)}]"  # type: ignore[arg-type]
        if isinstance(type_, MapType):
            return f"Mapping[{builtin('str', shadowed)}, {self.annotation(type_.values, shadowed=shadowed)}]"
        if isinstance(type_, UnionType):
            variants = [v for v in type_.variants if not self._is_fallback(v)]
            return _join([self.annotation(v, **sub) for v in variants])  # type: ignore[arg-type]
        return output_annotation(type_, shadowed)

    def _is_fallback(self, type_: TypeIR) -> bool:
        schema = self._schemas.get(type_.name) if isinstance(type_, NamedType) else None
        return isinstance(schema, ObjectSchema) and schema.is_union_fallback
