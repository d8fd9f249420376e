"""Operation extensions read after the operations are built: ``x-sdk-retries`` (here) and the
lookup of each operation's spec object that the waiters stage shares.

``x-sdk-retries`` on an operation sets how often its calls are retried: ``false`` (never) or
``{max_retries: N}``; it replaces the client's default, and a per-call ``max_retries`` still
wins. At the top of the document it sets the client's default.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.build_ir.common import HTTP_METHODS
from generator.build_ir.context import Stage
from generator.errors import SpecError
from generator.ir import ResourceIR
from generator.loader import Resolved, SpecDocument, join_pointer

RETRIES = "x-sdk-retries"
IGNORE = "x-sdk-ignore"
MAX_RETRIES = 100  # a bound on what a spec may ask for: each retry waits up to a minute


def operations_by_source(stage: Stage) -> dict[str, Resolved]:
    """Each operation's spec object by the pointer the root document lists it under (``OperationIR.source``)."""
    found: dict[str, Resolved] = {}
    paths = stage.doc.root.get("paths")
    for path, raw_item in (paths if isinstance(paths, dict) else {}).items():
        try:
            item = stage.loader.resolve(raw_item, stage.doc, join_pointer("/paths", str(path)))
            if not isinstance(item.value, dict):
                continue
            for method in HTTP_METHODS:
                if method in item.value:
                    op = stage.loader.resolve(item.value[method], item.document, join_pointer(item.pointer, method))
                    found[join_pointer("/paths", str(path).split("#")[0], method)] = op
        except SpecError:
            continue  # the operations stage already reported it
    return found


class RetriesBuilder(Stage):
    """Reads ``x-sdk-retries``."""

    def client_default(self) -> int | None:
        """The document's ``x-sdk-retries``: the client's default retry count (None: the SDK's)."""
        if not isinstance(self.doc.root, dict) or RETRIES not in self.doc.root:
            return None
        return self._count(self.doc.root[RETRIES], self.doc, join_pointer("", RETRIES))

    def attach(self, resources: tuple[ResourceIR, ...]) -> tuple[ResourceIR, ...]:
        """``resources`` with each operation's own retry count."""
        raw = operations_by_source(self)
        result = []
        for resource in resources:
            operations = []
            for op in resource.operations:
                spec = raw.get(op.source)
                if spec is not None and isinstance(spec.value, dict) and RETRIES in spec.value:
                    count = self._count(spec.value[RETRIES], spec.document, join_pointer(spec.pointer, RETRIES))
                    op = dataclasses.replace(op, max_retries=count)
                operations.append(op)
            result.append(dataclasses.replace(resource, operations=tuple(operations)))
        return tuple(result)

    def _count(self, value: Any, document: SpecDocument, pointer: str) -> int | None:
        if value is False:
            return 0
        count = value.get("max_retries") if isinstance(value, dict) else None
        if isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= MAX_RETRIES:
            return count
        self.warn(f"`{RETRIES}` must be false or {{max_retries: N}} with N from 0 to {MAX_RETRIES}; ignored",
                  document, pointer)  # fmt: skip
        return None
