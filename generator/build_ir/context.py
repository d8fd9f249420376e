"""What every stage of the IR build shares: the loaded document, the config, names, warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.config import GeneratorConfig
from generator.errors import SpecError, SpecWarning
from generator.ir import SchemaIR, TypeIR
from generator.loader import Resolved, SpecDocument, SpecLoader
from generator.naming import RESERVED_CLASS_NAMES, NameRegistry

if TYPE_CHECKING:
    from generator.build_ir.schemas import SchemaConverter


class BuildContext:
    """State shared by the stages: one instance per build."""

    def __init__(self, loader: SpecLoader, config: GeneratorConfig) -> None:
        self.loader = loader
        self.doc = loader.root
        self.config = config
        self.warnings: list[SpecWarning] = []
        self.class_names = NameRegistry(RESERVED_CLASS_NAMES, case_sensitive=True)
        self.schemas: dict[str, SchemaIR] = {}  # named schemas, in registration order
        self.converter: SchemaConverter | None = None

    def warn(self, message: str, document: SpecDocument, pointer: str) -> None:
        """Record a located warning."""
        self.warnings.append(SpecWarning(message, document.locate(pointer)))


class Stage:
    """Base of the stages: shortcuts to the shared context."""

    def __init__(self, ctx: BuildContext) -> None:
        self.ctx = ctx
        self.loader = ctx.loader
        self.doc = ctx.doc
        self.config = ctx.config
        self.warnings = ctx.warnings
        self.class_names = ctx.class_names
        self.schemas = ctx.schemas

    def warn(self, message: str, document: SpecDocument, pointer: str) -> None:
        """Record a located warning."""
        self.ctx.warn(message, document, pointer)

    @property
    def converter(self) -> SchemaConverter:
        """The build's schema converter."""
        assert self.ctx.converter is not None, "the schema converter is created first"
        return self.ctx.converter

    def resolve(self, value: Any, document: SpecDocument, pointer: str, consequence: str) -> Resolved | None:
        """``value`` with its ``$ref``s followed, relative to the file that holds each one.

        A broken ``$ref`` is a located warning ending in ``consequence`` (e.g. "parameter skipped") and None.
        """
        try:
            return self.loader.resolve(value, document, pointer)
        except SpecError as exc:
            self.warnings.append(SpecWarning(f"{exc.message}; {consequence}", exc.location or document.locate(pointer)))
            return None

    def convert(self, schema: Any, document: SpecDocument, pointer: str, hint: str) -> TypeIR:
        """The IR type of ``schema`` (see :meth:`SchemaConverter.convert`)."""
        return self.converter.convert(schema, document, pointer, hint)
