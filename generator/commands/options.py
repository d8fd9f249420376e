"""Options several commands share: where the settings come from, and the package's names."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.config import FORMATTERS, NAMING_SCHEMES


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """``--config``, ``--allow-ref-outside`` and ``--overlay``: how a spec is read and named."""
    parser.add_argument(
        "--allow-ref-outside", action="append", type=Path, default=[], metavar="DIR",
        help="also read $ref'd files below DIR (by default only the spec's own folder); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--overlay", action="append", type=Path, default=[], metavar="FILE",
        help="apply this OpenAPI Overlay 1.0 file to the spec before anything else (after those of the config "
        "files); repeatable, applied in order",
    )  # fmt: skip
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="config file: YAML, or TOML with [tool.sdkgen] (default: ./pyproject.toml's [tool.sdkgen], "
        "then <spec>.sdk.yaml beside the spec)",
    )


def add_spec_options(parser: argparse.ArgumentParser) -> None:
    """The spec, the output folder, the package's names and how to render them."""
    parser.add_argument("spec", nargs="?", type=Path, default=None, help="OpenAPI file (YAML or JSON)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="output directory of the SDK project")
    add_config_options(parser)
    add_name_options(parser)
    parser.add_argument("--formatter", choices=FORMATTERS, default=None, help="code formatter (default: ruff)")
    parser.add_argument("--templates", type=Path, default=None, help="folder of templates overriding ours by name")
    parser.add_argument("--strict", action="store_true", help="fail (exit 2) when the spec gives any warning")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors (no warnings, no summary)")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="render and format afresh (neither read nor write the model and format caches)",
    )


def add_name_options(parser: argparse.ArgumentParser) -> None:
    """Flags naming the package; they override the config files."""
    parser.add_argument("--package-name", help="import name of the package, e.g. acme_sdk")
    parser.add_argument("--distribution-name", help="name on PyPI, e.g. acme-sdk")
    parser.add_argument("--client-class", help="name of the client class, e.g. Acme")
    parser.add_argument("--env-prefix", help="prefix of environment variables, e.g. ACME")
    parser.add_argument("--api-key-env-var", help="environment variable of the API key (default: PREFIX_API_KEY)")
    parser.add_argument("--base-url-env-var", help="environment variable of the base URL (default: PREFIX_BASE_URL)")
    parser.add_argument("--log-env-var", help="environment variable of the log level (default: PREFIX_LOG)")
    parser.add_argument("--base-url", help="default base URL")
    parser.add_argument("--package-version", dest="version", help="package version (default: info.version)")
    parser.add_argument(
        "--naming", choices=NAMING_SCHEMES, default=None, help="where resource names come from (default: paths)"
    )


def described(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str,
              examples: str) -> argparse.ArgumentParser:  # fmt: skip
    """A sub-command whose description is its help line and whose epilog lists examples."""
    return subparsers.add_parser(
        name,
        help=help_text,
        description=help_text[0].upper() + help_text[1:] + ".",
        epilog=examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
