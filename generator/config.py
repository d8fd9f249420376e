"""The small configuration of a generated package: names the spec cannot decide well alone.

Every key is optional; defaults are derived from the spec's ``info`` and ``servers``.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from generator.errors import SourceLocation, SpecError
from generator.loader import read_document
from generator.naming import ascii_words, pascal_case, snake_case

_TITLE_STOPWORDS = {"api", "apis", "openapi", "rest", "http", "service", "the", "spec", "v1", "v2", "v3"}
_PACKAGE_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
_DIST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
_ENV_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")


@dataclass(frozen=True)
class GeneratorConfig:
    """User-facing options; ``None`` means "derive from the spec"."""

    package_name: str | None = None
    distribution_name: str | None = None
    client_class: str | None = None
    env_prefix: str | None = None
    api_key_env_var: str | None = None
    base_url: str | None = None
    version: str | None = None

    def merged(self, **overrides: str | None) -> GeneratorConfig:
        """A copy with the non-None ``overrides`` applied (CLI flags win over the file)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return GeneratorConfig(**values)


def load_config(path: Path) -> GeneratorConfig:
    """Read a YAML/JSON config file; unknown keys and bad values are located errors."""
    document = read_document(path)
    raw = document.root if document.root is not None else {}
    if not isinstance(raw, dict):
        raise SpecError("the config file must be a mapping of option: value", document.locate(""))
    known = {f.name for f in fields(GeneratorConfig)}
    for key, value in raw.items():
        if key not in known:
            raise SpecError(
                f"unknown config option {key!r}",
                document.locate(f"/{key}"),
                f"known options: {', '.join(sorted(known))}",
            )
        if not isinstance(value, str):
            raise SpecError(f"config option {key!r} must be a string", document.locate(f"/{key}"))
    config = GeneratorConfig(**raw)
    validate_config(config, SourceLocation(str(path)))
    return config


def validate_config(config: GeneratorConfig, location: SourceLocation | None = None) -> None:
    """Reject names that would not make a valid package."""
    checks: list[tuple[str, str | None, bool]] = [
        ("package_name", config.package_name,
         config.package_name is None or (bool(_PACKAGE_RE.match(config.package_name))
                                         and not keyword.iskeyword(config.package_name))),
        ("distribution_name", config.distribution_name,
         config.distribution_name is None or bool(_DIST_RE.match(config.distribution_name))),
        ("client_class", config.client_class,
         config.client_class is None or (config.client_class.isidentifier()
                                         and config.client_class.isascii()
                                         and not keyword.iskeyword(config.client_class))),
        ("env_prefix", config.env_prefix,
         config.env_prefix is None or bool(_ENV_RE.match(config.env_prefix))),
        ("api_key_env_var", config.api_key_env_var,
         config.api_key_env_var is None or bool(_ENV_RE.match(config.api_key_env_var))),
    ]  # fmt: skip
    for name, value, ok in checks:
        if not ok:
            raise SpecError(f"invalid {name}: {value!r}", location, "use a valid Python/env name")


def title_words(title: str) -> list[str]:
    """The meaningful words of an API title (``Runloop Benchmark Jobs API`` → 3 words)."""
    words = [w for w in ascii_words(title) if w.lower() not in _TITLE_STOPWORDS]
    return words or ["api"]


def derive_names(title: str, config: GeneratorConfig) -> dict[str, str]:
    """Fill every name the config leaves out, from the spec's title."""
    words = title_words(title)
    package = config.package_name or snake_case("_".join(words), fallback="api")
    prefix = config.env_prefix or snake_case("_".join(words), fallback="api").upper()
    client = config.client_class or pascal_case(" ".join(words), fallback="Api")
    return {
        "package_name": package,
        "distribution_name": config.distribution_name or package.replace("_", "-"),
        "client_class": client,
        "async_client_class": f"Async{client}",
        "env_prefix": prefix,
        "api_key_env_var": config.api_key_env_var or f"{prefix}_API_KEY",
        "base_url_env_var": f"{prefix}_BASE_URL",
        "log_env_var": f"{prefix}_LOG",
    }


def as_text(value: Any) -> str:
    """Spec strings are sometimes numbers or dates in YAML; normalize to text."""
    return "" if value is None else str(value)
