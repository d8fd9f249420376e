"""Settings of a run, resolved once: CLI flags over the config file over ``<spec>.sdk.yaml``.

The command line parses its flags, :func:`resolve_settings` turns them and the files into one
:class:`Settings`, and every command reads only that value.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build_ir import build_ir
from generator.config import ConfigFile, GeneratorConfig, find_pyproject, load_config_file, validate_config
from generator.errors import GeneratorError
from generator.ir import ApiIR
from generator.release import read_release

# Flags that set a name of the package (they override the config files).
NAME_FLAGS = ("package_name", "distribution_name", "client_class", "env_prefix", "api_key_env_var",
              "base_url_env_var", "log_env_var", "base_url", "version", "naming")  # fmt: skip


@dataclass(frozen=True)
class Layers:
    """Where settings come from, kept to resolve another spec (the other side of a diff) the same way."""

    flag_names: GeneratorConfig = field(default_factory=GeneratorConfig)
    flag_formatter: str | None = None
    flag_templates: Path | None = None
    flag_overlays: tuple[Path, ...] = ()
    config_file: ConfigFile = field(
        default_factory=ConfigFile
    )  # --config, or the nearest pyproject.toml's [tool.sdkgen]
    read_beside: bool = True  # without --config, <spec>.sdk.yaml beside the spec counts


@dataclass(frozen=True)
class Settings:
    """Everything the commands read; built by :func:`resolve_settings`."""

    spec: Path | None  # the spec to generate from (None for commands that take their own, like diff)
    output: Path | None  # the SDK project folder
    names: GeneratorConfig  # the names of ``spec``'s SDK: its .sdk.yaml < config file < flags
    formatter: str = "ruff"
    templates: Path | None = None
    overlays: tuple[Path, ...] = ()  # applied in order: .sdk.yaml's, the config file's, then --overlay
    allow_ref_outside: tuple[Path, ...] = ()
    strict: bool = False
    quiet: bool = False
    use_cache: bool = True
    force: bool = False
    released: str | None = None  # the version the output's manifest records for its last release
    layers: Layers = field(default_factory=Layers, repr=False)

    @property
    def config_file(self) -> Path | None:
        """The config file the settings were read from, if any."""
        return self.layers.config_file.source

    def for_spec(self, spec: Path) -> Settings:
        """These settings for another spec file: its own ``.sdk.yaml`` beside it, the same flags and file."""
        return _combine(self, spec)

    def build(self, spec: Path | None = None) -> ApiIR:
        """The IR of ``spec`` (default: the configured one), with these names and overlays."""
        if spec is not None and spec != self.spec:
            return self.for_spec(spec).build()
        if self.spec is None:
            raise GeneratorError(
                "no spec given: pass the OpenAPI file, or set `spec` under [tool.sdkgen] in pyproject.toml"
            )
        # A released version sticks across regenerations; an explicit `version` setting still wins.
        names = self.names.merged(version=self.released) if self.released and not self.names.version else self.names
        return build_ir(self.spec, names, allow_ref_outside=self.allow_ref_outside, overlays=self.overlays)


def resolve_settings(args: argparse.Namespace) -> Settings:
    """The settings of a command line: flags, then ``--config`` or the nearest ``[tool.sdkgen]``,
    then ``<spec>.sdk.yaml`` beside the spec (only without ``--config``)."""
    config_path: Path | None = getattr(args, "config", None)
    if config_path is not None:
        config_file = load_config_file(config_path)
    else:
        pyproject = find_pyproject(Path.cwd())
        config_file = load_config_file(pyproject) if pyproject else ConfigFile()
    layers = Layers(
        flag_names=GeneratorConfig().merged(**{k: getattr(args, k, None) for k in NAME_FLAGS}),
        flag_formatter=getattr(args, "formatter", None),
        flag_templates=getattr(args, "templates", None),
        flag_overlays=tuple(getattr(args, "overlay", None) or ()),
        config_file=config_file,
        read_beside=config_path is None,
    )
    spec: Path | None = getattr(args, "spec", None)
    output: Path | None = getattr(args, "output", None)
    if spec is None:
        spec = config_file.spec
        output = output or config_file.output
    elif output is None and _same_file(spec, config_file.spec):
        output = config_file.output  # the configured output belongs to the configured spec only
    if output is None and spec is not None:
        output = Path(spec.stem.replace(".", "_") + "_sdk")
    base = Settings(
        spec=spec,
        output=output,
        names=GeneratorConfig(),
        allow_ref_outside=tuple(getattr(args, "allow_ref_outside", None) or ()),
        strict=bool(getattr(args, "strict", False)),
        quiet=bool(getattr(args, "quiet", False)),
        use_cache=not getattr(args, "no_cache", False),
        force=bool(getattr(args, "force", False)),
        released=release.version if (release := read_release(output)) else None,
        layers=layers,
    )
    return _combine(base, spec)


def _combine(base: Settings, spec: Path | None) -> Settings:
    """``base``'s layers resolved for ``spec``: flags over the config file over ``<spec>.sdk.yaml``."""
    layers = base.layers
    beside = _beside(spec) if spec is not None and layers.read_beside else ConfigFile()
    file = layers.config_file
    names = beside.config.merged(**vars(file.config)).merged(**vars(layers.flag_names))
    validate_config(names)
    return replace(
        base,
        spec=spec,
        names=names,
        formatter=layers.flag_formatter or file.formatter or beside.formatter or "ruff",
        templates=layers.flag_templates or file.templates or beside.templates,
        overlays=(*beside.overlays, *file.overlays, *layers.flag_overlays),
    )


def _beside(spec: Path) -> ConfigFile:
    """``<spec>.sdk.yaml`` beside the spec, if there is one."""
    path = spec.with_name(spec.name.split(".")[0] + ".sdk.yaml")
    if not path.exists():
        return ConfigFile()
    settings = load_config_file(path)
    if settings.spec is not None or settings.output is not None:
        raise GeneratorError(
            f"{path}: `spec` and `output` cannot be set beside the spec; "
            "set them in pyproject.toml's [tool.sdkgen] or a --config file"
        )
    return settings


def _same_file(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and a.resolve() == b.resolve()
