"""Render the package files from the IR: Jinja templates, the runtime, and the models."""

from __future__ import annotations

import json
import traceback
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from generator import TEMPLATES, __version__
from generator.errors import GeneratorError
from generator.escape import comment_text, docstring, markdown_text, python_literal
from generator.ir import ApiIR
from generator.models import ModelRenderer
from generator.views import ViewBuilder

RUNTIME = TEMPLATES / "runtime"
HEADER = f"# File generated from an OpenAPI spec by sdkgen {__version__}. Edits survive regeneration."


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's per-user cache of compiled templates (checked against the template source).

    Compiling the templates is most of the rendering time of a small spec; with the cache
    only the first run in a while pays for it.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no usable temporary directory: compile every time
        return None


@cache
def environment(templates: Path | None = None) -> jinja2.Environment:
    """The Jinja environment (compiled once per process); ``templates`` overrides by file name."""
    search = [str(templates)] if templates is not None else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(TEMPLATES / "package")]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - we emit Python and Markdown, escaped by the filters below
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["lit"] = python_literal
    env.filters["docstring"] = docstring
    env.filters["md"] = markdown_text
    env.filters["comment"] = comment_text
    env.filters["toml"] = lambda value: json.dumps(str(value))
    return env


def template_error(env: jinja2.Environment, template: str, exc: Exception) -> GeneratorError:
    """A template failure as ``file:line: message``, the line found in the template's frames."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:
        try:
            filename = env.get_template(template).filename
        except jinja2.TemplateError:
            filename = template
        # Jinja maps the frames of compiled templates back to the template's own lines.
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
        line = frames[-1].lineno if frames else None
    where = f"{filename}:{line}" if line else str(filename)
    message = getattr(exc, "message", None) or str(exc)
    return GeneratorError(f"{where}: template {template} failed: {type(exc).__name__}: {message}")


def runtime_files() -> dict[str, str]:
    """The runtime modules, copied verbatim into every SDK."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(RUNTIME.glob("*.py"))}


def render_package(api: ApiIR, templates: Path | None = None, models: ModelRenderer | None = None) -> dict[str, str]:
    """Every file of the SDK project, by relative path (unformatted Python).

    ``templates`` is a folder of the user's templates, each replacing ours of the same name.
    The models render (or come from the cache) through ``models`` while the templates render.
    """
    if templates is not None and not templates.is_dir():
        raise GeneratorError(f"templates directory {templates} does not exist")
    pending_models = (models or ModelRenderer(use_worker=False)).submit(api, HEADER)
    runtime = runtime_files()
    view = ViewBuilder(api).build()
    package = api.config.package_name
    env = environment(templates.resolve() if templates is not None else None)

    def render(template: str, **extra: Any) -> str:
        try:
            return env.get_template(template).render(view=view, api=api, config=api.config, header=HEADER, **extra)
        except GeneratorError:
            raise
        except Exception as exc:  # a template's own error (or one it triggers), located in the template
            raise template_error(env, template, exc) from None

    files: dict[str, str] = {
        "pyproject.toml": render("pyproject.toml.jinja"),
        "README.md": render("README.md.jinja"),
        "api.md": render("api.md.jinja"),
        f"{package}/__init__.py": render("__init__.py.jinja"),
        f"{package}/_version.py": render("_version.py.jinja"),
        f"{package}/_client.py": render("_client.py.jinja"),
        f"{package}/py.typed": "",
        f"{package}/pagination.py": render("pagination.py.jinja"),
        f"{package}/resources/__init__.py": render("resources/__init__.py.jinja"),
        f"{package}/types/__init__.py": render("types/__init__.py.jinja"),
        f"{package}/types/_models.py": "",  # filled in last, when the worker is done
        f"{package}/types/_params.py": render("types/_params.py.jinja"),
    }
    if api.webhooks:
        files[f"{package}/webhooks.py"] = render("webhooks.py.jinja")
    for resource in view.resources:
        files[f"{package}/{resource.file_path}"] = render("resources/resource.py.jinja", resource=resource)
        if resource.package_init:
            files[f"{package}/{resource.package_init}"] = files[f"{package}/resources/__init__.py"]
    for name, text in runtime.items():
        files[f"{package}/{name}"] = text
    files[f"{package}/types/_models.py"] = pending_models.result()
    return files
