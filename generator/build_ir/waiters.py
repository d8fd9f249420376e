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

Each problem with a declaration is a located warning and that waiter is left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from generator.build_ir.common import HTTP_METHODS
from generator.build_ir.context import Stage
from generator.errors import SpecError
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
from generator.loader import Resolved, SpecDocument, join_pointer
from generator.naming import NameRegistry, snake_case

EXTENSION = "x-sdk-waiters"
_KEYS = frozenset({"path", "success", "failure", "timeout", "interval", "description"})
_SCALARS = (str, int, float, bool)

# A declaration: its name, its value, and where it is written.
Declaration = tuple[str, Any, SpecDocument, str]


class WaiterBuilder(Stage):
    """Reads the waiter declarations and attaches a :class:`WaiterIR` to each polled operation."""

    def attach(
        self, resources: tuple[ResourceIR, ...], declared: Mapping[str, list[Declaration]] | None = None
    ) -> tuple[ResourceIR, ...]:
        """``resources`` with their operations' waiters; ``declared`` adds some by operationId (config)."""
        return self._attach(resources, self._operations_by_source(), declared or {})

    def _attach(
        self, resources: tuple[ResourceIR, ...], raw: dict[str, Resolved], declared: Mapping[str, list[Declaration]]
    ) -> tuple[ResourceIR, ...]:
        result: list[ResourceIR] = []
        for resource in resources:
            names = NameRegistry(frozenset({"with_raw_response", "with_streaming_response"}
                                           | {op.method_name for op in resource.operations}
                                           | {c.attr_name for c in resource.children}))  # fmt: skip
            operations: list[OperationIR] = []
            for op in resource.operations:
                declarations = self._declarations(raw.get(op.source))
                declarations += declared.get(op.operation_id, [])
                waiters = tuple(
                    w for name, value, document, pointer in declarations
                    if (w := self._waiter(op, name, value, document, pointer, names)) is not None
                )  # fmt: skip
                operations.append(dataclasses.replace(op, waiters=waiters) if waiters else op)
            children = self._attach(resource.children, raw, declared)
            result.append(dataclasses.replace(resource, operations=tuple(operations), children=children))
        return tuple(result)

    def _operations_by_source(self) -> dict[str, Resolved]:
        """Each operation by the pointer the root document lists it under (``OperationIR.source``)."""
        found: dict[str, Resolved] = {}
        paths = self.doc.root.get("paths")
        for path, raw_item in (paths if isinstance(paths, dict) else {}).items():
            try:
                item = self.loader.resolve(raw_item, self.doc, join_pointer("/paths", str(path)))
                if not isinstance(item.value, dict):
                    continue
                for method in HTTP_METHODS:
                    if method in item.value:
                        pointer = join_pointer(item.pointer, method)
                        op = self.loader.resolve(item.value[method], item.document, pointer)
                        found[join_pointer("/paths", str(path).split("#")[0], method)] = op
            except SpecError:
                continue  # the operations stage already reported it
        return found

    def _declarations(self, op: Resolved | None) -> list[Declaration]:
        if op is None or not isinstance(op.value, dict) or EXTENSION not in op.value:
            return []
        pointer = join_pointer(op.pointer, EXTENSION)
        value = op.value[EXTENSION]
        if not isinstance(value, dict):
            self.warn(f"`{EXTENSION}` must map waiter names to declarations; ignored", op.document, pointer)
            return []
        return [(str(name), decl, op.document, join_pointer(pointer, str(name))) for name, decl in value.items()]

    def _waiter(
        self, op: OperationIR, name: str, value: Any, document: SpecDocument, pointer: str, names: NameRegistry
    ) -> WaiterIR | None:
        def skip(message: str, where: str = pointer) -> WaiterIR | None:
            self.warn(f"waiter {name!r}: {message}; no wait_until method generated", document, where)
            return None

        if not isinstance(value, dict):
            return skip("a waiter needs `path`, `success` and optionally `failure`, `timeout`, `interval`")
        for key in value:
            if key not in _KEYS:
                self.warn(f"waiter {name!r}: unknown key {key!r} ignored (known: {', '.join(sorted(_KEYS))})",
                          document, join_pointer(pointer, str(key)))  # fmt: skip
        path, success, failure = value.get("path"), value.get("success"), value.get("failure", [])
        if not isinstance(path, str) or not path.strip():
            return skip("`path` must name the polled property, e.g. `state` or `status.phase`")

        def at(key: str) -> str:  # the key's own location when it is written
            return join_pointer(pointer, key) if key in value else pointer

        if not _scalar_list(success) or not success:
            return skip("`success` must list the values that end the wait", at("success"))
        if not _scalar_list(failure):
            return skip("`failure` must list values", at("failure"))
        timing: dict[str, float] = {}
        for key, default in (("timeout", 600.0), ("interval", 2.0)):
            number = value.get(key, default)
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not 0 < number < 10**7:
                return skip(f"`{key}` must be a positive number of seconds", at(key))
            timing[key] = float(number)
        required = [p.py_name for p in (*op.query_params, *op.header_params, *op.cookie_params) if p.required]
        if op.body is not None and op.body.required:
            required.append("the request body")
        if required:
            return skip(f"the polled operation needs more than its path parameters ({', '.join(required)})")
        if op.pagination is not None:
            return skip("the polled operation returns pages")
        if op.success is None or op.success.kind != "json" or op.success.type is None:
            return skip("the polled operation returns no JSON object")
        wire_path = tuple(part for part in path.split("."))
        resolved = self._attributes(op.success.type, wire_path)
        if isinstance(resolved, str):
            return skip(resolved, at("path"))
        attributes, values = resolved
        for value_name in (*success, *failure):
            if values is not None and value_name not in values:
                self.warn(f"waiter {name!r}: {value_name!r} is not a value of `{path}` "
                          f"({', '.join(map(repr, values))})", document, pointer)  # fmt: skip
        return WaiterIR(
            method_name=names.claim(f"wait_until_{snake_case(name, fallback='done')}"),
            path=attributes,
            wire_path=wire_path,
            success=tuple(success),
            failure=tuple(failure),
            timeout=timing["timeout"],
            interval=timing["interval"],
            source=pointer,
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


def _scalar_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value)
