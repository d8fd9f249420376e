"""Escaping of untrusted spec strings for the places they land: Python literals, docstrings,
comments and Markdown. Every value a template prints into code goes through one of these."""

from __future__ import annotations

import re
from typing import Any

from generator.ir import JsonObject

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def python_literal(value: Any) -> str:
    """A Python literal for a JSON value; strings via ``repr`` so nothing escapes the quotes."""
    if value is None or isinstance(value, (bool, int, float)):
        if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
            return "None"
        return repr(value)
    if isinstance(value, str):
        text = repr(value)
        # Double quotes as black and ruff write them; repr picked single quotes only for a string
        # without a single quote (else it would have chosen double), so none needs escaping.
        return f'"{text[1:-1]}"' if text[0] == "'" and '"' not in value else text
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
