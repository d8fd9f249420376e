"""Render the package files from the IR: Jinja templates, the runtime, and the models."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from generator import __version__
from generator.ir import ApiIR, JsonObject
from generator.models import render_models
from generator.views import PackageView, ViewBuilder

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
RUNTIME = TEMPLATES / "runtime"
HEADER = f"# File generated from an OpenAPI spec by sdkgen {__version__}. Do not edit by hand."
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def python_literal(value: Any) -> str:
    """A Python literal for a JSON value; strings via ``repr`` so nothing escapes the quotes."""
    if value is None or isinstance(value, (bool, int, float)):
        if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
            return "None"
        return repr(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, JsonObject):
        return "{" + ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in value) + "}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    raise TypeError(f"not a JSON value: {value!r}")


def docstring_text(text: str) -> str:
    """Make untrusted text safe inside a triple-quoted docstring (no escape, no injection)."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return text.strip()


def docstring(text: str, indent: int = 4) -> str:
    """A complete docstring (with quotes), indented for its block; empty text gives ``""``."""
    body = docstring_text(text)
    if not body.strip():
        return ""
    pad = " " * indent
    lines = [(pad + line).rstrip() if line.strip() else "" for line in body.split("\n")]
    if len(lines) == 1:
        # A quote right before the closing quotes would end the string early.
        return f'"""{lines[0].strip()}{" " if lines[0].endswith(chr(34)) else ""}"""'
    return '"""' + "\n".join(lines).lstrip() + "\n" + pad + '"""'


def markdown_text(text: str) -> str:
    """Untrusted text for a Markdown table cell or line: one line, no HTML."""
    text = _CONTROL.sub("", text).replace("\n", " ").replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;").strip()


def comment_text(text: str) -> str:
    """Untrusted text for a ``#`` comment: one line."""
    return _CONTROL.sub("", text).replace("\n", " ").replace("\r", " ").strip()


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
def environment() -> jinja2.Environment:
    """The Jinja environment (compiled once per process)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "package")),
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


def runtime_files() -> dict[str, str]:
    """The runtime modules, copied verbatim into every SDK."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(RUNTIME.glob("*.py"))}


def render_package(api: ApiIR) -> dict[str, str]:
    """Every file of the SDK project, by relative path (unformatted Python)."""
    runtime = runtime_files()
    view = ViewBuilder(api).build(tuple(sorted(runtime)))
    package = api.config.package_name
    env = environment()

    def render(template: str, **extra: Any) -> str:
        return env.get_template(template).render(view=view, api=api, config=api.config, header=HEADER, **extra)

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
        f"{package}/types/_models.py": render_models(api, HEADER),
        f"{package}/types/_params.py": render("types/_params.py.jinja"),
    }
    for resource in view.resources:
        files[f"{package}/resources/{resource.module_name}.py"] = render(
            "resources/resource.py.jinja", resource=resource
        )
    for name, text in runtime.items():
        files[f"{package}/{name}"] = text
    return files


def package_view(api: ApiIR) -> PackageView:
    """The view model (for tests and tools)."""
    return ViewBuilder(api).build(tuple(sorted(runtime_files())))
