"""View models of ``types/``: the model modules, the TypedDict modules and the lazy indexes.

Every model is written from the IR here (classes, enums, type aliases), as finished source
values the templates print: annotations, defaults, imports. ``generator.layout`` decides which
module holds what; this module decides how each module spells the names it uses:

* a name from another module is imported at the top, except from a module of the same cut
  recursive group, which is imported at the end (each of them defines its classes first);
* an annotation naming a class defined further down, or in such a sibling, is quoted (a forward
  reference pydantic resolves when the model is first used);
* a name that is also a field name somewhere in the module is imported or bound under ``_Name``
  (a field with a default binds its name in the class body, where a later annotation would see it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.build_ir.common import named_types
from generator.escape import python_literal
from generator.ir import (
    AliasSchema,
    ApiIR,
    ArrayType,
    EnumSchema,
    FieldIR,
    LiteralType,
    MapType,
    NamedType,
    ObjectSchema,
    PrimitiveType,
    SchemaIR,
    TypeIR,
    UnionType,
)
from generator.layout import ModelModule, TypesLayout, schema_references
from generator.naming import enum_member_names

# Where the names an annotation may need come from (module, name).
_EXTERNAL = {
    "Any": "typing",
    "Literal": "typing",
    "Annotated": "typing",
    "Field": "pydantic",
    "TypeAliasType": "typing_extensions",
    "date": "datetime",
    "datetime": "datetime",
}
_BUILTINS = {"str", "int", "float", "bool", "bytes", "list", "dict"}
_RUNTIME_BASES = ("BaseModel", "ClosedModel", "IntOpenEnum", "StrOpenEnum", "UnknownVariant")


@dataclass(frozen=True)
class ModelFieldView:
    """One attribute of a model class."""

    name: str
    annotation: str  # finished: Annotated[...] / quoted where needed
    default: str  # Python source of the default, "" when required
    doc: str


@dataclass(frozen=True)
class DefinitionView:
    """A class, an enum or a type alias of a model module."""

    kind: str  # "class", "enum" or "alias"
    name: str
    base: str  # class and enum: the base class
    doc: str
    fields: tuple[ModelFieldView, ...] = ()
    members: tuple[tuple[str, str], ...] = ()  # enum: (member name, Python literal)
    value: str = ""  # alias: the aliased annotation
    rebind: str = ""  # "_Name": the name bound a second time, for annotations that cannot spell it


@dataclass(frozen=True)
class ModelModuleView:
    """One module of models."""

    path: str  # relative to types, dotted
    imports: str  # the import block at the top, as isort lays it out
    definitions: tuple[DefinitionView, ...]
    late_imports: tuple[str, ...]  # import statements at the end (names of sibling modules)


@dataclass(frozen=True)
class IndexView:
    """A package ``__init__`` exporting names lazily: ``types`` (``folder`` "") or one of its folders."""

    doc: str
    checking_imports: tuple[str, ...]  # import statements for type checkers
    runtime_prefix: str  # the relative import of the runtime package (``..`` or ``...``)
    folder: str
    shards: int  # the modules of ``types/_names``


@dataclass(frozen=True)
class NamesShardView:
    """``types/_names/n<shard>.py``: the module of every name whose CRC-32 gives ``shard``."""

    shard: str
    names: tuple[tuple[str, str], ...]  # (name, module path below types), sorted


@dataclass(frozen=True)
class LazyMapView:
    """A module exporting names lazily from a map: ``pagination.py``."""

    doc: str
    checking_imports: tuple[str, ...]
    names: tuple[tuple[str, str], ...]  # (name, relative module)


def relative_module(from_module: str, to_module: str) -> str:
    """The relative import path from the module ``from_module`` to ``to_module`` (both dotted from one root)."""
    source = from_module.split(".")[:-1]
    target = to_module.split(".")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "." * (len(source) - common + 1) + ".".join(target[common:])


_THIRD_PARTY = {"pydantic", "typing_extensions"}
LINE_LENGTH = 88


def _name_order(part: str) -> tuple[int, str]:
    """isort's order of imported names: constants, then classes, then the rest."""
    name = part.split(" ", 1)[0]
    return (0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2), part


def import_line(module: str, names: Iterable[tuple[str, str]], *, reexport: bool = False) -> str:
    """``from MODULE import A, B as _B`` for (name, local name) pairs (sorted, each once).

    With ``reexport``, every name is written ``A as A``: type checkers then take it as exported.
    """
    unique = {name if name == local and not reexport else f"{name} as {local}" for name, local in names}
    parts = sorted(unique, key=_name_order)
    return f"from {module} import {', '.join(parts)}"


