"""Where every model lives: the module layout of ``types/`` (and of the page classes).

Models are grouped so that importing one costs little and no file grows past what an editor
opens comfortably:

* The reference graph of the schemas is cut into strongly connected components (recursive
  groups, which stay together) and ordered as a DAG.
* A group that only one other group refers to, and that no operation names directly, joins
  that group's module: a model's private helper classes (hoisted inline schemas, their enums)
  sit beside it. Every other group starts a module of its own, named after its first model.
* A module lives in the folder of the one top-level resource whose operations reach it, or in
  the shared folder when several resources (or none) do.
* A group too large for one module (big recursive groups of real APIs) is cut into several;
  references between them are quoted forward references, imported at the end of each module.

The layout depends only on the IR, so it is deterministic; templates and views read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.build_ir.common import named_types
from generator.ir import (
    AliasSchema,
    ApiIR,
    EnumSchema,
    NamedType,
    ObjectSchema,
    OperationIR,
    ResourceIR,
    SchemaIR,
    TypeIR,
)
from generator.naming import NameRegistry, snake_case

# A module is cut before its estimated size passes either bound (the hard limits of a
# generated file are about 10,000 lines and 500 KB; the estimate is rough, so it keeps a margin).
MAX_MODULE_LINES = 4_000
MAX_MODULE_BYTES = 200_000
SHARED_FOLDER = "shared"
WEBHOOKS_USER = "\0webhooks"  # the webhooks count as one more user of the models they reach


def schema_references(schema: SchemaIR) -> list[str]:
    """The schemas ``schema`` refers to, in order of appearance, without repeats."""
    names: list[str] = []
    if isinstance(schema, ObjectSchema):
        for f in schema.fields:
            names.extend(named_types(f.type))
        names.extend(named_types(schema.additional_properties))
    elif isinstance(schema, AliasSchema):
        names.extend(named_types(schema.target))
    return list(dict.fromkeys(names))


def operation_types(op: OperationIR) -> Iterator[TypeIR]:
    """Every type an operation's signature, body or responses name."""
    for p in (*op.path_params, *op.query_params, *op.header_params, *op.cookie_params):
        yield p.type
    if op.body is not None:
        yield op.body.type
        for f in op.body.fields or ():
            yield f.type
    for response in (*((op.success,) if op.success else ()), *op.errors):
        if response.type is not None:
            yield response.type
    if op.pagination is not None:
        yield op.pagination.item_type
        if op.pagination.page_schema:
            yield NamedType(op.pagination.page_schema)


def resource_operations(resource: ResourceIR) -> Iterator[OperationIR]:
    """The operations of ``resource`` and of the resources nested below it."""
    yield from resource.operations
    for child in getattr(resource, "children", ()):
        yield from resource_operations(child)


def estimated_size(schema: SchemaIR) -> tuple[int, int]:
    """Rough (lines, bytes) of the rendered source of ``schema``."""

    def doc(text: str) -> tuple[int, int]:
        if not text.strip():
            return 0, 0
        lines = text.strip().count("\n") + 1
        return (lines + 2 if lines > 1 else 1), len(text) + 12

    lines, size = doc(schema.description)
    lines, size = lines + 3, size + len(schema.name) + 30
    if isinstance(schema, ObjectSchema):
        for f in schema.fields:
            doc_lines, doc_bytes = doc(f.description)
            lines += 1 + doc_lines + (f.py_name != f.wire_name or f.deprecated)
            size += doc_bytes + 2 * len(f.py_name) + 40
    elif isinstance(schema, EnumSchema):
        lines += len(schema.values)
        size += sum(2 * len(str(v)) + 10 for v in schema.values)
    else:
        lines += 2
        size += 60
    return lines, size


@dataclass(frozen=True)
class ModelModule:
    """One module of ``types/``: its models, in the order they are defined."""

    path: str  # dotted, below ``types``: ``repos.full_repository``
    folder: str
    schemas: tuple[str, ...]
    # Modules holding the other parts of the same recursive group (cut for size): imported at the end.
    siblings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TypesLayout:
    """Every model's module and every module's models."""

    modules: tuple[ModelModule, ...]
    module_of: dict[str, str] = field(compare=False)  # schema name → module path
    params_module_of: dict[str, str] = field(compare=False)  # schema name (with a TypedDict) → params module path
    folders: tuple[str, ...] = ()
    pages_module_of: dict[str, str] = field(default_factory=dict, compare=False)  # resource module → pages module

    def folder_modules(self, folder: str) -> list[str]:
        """The module paths (models and params) of ``folder``, sorted."""
        paths = {m.path for m in self.modules if m.folder == folder}
        paths |= {p for p in self.params_module_of.values() if p.split(".", 1)[0] == folder}
        return sorted(paths)


