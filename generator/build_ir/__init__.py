"""Build the IR (:mod:`generator.ir`) from a loaded OpenAPI 3.0/3.1 document.

One entry point, :func:`build_ir`. The stages live in modules by concern: ``schemas``
(schemas → types), ``operations`` (resources, method names), ``parameters`` (parameters,
bodies, responses), ``pagination``, ``auth`` (security schemes, servers); ``api`` runs them.
Problems local to one operation or schema become located warnings and that part degrades
(skipped, or typed as ``Any``); problems with the document as a whole are ``SpecError``s.
"""

from __future__ import annotations

from pathlib import Path

from generator.build_ir.api import build_api
from generator.config import GeneratorConfig
from generator.ir import ApiIR
from generator.loader import SpecLoader
from generator.overlays import apply_overlays, load_overlay

__all__ = ["build_ir"]


def build_ir(
    spec_path: Path,
    config: GeneratorConfig | None = None,
    *,
    allow_ref_outside: tuple[Path, ...] = (),
    overlays: tuple[Path, ...] = (),
) -> ApiIR:
    """Load ``spec_path`` (and the files it references below its folder or ``allow_ref_outside``),
    apply ``overlays`` (Overlay 1.0 files, in order) to it, and build its IR."""
    loaded = [load_overlay(path) for path in overlays]  # all validated before the spec is read
    loader = SpecLoader(spec_path, allow_ref_outside)
    warnings = apply_overlays(loader.root, loaded) if loaded else []
    return build_api(loader, config or GeneratorConfig(), warnings)
