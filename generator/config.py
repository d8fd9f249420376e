"""The small configuration of a generated package: names the spec cannot decide well alone.

Every key is optional; defaults are derived from the spec's ``info`` and ``servers``.
"""

from __future__ import annotations

import keyword
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from generator.errors import SourceLocation, SpecError
from generator.loader import read_document
from generator.naming import pascal_case, snake_case
from generator.naming import title_words as naming_title_words

# Words a person leaves out when naming an SDK after its API's title.
_TITLE_FILLER = frozenset(
    {"a", "an", "the", "of", "api", "apis", "openapi", "swagger", "rest", "restful", "http", "https", "json",
     "web", "service", "services", "spec", "specification", "definition", "definitions", "documentation",
     "docs", "official", "unofficial", "extension", "extensions", "platform", "public", "interface", "sdk"}
)  # fmt: skip
# Where a title's subtitle starts: "GitHub's official spec + Octokit extension", "Spotify Web API with fixes".
_SUBTITLE = re.compile(r"\s[-+|:\u2013\u2014]\s|[:(\[,;]|\s(?:with|for|by|from|including|and|using)\s", re.IGNORECASE)
_VERSION_WORD = re.compile(r"^v?\d+$", re.IGNORECASE)  # v2, 2010, the 3 and 1 of "3.1"
_MAX_TITLE_WORDS = 3
_PACKAGE_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
_DIST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
_ENV_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")


@dataclass(frozen=True)
class OperationOverride:
    """Where one operation goes, chosen by hand: ``key`` is its operationId or ``"METHOD /path"``."""

    key: str
    resource: str | None = None  # dotted: ``beta.threads``
    method: str | None = None


NAMINGS = ("paths", "tags", "operation-ids")


@dataclass(frozen=True)
class GeneratorConfig:
    """User-facing options; ``None`` means "derive from the spec"."""

    package_name: str | None = None
    distribution_name: str | None = None
    client_class: str | None = None
    env_prefix: str | None = None
    api_key_env_var: str | None = None
    base_url_env_var: str | None = None
    log_env_var: str | None = None
    base_url: str | None = None
    version: str | None = None
    naming: str | None = None  # "paths" (default when None) | "tags" | "operation-ids"
    operations: tuple[OperationOverride, ...] = ()

    def merged(self, **overrides: Any) -> GeneratorConfig:
        """A copy with the set (non-None, non-empty) ``overrides`` applied (CLI flags win over the file)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in overrides.items() if v is not None and v != ()})
        return GeneratorConfig(**values)


FORMATTERS = ("ruff", "black")
# Settings of a run rather than names of the package: where to read and write, how to format.
_RUN_KEYS = {"spec": "path", "output": "path", "templates": "path", "formatter": "choice"}


@dataclass(frozen=True)
class ToolSettings:
    """Everything a config file can set: the run (paths, formatter) and the package names."""

    spec: Path | None = None
    output: Path | None = None
    templates: Path | None = None
    formatter: str | None = None
    config: GeneratorConfig = GeneratorConfig()
    source: Path | None = None  # the file they were read from


def load_config(path: Path) -> GeneratorConfig:
    """Read the package names of a config file (YAML, JSON or TOML); errors are located."""
    return load_settings(path).config


def load_settings(path: Path) -> ToolSettings:
    """Read a config file: YAML/JSON options, or a TOML file's ``[tool.sdkgen]`` table.

    Keys may be spelled ``package_name`` or ``package-name``; relative paths are relative
    to the file's folder. Unknown keys and bad values are located errors.
    """
    if path.suffix.lower() == ".toml":
        raw, locate = _read_toml(path)
    else:
        document = read_document(path)
        yaml_root = document.root if document.root is not None else {}
        if not isinstance(yaml_root, dict):
            raise SpecError("the config file must be a mapping of option: value", document.locate(""))
        raw = yaml_root

        def locate(key: str) -> SourceLocation:
            return document.locate(f"/{key}")

    names = {f.name for f in fields(GeneratorConfig)}
    known = names | set(_RUN_KEYS)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        option = str(key).replace("-", "_")
        if option not in known:
            raise SpecError(
                f"unknown config option {key!r}", locate(str(key)), f"known options: {', '.join(sorted(known))}"
            )
        if option == "operations":
            values[option] = _operation_overrides(value, locate)
            continue
        if option == "naming" and value not in NAMINGS:
            raise SpecError(f"unknown naming {value!r}", locate(str(key)), f"use one of: {', '.join(NAMINGS)}")
        if not isinstance(value, str):
            raise SpecError(f"config option {key!r} must be a string", locate(str(key)))
        if _RUN_KEYS.get(option) == "choice" and value not in FORMATTERS:
            raise SpecError(f"unknown formatter {value!r}", locate(str(key)), f"use one of: {', '.join(FORMATTERS)}")
        values[option] = (path.parent / value) if _RUN_KEYS.get(option) == "path" else value
    config = GeneratorConfig(**{k: v for k, v in values.items() if k in names})
    validate_config(config, SourceLocation(str(path)))
    return ToolSettings(
        spec=values.get("spec"),
        output=values.get("output"),
        templates=values.get("templates"),
        formatter=values.get("formatter"),
        config=config,
        source=path,
    )


def _operation_overrides(value: Any, locate: Callable[[str], SourceLocation]) -> tuple[OperationOverride, ...]:
    """``operations: {listJobs: {resource: jobs, method: list}, "post /jobs/{id}/cancel": {method: stop}}``."""
    if not isinstance(value, dict):
        raise SpecError("config option 'operations' must map operationIds (or 'METHOD /path') to settings",
                        locate("operations"))  # fmt: skip
    overrides = []
    for key, settings in value.items():
        where = locate("operations")
        if not isinstance(settings, dict) or not settings or set(settings) - {"resource", "method"}:
            raise SpecError(f"operations.{key} must set `resource` and/or `method`", where,
                            "e.g. operations: {listJobs: {resource: jobs, method: list}}")  # fmt: skip
        for name in ("resource", "method"):
            text = settings.get(name)
            if text is not None and (not isinstance(text, str) or not re.fullmatch(r"[A-Za-z_][\w.-]*", text)):
                raise SpecError(f"operations.{key}.{name} must be a name like `jobs` or `beta.threads`", where)
        overrides.append(OperationOverride(str(key), settings.get("resource"), settings.get("method")))
    return tuple(overrides)


def _read_toml(path: Path) -> tuple[dict[str, Any], Callable[[str], SourceLocation]]:
    """The ``[tool.sdkgen]`` table (or, in a file without one, the whole file) and a locator."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"cannot read config file {path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"invalid TOML: {exc}", SourceLocation(str(path))) from None
    tool = data.get("tool")
    table = tool.get("sdkgen") if isinstance(tool, dict) else None
    if table is None:
        table = {} if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise SpecError("[tool.sdkgen] must be a table", SourceLocation(str(path)))
    lines = text.splitlines()

    def locate(key: str) -> SourceLocation:
        # tomllib keeps no positions: find the key's line inside the table.
        inside = path.name != "pyproject.toml" and tool is None
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                inside = stripped.replace(" ", "") in ("[tool.sdkgen]",)
            elif inside and re.match(rf"^{re.escape(key)}\s*=", stripped):
                return SourceLocation(str(path), "/tool/sdkgen/" + key, number, 1)
        return SourceLocation(str(path), "/tool/sdkgen/" + key)

    return table, locate


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.sdkgen]`` table, from ``start`` upwards."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return None
            tool = data.get("tool")
            return candidate if isinstance(tool, dict) and "sdkgen" in tool else None
    return None


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
        ("base_url_env_var", config.base_url_env_var,
         config.base_url_env_var is None or bool(_ENV_RE.match(config.base_url_env_var))),
        ("log_env_var", config.log_env_var,
         config.log_env_var is None or bool(_ENV_RE.match(config.log_env_var))),
    ]  # fmt: skip
    for name, value, ok in checks:
        if not ok:
            raise SpecError(f"invalid {name}: {value!r}", location, "use a valid Python/env name")