def local_import_order(lines: Iterable[str]) -> list[str]:
    """Relative ``from`` imports as isort orders them: the furthest package first, then by module."""

    def key(line: str) -> tuple[int, str]:
        module = line.split(" ", 2)[1]
        return -(len(module) - len(module.lstrip("."))), module.lstrip(".")

    return sorted(lines, key=key)


def wrap_import(line: str, indent: int = 0) -> str:
    """A ``from ... import`` statement too long for a line, one name a line in parentheses (as ruff formats it)."""
    if indent + len(line) <= LINE_LENGTH or " import " not in line:
        return line
    head, names = line.split(" import ", 1)
    pad = " " * (indent + 4)
    return head + " import (\n" + "".join(f"{pad}{name},\n" for name in names.split(", ")) + " " * indent + ")"


def is_tagged_union_with_fallback(type_: TypeIR, by_name: dict[str, SchemaIR]) -> bool:
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


def _join(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    unique.sort(key=lambda p: p == "None")  # ``None`` last reads best: ``str | None``
    return " | ".join(unique)


class _Spelling:
    """How one module spells each global name, and what it must import for it."""

    def __init__(self, module: str, fields: set[str], local: set[str]) -> None:
        self.module = module
        self.fields = fields  # field names anywhere in the module: a global must not be spelled like one
        self.local = local  # names defined in the module
        self.external: dict[str, set[tuple[str, str]]] = {}  # module → (name, local name)
        self.used_models: dict[str, str] = {}  # model name → local name

    def name(self, name: str) -> str:
        local = f"_{name}" if name in self.fields else name
        if name in _EXTERNAL:
            self.external.setdefault(_EXTERNAL[name], set()).add((name, local))
        elif name in _BUILTINS:
            if local != name:
                self.external.setdefault("builtins", set()).add((name, local))
        else:
            self.used_models[name] = local
        return local


class ModelViews:
    """Builds the views of the model modules, the TypedDict modules and the indexes."""

    def __init__(self, api: ApiIR, layout: TypesLayout) -> None:
        self.api = api
        self.layout = layout
        self.schemas = {s.name: s for s in api.schemas}

    # -- model modules ---------------------------------------------------------------

    def module(self, module: ModelModule) -> ModelModuleView:
        """The view of one model module."""
        names = list(module.schemas)
        fields = {f.py_name for n in names for f in _fields(self.schemas[n])}
        spelling = _Spelling(module.path, fields, set(names))
        order = {name: i for i, name in enumerate(names)}
        siblings = set(module.siblings)
        definitions = []
        for index, name in enumerate(names):
            schema = self.schemas[name]

            def is_forward(ref: str, index: int = index) -> bool:
                owner = self.layout.module_of.get(ref)
                return (ref in order and order[ref] >= index) or owner in siblings

            definitions.append(self._definition(schema, spelling, is_forward))
        late: list[str] = []
        by_module: dict[str, list[tuple[str, str]]] = {}
        for name, spelled in spelling.used_models.items():
            owner = self.layout.module_of[name]
            if owner != module.path:
                by_module.setdefault(owner, []).append((name, spelled))
        bases = sorted({d.base for d in definitions if d.base})
        stdlib = [import_line(m, spelling.external[m]) for m in sorted(spelling.external) if m not in _THIRD_PARTY]
        third_party = [import_line(m, spelling.external[m]) for m in sorted(spelling.external) if m in _THIRD_PARTY]
        local: list[tuple[str, str]] = []  # (module, statement)
        depth = module.path.count(".") + 2  # types/<folder>/<module> → the package is three levels up
        if bases:
            runtime = "." * depth + "_models"
            local.append((runtime, import_line(runtime, [(b, b) for b in bases])))
        for owner in sorted(by_module):
            relative = relative_module(module.path, owner)
            line = import_line(relative, by_module[owner])
            if owner in siblings:
                late.append(line)
            else:
                local.append((relative, line))
        ordered_local = local_import_order(line for _, line in local)
        sections = [section for section in (stdlib, third_party, ordered_local) if section]
        block = "\n\n".join("\n".join(wrap_import(line) for line in section) for section in sections)
        return ModelModuleView(module.path, block, tuple(definitions), tuple(wrap_import(line) for line in late))

    def _definition(self, schema: SchemaIR, spelling: _Spelling, is_forward: Callable[[str], bool]) -> DefinitionView:
        rebind = f"_{schema.name}" if schema.name in spelling.fields else ""
        if isinstance(schema, EnumSchema):
            base = "StrOpenEnum" if schema.value_type == "str" else "IntOpenEnum"
            members = tuple(
                (member, python_literal(value))
                for member, value in zip(enum_member_names(schema.values), schema.values, strict=True)
            )
            return DefinitionView("enum", schema.name, base, schema.description, members=members, rebind=rebind)
        if isinstance(schema, AliasSchema):
            target = schema.target
            forward = any(is_forward(n) for n in schema_references(schema) if n != schema.name)
            value = _annotation(target, spelling, opaque=schema.name)
            wrap = spelling.name("TypeAliasType")
            value = python_literal(value) if forward else value
            return DefinitionView(
                "alias", schema.name, "", schema.description, value=f"{wrap}({python_literal(schema.name)}, {value})",
                rebind=rebind,
            )  # fmt: skip
        assert isinstance(schema, ObjectSchema)
        base = "UnknownVariant" if schema.is_union_fallback else "ClosedModel" if schema.closed else "BaseModel"
        views = tuple(self._field(f, spelling, is_forward) for f in schema.fields)
        return DefinitionView("class", schema.name, base, schema.description, fields=views, rebind=rebind)

    def _field(self, f: FieldIR, spelling: _Spelling, is_forward: Callable[[str], bool]) -> ModelFieldView:
        required = f.required and not f.write_only  # models parse responses, which never carry writeOnly
        annotation = _annotation(f.type, spelling)
        if not required and "None" not in _top_level(annotation):
            annotation = f"{annotation} | None"
        if any(is_forward(n) for n in named_types(f.type)):
            annotation = python_literal(annotation)
        arguments = []
        if f.py_name != f.wire_name:
            arguments.append(f"alias={python_literal(f.wire_name)}")
        if f.deprecated:
            arguments.append("deprecated=True")  # pydantic warns when it is read
        if is_tagged_union_with_fallback(f.type, self.schemas):
            arguments.append('union_mode="left_to_right"')
        if arguments:
            annotation = f"{spelling.name('Annotated')}[{annotation}, {spelling.name('Field')}({', '.join(arguments)})]"
        notice = f"Deprecated (sunset {f.sunset}). " if f.sunset else "Deprecated. "
        doc = (notice if f.deprecated else "") + f.description
        return ModelFieldView(f.py_name, annotation, "" if required else "None", doc.strip())


def _fields(schema: SchemaIR) -> tuple[FieldIR, ...]:
    return schema.fields if isinstance(schema, ObjectSchema) else ()


def _top_level(annotation: str) -> list[str]:
    """The ``|``-separated parts of an annotation outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(annotation):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(annotation[start:index].strip())
            start = index + 1
    parts.append(annotation[start:].strip())
    return parts


def _annotation(type_: TypeIR, spelling: _Spelling, opaque: str = "") -> str:
    """The annotation of a parsed value of ``type_`` in a model module.

    References to ``opaque`` become ``Any``: an alias that contains itself
    (``X = list[dict[str, X]]``) is typed loosely instead.
    """
    if isinstance(type_, NamedType):
        return spelling.name("Any") if type_.name == opaque else spelling.name(type_.name)
    if isinstance(type_, PrimitiveType):
        if type_.name == "str" and type_.format in ("date-time", "date"):
            return spelling.name("datetime" if type_.format == "date-time" else "date")
        if type_.name == "any":
            return spelling.name("Any")
        if type_.name == "none":
            return "None"
        return spelling.name(type_.name)
    if isinstance(type_, ArrayType):
        return f"{spelling.name('list')}[{_annotation(type_.items, spelling, opaque)}]"
    if isinstance(type_, MapType):
        return f"{spelling.name('dict')}[{spelling.name('str')}, {_annotation(type_.values, spelling, opaque)}]"
    if isinstance(type_, LiteralType):
        return "None" if type_.value is None else f"{spelling.name('Literal')}[{python_literal(type_.value)}]"
    if isinstance(type_, UnionType):
        if any(v == PrimitiveType("any") or v == NamedType(opaque) for v in type_.variants):
            return spelling.name("Any")  # a union with Any is Any
        return _join([_annotation(v, spelling, opaque) for v in type_.variants])
    raise TypeError(type_)  # pragma: no cover - the IR has no other kinds
