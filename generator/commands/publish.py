"""``publish``: upload the SDK's built files for its current version with twine."""

from __future__ import annotations

import argparse
import sys

from generator.commands.build import add_output_options, project_folder
from generator.commands.options import described
from generator.publish import read_project, redacted_url, upload
from generator.settings import Settings

EXAMPLES = """\
examples:
  TWINE_USERNAME=__token__ TWINE_PASSWORD=pypi-... python -m generator publish
  python -m generator publish -o acme_sdk --repository-url https://pypi.example.com/

Uploads OUT/dist/'s sdist and wheel of the version in OUT/pyproject.toml (run `build` first).
Credentials: TWINE_USERNAME and TWINE_PASSWORD, or the system keyring (as twine reads them);
they never appear on a command line or in the output.
Exit codes: 0 published, 1 the index refused it (e.g. that version is already there), 2 bad input."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``publish`` command."""
    parser = described(subparsers, "publish", "upload the built SDK to a package index with twine", EXAMPLES)
    add_output_options(parser)
    parser.add_argument(
        "--repository-url", default=None, metavar="URL", help="the index's upload URL (default: PyPI's)"
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Upload; a version the index already has is refused with a clear message."""
    project = read_project(project_folder(settings))
    where = redacted_url(args.repository_url) if args.repository_url else "PyPI"
    result = upload(project, args.repository_url)
    if result.ok:
        print(f"published {project.name} {project.version} to {where}", file=sys.stderr)
        return 0
    if result.already_exists:
        print(f"error: {where} already has {project.name} {project.version}: an index never takes the same version "
              "twice; release a new version (`sdkgen release`), build and publish it", file=sys.stderr)  # fmt: skip
    else:
        print(f"error: uploading {project.name} {project.version} to {where} failed:\n{result.output}", file=sys.stderr)
    return 1