def title_words(title: str) -> list[str]:
    """The words a person would name the SDK by: ``GitHub's official OpenAPI spec + Octokit extension`` → GitHub.

    The title is cut where a subtitle starts; possessives, filler words (API, OpenAPI, REST, spec,
    official, ...) and version numbers go; at most three words are kept.
    """
    for part in _SUBTITLE.split(title):
        words = [w for w in naming_title_words(part) if w.lower() not in _TITLE_FILLER and not _VERSION_WORD.match(w)]
        if words:
            return words[:_MAX_TITLE_WORDS]
    return ["api"]


def _class_word(word: str) -> str:
    # Keep a word's own capitals (GitHub, USPTO, OAuth); capitalise the first letter of the rest.
    return word[:1].upper() + word[1:]


def derive_names(title: str, config: GeneratorConfig) -> dict[str, str]:
    """Fill every name the config leaves out, from the spec's title."""
    words = title_words(title)
    snake = snake_case("_".join(w.lower() for w in words), fallback="api")
    package = config.package_name or snake
    prefix = config.env_prefix or snake.upper()
    client = config.client_class or pascal_case("".join(_class_word(w) for w in words), fallback="Api")
    return {
        "package_name": package,
        "distribution_name": config.distribution_name or package.replace("_", "-"),
        "client_class": client,
        "async_client_class": f"Async{client}",
        "env_prefix": prefix,
        "api_key_env_var": config.api_key_env_var or f"{prefix}_API_KEY",
        "base_url_env_var": config.base_url_env_var or f"{prefix}_BASE_URL",
        "log_env_var": config.log_env_var or f"{prefix}_LOG",
    }


def as_text(value: Any) -> str:
    """Spec strings are sometimes numbers or dates in YAML; normalize to text."""
    return "" if value is None else str(value)
