"""The small configuration of a generated package: names the spec cannot decide well alone.

Every key is optional; defaults are derived from the spec's ``info`` and ``servers``.
"""

from __future__ import annotations

import dataclasses
import keyword
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, cast

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


NAMING_SCHEMES = ("paths", "tags", "operation-ids")


@dataclass(frozen=True)
class OperationOverride:
    """The SDK name of one operation, set in the config instead of the spec.

    ``key`` is the operationId or ``"METHOD /path"`` (``post /v1/jobs/{id}/cancel``); ``resource`` is
    a dotted resource path (``beta.threads``).
    """

    key: str
    resource: str | None = None
    method: str | None = None


WaiterValue = str | int | float | bool
_WAITER_KEYS = ("path", "success", "failure", "timeout", "interval")


@dataclass(frozen=True)
class WaiterDeclaration:
    """A waiter declared in the config (``waiters``) or on an operation of the spec (``x-sdk-waiters``).

    ``key`` is the polled operation's operationId or ``"METHOD /path"`` ("" on the operation itself).
    """

    key: str
    name: str
    path: str
    success: tuple[WaiterValue, ...]
    failure: tuple[WaiterValue, ...] = ()
    timeout: float = 600.0
    interval: float = 2.0
    location: SourceLocation | None = field(default=None, compare=False)


def parse_waiter(key: str, name: str, value: object) -> WaiterDeclaration | tuple[str, str]:
    """A waiter's declaration, or what is wrong with it and the key where (``""``: the whole)."""

    def scalars(v: object) -> bool:
        return isinstance(v, list) and all(isinstance(x, str | int | float | bool) for x in cast(list[object], v))

    if not isinstance(value, dict):
        return "a waiter needs `path`, `success` and optionally `failure`, `timeout`, `interval`", ""
    fields_ = cast(dict[str, Any], value)
    for unknown in (k for k in fields_ if k not in _WAITER_KEYS):
        return f"unknown key {unknown!r} (known: {', '.join(_WAITER_KEYS)})", str(unknown)
    path = fields_.get("path")
    if not isinstance(path, str) or not path.strip():
        return (
            "`path` must name the polled property, e.g. `state` or `status.phase`",
            "path" if "path" in fields_ else "",
        )
    success, failure = fields_.get("success"), fields_.get("failure", [])
    if not scalars(success) or not success:
        return "`success` must list the values that end the wait", "success" if "success" in fields_ else ""
    if not scalars(failure):
        return "`failure` must list values", "failure"
    timing: dict[str, float] = {}
    for option, default in (("timeout", 600.0), ("interval", 2.0)):
        number = fields_.get(option, default)
        if isinstance(number, bool) or not isinstance(number, int | float) or not 0 < number < 10**7:
            return f"`{option}` must be a positive number of seconds", option
        timing[option] = float(number)
    return WaiterDeclaration(key, name, path.strip(), tuple(cast(list[WaiterValue], success)),
                             tuple(cast(list[WaiterValue], failure)), timing["timeout"], timing["interval"])  # fmt: skip


@dataclass(frozen=True)
class GeneratorConfig:
    """User-facing options of the IR build; ``None`` means "derive from the spec"."""

    package_name: str | None = None
    distribution_name: str | None = None
    client_class: str | None = None
    env_prefix: str | None = None
    api_key_env_var: str | None = None
    base_url_env_var: str | None = None
    log_env_var: str | None = None
    base_url: str | None = None
    version: str | None = None
    naming: str | None = None  # one of NAMING_SCHEMES; None: "paths"
    operations: tuple[OperationOverride, ...] = ()
    waiters: tuple[WaiterDeclaration, ...] = ()

    def merged(self, **overrides: object) -> GeneratorConfig:
        """A copy with the given ``overrides`` applied (CLI flags win over the file).

        ``None`` and an empty tuple leave a value as it is; operation overrides of the same key
        are replaced one by one.
        """
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in overrides.items():
            if value is None or value == ():
                continue
            if key == "operations":
                replaced = {o.key for o in cast(tuple[OperationOverride, ...], value)}
                value = (*(o for o in self.operations if o.key not in replaced), *cast(tuple[Any, ...], value))
            if key == "waiters":
                declared = {(w.key, w.name) for w in cast(tuple[WaiterDeclaration, ...], value)}
                value = (*(w for w in self.waiters if (w.key, w.name) not in declared), *cast(tuple[Any, ...], value))
            values[key] = value
        return GeneratorConfig(**values)


FORMATTERS = ("ruff", "black")
# Settings of a run rather than names of the package: where to read and write, how to format.
_RUN_KEYS = {"spec": "path", "output": "path", "templates": "path", "formatter": "choice", "overlays": "paths"}
# Keys whose values are not strings, and what they hold.
_STRUCTURED_KEYS = {"operations": "a mapping of operationId (or 'METHOD /path') to {resource, method}",
                    "overlays": "a list of overlay files",
                    "waiters": "a mapping of operationId (or 'METHOD /path') to {name: {path, success, failure}}"}  # fmt: skip


@dataclass(frozen=True)
class ConfigFile:
    """Everything one config file sets: the run (paths, formatter, overlays) and the names."""

    spec: Path | None = None
    output: Path | None = None
    templates: Path | None = None
    formatter: str | None = None
    overlays: tuple[Path, ...] = ()
    config: GeneratorConfig = GeneratorConfig()
    source: Path | None = None  # the file they were read from


def load_config(path: Path) -> GeneratorConfig:
    """Read the package names of a config file (YAML, JSON or TOML); errors are located."""
    return load_config_file(path).config


