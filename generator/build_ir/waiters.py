"""Waiters: ``x-sdk-waiters`` on an operation become ``wait_until_<name>`` methods of its resource.

A waiter polls the operation until a property of its result (``path``, dotted, as the spec
names the properties) takes one of the ``success`` values (the result is returned) or one of
the ``failure`` values (``WaiterFailedError``)::

    x-sdk-waiters:
      completed:                       # client.benchmark_jobs.wait_until_completed(id)
        path: state
        success: [completed]
        failure: [failed, cancelled, timeout]
        timeout: 3600                  # optional default, seconds (600)
        interval: 5                    # optional default, seconds before the second poll (2)

The same declarations may sit in the config (``waiters`` in ``<spec>.sdk.yaml`` or
``[tool.sdkgen]``), keyed by the operationId or ``"METHOD /path"`` of the polled operation.
Each problem with a declaration is a located warning and that waiter is left out.
"""

from __future__ import annotations

import dataclasses

from generator.build_ir.context import Stage
from generator.build_ir.extensions import operations_by_source
from generator.config import WaiterDeclaration, parse_waiter
from generator.errors import SpecWarning
from generator.ir import (
    AliasSchema,
    EnumSchema,
    NamedType,
    ObjectSchema,
    OperationIR,
    PrimitiveType,
    ResourceIR,
    TypeIR,
    UnionType,
    WaiterIR,
)
from generator.loader import Resolved, join_pointer
from generator.naming import NameRegistry, snake_case

EXTENSION = "x-sdk-waiters"


class WaiterBuilder(Stage):
    """Reads the waiter declarations and attaches a :class:`WaiterIR` to each polled operation."""

    def attach(self, resources: tuple[ResourceIR, ...]) -> tuple[ResourceIR, ...]:
        """``resources`` with their operations' waiters: the spec's ``x-sdk-waiters``, then the config's."""
        raw = operations_by_source(self)
        configured: dict[str, list[WaiterDeclaration]] = {}
        for declaration in self.config.waiters:
            configured.setdefault(_key(declaration.key), []).append(declaration)
        result: list[ResourceIR] = []
        for resource in resources:
            names = NameRegistry(frozenset({"with_raw_response", "with_streaming_response"}
                                           | {op.method_name for op in resource.operations}
                                           | {c.attr_name for c in resource.children}))  # fmt: skip
            operations: list[OperationIR] = []
            for op in resource.operations:
                declarations = self._declarations(raw.get(op.source))
                declarations += configured.pop(_key(op.operation_id), [])
                declarations += configured.pop(_key(f"{op.http_method} {op.path}"), [])
                waiters = tuple(w for d in declarations if (w := self._waiter(op, d, names)) is not None)
                operations.append(dataclasses.replace(op, waiters=waiters) if waiters else op)
            result.append(dataclasses.replace(resource, operations=tuple(operations)))
        for declarations in configured.values():
            for d in declarations:
                self._warn(d, f"no operation {d.key!r} (an operationId or 'METHOD /path')")
        return tuple(result)

    def _declarations(self, op: Resolved | None) -> list[WaiterDeclaration]:
        if op is None or not isinstance(op.value, dict) or EXTENSION not in op.value:
            return []
        pointer = join_pointer(op.pointer, EXTENSION)
        value = op.value[EXTENSION]
        if not isinstance(value, dict):
            self.warn(f"`{EXTENSION}` must map waiter names to declarations; ignored", op.document, pointer)
            return []
        declarations = []
        for name, raw in value.items():
            at = join_pointer(pointer, str(name))
            parsed = parse_waiter("", str(name), raw)
            if isinstance(parsed, tuple):
                message, key = parsed
                self.warn(f"waiter {str(name)!r}: {message}; no wait_until method generated", op.document,
                          join_pointer(at, key) if key else at)  # fmt: skip
                continue
            declarations.append(dataclasses.replace(parsed, location=op.document.locate(at)))
        return declarations

    def _warn(self, declaration: WaiterDeclaration, message: str) -> WaiterIR | None:
        """Record why the waiter is left out (returns None: no waiter)."""
        text = f"waiter {declaration.name!r}: {message}; no wait_until method generated"
        self.warnings.append(SpecWarning(text, declaration.location))
        return None

    def _waiter(self, op: OperationIR, declaration: WaiterDeclaration, names: NameRegistry) -> WaiterIR | None:
        required = [p.py_name for p in (*op.query_params, *op.header_params, *op.cookie_params) if p.required]
        if op.body is not None and op.body.required:
            required.append("the request body")
        if required:
            return self._warn(declaration, f"the polled operation needs more than its path parameters "
                                           f"({', '.join(required)})")  # fmt: skip
        if op.pagination is not None:
            return self._warn(declaration, "the polled operation returns pages")
        if op.success is None or op.success.kind != "json" or op.success.type is None:
            return self._warn(declaration, "the polled operation returns no JSON object")
        wire_path = tuple(declaration.path.split("."))
        resolved = self._attributes(op.success.type, wire_path)
        if isinstance(resolved, str):
            return self._warn(declaration, resolved)
        attributes, values = resolved
        for value in (*declaration.success, *declaration.failure):
            if values is not None and value not in values:
                self.warnings.append(SpecWarning(f"waiter {declaration.name!r}: {value!r} is not a value of "
                                                 f"`{declaration.path}` ({', '.join(map(repr, values))})",
                                                 declaration.location))  # fmt: skip
        return WaiterIR(
            method_name=names.claim(f"wait_until_{snake_case(declaration.name, fallback='done')}"),
            path=attributes,
            wire_path=wire_path,
            success=declaration.success,
            failure=declaration.failure,
            timeout=declaration.timeout,
            interval=declaration.interval,
            source=declaration.location.pointer if declaration.location else "",
        )

    def _attributes(
        self, type_: TypeIR, wire_path: tuple[str, ...]
    ) -> tuple[tuple[str, ...], tuple[str | int | float, ...] | None] | str:
        """The attribute names along ``wire_path`` and the enum values at its end; or why it fails."""
        attributes: list[str] = []
        current: TypeIR | None = type_
        for index, segment in enumerate(wire_path):
            schema = self._object(current)
            field = next((f for f in schema.fields if f.wire_name == segment), None) if schema else None
            if field is None:
                where = ".".join(wire_path[:index]) or "the result"
                return f"`{'.'.join(wire_path)}` is not a property path of the result ({where} has no {segment!r})"
            attributes.append(field.py_name)
            current = field.type
        end = self._named(current)
        return tuple(attributes), end.values if isinstance(end, EnumSchema) else None

    def _named(self, type_: TypeIR | None) -> object:
        for _ in range(50):  # alias chains end; the bound only guards against a cycle
            if isinstance(type_, UnionType):  # a nullable property: `X | None`
                others = [v for v in type_.variants if v != PrimitiveType("none")]
                type_ = others[0] if len(others) == 1 else None
            if not isinstance(type_, NamedType):
                return type_
            schema = self.schemas.get(type_.name)
            if not isinstance(schema, AliasSchema):
                return schema
            type_ = schema.target
        return None

    def _object(self, type_: TypeIR | None) -> ObjectSchema | None:
        schema = self._named(type_)
        return schema if isinstance(schema, ObjectSchema) else None


def _key(key: str) -> str:
    """An operationId as written; ``METHOD /path`` with the method in lower case."""
    method, _, path = key.strip().partition(" ")
    return f"{method.lower()} {path.strip()}" if path.strip().startswith("/") else key.strip()