def strongly_connected(nodes: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's components of the graph, dependencies first (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(edges[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _definition_order(members: Iterable[str], position: dict[str, int], schemas: dict[str, SchemaIR]) -> list[str]:
    """Members of one recursive group: enums, then classes, then aliases (an alias is evaluated at once)."""

    def rank(name: str) -> tuple[int, int]:
        schema = schemas[name]
        kind = 0 if isinstance(schema, EnumSchema) else 1 if isinstance(schema, ObjectSchema) else 2
        return kind, position[name]

    ordered = sorted(members, key=rank)
    aliases = [n for n in ordered if isinstance(schemas[n], AliasSchema)]
    if len(aliases) < 2:
        return ordered
    # Aliases that name other aliases of the group come after them (depth-first, IR order).
    placed: list[str] = []
    seen: set[str] = set()
    alias_set = set(aliases)

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        for ref in schema_references(schemas[name]):
            if ref in alias_set:
                visit(ref)
        placed.append(name)

    for name in aliases:
        visit(name)
    return [n for n in ordered if n not in alias_set] + placed


def build_layout(api: ApiIR, resource_folders: dict[str, str] | None = None) -> TypesLayout:
    """The module of every schema of ``api``.

    ``resource_folders`` maps each top-level resource's module name to its folder name (by
    default the module name itself).
    """
    schemas = {s.name: s for s in api.schemas}
    position = {s.name: i for i, s in enumerate(api.schemas)}
    edges = {name: [r for r in schema_references(s) if r in schemas] for name, s in schemas.items()}

    # Who reaches what: top-level resources (and the webhooks) by the names they use directly.
    direct_users: dict[str, set[str]] = {name: set() for name in schemas}
    for resource in api.resources:
        for op in resource_operations(resource):
            for type_ in operation_types(op):
                for name in named_types(type_):
                    if name in direct_users:
                        direct_users[name].add(resource.module_name)
    for hook in api.webhooks:
        for name in named_types(hook.payload):
            if name in direct_users:
                direct_users[name].add(WEBHOOKS_USER)
    entry_points = {name for name, users in direct_users.items() if users}

    components = strongly_connected(list(schemas), edges)  # dependencies first
    component_of = {name: i for i, members in enumerate(components) for name in members}
    parents: list[set[int]] = [set() for _ in components]
    for name, targets in edges.items():
        for target in targets:
            if component_of[target] != component_of[name]:
                parents[component_of[target]].add(component_of[name])
    users: list[set[str]] = [set() for _ in components]
    for i in reversed(range(len(components))):  # referrers first: their users flow down
        for name in components[i]:
            users[i] |= direct_users[name]
        for parent in parents[i]:
            users[i] |= users[parent]
    sizes = []
    for members in components:
        lines = bytes_ = 0
        for name in members:
            schema_lines, schema_bytes = estimated_size(schemas[name])
            lines, bytes_ = lines + schema_lines, bytes_ + schema_bytes
        sizes.append((lines, bytes_))

    # Units: a component joins the unit of its only referrer unit, unless it is an entry point.
    unit_of: list[int] = [-1] * len(components)
    units: list[list[int]] = []  # unit → its components
    unit_size: list[list[int]] = []
    for i in reversed(range(len(components))):
        referrer_units = {unit_of[p] for p in parents[i]}
        lines, bytes_ = sizes[i]
        if len(referrer_units) == 1 and not (set(components[i]) & entry_points):
            (unit,) = referrer_units
            if unit_size[unit][0] + lines <= MAX_MODULE_LINES and unit_size[unit][1] + bytes_ <= MAX_MODULE_BYTES:
                unit_of[i] = unit
                units[unit].append(i)
                unit_size[unit][0] += lines
                unit_size[unit][1] += bytes_
                continue
        unit_of[i] = len(units)
        units.append([i])
        unit_size.append([lines, bytes_])

    # Folders: the one resource that reaches a unit's root, else the shared folder.
    folder_names = NameRegistry()
    resource_folders = dict(resource_folders or {})
    for resource in api.resources:
        resource_folders.setdefault(resource.module_name, resource.module_name)
    claimed_folders: dict[str, str] = {}
    for module_name, folder in resource_folders.items():
        claimed_folders[module_name] = folder_names.claim(folder)
    shared = folder_names.claim(SHARED_FOLDER)

    module_names: dict[str, NameRegistry] = {}
    modules: list[ModelModule] = []
    module_of: dict[str, str] = {}
    # Units in the order of their roots in the IR, so names are claimed in document order.
    unit_order = sorted(range(len(units)), key=lambda u: min(position[n] for c in units[u] for n in components[c]))
    for unit in unit_order:
        root = units[unit][0]
        root_users = users[root] - {WEBHOOKS_USER}
        folder = (
            claimed_folders[next(iter(root_users))] if len(root_users) == 1 and not users[root] - root_users else shared
        )
        registry = module_names.setdefault(folder, NameRegistry(frozenset({"__init__"})))
        # Definition order: dependencies first (Tarjan's order is that, over components).
        ordered: list[str] = []
        for component in sorted(units[unit]):
            ordered.extend(_definition_order(components[component], position, schemas))
        # Named after what operations use (the group's first such model), else its first model.
        root_name = min(components[root], key=lambda n: (n not in entry_points, position[n]))
        base = snake_case(root_name, fallback="model")
        for number, part in enumerate(_cut(ordered, schemas), start=1):
            path = f"{folder}.{registry.claim(base if number == 1 else f'{base}_{number}')}"
            modules.append(ModelModule(path, folder, tuple(part)))
            for name in part:
                module_of[name] = path
    modules = _with_siblings(modules, module_of, edges)

    params_module_of: dict[str, str] = {}
    # Enums of the same values share one Literal type: the first of them (in the IR) defines it.
    owners: dict[str, str] = {}
    for schema in api.schemas:
        if isinstance(schema, (ObjectSchema, EnumSchema)) and schema.param_name:
            owners.setdefault(schema.param_name, schema.name)
    for module in modules:
        # Request types beside their model: TypedDicts, and the Literal of an enum several requests take.
        with_params = [
            n
            for n in module.schemas
            if isinstance(schemas[n], (ObjectSchema, EnumSchema)) and owners.get(schemas[n].param_name) == n  # type: ignore[union-attr]
        ]
        if with_params:
            folder, name = module.path.split(".", 1)
            path = f"{folder}.{module_names[folder].claim(name + '_params')}"
            for schema_name in with_params:
                params_module_of[schema_name] = path
    folders = tuple(sorted({m.folder for m in modules} | {p.split(".", 1)[0] for p in params_module_of.values()}))
    return TypesLayout(tuple(modules), module_of, params_module_of, folders)


def _cut(members: list[str], schemas: dict[str, SchemaIR]) -> list[list[str]]:
    """``members`` in consecutive parts that each stay within the module bounds."""
    parts: list[list[str]] = [[]]
    lines = bytes_ = 0
    for name in members:
        schema_lines, schema_bytes = estimated_size(schemas[name])
        if parts[-1] and (lines + schema_lines > MAX_MODULE_LINES or bytes_ + schema_bytes > MAX_MODULE_BYTES):
            parts.append([])
            lines = bytes_ = 0
        parts[-1].append(name)
        lines, bytes_ = lines + schema_lines, bytes_ + schema_bytes
    return parts


def _with_siblings(
    modules: list[ModelModule], module_of: dict[str, str], edges: dict[str, list[str]]
) -> list[ModelModule]:
    """Mark the modules that refer to each other (parts of one cut recursive group)."""
    depends: dict[str, set[str]] = {m.path: set() for m in modules}
    for module in modules:
        for name in module.schemas:
            depends[module.path].update(module_of[t] for t in edges[name] if module_of[t] != module.path)
    # Two modules are siblings when each reaches the other: the same component of the module graph.
    cyclic = strongly_connected(list(depends), {k: sorted(v) for k, v in depends.items()})
    group_of = {path: tuple(sorted(group)) for group in cyclic if len(group) > 1 for path in group}
    return [
        ModelModule(m.path, m.folder, m.schemas, tuple(p for p in group_of.get(m.path, ()) if p != m.path))
        for m in modules
    ]