def load_config_file(path: Path) -> ConfigFile:
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
            return document.locate(f"/{key}")  # a key, or a key path below the top

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
        if option == "waiters":
            values[option] = _waiter_declarations(value, locate)
            continue
        if option == "overlays":
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise SpecError(f"config option {key!r} must be {_STRUCTURED_KEYS[option]}", locate(str(key)))
            values[option] = tuple(path.parent / v for v in value)
            continue
        if not isinstance(value, str):
            raise SpecError(f"config option {key!r} must be a string", locate(str(key)))
        if _RUN_KEYS.get(option) == "choice" and value not in FORMATTERS:
            raise SpecError(f"unknown formatter {value!r}", locate(str(key)), f"use one of: {', '.join(FORMATTERS)}")
        if option == "naming" and value not in NAMING_SCHEMES:
            raise SpecError(f"unknown naming {value!r}", locate(str(key)), f"use one of: {', '.join(NAMING_SCHEMES)}")
        values[option] = (path.parent / value) if _RUN_KEYS.get(option) == "path" else value
    config = GeneratorConfig(**{k: v for k, v in values.items() if k in names})
    validate_config(config, SourceLocation(str(path)))
    return ConfigFile(
        spec=values.get("spec"),
        output=values.get("output"),
        templates=values.get("templates"),
        formatter=values.get("formatter"),
        overlays=values.get("overlays", ()),
        config=config,
        source=path,
    )


def _operation_overrides(value: object, locate: Callable[[str], SourceLocation]) -> tuple[OperationOverride, ...]:
    """``{listJobs: {resource: jobs, method: list}, ...}`` → overrides, in the file's order.

    ``locate`` takes a key path below the file's table (``operations/listJobs/method``).
    """
    problem = f"`operations` must be {_STRUCTURED_KEYS['operations']}"
    if not isinstance(value, dict):
        raise SpecError(problem, locate("operations"))
    overrides = []
    for key, names in value.items():
        where = f"operations/{str(key).replace('~', '~0').replace('/', '~1')}"
        if not isinstance(key, str) or not key.strip() or not isinstance(names, dict):
            raise SpecError(f"{problem}; {key!r} is not", locate(where))
        for name in names:
            if name not in ("resource", "method"):
                raise SpecError(f"`operations.{key}`: unknown key {name!r}", locate(f"{where}/{name}"),
                                "use resource, method")  # fmt: skip
            if not isinstance(names[name], str) or not names[name].strip():
                raise SpecError(f"`operations.{key}.{name}` must be a non-empty string", locate(f"{where}/{name}"))
        overrides.append(OperationOverride(key.strip(), names.get("resource"), names.get("method")))
    return tuple(overrides)


def _waiter_declarations(value: object, locate: Callable[[str], SourceLocation]) -> tuple[WaiterDeclaration, ...]:
    """``{getJob: {completed: {path: state, success: [completed]}}}`` → declarations, located."""
    problem = f"`waiters` must be {_STRUCTURED_KEYS['waiters']}"
    if not isinstance(value, dict):
        raise SpecError(problem, locate("waiters"))
    declarations = []
    for key, waiters in value.items():
        where = f"waiters/{str(key).replace('~', '~0').replace('/', '~1')}"
        if not isinstance(key, str) or not key.strip() or not isinstance(waiters, dict) or not waiters:
            raise SpecError(f"{problem}; {key!r} is not", locate(where))
        for name, declaration in waiters.items():
            at = f"{where}/{str(name).replace('~', '~0').replace('/', '~1')}"
            parsed = parse_waiter(key.strip(), str(name), declaration)
            if isinstance(parsed, tuple):
                message, sub = parsed
                raise SpecError(f"`waiters.{key}.{name}`: {message}", locate(f"{at}/{sub}" if sub else at))
            declarations.append(dataclasses.replace(parsed, location=locate(at)))
    return tuple(declarations)


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

    def locate(key_path: str) -> SourceLocation:
        # tomllib keeps no positions: find the line of the deepest key of ``key_path`` in the table.
        table_prefix: str | None = "" if path.name != "pyproject.toml" and tool is None else None
        best: tuple[int, int] | None = None  # (depth matched, line)
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                header = stripped.strip("[] ").replace(" ", "")
                table_prefix = None
                if header == "tool.sdkgen" or header.startswith("tool.sdkgen."):
                    table_prefix = "/".join(header.split(".")[2:])
                continue
            match = re.match(r"^([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=", stripped)
            if table_prefix is None or match is None:
                continue
            full = "/".join(filter(None, (table_prefix, match.group(1).strip("\"'"))))
            if (key_path == full or key_path.startswith(full + "/")) and (best is None or full.count("/") >= best[0]):
                best = (full.count("/"), number)
        return SourceLocation(str(path), "/tool/sdkgen/" + key_path, best[1] if best else None, 1 if best else None)

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


# Modules a default package name must not take: importing the SDK would shadow them in the user's program.
_TAKEN_MODULES = frozenset(sys.stdlib_module_names) | {
    "httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "pydantic", "pydantic_core",
    "typing_extensions", "annotated_types", "typing_inspection",
}  # fmt: skip


def derive_names(title: str, config: GeneratorConfig) -> dict[str, str]:
    """Fill every name the config leaves out, from the spec's title.

    A package name that is a standard-library module or one of the SDK's dependencies (``calendar``,
    ``numbers``, ``httpx``) gets ``_sdk`` appended: it would shadow that module.
    """
    words = title_words(title)
    snake = snake_case("_".join(w.lower() for w in words), fallback="api")
    package = config.package_name or (f"{snake}_sdk" if snake in _TAKEN_MODULES else snake)
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
