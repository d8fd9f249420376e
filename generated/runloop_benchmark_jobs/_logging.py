"""Opt-in debug logging and the redaction of secrets in anything shown to people."""

from __future__ import annotations

import logging
import os
import re
import urllib.parse
from collections.abc import Collection, Iterable

import httpx

__all__ = [
    "REDACTED",
    "is_sensitive_name",
    "redact_headers",
    "redact_secrets",
    "redact_url",
    "setup_logging",
]

REDACTED = "<redacted>"

# Header / query names whose values are credentials or session state.
_SENSITIVE_NAME = re.compile(
    r"authori[sz]ation|(^|[-_])auth($|[-_])|api[-_]?key|apikey|token|secret"
    r"|password|passwd|cookie|session"
    r"|credential|signature|^key$|[-_]key$",
    re.IGNORECASE,
)
# "Idempotency-Key" ends in "-key" but is not a secret.
_NOT_SENSITIVE = frozenset({"idempotency-key"})

_HANDLER_MARK = "_sdk_runtime_handler"

# Shorter "secrets" are not real credentials; replacing them would garble messages.
_MIN_SECRET_CHARS = 6


def is_sensitive_name(name: str, extra: Collection[str] = ()) -> bool:
    """Whether a header or query parameter called ``name`` holds a secret."""
    lowered = name.lower()
    if lowered in _NOT_SENSITIVE:
        return False
    return bool(_SENSITIVE_NAME.search(lowered)) or lowered in {
        e.lower() for e in extra
    }


def redact_headers(
    headers: Iterable[tuple[str, str]], extra: Collection[str] = ()
) -> dict[str, str]:
    """Copy ``headers`` (name/value pairs) with secret values replaced."""
    return {
        name: (REDACTED if is_sensitive_name(name, extra) else value)
        for name, value in headers
    }


def redact_secrets(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each of ``secrets`` in ``text`` with ``<redacted>``.

    Used on error messages, which can quote a body in which the server echoed the
    credentials (e.g. ``"invalid API key sk-..."``).
    """
    wanted = {secret for secret in secrets if len(secret) >= _MIN_SECRET_CHARS}
    for secret in sorted(wanted, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def redact_url(url: httpx.URL | str, extra: Collection[str] = ()) -> str:
    """Render ``url`` with secret query parameters (and any userinfo) redacted."""
    parsed = httpx.URL(url)
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    if not parsed.query:
        return str(parsed)
    # Rewrite the raw query so the other parameters keep their exact encoding.
    parts: list[str] = []
    for part in parsed.query.decode("ascii").split("&"):
        name, sep, _ = part.partition("=")
        if sep and is_sensitive_name(urllib.parse.unquote_plus(name), extra):
            part = f"{name}={REDACTED}"
        parts.append(part)
    return f"{parsed.copy_with(query=None)}?{'&'.join(parts)}"


def setup_logging(logger_name: str, env_var: str | None) -> logging.Logger:
    """Return the SDK logger, enabling it when ``$env_var`` is ``debug`` or ``info``.

    A stream handler is attached at most once, so creating many clients is harmless.
    """
    logger = logging.getLogger(logger_name)
    level_name = os.environ.get(env_var, "").strip().lower() if env_var else ""
    if level_name not in ("debug", "info"):
        return logger
    logger.setLevel(logging.DEBUG if level_name == "debug" else logging.INFO)
    if not any(getattr(handler, _HANDLER_MARK, False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter(
                "[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"
            )
        )
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)
    return logger
